"""Property-based fuzzing of ingest (and cleaning): arbitrary bytes and text never crash.

The only exceptions allowed out of ``parse_bytes`` are ``IngestError``; out of
cleaning, subclasses of ``NarrascopeError``. Every article that comes out holds
storable text: no NUL, no lone surrogate.
"""

from __future__ import annotations

import contextlib
import importlib
import json
from collections.abc import Callable
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from narrascope.errors import IngestError, NarrascopeError
from narrascope.ingest import IngestOptions, iter_bytes, parse_bytes
from narrascope.models import Failure, RawArticle

FUZZ = settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
NAMES = st.sampled_from(
    ["upload.txt", "page.html", "wire.jsonl", "batch.json", "feed.xml", "noext", "x.md"]
)
OPTIONS = IngestOptions(max_bytes=2_000_000)

# Text with every kind of code point, surrogates and NULs included.
WILD_TEXT = st.text(
    alphabet=st.characters(codec=None, categories=None, exclude_categories=()), max_size=400
)
ENCODINGS = st.sampled_from(
    ["utf-8", "utf-16", "utf-16-le", "utf-32", "cp1252", "cp1251", "latin-1"]
)
SNIPPETS = st.sampled_from(
    [
        b"<html>",
        b"<p>",
        b"</p>",
        b"<script>",
        b"<!DOCTYPE html>",
        b"<?xml version='1.0'?>",
        b"<rss version='2.0'><channel><item><title>",
        b"<feed xmlns='http://www.w3.org/2005/Atom'>",
        b"{",
        b"}",
        b"[",
        b"]",
        b'"text": ',
        b'"html": ',
        b"\n",
        b"\r\n",
        b"\x00",
        b"\xff\xfe",
        b"\xef\xbb\xbf",
        b"\xe2\x80",
        b"\x89PNG",
        b"%PDF-",
        "Москва ".encode("cp1251"),
        "naïve “café” ".encode("cp1252"),
        "Zürich ".encode(),
    ]
)
SPLICED = st.lists(st.one_of(SNIPPETS, st.binary(max_size=40)), max_size=30).map(b"".join)
HUGE_LINE = st.tuples(st.binary(min_size=1, max_size=8), st.integers(1000, 150_000)).map(
    lambda pair: pair[0] * pair[1]
)
JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | WILD_TEXT,
    lambda children: (
        st.lists(children, max_size=4)
        | st.dictionaries(
            st.sampled_from(["text", "html", "title", "url", "id", "date", "x"]),
            children,
            max_size=6,
        )
    ),
    max_leaves=12,
)


def _encode(text: str, encoding: str) -> bytes:
    errors = "surrogatepass" if encoding.startswith("utf") else "replace"
    return text.encode(encoding, errors)


def _check_articles(data: bytes, name: str) -> list[RawArticle]:
    reason: str | None
    try:
        articles = parse_bytes(data, name, options=OPTIONS)
    except IngestError as exc:
        reason = exc.reason
    else:
        reason = None
    if reason is not None:
        assert reason
        assert "\n" not in reason
        return []
    assert articles
    for article in articles:
        assert isinstance(article, RawArticle)
        assert article.content.strip()
        assert "\x00" not in article.content
        article.content.encode("utf-8")  # no lone surrogates: storable as UTF-8
        for value in (article.title, article.author, article.outlet, article.url):
            assert value is None or value.strip() == value
    return articles


@FUZZ
@given(data=st.binary(max_size=3000) | SPLICED, name=NAMES)
def test_fuzz_parse_bytes_arbitrary_bytes(data: bytes, name: str) -> None:
    _check_articles(data, name)


@FUZZ
@given(text=WILD_TEXT, encoding=ENCODINGS, name=NAMES)
def test_fuzz_parse_bytes_arbitrary_text(text: str, encoding: str, name: str) -> None:
    _check_articles(_encode(text, encoding), name)


@FUZZ
@given(line=HUGE_LINE, name=NAMES)
def test_fuzz_parse_bytes_huge_lines(line: bytes, name: str) -> None:
    _check_articles(line, name)


@FUZZ
@given(rows=st.lists(JSON_VALUES, min_size=1, max_size=5), name=NAMES, cut=st.integers(0, 50))
def test_fuzz_parse_bytes_json_records(rows: list[Any], name: str, cut: int) -> None:
    lines = "\n".join(json.dumps(row, ensure_ascii=cut % 2 == 0) for row in rows)
    data = _encode(lines, "utf-8")
    _check_articles(data, name)
    _check_articles(data[: max(len(data) - cut, 0)], name)  # truncated mid-record


@FUZZ
@given(data=st.binary(max_size=2000) | SPLICED, name=NAMES)
def test_fuzz_iter_bytes_never_raises(data: bytes, name: str) -> None:
    for item in iter_bytes(data, name, options=OPTIONS):
        assert isinstance(item, RawArticle | Failure)
        if isinstance(item, Failure):
            assert item.stage == "ingest"
            assert not item.reason.startswith("unexpected error"), item.reason


def _clean_article() -> Callable[[RawArticle], Any]:
    try:
        module = importlib.import_module("narrascope.clean")
    except ImportError:
        pytest.skip("narrascope.clean is not written yet")
    function = getattr(module, "clean_article", None)
    if function is None:
        pytest.skip("narrascope.clean.clean_article is not written yet")
    return function  # type: ignore[no-any-return]


CLEAN_FUZZ = settings(FUZZ, max_examples=100)


@CLEAN_FUZZ
@given(data=st.binary(max_size=2000) | SPLICED, name=NAMES)
def test_fuzz_ingest_then_clean_arbitrary_bytes(data: bytes, name: str) -> None:
    clean_article = _clean_article()
    for raw in _check_articles(data, name):
        with contextlib.suppress(NarrascopeError):
            clean_article(raw)


@CLEAN_FUZZ
@given(text=WILD_TEXT, fmt=st.sampled_from(["text", "html"]), extra=SNIPPETS)
def test_fuzz_clean_arbitrary_text(text: str, fmt: str, extra: bytes) -> None:
    clean_article = _clean_article()
    content = text + extra.decode("latin-1") + text
    raw = RawArticle(source="fuzz", content=content, fmt=fmt)  # type: ignore[arg-type]
    try:
        doc = clean_article(raw)
    except NarrascopeError:
        return
    assert isinstance(doc.text, str)
