"""``narrascope eval``: score predictions (or Narrascope itself) against gold data."""

from __future__ import annotations

import importlib
import json

import click

from narrascope.errors import EvaluationError

TASKS = {
    "attribution": "narrascope.evaluation.attribution",
    "cleaning": "narrascope.evaluation.cleaning",
    "extraction": "narrascope.evaluation.extraction",
    "semeval": "narrascope.evaluation.semeval",
    "stories": "narrascope.evaluation.stories",
    "coref": "narrascope.evaluation.coref",
}


def run_evaluation(task: str, gold: str, pred: str | None) -> dict[str, float]:
    """Score one task; ``pred`` None runs Narrascope on the gold set's articles."""
    try:
        module = importlib.import_module(TASKS[task])
    except KeyError:
        raise EvaluationError(f"unknown task {task!r}; tasks: {', '.join(TASKS)}") from None
    scores: dict[str, float] = module.evaluate(gold, pred)
    return scores


@click.command("eval")
@click.argument("task", type=click.Choice(sorted(TASKS)))
@click.option("--gold", type=click.Path(exists=True), default=None, help="Gold file or folder.")
@click.option(
    "--polnear",
    type=click.Path(exists=True),
    default=None,
    help="attribution: PolNeAR root (default $NARRASCOPE_DATA/polnear).",
)
@click.option("--split", default="dev", show_default=True, help="attribution: train or dev.")
@click.option(
    "--ecbplus",
    type=click.Path(exists=True),
    default=None,
    help="coref: ECB+ folder of topics (default $NARRASCOPE_DATA/ecbplus/ECB+_LREC2014/ECB+).",
)
@click.option("--topics", default="1-35", show_default=True, help="coref: topic range, e.g. 1-35.")
@click.option("--limit", type=int, default=None, help="attribution/coref: first N documents.")
@click.option(
    "--pred",
    type=click.Path(exists=True),
    default=None,
    help="Predictions in the task's format; omitted: run Narrascope on the gold articles.",
)
@click.option("--json", "as_json", is_flag=True, help="Print the scores as JSON.")
def eval_cmd(
    task: str,
    gold: str | None,
    polnear: str | None,
    split: str,
    ecbplus: str | None,
    topics: str,
    limit: int | None,
    pred: str | None,
    as_json: bool,
) -> None:
    """Score a task with its official metrics (SemEval samples-F1, quote speaker F1, ...).

    The attribution and coref tasks read third-party corpora (PolNeAR, ECB+) and score
    Narrascope beside a peer or baseline in the same run.
    """
    if task == "attribution":
        from narrascope.evaluation.attribution import evaluate_polnear

        scores = evaluate_polnear(polnear or gold, split, limit=limit)
    elif task == "coref":
        from narrascope.evaluation.coref import evaluate_ecbplus

        scores = evaluate_ecbplus(ecbplus or gold, topics, limit=limit)
    elif gold is None:
        raise click.UsageError(f"eval {task} needs --gold")
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
