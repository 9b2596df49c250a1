"""The command line, end to end on real files with the real models and a real SQLite file."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pyarrow.parquet as pq
import pytest
from click.testing import CliRunner, Result

from narrascope.cli import cli
from narrascope.cli.common import EXIT_NOTHING_USABLE, EXIT_SOME_FAILED
from narrascope.output import validate_output


def invoke(*args: str) -> Result:
    result = CliRunner().invoke(cli, list(args), catch_exceptions=False)
    print(result.output)
    return result


def test_cli_analyze_seeds_output_validates_against_schema(seeds_dir: Path, tmp_path: Path) -> None:
    out = tmp_path / "r.json"
    result = invoke(
        "analyze", str(seeds_dir), "--db", str(tmp_path / "s.db"), "--out", str(out), "-q"
    )
    assert result.exit_code == 0
    data = json.loads(out.read_text())
    validate_output(data)
    assert len(data["documents"]) == 5
    for doc in data["documents"]:
        assert doc["text"].strip()
        for piece in doc["boilerplate"]:
            assert piece["reason"]


def test_cli_reanalyze_is_a_noop(examples_dir: Path, tmp_path: Path) -> None:
    db = str(tmp_path / "e.db")
    first = invoke("analyze", str(examples_dir), "--db", db, "--no-connect")
    assert first.exit_code == 0
    assert " 0 new" not in first.output
    second = invoke("analyze", str(examples_dir), "--db", db, "--no-connect")
    assert second.exit_code == 0
    assert " 0 new, 0 analysed" in second.output


def test_cli_exit_codes_tell_some_failed_and_nothing_usable(
    examples_dir: Path, tmp_path: Path
) -> None:
    mixed = tmp_path / "mixed"
    shutil.copytree(examples_dir, mixed)
    (mixed / "broken.txt").write_bytes(b"\x00\x01\x02binary\xff\xfe" * 50)
    result = invoke("ingest", str(mixed), "--db", str(tmp_path / "m.db"))
    assert result.exit_code == EXIT_SOME_FAILED
    assert "broken.txt" in result.output

    empty = tmp_path / "empty.txt"
    empty.write_text("")
    result = invoke("ingest", str(empty), "--db", str(tmp_path / "n.db"))
    assert result.exit_code == EXIT_NOTHING_USABLE
    assert "empty.txt" in result.output


def test_cli_search_show_export(analysed_db: Path, tmp_path: Path) -> None:
    db = str(analysed_db)
    result = invoke("search", "prisoners", "--db", db, "--json")
    assert result.exit_code == 0
    hits = [json.loads(line) for line in result.output.splitlines() if line.startswith("{")]
    assert hits
    doc_id = hits[0]["doc_id"]

    shown = invoke("show", doc_id, "--db", db)
    assert shown.exit_code == 0
    assert "removed chrome" in shown.output
    assert "outlet:" in shown.output

    for fmt in ("jsonl", "csv", "parquet"):
        target = tmp_path / f"docs.{fmt}"
        exported = invoke(
            "export", "--db", db, "--format", fmt, "--table", "documents", "-o", str(target)
        )
        assert exported.exit_code == 0
        assert target.stat().st_size > 0
    assert pq.read_table(tmp_path / "docs.parquet").num_rows >= 5
    quotes = tmp_path / "quotes.csv"
    assert (
        invoke("export", "--db", db, "-f", "csv", "-t", "quotes", "-o", str(quotes)).exit_code == 0
    )


def test_cli_show_unknown_document_is_a_clear_error(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["show", "nope", "--db", str(tmp_path / "x.db")])
    assert result.exit_code == 4
    assert "no document with id 'nope'" in result.output


@pytest.mark.parametrize("command", ["analyze", "ingest", "search", "show", "export", "schema"])
def test_cli_help(command: str) -> None:
    result = invoke(command, "--help")
    assert result.exit_code == 0
    assert "Usage" in result.output


def test_cli_output_cut_short_by_its_reader_is_no_error(tmp_path: Path) -> None:
    import subprocess
    import sys

    from narrascope.models import Story
    from narrascope.store import open_store

    db = tmp_path / "many.db"
    store = open_store(str(db))
    store.save_stories(
        [Story(f"story_{i:05d}", f"Harbor Authority, Alder Bridge {i}", (f"d{i}",), ("Wire",))
         for i in range(4000)]
    )  # fmt: skip
    store.close()
    command = [sys.executable, "-m", "narrascope", "stories", "--db", str(db), "--limit", "4000"]
    proc = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert proc.stdout is not None
    assert proc.stdout.readline().startswith(b"story_")
    proc.stdout.close()  # as "| head -1" does
    _, err = proc.communicate(timeout=120)
    assert proc.returncode == 0, err
    assert b"Error" not in err
    assert b"Traceback" not in err
