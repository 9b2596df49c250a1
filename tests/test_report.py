"""Reports: one self-contained HTML file per story or corpus; the CLI commands."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from narrascope.cli import cli
from narrascope.errors import NotFoundError
from narrascope.report import render_report, write_report
from narrascope.store import Store, open_store
from web_corpus import fill


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "corpus.db"
    store = open_store(path)
    fill(store)
    store.close()
    return path


@pytest.fixture
def store(db: Path) -> Store:
    return open_store(db)


def _self_contained(html: str) -> None:
    assert "<script" not in html.lower()
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:|//|/)""", html), "external asset"
    assert "<link" not in html
    assert "<style>" in html
    assert "default-src 'none'" in html


def test_report_story_is_self_contained(store: Store) -> None:
    html = render_report(store, "s1")
    _self_contained(html)
    assert "<h1>Harbour talks</h1>" in html
    assert 'id="claims"' in html
    assert 'id="quotes"' in html
    assert "<circle" in html
    assert "Twelve negotiators will attend" in html
    assert "twenty negotiators will attend" in html
    assert "&lt;script&gt;window.__pwned" in html


def test_report_corpus_when_no_story(store: Store) -> None:
    html = render_report(store)
    _self_contained(html)
    assert "<h1>Corpus report</h1>" in html
    assert "Harbour talks" in html
    assert 'aria-label="Narrative distribution by outlet"' in html
    assert "<circle" in html


def test_report_unknown_story_raises(store: Store) -> None:
    with pytest.raises(NotFoundError):
        render_report(store, "missing")


def test_report_write_is_atomic(store: Store, tmp_path: Path) -> None:
    out = write_report(store, tmp_path / "r.html", "s1")
    assert out.read_text(encoding="utf-8").startswith("<!doctype html>")
    assert not (tmp_path / "r.html.tmp").exists()


def test_report_cli_writes_story_and_corpus(db: Path, tmp_path: Path) -> None:
    runner = CliRunner()
    out = tmp_path / "story.html"
    result = runner.invoke(cli, ["report", "s1", "--db", str(db), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert "Harbour talks" in out.read_text(encoding="utf-8")
    whole = tmp_path / "corpus.html"
    result = runner.invoke(cli, ["report", "--db", str(db), "-o", str(whole)])
    assert result.exit_code == 0
    assert "Corpus report" in whole.read_text(encoding="utf-8")
    bad = runner.invoke(cli, ["report", "nope", "--db", str(db), "-o", str(out)])
    assert bad.exit_code == 4
    assert "no story with id 'nope'" in bad.output


def test_report_cli_serve_help() -> None:
    result = CliRunner().invoke(cli, ["serve", "--help"])
    assert result.exit_code == 0
    for flag in ("--db", "--host", "--port", "--token", "127.0.0.1", "8000"):
        assert flag in result.output
