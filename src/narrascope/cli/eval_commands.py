"""``narrascope eval``: score predictions (or Narrascope itself) against gold data."""

from __future__ import annotations

import importlib
import json

import click

from narrascope.errors import EvaluationError

TASKS = {
    "cleaning": "narrascope.evaluation.cleaning",
    "extraction": "narrascope.evaluation.extraction",
    "semeval": "narrascope.evaluation.semeval",
    "stories": "narrascope.evaluation.stories",
    "techniques": "narrascope.evaluation.techniques",
}


def run_evaluation(task: str, gold: str | None, pred: str | None) -> dict[str, float]:
    """Score one task; ``pred`` None runs Narrascope on the gold set's articles.

    ``gold`` may be None only for ``techniques`` (its corpus under ``$NARRASCOPE_DATA``).
    """
    if gold is None and task != "techniques":
        raise EvaluationError(f"eval {task}: --gold is required")
    try:
        module = importlib.import_module(TASKS[task])
    except KeyError:
        raise EvaluationError(f"unknown task {task!r}; tasks: {', '.join(TASKS)}") from None
    scores: dict[str, float] = module.evaluate(gold, pred)
    return scores


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
    help="cleaning only: trafilatura's evaluation set (folder with tests/evaldata.py and "
    "tests/cache/); scores Narrascope and trafilatura settings side by side.",
)
@click.option(
    "--ecbplus",
    type=click.Path(exists=True, file_okay=False),
    default=None,
    help="stories only: the ECB+ folder (topics 1-35 are read); scores story clustering"
    " against ECB+ events and topics, cross-validated by topic, beside a TF-IDF baseline.",
)
@click.option("--folds", type=click.IntRange(2, 35), default=5, help="Topic folds (--ecbplus).")
@click.option(
    "--with-centroid",
    is_flag=True,
    help="--ecbplus: also score the centroid StoryIndex (the clustering before issue #17).",
)
@click.option("--json", "as_json", is_flag=True, help="Print the scores as JSON.")
def eval_cmd(
    task: str,
    gold: str | None,
    pred: str | None,
    web_pages: str | None,
    ecbplus: str | None,
    folds: int,
    with_centroid: bool,
    as_json: bool,
) -> None:
    """Score a task with its official metrics (SemEval samples-F1, quote speaker F1, ...).

    ``techniques`` without ``--pred`` cross-validates the technique model (5 folds by
    article) on the SemEval-2023 Task 3 training split, next to the all-Loaded-Language
    baseline.
    """
    if web_pages is not None:
        if task != "cleaning":
            raise click.UsageError("--trafilatura-eval applies to the cleaning task only")
        from narrascope.evaluation.web_pages import evaluate_pages, format_table

        page_scores = evaluate_pages(web_pages)
        click.echo(json.dumps(page_scores, indent=1) if as_json else format_table(page_scores))
        return
    if ecbplus is not None:
        if task != "stories":
            raise click.UsageError("--ecbplus goes with the stories task")
        from narrascope.evaluation.ecbplus_stories import evaluate_ecbplus

        scores = evaluate_ecbplus(ecbplus, n_folds=folds, centroid=with_centroid)
    else:
        scores = run_evaluation(task, gold, pred)
    if as_json:
        click.echo(json.dumps(scores, indent=1, sort_keys=True))
        return
    width = max((len(k) for k in scores), default=10)
    for key in sorted(scores):
        value = scores[key]
        shown = f"{value:.4f}" if isinstance(value, float) else str(value)
        click.echo(f"{key:<{width}}  {shown}")


def register(cli: click.Group) -> None:
    """Add ``eval`` to the group."""
    cli.add_command(eval_cmd)
