"""``narrascope db``: migrate and inspect a store (SQLite file or PostgreSQL)."""

from __future__ import annotations

import json
from dataclasses import asdict

import click

from narrascope.cli.common import db_option, store_for
from narrascope.store.admin import store_info


@click.group(name="db")
def db_group() -> None:
    """Administer the store: schema migrations and a summary."""


@db_group.command(name="migrate")
@db_option
@click.pass_context
def migrate(ctx: click.Context, db: str | None) -> None:
    """Create the store or bring its schema up to date (opening a store migrates it)."""
    with store_for(ctx, db) as store:
        info = store_info(store)
    click.echo(
        f"{info.backend} store {info.url}: {len(info.applied)} migration(s) applied, "
        f"{len(info.pending)} pending"
    )


@db_group.command(name="info")
@db_option
@click.option("--json", "as_json", is_flag=True, help="JSON instead of text.")
@click.pass_context
def info(ctx: click.Context, db: str | None, as_json: bool) -> None:
    """Backend, migrations and counts of documents, entities, stories, contradictions."""
    with store_for(ctx, db) as store:
        result = store_info(store)
    if as_json:
        click.echo(json.dumps(asdict(result)))
        return
    click.echo(f"backend:        {result.backend}")
    click.echo(f"url:            {result.url}")
    click.echo(
        f"migrations:     {', '.join(result.applied) or '-'} (pending: "
        f"{', '.join(result.pending) or 'none'})"
    )
    for name, value in result.counts.items():
        click.echo(f"{name + ':':<16}{value}")


def register(cli: click.Group) -> None:
    """Add the ``db`` command group."""
    cli.add_command(db_group)
