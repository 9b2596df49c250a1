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
@click.option("--json", "as_json", is_flag=True, help="Print the scores as JSON.")
def eval_cmd(task: str, gold: str | None, pred: str | None, as_json: bool) -> None:
    """Score a task with its official metrics (SemEval samples-F1, quote speaker F1, ...).

    ``techniques`` without ``--pred`` cross-validates the technique model (5 folds by
    article) on the SemEval-2023 Task 3 training split, next to the all-Loaded-Language
    baseline.
    """
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
