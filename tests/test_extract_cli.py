"""``narrascope entities | quotes | timeline`` over a real SQLite store."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from narrascope.cli import cli
from narrascope.extract import extract_documents, link_entities
from narrascope.models import Document
from narrascope.store import open_store

TEXTS = {
    "d1": (
        "“We will not sign this agreement,” Foreign Minister Sergei Lavrov said on Monday. "
        "Talks in Geneva began on 3 March 2025.",
        "2025-03-05",
        "Wire A",
    ),
    "d2": (
        "Sergey Lavrov told reporters that talks in Geneva began on 3 March 2025. "
        "Anna Lavrova, a historian, said the meeting was short.",
        "2025-03-06",
        "Paper B",
    ),
}


@pytest.fixture
def db(tmp_path: Path) -> str:
    path = str(tmp_path / "x.db")
    docs = [
        Document(id=k, source=k, raw=t, text=t, published=p, outlet=o)
        for k, (t, p, o) in TEXTS.items()
    ]
    docs = list(extract_documents(docs))
    entities = link_entities(docs)
    store = open_store(path)
    try:
        store.add_documents(docs)
        store.save_analyses(docs)
        store.save_entities(entities)
    finally:
        store.close()
    return path


def _run(args: list[str]) -> str:
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 0, result.output
    return result.output


def test_extract_cli_entities_lists_linked_variants(db: str) -> None:
    out = json.loads(_run(["entities", "--db", db, "--query", "Lavrov", "--json"]))
    lavrov = next(e for e in out if "Sergei Lavrov" in e["aliases"])
    assert "Sergey Lavrov" in lavrov["aliases"]
    assert len(lavrov["documents"]) == 2


def test_extract_cli_quotes_by_speaker(db: str) -> None:
    out = _run(["quotes", "--db", db, "--speaker", "Sergey Lavrov"])
    assert "We will not sign this agreement" in out
    assert "the meeting was short" not in out


def test_extract_cli_timeline(db: str) -> None:
    out = json.loads(_run(["timeline", "--db", db, "--json"]))
    entry = next(e for e in out if e["value"] == "2025-03-03")
    assert set(entry["outlets"]) == {"Wire A", "Paper B"}


def test_extract_cli_merge_and_split_are_stored_and_applied(db: str) -> None:
    _run(["entities", "merge", "Anna Lavrova", "Sergei Lavrov", "--db", db])
    store = open_store(db)
    try:
        assert [o.kind for o in store.list_overrides()] == ["merge"]
        merged = next(
            e for e in store.list_entities(query="Lavrova") if "Sergei Lavrov" in e.aliases
        )
        assert "Anna Lavrova" in merged.aliases
    finally:
        store.close()
    _run(["entities", "split", "Sergei Lavrov", "Anna Lavrova", "--db", db])
    out = json.loads(_run(["entities", "--db", db, "--query", "Lavrov", "--json"]))
    assert not any("Anna Lavrova" in e["aliases"] and "Sergei Lavrov" in e["aliases"] for e in out)
