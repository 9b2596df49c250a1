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
    required=True,
    type=click.Path(exists=True, dir_okay=False),
    help="Label file: SemEval subtask-2 or subtask-1 TSV, or JSONL (repeatable).",
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
    docs: str | None,
    out: str | None,
    embedder: str,
    taxonomies: tuple[str, ...],
) -> None:
    """Train the narrative and role classifiers on labelled articles."""
    from narrascope.characterise.train import train

    try:
        report = train(list(labels), docs, out, embedder=embedder, taxonomies=taxonomies)
    except NarrascopeError as exc:
        raise click.ClickException(str(exc)) from exc
    click.echo(
        f"trained on {report.documents} documents and {report.mentions} mentions "
        f"({report.labels_trained} narrative labels learned); model: {report.path}"
    )


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
