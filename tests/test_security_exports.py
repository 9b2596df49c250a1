"""Safe exports and secrets: CSV formula injection neutralised, the server token off `ps`."""

from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from fastapi.testclient import TestClient

from narrascope.cli import cli
from narrascope.export import export_table, neutralise_cell
from narrascope.models import Document
from narrascope.store import open_store
from web_corpus import fill

HOSTILE = {
    "=HYPERLINK(\"http://example.invalid\",\"click\")": "'=HYPERLINK",
    "+cmd|' /C calc'!A0": "'+cmd",
    "@SUM(1+1)*cmd|' /C calc'!A0": "'@SUM",
    "-2+3+cmd|' /C calc'!A0": "'-2+3",
    "\t=1+1": "'\t=1+1",
    "\r=1+1": "'\r=1+1",
}


@pytest.mark.parametrize(("value", "start"), HOSTILE.items())
def test_neutralise_cell_prefixes_formula_starts(value: str, start: str) -> None:
    assert str(neutralise_cell(value)).startswith(start)


@pytest.mark.parametrize("value", ["Plain title", "12 killed", "", " =not at start", 5, -3.5, None])
def test_neutralise_cell_leaves_the_rest(value: Any) -> None:
    assert neutralise_cell(value) == value


def test_csv_export_neutralises_titles_and_outlets(tmp_path: Path) -> None:
    store = open_store(":memory:")
    try:
        docs = [
            Document(id=f"d{i}", source=f"s{i}", raw="x", text=f"Body {i} of the bulletin.",
                     title=value, outlet=value)
            for i, value in enumerate(HOSTILE)
        ]
        store.add_documents(docs)
        path = tmp_path / "documents.csv"
        assert export_table(store, "documents", "csv", path) == len(HOSTILE)
        with path.open(encoding="utf-8", newline="") as handle:
            rows = list(csv.DictReader(handle))
        for row in rows:
            for column in ("title", "outlet"):
                assert row[column].startswith("'"), (column, row[column])
                assert row[column][1:] in HOSTILE
        jsonl = tmp_path / "documents.jsonl"
        export_table(store, "documents", "jsonl", jsonl)  # JSON is data, not a sheet: unchanged
        titles = {json.loads(line)["title"] for line in jsonl.read_text().splitlines()}
        assert titles == set(HOSTILE)
    finally:
        store.close()


def test_serve_reads_the_token_from_a_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import uvicorn

    served: dict[str, Any] = {}
    monkeypatch.setattr(uvicorn, "run", lambda app, **kw: served.update(app=app, **kw))
    monkeypatch.delenv("NARRASCOPE_TOKEN", raising=False)
    db = tmp_path / "w.db"
    store = open_store(db)
    fill(store)
    store.close()
    token_file = tmp_path / "token.txt"
    token_file.write_text("s3cret-from-file\n")
    result = CliRunner().invoke(
        cli, ["serve", "--db", str(db), "--token-file", str(token_file)], catch_exceptions=False
    )
    assert result.exit_code == 0, result.output
    client = TestClient(served["app"], base_url="http://127.0.0.1")
    merge = {"a": "e-valcourt", "b": "e-brandt"}
    assert client.post("/api/entities/merge", json=merge).status_code == 401
    ok = client.post("/api/entities/merge", json=merge,
                     headers={"Authorization": "Bearer s3cret-from-file"})
    assert ok.status_code == 200

    quiet = CliRunner().invoke(cli, ["serve", "--db", str(db)], env={"NARRASCOPE_TOKEN": "t0k"})
    assert "visible to other users" not in quiet.output
    loud = CliRunner().invoke(cli, ["serve", "--db", str(db), "--token", "t0k"])
    assert "visible to other users (ps)" in loud.output

    empty = tmp_path / "empty.txt"
    empty.write_text("\n")
    bad = CliRunner().invoke(cli, ["serve", "--db", str(db), "--token-file", str(empty)])
    assert bad.exit_code == 2
    assert "holds no token" in bad.output
