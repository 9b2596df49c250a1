"""Awkward real-world inputs: links, NULs, tag-like text, deep markup, long texts, duplicates."""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from pathlib import Path

import pytest
import spacy
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from narrascope.analysis import DUPLICATE_STAGE, ingest_paths
from narrascope.clean import clean_article
from narrascope.clean.markup import visible_text
from narrascope.cli import cli
from narrascope.config import Settings
from narrascope.extract.nlp import load_nlp
from narrascope.extract.pieces import cut_points, parse_long
from narrascope.extract.stage import ExtractStage
from narrascope.ingest import iter_sources
from narrascope.models import Document, Failure, RawArticle
from narrascope.store import Store, open_store

ARTICLE = (
    "The harbour authority of Port Alder approved a new dredging plan on Monday after "
    "a long debate about silt, shipping lanes and the cost to local fishers.\n\n"
    "Authority chair Dana Whitlow said the work would start in spring and last two years, "
    "and that the channel would stay open to ferries throughout."
)


def _store(tmp_path: Path, folder: Path) -> tuple[Store, list[Failure], int]:
    store = open_store(tmp_path / "s.db")
    report = ingest_paths([folder], store, Settings(db=str(tmp_path / "s.db")))
    return store, report.failures, report.exit_code


def test_links_loops_and_broken_links_are_recorded_and_the_rest_stored(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    (folder / "sub").mkdir(parents=True)
    (folder / "good.txt").write_text(ARTICLE)
    (folder / "self").symlink_to(folder / "self")
    (folder / "a").symlink_to(folder / "b")
    (folder / "b").symlink_to(folder / "a")
    (folder / "sub" / "up").symlink_to(folder)  # a link to a folder: not followed
    (folder / "sub" / "gone.txt").symlink_to(tmp_path / "missing.txt")
    store, failures, code = _store(tmp_path, folder)
    try:
        assert store.count_documents() == 1
        reasons = {Path(f.source).name: f.reason for f in failures}
        assert reasons == {
            "self": "symbolic link loop",
            "a": "symbolic link loop",
            "b": "symbolic link loop",
            "gone.txt": "broken symbolic link",
        }
        assert code == 1
    finally:
        store.close()


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads every folder")
def test_unreadable_folder_is_recorded(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    locked = folder / "locked"
    locked.mkdir(parents=True)
    (folder / "good.txt").write_text(ARTICLE)
    (folder / "link").symlink_to(locked / "inside.txt")
    locked.chmod(0)
    try:
        store, failures, _ = _store(tmp_path, folder)
        store.close()
    finally:
        locked.chmod(0o755)
    assert {Path(f.source).name for f in failures} >= {"locked"}


def test_cli_ingest_with_a_link_loop_names_it_without_traceback(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "good.txt").write_text(ARTICLE)
    (folder / "loop").symlink_to(folder / "loop")
    result = CliRunner().invoke(cli, ["ingest", str(folder), "--db", str(tmp_path / "c.db")])
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    assert "loop: [ingest] symbolic link loop" in result.output


def test_stray_nul_bytes_are_dropped_not_the_file(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "nul.txt").write_bytes(ARTICLE.replace("Monday", "Mon\x00day").encode())
    lines = [
        json.dumps({"id": "1", "text": ARTICLE.replace("plan", "pl\u0000an")}),
        '{"id": "2", "text": "raw NUL \x00 inside a JSON string is invalid"}',
        json.dumps({"id": "3", "text": ARTICLE.replace("Port Alder", "Port Elder")}),
    ]
    (folder / "recs.jsonl").write_text("\n".join(lines) + "\n")
    items = list(iter_sources([folder]))
    articles = [i for i in items if isinstance(i, RawArticle)]
    failed = [i for i in items if isinstance(i, Failure)]
    assert [a.source.rsplit("/", 1)[-1] for a in articles] == [
        "nul.txt", "recs.jsonl:1", "recs.jsonl:3"
    ]
    assert all("\x00" not in a.content for a in articles)
    assert "on Monday" in articles[0].content
    assert [f.source.rsplit("/", 1)[-1] for f in failed] == ["recs.jsonl:2"]


def test_binary_files_are_still_rejected(tmp_path: Path) -> None:
    path = tmp_path / "blob.txt"
    path.write_bytes(bytes(range(256)) * 40)
    (item,) = list(iter_sources([path]))
    assert isinstance(item, Failure)
    assert "binary" in item.reason


def test_jsonl_text_is_plain_text_unless_the_record_says_html(tmp_path: Path) -> None:
    tutorial = "Wrap a paragraph in <p> and a block in <div>, then close </div> and </p>. " * 3
    rows = [
        {"id": "plain", "text": tutorial + "\n\n" + ARTICLE},
        {"id": "said", "format": "html", "text": f"<p>{ARTICLE}</p>"},
        {"id": "mime", "content_type": "text/html; charset=utf-8", "text": f"<p>{ARTICLE}</p>"},
        {"id": "page", "text": f"<!DOCTYPE html><html><body><p>{ARTICLE}</p></body></html>"},
    ]
    path = tmp_path / "r.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in rows) + "\n")
    articles = [a for a in iter_sources([path]) if isinstance(a, RawArticle)]
    assert [a.fmt for a in articles] == ["text", "html", "html", "html"]
    plain = clean_article(articles[0])
    assert "<div>" in plain.text
    assert len(plain.text) > len(ARTICLE)


def test_deeply_nested_markup_still_yields_its_text() -> None:
    page = "<html><body>" + "<div>" * 10_000 + f"<p>{ARTICLE}</p>" + "</div>" * 10_000
    page += "<script>var hidden = 1;</script></body></html>"
    doc = clean_article(RawArticle(source="deep.html", content=page, fmt="html"))
    assert "Dana Whitlow" in doc.text
    assert "hidden" not in doc.text
    assert visible_text("<style>p{}</style><p>One</p><p>Two &amp; three</p>") == (
        "One\n\nTwo & three"
    )


def test_identical_inputs_are_reported_as_duplicates(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    for name in ("a.txt", "b.txt", "c.txt"):
        (folder / name).write_text(ARTICLE)
    store, failures, code = _store(tmp_path, folder)
    store.close()
    assert [(Path(f.source).name, f.stage) for f in failures] == [
        ("b.txt", DUPLICATE_STAGE),
        ("c.txt", DUPLICATE_STAGE),
    ]
    assert all("a.txt" in f.reason for f in failures)
    assert code == 0  # duplicates are reported, not failures of the run
    result = CliRunner().invoke(cli, ["ingest", str(folder), "--db", str(tmp_path / "d.db")])
    assert result.exit_code == 0
    assert "2 duplicate input(s) skipped" in result.output


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet="ab .\n!", max_size=400), st.integers(min_value=1, max_value=50))
def test_cut_points_cover_the_text_in_bounded_pieces(text: str, size: int) -> None:
    spans = cut_points(text, size)
    assert spans[0][0] == 0
    assert spans[-1][1] == len(text)
    assert all(a == prev_end for (a, _), (_, prev_end) in zip(spans[1:], spans, strict=False))
    assert all(0 < b - a <= size for a, b in spans) or text == ""


def test_parse_long_joins_pieces_with_the_original_offsets() -> None:
    nlp = spacy.blank("en")
    nlp.max_length = 1000
    text = ("Word " * 50 + "end. ") * 60 + "x" * 1500
    doc = parse_long(nlp, text, size=400)
    assert doc.text == text
    assert all(text[t.idx : t.idx + len(t)] == t.text for t in doc)


@pytest.fixture
def small_max_length() -> Iterator[int]:
    nlp = load_nlp()
    before = nlp.max_length
    nlp.max_length = 20_000
    try:
        yield nlp.max_length
    finally:
        nlp.max_length = before


def test_a_text_past_spacys_limit_is_extracted_in_pieces(small_max_length: int) -> None:
    line = " ".join(ARTICLE.split())  # one line, as a scraped page without breaks can be
    text = " ".join([line] * (3 * small_max_length // len(line)))
    assert len(text) > small_max_length
    doc = Document(id="long", source="long.txt", raw=text, text=text)
    (done,) = list(ExtractStage().pipe([doc]))
    names = {e.name for e in done.entities}
    assert "Dana Whitlow" in names
    for entity in done.entities:
        for m in entity.mentions:
            assert text[m.start : m.end] == m.text
