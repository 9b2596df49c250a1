"""JSON Lines and JSON arrays: metadata mapping, per-line failures, odd values."""

from __future__ import annotations

import codecs
import json
from collections.abc import Sequence
from pathlib import Path

import pytest

from narrascope.ingest import iter_sources, parse_bytes
from narrascope.ingest.jsonl import normalise_date
from narrascope.models import Failure, RawArticle

FULL = {
    "id": "reg-0042",
    "url": "https://news.example.org/2025/03/port-strike",
    "title": "Dock workers begin two-day strike",
    "outlet": "Harbour Gazette",
    "published": "2025-03-14T06:00:00+01:00",
    "author": "Ines Duarte",
    "language": "PT-br",
    "text": "Dock workers at the southern terminal began a two-day strike on Friday over pay.",
}


def _write_jsonl(path: Path, rows: Sequence[object]) -> Path:
    path.write_text("".join(json.dumps(row, ensure_ascii=False) + "\n" for row in rows))
    return path


def test_ingest_jsonl_maps_every_field(tmp_path: Path) -> None:
    path = _write_jsonl(tmp_path / "wire.jsonl", [FULL])
    (article,) = iter_sources([path])
    assert article == RawArticle(
        source=f"{path}:1",
        content=FULL["text"],
        fmt="text",
        url=FULL["url"],
        title=FULL["title"],
        outlet=FULL["outlet"],
        author=FULL["author"],
        published=FULL["published"],
        language="pt-br",
        external_id="reg-0042",
    )


def test_ingest_jsonl_accepts_common_aliases_and_shapes(tmp_path: Path) -> None:
    row = {
        "_id": 17,
        "link": "https://example.net/a",
        "headline": "Aliases work",
        "publisher": {"name": "Example Net", "url": "https://example.net"},
        "date": 1741932000,
        "authors": ["A. One", " B. Two "],
        "lang": "en",
        "content": "Body given under another common key.",
    }
    path = _write_jsonl(tmp_path / "aliases.ndjson", [row])
    (article,) = iter_sources([path])
    assert isinstance(article, RawArticle)
    assert (article.external_id, article.url, article.title) == ("17", row["link"], "Aliases work")
    assert (article.outlet, article.author, article.language) == (
        "Example Net",
        "A. One, B. Two",
        "en",
    )
    assert article.published == "2025-03-14T06:00:00+00:00"
    assert article.content == row["content"]


def test_ingest_jsonl_html_field_and_html_text(tmp_path: Path) -> None:
    rows = [
        {"html": "<html><body><p>From the html field.</p></body></html>"},
        {"text": "<!DOCTYPE html><html><body><p>HTML given as text.</p></body></html>"},
        {"text": "Text wins over html.", "html": "<p>ignored</p>"},
        {"text": "   ", "html": "<p>Empty text falls back to html.</p>"},
    ]
    path = _write_jsonl(tmp_path / "mixed.jsonl", rows)
    items = list(iter_sources([path]))
    assert [(i.fmt, i.content) for i in items if isinstance(i, RawArticle)] == [
        ("html", rows[0]["html"]),
        ("html", rows[1]["text"]),
        ("text", "Text wins over html."),
        ("html", "<p>Empty text falls back to html.</p>"),
    ]


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        ('{"title": "no body"}', 'missing both "text" and "html"'),
        ('{"text": ""}', '"text" is empty'),
        ('{"text": 42}', '"text" must be a string, got number'),
        ('{"text": "ok", "title": ["a", 1]}', '"title" must be a string, got array'),
        (
            '{"text": "ok", "published": 1e300}',
            '"published" is not a valid Unix timestamp (1e+300)',
        ),
        ('["text", "in an array"]', "expected a JSON object, got array"),
        ('"just a string"', "expected a JSON object, got string"),
        ('{"text": "cut', "invalid JSON (Unterminated string starting at column 10)"),
        (
            '{"text": "a",, "b": 1}',
            "invalid JSON (Expecting property name enclosed in double quotes at column 14)",
        ),
        ("[" * 100_000, "invalid JSON (nested too deeply)"),
    ],
)
def test_ingest_jsonl_bad_line_is_reported_and_others_kept(
    tmp_path: Path, line: str, reason: str
) -> None:
    path = tmp_path / "feed.jsonl"
    path.write_text('{"text": "first"}\n' + line + '\n{"text": "third"}\n')
    items = list(iter_sources([path]))
    assert items == [
        RawArticle(source=f"{path}:1", content="first"),
        Failure(source=f"{path}:2", stage="ingest", reason=reason),
        RawArticle(source=f"{path}:3", content="third"),
    ]


def test_ingest_jsonl_truncated_file_keeps_good_lines(tmp_path: Path) -> None:
    rows = [{"text": f"Article number {n} about the regional elections."} for n in range(1, 6)]
    whole = "".join(json.dumps(r) + "\n" for r in rows).encode()
    path = tmp_path / "truncated.jsonl"
    path.write_bytes(whole[: len(whole) - 25])  # the scraper died mid-line
    articles = [i for i in iter_sources([path]) if isinstance(i, RawArticle)]
    failures = [i for i in iter_sources([path]) if isinstance(i, Failure)]
    assert [a.source for a in articles] == [f"{path}:{n}" for n in range(1, 5)]
    assert [(f.source, f.reason.split(" (")[0]) for f in failures] == [
        (f"{path}:5", "invalid JSON")
    ]


def test_ingest_jsonl_blank_lines_and_crlf_and_bom(tmp_path: Path) -> None:
    path = tmp_path / "win.jsonl"
    path.write_bytes(codecs.BOM_UTF8 + b'{"text": "one"}\r\n\r\n   \r\n{"text": "two"}\r\n')
    assert [(i.source, i.content) for i in iter_sources([path]) if isinstance(i, RawArticle)] == [
        (f"{path}:1", "one"),
        (f"{path}:4", "two"),
    ]


def test_ingest_jsonl_utf16_file(tmp_path: Path) -> None:
    path = tmp_path / "utf16.jsonl"
    text = '{"text": "Привет"}\n{"text": "Grüße"}\n'
    path.write_bytes(codecs.BOM_UTF16_LE + text.encode("utf-16-le"))
    assert [i.content for i in iter_sources([path]) if isinstance(i, RawArticle)] == [
        "Привет",
        "Grüße",
    ]


def test_ingest_jsonl_sanitises_lone_surrogates_and_nuls(tmp_path: Path) -> None:
    path = tmp_path / "odd.jsonl"
    path.write_text('{"text": "a\\ud800b\\u0000c", "title": "t\\udfff"}\n')
    (article,) = iter_sources([path])
    assert isinstance(article, RawArticle)
    assert article.content == "a\ufffdbc"
    assert article.title == "t\ufffd"
    article.content.encode("utf-8")  # storable


def test_ingest_json_array_and_object(tmp_path: Path) -> None:
    array = tmp_path / "articles.json"
    array.write_text(json.dumps([FULL, {"text": "second"}, {"nothing": 1}]))
    items = list(iter_sources([array]))
    assert [i.source for i in items] == [f"{array}[0]", f"{array}[1]", f"{array}[2]"]
    assert isinstance(items[0], RawArticle)
    assert items[0].title == FULL["title"]
    assert items[2] == Failure(f"{array}[2]", "ingest", 'missing both "text" and "html"')
    single = tmp_path / "one.json"
    single.write_text(json.dumps(FULL))
    (article,) = iter_sources([single])
    assert isinstance(article, RawArticle)
    assert article.source == str(single)


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        ("[]", "no articles (empty JSON array)"),
        ("42", "expected a JSON array of articles or one object, got number"),
        (
            '[{"text": "a"},\n {"text": "b"',
            "invalid JSON (Expecting ',' delimiter at line 2 column 14)",
        ),
    ],
)
def test_ingest_json_bad_document(tmp_path: Path, content: str, reason: str) -> None:
    path = tmp_path / "bad.json"
    path.write_text(content)
    assert list(iter_sources([path])) == [Failure(str(path), "ingest", reason)]


def test_ingest_json_file_holding_json_lines(tmp_path: Path) -> None:
    path = _write_jsonl(tmp_path / "lines.json", [{"text": "a"}, {"text": "b"}])
    assert [i.source for i in iter_sources([path])] == [f"{path}:1", f"{path}:2"]


def test_ingest_jsonl_parse_bytes_sniffs_json_lines() -> None:
    rows = parse_bytes(b'{"text": "a", "title": "A"}\n{"text": "b"}\n', "upload")
    assert [(r.source, r.title) for r in rows] == [("upload:1", "A"), ("upload:2", None)]


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2025-03-14", "2025-03-14"),
        ("2025-03-14T06:00:00Z", "2025-03-14T06:00:00Z"),
        ("Fri, 14 Mar 2025 06:00:00 +0100", "2025-03-14T06:00:00+01:00"),
        ("14 March 2025", "14 March 2025"),
    ],
)
def test_ingest_jsonl_normalise_date(value: str, expected: str) -> None:
    assert normalise_date(value) == expected
