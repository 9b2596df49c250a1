"""Core commands: analyze, ingest, search, show, export, failures, schema, settings."""

from __future__ import annotations

import json
import textwrap
from collections.abc import Iterator
from contextlib import contextmanager

import click
from tqdm import tqdm

from narrascope.analysis import (
    RunReport,
    connect_stored,
    ingest_and_analyse,
    ingest_paths,
    link_only,
    load_corpus,
)
from narrascope.cli.common import (
    EXIT_NOTHING_USABLE,
    EXIT_SOME_FAILED,
    db_option,
    quiet_option,
    settings_from,
    store_for,
)
from narrascope.config import setting_table
from narrascope.errors import NarrascopeError
from narrascope.export import FORMATS, TABLES, export_table
from narrascope.models import Document, Failure
from narrascope.output import render_schema, write_output
from narrascope.store import open_store

paths_argument = click.argument("paths", nargs=-1, required=True)
RUN_SOURCE = "(run)"


@contextmanager
def _bar(quiet: bool, desc: str) -> Iterator[tqdm]:
    bar = tqdm(desc=desc, unit="doc", disable=quiet, leave=False, dynamic_ncols=True)
    try:
        yield bar
    finally:
        bar.close()


def _finish(report: RunReport, quiet: bool, verb: str) -> None:
    for failure in report.failures:
        click.echo(f"{failure.source}: [{failure.stage}] {failure.reason}", err=True)
    if not quiet:
        duplicates = len(report.duplicates)
        click.echo(
            f"{verb}: {len(report.seen)} document(s), {report.added} new, "
            f"{report.analysed} analysed, {len(report.failures) - duplicates} failure(s), "
            f"{duplicates} duplicate input(s) skipped",
            err=True,
        )
        if report.languages:
            click.echo(f"languages: {report.language_summary()}", err=True)
    code = report.exit_code
    if code == 2:
        raise SystemExit(EXIT_NOTHING_USABLE)
    if code == 1:
        raise SystemExit(EXIT_SOME_FAILED)


@click.command()
@paths_argument
@db_option
@click.option(
    "-o",
    "--out",
    type=click.Path(dir_okay=False),
    help="Write the result JSON here ('-' for stdout).",
)
@click.option(
    "-w",
    "--workers",
    type=click.IntRange(1, 64),
    default=None,
    help="Worker processes (default: every core this process may use).",
)
@click.option("--engine", type=click.Choice(["local", "ray"]), default=None, help="Runner engine.")
@click.option("--ray-address", default=None, help="Ray cluster address (with --engine ray).")
@click.option(
    "--max-bytes", type=click.IntRange(1), default=None, help="Largest input file, in bytes."
)
@click.option(
    "--taxonomy",
    type=click.Path(exists=True, dir_okay=False),
    default=None,
    help="User taxonomy file.",
)
@click.option(
    "--no-connect",
    is_flag=True,
    help="Skip stories and contradictions (entities are still linked across documents).",
)
@quiet_option
@click.pass_context
def analyze(
    ctx: click.Context,
    paths: tuple[str, ...],
    db: str | None,
    out: str | None,
    workers: int | None,
    engine: str | None,
    ray_address: str | None,
    max_bytes: int | None,
    taxonomy: str | None,
    no_connect: bool,
    quiet: bool,
) -> None:
    """Ingest, clean, analyse and connect articles (files, folders, URLs, feeds or '-')."""
    settings = settings_from(
        ctx,
        db=db,
        workers=workers,
        engine=engine,
        ray_address=ray_address,
        max_bytes=max_bytes,
        taxonomy=taxonomy,
        connect=False if no_connect else None,
    )
    store = open_store(settings.db)
    try:
        report = RunReport()
        with _bar(quiet, "analyse") as bar:
            try:
                ingest_and_analyse(paths, store, settings, progress=bar.update, report=report)
            except NarrascopeError:
                raise
            except Exception as exc:  # recorded; what was stored before is still connected
                reason = f"{type(exc).__name__}: {exc}"
                report.failures.append(Failure(RUN_SOURCE, "analyse", reason))
        if settings.connect and report.seen:
            report.failures.extend(connect_stored(store, settings))
        elif report.seen:  # --no-connect: the corpus' entities, without stories
            report.failures.extend(link_only(store, settings))
        if out:  # whatever failed above is in report.failures: the result is always written
            corpus = load_corpus(store, report.seen)
            corpus.failures = report.failures
            write_output(corpus, out)
    finally:
        store.close()
    _finish(report, quiet, "analyzed")


@click.command()
@paths_argument
@db_option
@click.option(
    "--max-bytes", type=click.IntRange(1), default=None, help="Largest input file, in bytes."
)
@quiet_option
@click.pass_context
def ingest(
    ctx: click.Context, paths: tuple[str, ...], db: str | None, max_bytes: int | None, quiet: bool
) -> None:
    """Read, clean and store articles without analysing them."""
    settings = settings_from(ctx, db=db, max_bytes=max_bytes)
    store = open_store(settings.db)
    try:
        with _bar(quiet, "ingest") as bar:
            report = ingest_paths(paths, store, settings, progress=bar.update)
    finally:
        store.close()
    _finish(report, quiet, "ingested")


@click.command()
@click.argument("query")
@db_option
@click.option("-n", "--limit", type=click.IntRange(1, 1000), default=20, show_default=True)
@click.option("--json", "as_json", is_flag=True, help="JSON lines instead of text.")
@click.pass_context
def search(ctx: click.Context, query: str, db: str | None, limit: int, as_json: bool) -> None:
    """Full-text search over titles and clean text."""
    with store_for(ctx, db) as store:
        hits = store.search(query, limit=limit)
    for hit in hits:
        if as_json:
            click.echo(
                json.dumps(
                    hit.__dict__
                    if hasattr(hit, "__dict__")
                    else {
                        "doc_id": hit.doc_id,
                        "title": hit.title,
                        "outlet": hit.outlet,
                        "published": hit.published,
                        "snippet": hit.snippet,
                        "score": hit.score,
                    },
                    ensure_ascii=False,
                )
            )
        else:
            click.echo(
                f"{hit.doc_id}  {hit.published or '':<10}  {hit.outlet or '-'}  {hit.title or ''}"
            )
            click.echo(f"    {hit.snippet}")
    if not hits and not as_json:
        click.echo("no match", err=True)


def _show_text(doc: Document, raw: bool) -> str:
    lines = [
        f"id:        {doc.id}",
        f"source:    {doc.source}",
        f"title:     {doc.title}",
        f"outlet:    {doc.outlet}",
        f"author:    {doc.author}",
        f"published: {doc.published}",
        f"language:  {doc.language}",
    ]
    if doc.duplicate_of:
        lines.append(f"duplicate of: {doc.duplicate_of}")
    lines += ["", "== text ==", doc.raw if raw else doc.text, ""]
    lines.append(f"== removed chrome ({len(doc.boilerplate)}) ==")
    for piece in doc.boilerplate:
        snippet = textwrap.shorten(piece.text.replace("\n", " / "), 70, placeholder="…")
        lines.append(f"  [{piece.reason}] {piece.start}-{piece.end}: {snippet}")
    if doc.entities:
        lines += ["", f"== entities ({len(doc.entities)}) =="]
        for ent in doc.entities:
            aliases = ", ".join(a for a in ent.aliases if a != ent.name)
            lines.append(
                f"  {ent.type:<6} {ent.name}  x{len(ent.mentions)}"
                + (f"  ({aliases})" if aliases else "")
            )
    if doc.quotes:
        lines += ["", f"== quotes ({len(doc.quotes)}) =="]
        for q in doc.quotes:
            who = q.speaker_name or q.speaker or f"? ({q.reason})"
            lines.append(f"  [{q.kind}] {who}: {textwrap.shorten(q.text, 90, placeholder='…')}")
    if doc.events:
        lines += ["", f"== dated events ({len(doc.events)}) =="]
        for ev in doc.events:
            sentence = textwrap.shorten(ev.sentence.text, 80, placeholder="…")
            lines.append(f"  {ev.value:<12} {ev.date_text!r}: {sentence}")
    if doc.narratives:
        lines += ["", "== narratives =="]
        for n in doc.narratives:
            lines.append(f"  {n.level:<6} {n.score:.2f}  {n.label}")
        if doc.explanation:
            lines.append("  why: " + doc.explanation)
    if doc.roles:
        lines += ["", "== roles =="]
        for r in doc.roles:
            lines.append(f"  {r.entity}: {r.main_role} ({', '.join(r.fine_roles)})")
    if doc.techniques:
        lines += ["", "== persuasion techniques =="]
        for t in doc.techniques:
            lines.append(f"  {t.technique}: {textwrap.shorten(t.text, 80, placeholder='…')}")
    return "\n".join(lines)


@click.command()
@click.argument("doc_id")
@db_option
@click.option("--json", "as_json", is_flag=True, help="The document and its findings as JSON.")
@click.option("--raw", is_flag=True, help="Show the raw text instead of the clean text.")
@click.pass_context
def show(ctx: click.Context, doc_id: str, db: str | None, as_json: bool, raw: bool) -> None:
    """Show one document: metadata, clean text, removed chrome with reasons, findings."""
    from narrascope.serde import to_dict

    with store_for(ctx, db) as store:
        doc = store.get_document(doc_id)
    if as_json:
        click.echo(json.dumps(to_dict(doc), ensure_ascii=False, indent=1))
    else:
        click.echo(_show_text(doc, raw))


@click.command("export")
@db_option
@click.option(
    "-f", "--format", "fmt", type=click.Choice(FORMATS), default="jsonl", show_default=True
)
@click.option("-t", "--table", type=click.Choice(TABLES), default="documents", show_default=True)
@click.option("-o", "--output", default="-", show_default=True, help="Output file ('-' = stdout).")
@click.pass_context
def export_cmd(ctx: click.Context, db: str | None, fmt: str, table: str, output: str) -> None:
    """Export a table (documents or a kind of finding) as JSONL, CSV or Parquet."""
    with store_for(ctx, db) as store:
        count = export_table(store, table, fmt, output)
    if output != "-":
        click.echo(f"wrote {count} row(s) to {output}", err=True)


@click.command()
@db_option
@click.option("-n", "--limit", type=click.IntRange(1), default=100, show_default=True)
@click.pass_context
def failures(ctx: click.Context, db: str | None, limit: int) -> None:
    """List recorded failures (bad inputs, failed stages)."""
    with store_for(ctx, db) as store:
        for failure in store.list_failures(limit=limit):
            click.echo(f"{failure.source}: [{failure.stage}] {failure.reason}")


@click.command()
def schema() -> None:
    """Print the JSON Schema of the ``analyze --out`` output."""
    click.echo(render_schema(), nl=False)


@click.command("settings")
def settings_cmd() -> None:
    """List every setting with its default and environment variable."""
    for name, default, help_text, env in setting_table():
        click.echo(f"{name:<12} {env:<26} default={default!r}\n    {help_text}")


def register(cli: click.Group) -> None:
    """Add the core commands to the group."""
    for command in (analyze, ingest, search, show, export_cmd, failures, schema, settings_cmd):
        cli.add_command(command)
