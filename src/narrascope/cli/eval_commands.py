"""``narrascope eval``: score predictions (or Narrascope itself) against gold data."""

from __future__ import annotations

import importlib
import json
from typing import Any

import click

from narrascope.errors import EvaluationError, NarrascopeError

TASKS = {
    "attribution": "narrascope.evaluation.attribution",
    "claims": "narrascope.evaluation.ecbplus_claims",
    "cleaning": "narrascope.evaluation.cleaning",
    "coref": "narrascope.evaluation.coref",
    "extraction": "narrascope.evaluation.extraction",
    "semeval": "narrascope.evaluation.semeval",
    "stories": "narrascope.evaluation.stories",
    "techniques": "narrascope.evaluation.techniques",
}


def run_evaluation(
    task: str, gold: str | None, pred: str | None, **opts: Any
) -> dict[str, float]:
    """Score one task; ``pred`` None runs Narrascope on the gold set's articles.

    ``gold`` may be None only for ``techniques`` (its corpus under ``$NARRASCOPE_DATA``).
    """
    if gold is None and task != "techniques":
        raise EvaluationError(f"eval {task}: --gold is required")
    try:
        module = importlib.import_module(TASKS[task])
    except KeyError:
        raise EvaluationError(f"unknown task {task!r}; tasks: {', '.join(TASKS)}") from None
    scores: dict[str, float] = (
        module.evaluate(gold, pred, **opts) if opts else module.evaluate(gold, pred)
    )
    return scores


def _check_task(option: str, given: object, task: str, allowed: tuple[str, ...]) -> None:
    if given is not None and task not in allowed:
        raise click.UsageError(f"{option} applies to: {', '.join(allowed)}")


@click.command("eval")
@click.argument("task", type=click.Choice(sorted(TASKS)))
@click.option(
    "--gold",
    default=None,
    type=click.Path(exists=True),
    help="Gold file or folder (techniques: default $NARRASCOPE_DATA/semeval2023-task3/data).",
)
@click.option(
    "--pred",
    type=click.Path(exists=True),
    default=None,
    help="Predictions in the task's format; omitted: run Narrascope on the gold articles.",
)
@click.option(
    "--trafilatura-eval",
    "web_pages",
    type=click.Path(exists=True, file_okay=False),
    default=None,
    help="cleaning: trafilatura's evaluation set (folder with tests/evaldata.py and "
    "tests/cache/); scores Narrascope and trafilatura settings side by side.",
)
@click.option(
    "--polnear",
    type=click.Path(exists=True),
    default=None,
    help="attribution: PolNeAR root (default $NARRASCOPE_DATA/polnear).",
)
@click.option("--split", default="dev", show_default=True, help="attribution: train or dev.")
@click.option(
    "--ecbplus",
    type=click.Path(exists=True, file_okay=False),
    default=None,
    help="stories, coref, claims: the ECB+ folder of topics (coref and claims default "
    "$NARRASCOPE_DATA/ecbplus/ECB+_LREC2014/ECB+; topics 36-45 are never read).",
)
@click.option(
    "--topics", default="1-35", show_default=True, help="coref, claims: topic range, e.g. 1-35."
)
@click.option("--limit", type=int, default=None, help="attribution/coref: first N documents.")
@click.option("--folds", type=click.IntRange(2, 35), default=5, help="stories --ecbplus: folds.")
@click.option(
    "--with-centroid",
    is_flag=True,
    help="stories --ecbplus: also score the centroid StoryIndex (the clustering before #17).",
)
@click.option(
    "--model",
    default=None,
    help="semeval: model to run (file or folder; 'auto' = the default learned model; "
    "'none' = zero-shot). Default: auto.",
)
@click.option(
    "--embedder",
    type=click.Choice(["static", "minilm"]),
    default=None,
    help="semeval: sentence embeddings of the zero-shot path and evidence (default static).",
)
@click.option(
    "--cv",
    is_flag=True,
    help="semeval: --gold is the training release (language folders); report 5-fold "
    "cross-validated scores of the learned models, per language, beside the baselines.",
)
@click.option("--cache", default=None, help="semeval --cv: folder caching the embeddings.")
@click.option("--json", "as_json", is_flag=True, help="Print the scores as JSON.")
def eval_cmd(
    task: str,
    gold: str | None,
    pred: str | None,
    web_pages: str | None,
    polnear: str | None,
    split: str,
    ecbplus: str | None,
    topics: str,
    limit: int | None,
    folds: int,
    with_centroid: bool,
    model: str | None,
    embedder: str | None,
    cv: bool,
    cache: str | None,
    as_json: bool,
) -> None:
    """Score a task with its official metrics (SemEval samples-F1, quote speaker F1, ...).

    Real-corpus evaluations score Narrascope beside a peer or baseline in the same run:
    ``cleaning --trafilatura-eval`` (trafilatura's pages), ``attribution`` (PolNeAR),
    ``coref`` (ECB+ entities), ``stories --ecbplus`` (ECB+ events), ``claims`` (claims
    matched across outlets, ECB+ event coreference), ``techniques``
    (SemEval-2023 Task 3, cross-validated without ``--pred``), ``semeval --cv``
    (SemEval-2025 Task 10 training release, cross-validated).
    """
    if cv:
        _cross_validate(task, gold, as_json, cache)
        return
    _check_task("--trafilatura-eval", web_pages, task, ("cleaning",))
    _check_task("--polnear", polnear, task, ("attribution",))
    _check_task("--ecbplus", ecbplus, task, ("stories", "coref", "claims"))
    scores: dict[str, Any]
    if web_pages is not None:
        from narrascope.evaluation.web_pages import evaluate_pages, format_table

        page_scores = evaluate_pages(web_pages)
        click.echo(json.dumps(page_scores, indent=1) if as_json else format_table(page_scores))
        return
    if task == "attribution":
        from narrascope.evaluation.attribution import evaluate_polnear

        scores = evaluate_polnear(polnear or gold, split, limit=limit)
    elif task == "coref":
        from narrascope.evaluation.coref import evaluate_ecbplus as evaluate_coref

        scores = evaluate_coref(ecbplus or gold, topics, limit=limit)
    elif task == "claims":
        from narrascope.evaluation.ecbplus_claims import evaluate_claims

        scores = evaluate_claims(ecbplus or gold, topics)
    elif task == "stories" and ecbplus is not None:
        from narrascope.evaluation.ecbplus_stories import evaluate_ecbplus

        scores = evaluate_ecbplus(ecbplus, n_folds=folds, centroid=with_centroid)
    else:
        opts: dict[str, Any] = {}
        if task == "semeval" and model is not None:
            opts["model"] = None if model.lower() == "none" else model
        if task == "semeval" and embedder is not None:
            opts["embedder"] = embedder
        try:
            scores = run_evaluation(task, gold, pred, **opts)
        except NarrascopeError as exc:
            raise click.ClickException(str(exc)) from exc
    _print_scores(scores, as_json)


def _print_scores(scores: dict[str, Any], as_json: bool) -> None:
    if as_json:
        click.echo(json.dumps(scores, indent=1, sort_keys=True))
        return
    width = max((len(k) for k in scores), default=10)
    for key in sorted(scores):
        value = scores[key]
        shown = f"{value:.4f}" if isinstance(value, float) else str(value)
        click.echo(f"{key:<{width}}  {shown}")


def _cross_validate(task: str, gold: str | None, as_json: bool, cache: str | None) -> None:
    from narrascope.characterise.release_train import crossval_release
    from narrascope.cli.characterise_commands import format_cv

    if task != "semeval":
        raise click.UsageError("--cv is only available for the semeval task")
    if gold is None:
        raise click.UsageError("--cv needs --gold: the SemEval-2025 training release folder")
    try:
        report = crossval_release(gold, cache=cache)
    except NarrascopeError as exc:
        raise click.ClickException(str(exc)) from exc
    click.echo(json.dumps(report, indent=1) if as_json else format_cv(report))


def register(cli: click.Group) -> None:
    """Add ``eval`` to the group."""
    cli.add_command(eval_cmd)
