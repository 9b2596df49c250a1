"""Commands ``stories``, ``compare STORY_ID`` and ``contradictions``: thin wrappers over
:mod:`narrascope.stories` reading a store."""

from __future__ import annotations

import json

import click

from narrascope.cli.common import db_option, store_for
from narrascope.serde import to_dict
from narrascope.stories import StoryComparison, compare_stored
from narrascope.stories.compare import Cell

json_option = click.option("--json", "as_json", is_flag=True, help="Print JSON instead of text.")


@click.command("stories")
@db_option
@click.option(
    "--limit", type=click.IntRange(1), default=50, show_default=True, help="Stories to list."
)
@json_option
@click.pass_context
def stories_cmd(ctx: click.Context, db: str | None, limit: int, as_json: bool) -> None:
    """List story clusters, largest first: id, size, outlets and label."""
    with store_for(ctx, db) as store:
        stories = store.list_stories(limit=limit)
    if as_json:
        click.echo(json.dumps(to_dict(stories), ensure_ascii=False, indent=1))
        return
    for story in stories:
        copies = sum(len(g) - 1 for g in story.duplicates)
        extra = f", {copies} syndicated cop{'y' if copies == 1 else 'ies'}" if copies else ""
        click.echo(f"{story.id}  {len(story.documents)} doc(s){extra}  {story.label}")
        click.echo(f"    outlets: {', '.join(story.outlets)}")


@click.command("compare")
@click.argument("story_id")
@db_option
@click.option(
    "--rows", type=click.IntRange(1), default=30, show_default=True, help="Claim rows to show."
)
@json_option
@click.pass_context
def compare_cmd(
    ctx: click.Context, story_id: str, db: str | None, rows: int, as_json: bool
) -> None:
    """Compare the outlets of one story: claims x outlets, quotes, timeline."""
    with store_for(ctx, db) as store:
        comparison = compare_stored(store, story_id)
    if as_json:
        click.echo(json.dumps(comparison.to_dict(), ensure_ascii=False, indent=1))
        return
    _print_comparison(comparison, rows)


_MARK = {"reported": "+", "not_reported": ".", "different": "!"}


def _mark(cell: Cell) -> str:
    if cell.status == "reported" and cell.similarity is not None:
        return "~"
    return _MARK[cell.status]


def _print_comparison(comp: StoryComparison, rows: int) -> None:
    click.echo(f"{comp.story_id}: {comp.label}")
    for i, outlet in enumerate(comp.outlets, 1):
        click.echo(f"  [{i}] {outlet}")
    click.echo("\nClaims (+ reported, ~ in other words, . not reported, ! different value):")
    for row in comp.claims[:rows]:
        marks = "".join(_mark(row.cells[o]) for o in comp.outlets)
        value = f" = {row.value}" if row.value else ""
        click.echo(f"  {marks}  {row.key}{value}")
    click.echo("\nQuotes by speaker:")
    for speaker, by_outlet in comp.quotes.items():
        click.echo(f"  {speaker}: " + ", ".join(f"{o} ({len(q)})" for o, q in by_outlet.items()))
    click.echo("\nTimeline:")
    for entry in comp.timeline:
        outlets = sorted({s.outlet for s in entry.sources})
        click.echo(f"  {entry.date}  [{', '.join(outlets)}]  {entry.text.strip()[:100]}")


@click.command("contradictions")
@db_option
@click.option("--story", "story_id", default=None, help="Only this story.")
@click.option("--limit", type=click.IntRange(1), default=50, show_default=True, help="How many.")
@json_option
@click.pass_context
def contradictions_cmd(
    ctx: click.Context, db: str | None, story_id: str | None, limit: int, as_json: bool
) -> None:
    """List contradictions between articles, most confident first, with both statements."""
    with store_for(ctx, db) as store:
        items = store.list_contradictions(story_id=story_id, limit=limit)
    if as_json:
        click.echo(json.dumps(to_dict(items), ensure_ascii=False, indent=1))
        return
    for item in items:
        click.echo(f"[{item.confidence:.2f}] {item.kind}: {item.reason}")
        click.echo(f"    A {item.doc_a}: {' '.join(item.span_a.text.split())[:160]}")
        click.echo(f"    B {item.doc_b}: {' '.join(item.span_b.text.split())[:160]}")


def register(cli: click.Group) -> None:
    """Add the story commands to the group."""
    for command in (stories_cmd, compare_cmd, contradictions_cmd):
        cli.add_command(command)
