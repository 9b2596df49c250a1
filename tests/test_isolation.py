"""Failure isolation: one bad number, document or story never loses a run or its result."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from narrascope.analysis import connect_stored
from narrascope.cli import cli
from narrascope.cli.common import EXIT_ERROR
from narrascope.config import Settings
from narrascope.store import open_store
from narrascope.stories import streaming

AWKWARD = """Provincial budget office reports record spending in the north

The provincial budget office said on 3 March 2025 that spending reached $15,780.62 per \
household last year, up from 1,002.7 the year before. Auditors counted 1,2,3 new schools \
and 1.2.3.4 versions of the plan, and European partners paid €1.234,56 for each tonne.

One blog put the number of visitors at {huge} people. Finance Minister Ana Ortiz said the \
plan began 10000000000 days ago, on 31 February 2025, and was revised on 30 February 2024.

"We will spend 40 million dollars on roads in Kestrel County," Ortiz told the regional \
assembly in Port Alder on Tuesday.
""".format(huge="7" * 400)


def test_awkward_numbers_and_dates_analyse_cleanly(tmp_path: Path) -> None:
    """The numbers that once failed a run: analysed, connected, result written, exit 0."""
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "budget.txt").write_text(AWKWARD, encoding="utf-8")
    (folder / "copy.txt").write_text(AWKWARD.replace("Tuesday", "Monday"), encoding="utf-8")
    out = tmp_path / "r.json"
    db = str(tmp_path / "a.db")
    args = ["analyze", str(folder), "--db", db, "--out", str(out), "-q"]
    for _ in range(2):  # a rerun into the same database is clean too
        result = CliRunner().invoke(cli, args, catch_exceptions=False)
        assert result.exit_code == 0, result.output
        data = json.loads(out.read_text())
        assert data["failures"] == []
    doc = data["documents"][0]
    assert doc["entities"]
    assert doc["quotes"]
    values = {event["value"] for d in data["documents"] for event in d["events"]}
    assert "2025-03-03" in values
    assert not any(v.startswith(("2025-02-3", "2024-02-3")) for v in values)


def test_a_failing_story_is_recorded_and_the_rest_connected(
    analysed_db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = tmp_path / "copy.db"
    shutil.copy(analysed_db, db)
    store = open_store(db)
    try:
        stories = [s for s in store.list_stories(limit=1000) if len(s.documents) >= 2]
        assert len(stories) >= 2
        bad = stories[0].documents[0]
        real = streaming.find_contradictions

        def failing(members: list[Any], found: list[Any]) -> Any:
            if any(doc.id == bad for doc in members):
                raise ValueError("could not convert string to float: '15.780.62'")
            return real(members, found)

        monkeypatch.setattr(streaming, "find_contradictions", failing)
        failures = connect_stored(store, Settings(db=str(db)))
        assert [f.stage for f in failures] == ["contradictions"]
        assert failures[0].source.startswith("story:")
        assert "15.780.62" in failures[0].reason
        assert failures[0] in store.list_failures(limit=100)
        assert store.list_stories(limit=1000)  # the other steps went on
    finally:
        store.close()


def test_a_failing_document_in_clustering_is_left_out(
    analysed_db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = tmp_path / "copy.db"
    shutil.copy(analysed_db, db)
    store = open_store(db)
    try:
        n_docs = store.count_documents()
        victim = next(iter(store.iter_documents(with_findings=False)))
        real_profiles = streaming.profiles_of  # the default (event) clustering reads these

        def profiles_of(docs: list[Any], embedder: Any = None) -> Any:
            if any(doc.id == victim.id for doc in docs):
                raise OverflowError("cannot convert float infinity to integer")
            return real_profiles(docs, embedder)

        monkeypatch.setattr(streaming, "profiles_of", profiles_of)
        failures = connect_stored(store, Settings(db=str(db)))
        assert [(f.source, f.stage) for f in failures] == [(victim.source, "stories")]
        clustered = {d for s in store.list_stories(limit=1000) for d in s.documents}
        assert victim.id not in clustered
        assert len(clustered) == n_docs - 1
    finally:
        store.close()


def test_cli_unexpected_error_is_one_line_and_exit_4(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import narrascope.cli.core_commands as commands

    def broken(*args: Any, **kwargs: Any) -> Any:
        raise RuntimeError("disk on fire\nsecond line")

    monkeypatch.setattr(commands, "open_store", broken)
    monkeypatch.delenv("NARRASCOPE_DEBUG", raising=False)
    args = ["analyze", str(tmp_path), "--db", str(tmp_path / "x.db")]
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == EXIT_ERROR
    assert "Traceback" not in result.output
    lines = [line for line in result.output.splitlines() if line.strip()]
    assert lines == [
        "Error: RuntimeError: disk on fire second line (rerun with --debug for the traceback)"
    ]
    debug = CliRunner().invoke(cli, ["--debug", *args])
    assert isinstance(debug.exception, RuntimeError)
