"""``narrascope entities | quotes | timeline``: thin wrappers over :mod:`narrascope.extract`."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any, TypeVar

import click

from narrascope.cli.common import db_option, settings_from, store_for
from narrascope.models import Entity
from narrascope.runner import pipeline_version
from narrascope.serde import to_dict
from narrascope.store.base import EntityOverride

F = TypeVar("F", bound=Callable[..., Any])


def _json_option(func: F) -> F:
    return click.option("--json", "as_json", is_flag=True, help="Print JSON.")(func)


def _show_entities(entities: list[Entity], as_json: bool) -> None:
    if as_json:
        click.echo(json.dumps([to_dict(e) for e in entities], ensure_ascii=False, indent=1))
        return
    for e in entities:
        aliases = ", ".join(a for a in e.aliases if a != e.name)
        click.echo(
            f"{e.id}  {e.type:<7} {e.name}  [{len(e.documents)} docs]"
            + (f"  aka {aliases}" if aliases else "")
        )


@click.group("entities", invoke_without_command=True)
@click.option(
    "--query", "-q", default=None, help="Only entities whose name or alias contains this."
)
@click.option("--limit", default=50, show_default=True, help="How many entities to list.")
@db_option
@_json_option
@click.pass_context
def entities_cmd(
    ctx: click.Context, query: str | None, limit: int, db: str | None, as_json: bool
) -> None:
    """Canonical entities across the corpus; `merge` and `split` correct them."""
    if ctx.invoked_subcommand is not None:
        return
    with store_for(ctx, db) as store:
        _show_entities(store.list_entities(query=query, limit=limit), as_json)


def _override(ctx: click.Context, db: str | None, override: EntityOverride, as_json: bool) -> None:
    from narrascope.extract.corpus import add_override

    version = pipeline_version(settings_from(ctx, db=db))
    with store_for(ctx, db) as store:
        entities = add_override(store, override, version=version)
    wanted = {override.a.casefold(), override.b.casefold()}
    touched = [
        e
        for e in entities
        if wanted & {e.id.casefold(), e.name.casefold(), *(a.casefold() for a in e.aliases)}
    ]
    _show_entities(touched, as_json)


@entities_cmd.command("merge")
@click.argument("a")
@click.argument("b")
@db_option
@_json_option
@click.pass_context
def merge_cmd(ctx: click.Context, a: str, b: str, db: str | None, as_json: bool) -> None:
    """Record that entities A and B (ids or names) are one identity, and apply it."""
    _override(ctx, db, EntityOverride("merge", a, b), as_json)


@entities_cmd.command("split")
@click.argument("entity")
@click.argument("alias")
@db_option
@_json_option
@click.pass_context
def split_cmd(ctx: click.Context, entity: str, alias: str, db: str | None, as_json: bool) -> None:
    """Record that mentions written ALIAS are not ENTITY (id or name), and apply it."""
    _override(ctx, db, EntityOverride("split", entity, alias), as_json)


@click.command("quotes")
@click.option("--speaker", default=None, help="Only quotes by this speaker (name, alias or id).")
@click.option("--limit", default=100, show_default=True, help="How many quotes to show.")
@db_option
@_json_option
@click.pass_context
def quotes_cmd(
    ctx: click.Context, speaker: str | None, limit: int, db: str | None, as_json: bool
) -> None:
    """Attributed quotes: who said what, where."""
    from narrascope.extract.corpus import stored_quotes

    with store_for(ctx, db) as store:
        hits = stored_quotes(store, speaker=speaker, limit=limit)
    if as_json:
        click.echo(json.dumps([to_dict(h) for h in hits], ensure_ascii=False, indent=1))
        return
    for h in hits:
        q = h.quote
        who = q.speaker_name or (f"? ({q.reason})" if q.reason else "?")
        click.echo(f"[{h.doc_id}] {who} ({q.kind}, {q.cue or '-'}): {q.text}")


@click.command("timeline")
@click.option("--limit", default=200, show_default=True, help="How many entries to show.")
@db_option
@_json_option
@click.pass_context
def timeline_cmd(ctx: click.Context, limit: int, db: str | None, as_json: bool) -> None:
    """Dated events of all documents in order, with the outlets reporting each."""
    from narrascope.extract.corpus import stored_timeline
    from narrascope.extract.timeline import date_label

    with store_for(ctx, db) as store:
        entries = stored_timeline(store)[:limit]
    if as_json:
        click.echo(json.dumps([to_dict(e) for e in entries], ensure_ascii=False, indent=1))
        return
    for e in entries:
        outlets = ", ".join(e.outlets) or f"{len(e.documents)} docs"
        click.echo(f"{date_label(e.value, e.precision):<17} {e.text.strip()[:100]}  [{outlets}]")


def register(cli: click.Group) -> None:
    """Add ``entities``, ``quotes`` and ``timeline`` to the group."""
    cli.add_command(entities_cmd)
    cli.add_command(quotes_cmd)
    cli.add_command(timeline_cmd)
