"""Dispatch of one input's bytes to a format: by extension first, then by sniffing."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import PurePath
from typing import Literal

from narrascope.errors import IngestError
from narrascope.ingest import feeds, jsonl
from narrascope.ingest.decoding import binary_kind, decode, has_bom
from narrascope.ingest.html import declared_charset, looks_like_feed, looks_like_html
from narrascope.models import Failure, RawArticle

Kind = Literal["text", "html", "jsonl", "json", "feed"]

#: File suffix -> format. Other suffixes (and none) are sniffed.
SUFFIX_KINDS: dict[str, Kind] = {
    ".txt": "text",
    ".text": "text",
    ".md": "text",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".json": "json",
    ".xml": "feed",
    ".rss": "feed",
    ".atom": "feed",
}
JSONL_SUFFIXES = frozenset(s for s, kind in SUFFIX_KINDS.items() if kind == "jsonl")


def kind_of(name: str) -> Kind | None:
    """The format a file name announces, or ``None`` when it must be sniffed."""
    return SUFFIX_KINDS.get(PurePath(name).suffix.lower())


def parse(
    data: bytes, source: str, *, kind: Kind | None = None, declared: str | None = None
) -> Iterator[RawArticle | Failure]:
    """Articles (and per-record failures) in one input.

    Raises :class:`IngestError` for problems of the whole input (binary, empty,
    undecodable, not a feed...). ``kind`` is the announced format (``None``:
    sniff); ``declared`` a charset announced by the transport (HTTP header).
    """
    if kind == "jsonl" and not has_bom(data):
        yield from _jsonl_bytes(data, source)
        return
    text = decode(data, source, declared=declared or declared_charset(data))
    kind = sniff(text, kind, source)
    if kind == "feed":
        yield from _feed(data, source)
    elif kind == "json":
        yield from _json(text, source)
    elif kind == "jsonl":
        yield from jsonl.iter_lines(_numbered(text.encode("utf-8", "surrogatepass")), source)
    else:
        yield RawArticle(source=source, content=text, fmt=kind)


def sniff(text: str, kind: Kind | None, source: str) -> Kind:
    """The format of decoded text, given what its name announced."""
    if kind in ("html", "json", "jsonl"):
        return kind
    if looks_like_feed(text):
        return "feed"
    if looks_like_html(text):
        return "html"
    if kind == "feed":
        raise IngestError(source, "XML document is neither an RSS/Atom feed nor HTML")
    if kind is None:
        return _sniff_json(text) or "text"
    return "text"


def _sniff_json(text: str) -> Kind | None:
    stripped = text.lstrip()
    if not stripped.startswith(("{", "[")):
        return None
    try:
        json.loads(stripped)
    except (ValueError, RecursionError):
        first_line = stripped.split("\n", 1)[0]
        try:
            is_object = isinstance(json.loads(first_line), dict)
        except (ValueError, RecursionError):
            return None
        return "jsonl" if is_object else None
    return "json"


def _json(text: str, source: str) -> Iterator[RawArticle | Failure]:
    """A ``.json`` file: an array or object; JSON Lines saved as ``.json`` also work."""
    try:
        items = list(jsonl.iter_document(text, source))
    except IngestError:
        if _sniff_json(text) != "jsonl":
            raise
        items = list(jsonl.iter_lines(_numbered(text.encode("utf-8", "surrogatepass")), source))
    yield from items


def _jsonl_bytes(data: bytes, source: str) -> Iterator[RawArticle | Failure]:
    if not data:
        raise IngestError(source, "empty file")
    kind = binary_kind(data)
    if kind is not None:
        raise IngestError(source, f"binary file ({kind})")
    yield from jsonl.iter_lines(_numbered(data), source)


def _numbered(data: bytes) -> Iterator[jsonl.NumberedLine]:
    yield from enumerate(data.split(b"\n"), start=1)


def _feed(data: bytes, source: str) -> Iterator[RawArticle | Failure]:
    """Articles from the content a local or uploaded feed carries (no network)."""
    for entry in feeds.parse_feed(data, source):
        entry_source = f"{source}#entry-{entry.index + 1}"
        try:
            yield feeds.entry_article(entry, entry_source)
        except IngestError as exc:
            yield Failure(source=entry_source, stage="ingest", reason=exc.reason)
