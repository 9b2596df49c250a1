"""``narrascope eval``: score predictions (or Narrascope itself) against gold data."""

from __future__ import annotations

import importlib
import json
from typing import Any

import click

from narrascope.errors import EvaluationError, NarrascopeError

TASKS = {
    "cleaning": "narrascope.evaluation.cleaning",
    "extraction": "narrascope.evaluation.extraction",
    "semeval": "narrascope.evaluation.semeval",
    "stories": "narrascope.evaluation.stories",
}


def run_evaluation(task: str, gold: str, pred: str | None, **opts: Any) -> dict[str, float]:
    """Score one task; ``pred`` None runs Narrascope on the gold set's articles."""
    try:
        module = importlib.import_module(TASKS[task])
    except KeyError:
        raise EvaluationError(f"unknown task {task!r}; tasks: {', '.join(TASKS)}") from None
    scores: dict[str, float] = (
        module.evaluate(gold, pred, **opts) if opts else module.evaluate(gold, pred)
    )
    return scores


@click.command("eval")
@click.argument("task", type=click.Choice(sorted(TASKS)))
@click.option("--gold", required=True, type=click.Path(exists=True), help="Gold file or folder.")
@click.option(
    "--pred",
    type=click.Path(exists=True),
    default=None,
    help="Predictions in the task's format; omitted: run Narrascope on the gold articles.",
)
@click.option("--json", "as_json", is_flag=True, help="Print the scores as JSON.")
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
def eval_cmd(
    task: str, gold: str, pred: str | None, as_json: bool, model: str | None,
    embedder: str | None, cv: bool, cache: str | None,
) -> None:  # fmt: skip
    """Score a task with its official metrics (SemEval samples-F1, quote speaker F1, ...)."""
    if cv:
        _cross_validate(task, gold, as_json, cache)
        return
    opts: dict[str, Any] = {}
    if task == "semeval" and model is not None:
        opts["model"] = None if model.lower() == "none" else model
    if task == "semeval" and embedder is not None:
        opts["embedder"] = embedder
    try:
        scores = run_evaluation(task, gold, pred, **opts)
    except NarrascopeError as exc:
        raise click.ClickException(str(exc)) from exc
    if as_json:
        click.echo(json.dumps(scores, indent=1, sort_keys=True))
        return
    width = max((len(k) for k in scores), default=10)
    for key in sorted(scores):
        value = scores[key]
        shown = f"{value:.4f}" if isinstance(value, float) else str(value)
        click.echo(f"{key:<{width}}  {shown}")


def _cross_validate(task: str, gold: str, as_json: bool, cache: str | None) -> None:
    from narrascope.characterise.release_train import crossval_release
    from narrascope.cli.characterise_commands import format_cv

    if task != "semeval":
        raise click.UsageError("--cv is only available for the semeval task")
    try:
        report = crossval_release(gold, cache=cache)
    except NarrascopeError as exc:
        raise click.ClickException(str(exc)) from exc
    click.echo(json.dumps(report, indent=1) if as_json else format_cv(report))


def register(cli: click.Group) -> None:
    """Add ``eval`` to the group."""
    cli.add_command(eval_cmd)
