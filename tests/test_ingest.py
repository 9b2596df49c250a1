"""Ingest of files, folders and stdin; bad inputs become one clear Failure each."""

from __future__ import annotations

import io
import os
import re
import sys
import tracemalloc
from pathlib import Path

import pytest

from narrascope.errors import ConfigError, IngestError, NarrascopeError
from narrascope.ingest import IngestOptions, iter_sources, parse_bytes, read_source
from narrascope.models import Failure, RawArticle

DATA = Path(__file__).parent / "data" / "ingest"
BATCH = DATA / "batch"
PNG = (BATCH / "photo.png").read_bytes()
GOOD_TEXT = (
    "Ferry service resumes after storm\n\n"
    "The island ferry resumed its normal timetable on Friday, the operator said.\n"
)


def split(items: list[RawArticle | Failure]) -> tuple[list[RawArticle], list[Failure]]:
    articles = [item for item in items if isinstance(item, RawArticle)]
    failures = [item for item in items if isinstance(item, Failure)]
    assert len(articles) + len(failures) == len(items)
    return articles, failures


def reasons(failures: list[Failure]) -> dict[str, str]:
    return {failure.source: failure.reason for failure in failures}


def test_ingest_batch_folder_keeps_good_files_and_reports_bad_ones() -> None:
    articles, failures = split(list(iter_sources([BATCH])))
    assert [a.source for a in articles] == [
        f"{BATCH}/01_harbour.txt",
        f"{BATCH}/02_council.html",
        f"{BATCH}/sub/03_wire.jsonl:1",
        f"{BATCH}/sub/03_wire.jsonl:2",
        f"{BATCH}/sub/03_wire.jsonl:5",
        f"{BATCH}/sub/NOTES",
    ]
    assert reasons(failures) == {
        f"{BATCH}/sub/03_wire.jsonl:4": 'missing both "text" and "html"',
        f"{BATCH}/sub/03_wire.jsonl:6": "invalid JSON (Unterminated string starting at column 10)",
        f"{BATCH}/sub/04_empty.txt": "empty file",
        f"{BATCH}/sub/05_blank.txt": "empty file (only whitespace)",
        f"{BATCH}/sub/scan.txt": "binary file (PNG image)",
    }
    assert all(f.stage == "ingest" for f in failures)
    harbour, council = articles[0], articles[1]
    assert harbour.fmt == "text"
    assert harbour.content.startswith("Harbour board approves repairs")
    assert council.fmt == "html"
    assert '<script>track("article_view");</script>' in council.content  # the cleaner strips it


def test_ingest_folder_skips_images_by_extension_and_sniffing() -> None:
    sources = [item.source for item in iter_sources([BATCH])]
    assert not any(s.endswith(("photo.png", "THUMB")) for s in sources)


def test_ingest_binary_file_given_explicitly_is_reported() -> None:
    items = list(iter_sources([BATCH / "photo.png", BATCH / "sub" / "THUMB"]))
    assert items == [
        Failure(f"{BATCH}/photo.png", "ingest", "binary file (PNG image)"),
        Failure(f"{BATCH}/sub/THUMB", "ingest", "binary file (PNG image)"),
    ]


def test_ingest_folder_skips_hidden_files_and_folders(tmp_path: Path) -> None:
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "notes.txt").write_text("Not an article.\n")
    (tmp_path / ".draft.txt").write_text("Not an article either.\n")
    (tmp_path / "b.txt").write_text(GOOD_TEXT)
    (tmp_path / "a.txt").write_text(GOOD_TEXT.upper())
    sources = [item.source for item in iter_sources([tmp_path])]
    assert sources == [str(tmp_path / "a.txt"), str(tmp_path / "b.txt")]


def test_ingest_folder_recursion_can_be_switched_off(tmp_path: Path) -> None:
    (tmp_path / "deep" / "deeper").mkdir(parents=True)
    (tmp_path / "top.txt").write_text(GOOD_TEXT)
    (tmp_path / "deep" / "mid.txt").write_text(GOOD_TEXT)
    (tmp_path / "deep" / "deeper" / "low.md").write_text(GOOD_TEXT)
    deep = [item.source for item in iter_sources([tmp_path])]
    assert deep == [
        str(tmp_path / "deep" / "deeper" / "low.md"),
        str(tmp_path / "deep" / "mid.txt"),
        str(tmp_path / "top.txt"),
    ]
    flat = [
        item.source for item in iter_sources([tmp_path], options=IngestOptions(recursive=False))
    ]
    assert flat == [str(tmp_path / "top.txt")]


def test_ingest_extensions_option_limits_folder_walk(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(GOOD_TEXT)
    (tmp_path / "b.story").write_text(GOOD_TEXT)
    options = IngestOptions(extensions=("STORY",))
    assert [item.source for item in iter_sources([tmp_path], options=options)] == [
        str(tmp_path / "b.story")
    ]


BAD_INPUTS = [
    (
        "nul.txt",
        b"Some text\x00\x00\x00\x01\x02 more text" * 20,
        "binary file (contains NUL bytes)",
    ),
    ("controls.txt", b"abcd\x01" * 100, "binary file (20% control characters)"),
    (
        "report.txt",
        b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n",
        "binary file (PDF document)",
    ),
    (
        "archive.txt",
        b"PK\x03\x04\x14\x00\x00\x00\x08\x00" + b"x" * 40,
        "binary file (ZIP archive (or DOCX/EPUB/ODT))",
    ),
    ("empty.txt", b"", "empty file"),
    ("blank.txt", b" \n\t\r\n   \n", "empty file (only whitespace)"),
    ("empty.jsonl", b"", "empty file"),
    ("blank.jsonl", b"\n\n  \n", "empty file (no JSON lines)"),
    ("photo.jsonl", PNG, "binary file (PNG image)"),
    ("broken.json", b'[{"text": "a"}, {"text": ', "invalid JSON (Expecting value at column 26)"),
    (
        "bad-utf16.txt",
        b"\xff\xfeA\x00\x00\xd8",
        "not valid UTF-16-LE despite its byte-order mark (unexpected end of data at byte 2)",
    ),
]


@pytest.mark.parametrize(("name", "data", "reason"), BAD_INPUTS, ids=[b[0] for b in BAD_INPUTS])
def test_ingest_bad_input_fails_with_one_clear_line(
    tmp_path: Path, name: str, data: bytes, reason: str
) -> None:
    (tmp_path / "before.txt").write_text(GOOD_TEXT)
    (tmp_path / name).write_bytes(data)
    (tmp_path / "zafter.txt").write_text(GOOD_TEXT)
    articles, failures = split(list(iter_sources([tmp_path])))
    assert failures == [Failure(str(tmp_path / name), "ingest", reason)]
    assert [a.source for a in articles] == [
        str(tmp_path / "before.txt"),
        str(tmp_path / "zafter.txt"),
    ]
    assert "\n" not in failures[0].reason


def test_ingest_too_large_file_is_refused_without_reading_it(tmp_path: Path) -> None:
    big = tmp_path / "big.txt"
    with big.open("wb") as handle:
        line = b"All work and no play makes a very long article indeed. " * 20 + b"\n"
        for _ in range(50_000_000 // len(line) + 1):
            handle.write(line)
        handle.truncate(50_000_000)
    (tmp_path / "small.txt").write_text(GOOD_TEXT)
    tracemalloc.start()
    try:
        items = list(iter_sources([big, tmp_path / "small.txt"]))
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert items[0] == Failure(
        str(big), "ingest", "too large (50.0 MB > 10.0 MB limit; use --max-bytes)"
    )
    assert isinstance(items[1], RawArticle)
    assert peak < 2_000_000, f"peak memory {peak} bytes: the big file was read"
    allowed = list(iter_sources([big], options=IngestOptions(max_bytes=60_000_000)))
    assert len(allowed) == 1
    assert isinstance(allowed[0], RawArticle)
    assert len(allowed[0].content) == 50_000_000


def test_ingest_jsonl_limit_applies_per_line(tmp_path: Path) -> None:
    path = tmp_path / "wire.jsonl"
    long_line = '{"text": "' + "word " * 400 + '"}\n'
    path.write_text('{"text": "short one"}\n' + long_line + '{"text": "short two"}\n')
    items = list(iter_sources([path], options=IngestOptions(max_bytes=1000)))
    assert [getattr(i, "content", None) for i in items] == ["short one", None, "short two"]
    assert items[1] == Failure(
        f"{path}:2", "ingest", "line too large (over the 1.0 kB limit; use --max-bytes)"
    )


def test_ingest_missing_path_is_reported(tmp_path: Path) -> None:
    (tmp_path / "ok.txt").write_text(GOOD_TEXT)
    items = list(iter_sources([tmp_path / "nope.txt", tmp_path / "ok.txt"]))
    assert items[0] == Failure(str(tmp_path / "nope.txt"), "ingest", "no such file or folder")
    assert isinstance(items[1], RawArticle)


def test_ingest_html_detected_by_extension_and_by_content(tmp_path: Path) -> None:
    page = "<html><head><title>T</title></head><body><p>Body text.</p></body></html>"
    (tmp_path / "a.htm").write_text("Plain words in a file called .htm\n")
    (tmp_path / "b.txt").write_text("<!doctype html>\n" + page)
    (tmp_path / "c.txt").write_text("Plain text mentioning <b>one tag</b> is still text.\n")
    fmts = [item.fmt for item in iter_sources([tmp_path]) if isinstance(item, RawArticle)]
    assert fmts == ["html", "html", "text"]


def test_ingest_html_with_scripts_passes_through(tmp_path: Path) -> None:
    html = (
        "<html><head><script>var tracker = 1; document.write('<p>x</p>');</script></head>"
        "<body><article><p>The mayor opened the new library on Saturday.</p></article>"
        "<script src='ads.js'></script></body></html>"
    )
    (tmp_path / "page.html").write_text(html)
    (article,) = iter_sources([tmp_path / "page.html"])
    assert isinstance(article, RawArticle)
    assert article.fmt == "html"
    assert article.content == html


def _stdin(monkeypatch: pytest.MonkeyPatch, data: bytes) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data), encoding="utf-8"))


def test_ingest_stdin_text(monkeypatch: pytest.MonkeyPatch) -> None:
    _stdin(monkeypatch, GOOD_TEXT.encode("cp1252").replace(b"Friday", b"Fr\xeediday"))
    (article,) = iter_sources(["-"])
    assert isinstance(article, RawArticle)
    assert article.source == "<stdin>"
    assert article.fmt == "text"
    assert "Frîdiday" in article.content


def test_ingest_stdin_sniffs_jsonl_and_html(monkeypatch: pytest.MonkeyPatch) -> None:
    _stdin(monkeypatch, b'{"text": "one", "title": "A"}\n{"text": "two"}\n')
    items = list(iter_sources(["-"]))
    assert [(i.source, getattr(i, "title", None)) for i in items] == [
        ("<stdin>:1", "A"),
        ("<stdin>:2", None),
    ]
    _stdin(monkeypatch, b"<!DOCTYPE html><html><body><p>Hi</p></body></html>")
    (page,) = iter_sources(["-"])
    assert isinstance(page, RawArticle)
    assert page.fmt == "html"


def test_ingest_stdin_without_binary_buffer(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "stdin", io.StringIO(GOOD_TEXT))
    (article,) = iter_sources(["-"])
    assert isinstance(article, RawArticle)
    assert article.content == GOOD_TEXT


def test_ingest_stdin_empty_and_too_large(monkeypatch: pytest.MonkeyPatch) -> None:
    _stdin(monkeypatch, b"")
    assert list(iter_sources(["-"])) == [Failure("<stdin>", "ingest", "empty file")]
    _stdin(monkeypatch, b"x" * 5000)
    items = list(iter_sources(["-"], options=IngestOptions(max_bytes=4000)))
    assert items == [
        Failure("<stdin>", "ingest", "too large (over the 4.0 kB limit; use --max-bytes)")
    ]


def test_ingest_single_path_string_is_accepted() -> None:
    items = list(iter_sources(str(BATCH / "01_harbour.txt")))
    assert [i.source for i in items] == [str(BATCH / "01_harbour.txt")]


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"max_bytes": 0}, "max_bytes must be positive"),
        ({"max_bytes": 1.5}, "max_bytes must be an integer"),
        ({"max_bytes": True}, "max_bytes must be an integer"),
        ({"timeout": 0}, "timeout must be a positive number"),
        ({"timeout": float("nan")}, "timeout must be a positive number"),
        ({"follow_feeds": "yes"}, "follow_feeds must be True or False"),
        ({"recursive": 1}, "recursive must be True or False"),
        ({"extensions": ".txt"}, "extensions must be a sequence"),
        ({"extensions": (".t/xt",)}, "invalid extension"),
        ({"extensions": ("",)}, "invalid extension"),
    ],
)
def test_ingest_options_are_validated(kwargs: dict[str, object], message: str) -> None:
    with pytest.raises(ConfigError, match=message):
        IngestOptions(**kwargs)  # type: ignore[arg-type]


def test_ingest_options_normalise_extensions_and_are_frozen() -> None:
    options = IngestOptions(extensions=["TXT", ".Md", ".txt"])  # type: ignore[arg-type]
    assert options.extensions == (".txt", ".md")
    with pytest.raises(AttributeError):
        options.max_bytes = 5  # type: ignore[misc]
    with pytest.raises(TypeError):
        IngestOptions(5)  # type: ignore[call-arg]


def test_ingest_bad_options_object_is_a_programmer_error() -> None:
    with pytest.raises(ConfigError):
        list(iter_sources([BATCH], options={"max_bytes": 5}))  # type: ignore[arg-type]


def test_ingest_read_source_is_strict(tmp_path: Path) -> None:
    articles = read_source(BATCH / "01_harbour.txt")
    assert [a.source for a in articles] == [str(BATCH / "01_harbour.txt")]
    with pytest.raises(IngestError) as info:
        read_source(BATCH / "sub" / "scan.txt")
    assert str(info.value) == f"{BATCH}/sub/scan.txt: binary file (PNG image)"
    with pytest.raises(
        IngestError, match=r"03_wire.jsonl:4: missing both .* \(and 1 more failures\)"
    ):
        read_source(BATCH / "sub" / "03_wire.jsonl")
    (tmp_path / "pic.png").write_bytes(PNG)
    with pytest.raises(IngestError, match="no articles found"):
        read_source(tmp_path)  # the only file is skipped as a non-article


def test_ingest_parse_bytes_dispatches_by_name_and_content() -> None:
    (text,) = parse_bytes(GOOD_TEXT.encode(), "upload.txt")
    assert (text.source, text.fmt, text.content) == ("upload.txt", "text", GOOD_TEXT)
    (page,) = parse_bytes(b"<html><body><p>Hello</p></body></html>", "page")
    assert page.fmt == "html"
    rows = parse_bytes(
        b'[{"text": "a", "url": "https://example.org/a"}, {"html": "<p>b</p>"}]', "x"
    )
    assert [(r.source, r.url, r.fmt) for r in rows] == [
        ("x[0]", "https://example.org/a", "text"),
        ("x[1]", None, "html"),
    ]


@pytest.mark.parametrize(
    ("data", "name", "message"),
    [
        (b'{"text": "a"}\n{"text": \n', "up.jsonl", "up.jsonl:2: invalid JSON"),
        (b'{"title": "no body"}\n', "up.jsonl", 'up.jsonl:1: missing both "text" and "html"'),
        (PNG, "up.txt", "up.txt: binary file (PNG image)"),
        (b"", "up.txt", "up.txt: empty file"),
        (b"x" * 11_000_000, "up.txt", "up.txt: too large (11.0 MB > 10.0 MB limit"),
    ],
)
def test_ingest_parse_bytes_raises_ingest_error(data: bytes, name: str, message: str) -> None:
    with pytest.raises(IngestError, match=re.escape(message)) as info:
        parse_bytes(data, name)
    assert isinstance(info.value, NarrascopeError)


def test_ingest_parse_bytes_rejects_non_bytes() -> None:
    with pytest.raises(ConfigError):
        parse_bytes("text", "a.txt")  # type: ignore[arg-type]


def test_ingest_unexpected_library_error_is_contained(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import feedparser

    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("parser exploded")

    monkeypatch.setattr(feedparser, "parse", broken)
    (tmp_path / "a.rss").write_text("<rss version='2.0'><channel></channel></rss>")
    (tmp_path / "b.txt").write_text(GOOD_TEXT)
    items = list(iter_sources([tmp_path]))
    assert items[0] == Failure(
        str(tmp_path / "a.rss"), "ingest", "unexpected error (RuntimeError: parser exploded)"
    )
    assert isinstance(items[1], RawArticle)


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() == 0, reason="root reads any file")
def test_ingest_unreadable_file_is_reported(tmp_path: Path) -> None:
    locked = tmp_path / "locked.txt"
    locked.write_text(GOOD_TEXT)
    locked.chmod(0)
    try:
        items = list(iter_sources([locked]))
    finally:
        locked.chmod(0o644)
    assert items == [Failure(str(locked), "ingest", "cannot read (Permission denied)")]
