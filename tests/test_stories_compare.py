"""Per-story comparison (narrascope.stories.compare) and the story CLI commands."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from narrascope.cli import cli
from narrascope.evaluation.stories import gold_documents, load_gold
from narrascope.models import Document
from narrascope.store import open_store
from narrascope.stories import compare_story, connect

GOLD = Path(__file__).parent / "data" / "gold" / "stories"


@pytest.fixture(scope="module")
def fisheries() -> list[Document]:
    articles, _ = load_gold(GOLD)
    return gold_documents([a for a in articles if a["id"] in ("a01", "a02", "a04", "a05", "a06")])


def test_stories_compare_claims_by_outlet(fisheries: list[Document]) -> None:
    stories, _ = connect(fisheries)
    (story,) = stories
    comparison = compare_story(story, fisheries)
    assert "Pacific Herald" not in comparison.outlets  # a syndicated copy is not a second source
    assert len(comparison.outlets) == 4
    counts = [r for r in comparison.claims if r.key.startswith("count|") and "official" in r.key]
    assert counts
    statuses = {c.status for c in counts[0].cells.values()}
    assert {"reported", "different"} <= statuses
    dates = [entry.date for entry in comparison.timeline]
    assert "2024-03-12" in dates
    assert json.loads(json.dumps(comparison.to_dict()))["story_id"] == story.id


def test_stories_compare_cli_commands(fisheries: list[Document], tmp_path: Path) -> None:
    db = str(tmp_path / "n.db")
    stories, contradictions = connect(fisheries)
    store = open_store(db)
    store.add_documents(fisheries)
    store.save_analyses(fisheries)
    store.save_stories(stories)
    store.save_contradictions(contradictions)
    store.close()
    runner = CliRunner()
    result = runner.invoke(cli, ["stories", "--db", db])
    assert result.exit_code == 0, result.output
    assert stories[0].id in result.output
    result = runner.invoke(cli, ["compare", stories[0].id, "--db", db])
    assert result.exit_code == 0, result.output
    assert "Claims" in result.output
    assert "Timeline" in result.output
    result = runner.invoke(cli, ["contradictions", "--db", db, "--json"])
    assert result.exit_code == 0, result.output
    kinds = {item["kind"] for item in json.loads(result.output)}
    assert {"date", "number", "title"} <= kinds
    result = runner.invoke(cli, ["compare", "story_missing", "--db", db])
    assert result.exit_code != 0


def test_one_sentence_read_as_two_claims_is_one_row() -> None:
    from narrascope.models import Span
    from narrascope.stories.compare import Cell, ClaimRow, _one_row_per_sentence

    span = Span(0, 10, "x")
    one = ClaimRow("quote|a", "The board voted  9-2 on Friday.", None, None,
                   {"A": Cell("reported", None, "d1", span), "B": Cell("not_reported")})
    two = ClaimRow("count|a", "The board voted 9-2 on Friday.", None, "9",
                   {"A": Cell("not_reported"), "B": Cell("reported", "9", "d2", span)})
    other = ClaimRow("quote|b", "A second sentence.", None, None, {"A": Cell("not_reported")})
    rows = _one_row_per_sentence([one, two, other])
    assert [r.key for r in rows] == ["quote|a", "quote|b"]
    assert {o: c.status for o, c in rows[0].cells.items()} == {"A": "reported", "B": "reported"}


def test_a_row_where_outlets_disagree_is_not_folded_into_another() -> None:
    from narrascope.models import Span
    from narrascope.stories.compare import Cell, ClaimRow, _one_row_per_sentence

    span = Span(0, 10, "x")
    text = "Harbor Authority sent 14 officials, led by its deputy head."
    said = {"A": Cell("reported", None, "d1", span), "B": Cell("reported", None, "d2", span)}
    fact = ClaimRow("fact|a", text, None, None, said)
    differ = {"A": Cell("reported", "14", "d1", span), "B": Cell("different", "18", "d2", span)}
    count = ClaimRow("count|a", text, None, "14", differ)
    rows = _one_row_per_sentence([fact, count])
    assert [r.key for r in rows] == ["fact|a", "count|a"]
    assert rows[1].cells["B"].status == "different"
