"""JSON Lines (one article per line) and JSON arrays of article objects.

Each object needs ``text`` or ``html``; ``text`` is plain text unless the record
says otherwise (``"format": "html"``) or it is a whole HTML page; ``url``, ``title``, ``outlet``,
``published``, ``author``, ``language`` and ``id`` are optional (a few common
aliases such as ``link`` or ``date`` are accepted, see :data:`FIELDS`). A bad
line becomes a :class:`~narrascope.models.Failure` for ``path:LINE``; the other
lines are kept.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from typing import Any, Literal

from narrascope.errors import IngestError
from narrascope.ingest.decoding import decode_line, sanitize
from narrascope.ingest.html import is_html_document
from narrascope.models import Failure, RawArticle

#: RawArticle field -> accepted JSON keys, first present wins.
FIELDS: dict[str, tuple[str, ...]] = {
    "text": ("text", "content", "body"),
    "html": ("html", "raw_html"),
    "url": ("url", "link"),
    "title": ("title", "headline"),
    "outlet": ("outlet", "site_name", "sitename", "publisher"),
    "published": ("published", "date", "published_at", "date_published"),
    "author": ("author", "authors", "byline"),
    "language": ("language", "lang"),
    "external_id": ("id", "_id", "doc_id"),
}

NumberedLine = tuple[int, bytes]


def iter_lines(
    lines: Iterable[NumberedLine | Failure], source: str
) -> Iterator[RawArticle | Failure]:
    """Articles and per-line failures from numbered raw lines (blank lines are skipped)."""
    seen_content = False
    for item in lines:
        if isinstance(item, Failure):
            seen_content = True
            yield item
            continue
        lineno, raw = item
        result = parse_line(raw, f"{source}:{lineno}", first=lineno == 1)
        if result is not None:
            seen_content = True
            yield result
    if not seen_content:
        raise IngestError(source, "empty file (no JSON lines)")


def parse_line(raw: bytes, source: str, *, first: bool = False) -> RawArticle | Failure | None:
    """One JSONL line: an article, a failure for ``source`` (``path:LINE``), or None if blank."""
    text = decode_line(raw).rstrip("\r\n")
    if first:
        text = text.lstrip("\ufeff")
    if not text.strip():
        return None
    try:
        return record_to_article(loads(text, source), source)
    except IngestError as exc:
        return Failure(source=source, stage="ingest", reason=exc.reason)


def iter_document(text: str, source: str) -> Iterator[RawArticle | Failure]:
    """Articles of a ``.json`` file: an array of article objects, or one object."""
    data = loads(text, source)
    if isinstance(data, dict):
        yield record_to_article(data, source)
        return
    if not isinstance(data, list):
        got = json_type(data)
        raise IngestError(source, f"expected a JSON array of articles or one object, got {got}")
    if not data:
        raise IngestError(source, "no articles (empty JSON array)")
    for index, record in enumerate(data):
        item_source = f"{source}[{index}]"
        try:
            yield record_to_article(record, item_source)
        except IngestError as exc:
            yield Failure(source=item_source, stage="ingest", reason=exc.reason)


def loads(text: str, source: str) -> Any:
    """``json.loads`` raising :class:`IngestError` with the position of the problem."""
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        where = f"column {exc.colno}"
        if exc.lineno > 1:
            where = f"line {exc.lineno} {where}"
        message = exc.msg.removesuffix(" at")
        raise IngestError(source, f"invalid JSON ({message} at {where})") from exc
    except RecursionError as exc:
        raise IngestError(source, "invalid JSON (nested too deeply)") from exc
    except ValueError as exc:  # e.g. an integer literal with too many digits
        raise IngestError(source, f"invalid JSON ({str(exc).split(';')[0]})") from exc


def record_to_article(record: object, source: str) -> RawArticle:
    """Map one JSON object to a :class:`RawArticle`, raising :class:`IngestError`."""
    if not isinstance(record, dict):
        raise IngestError(source, f"expected a JSON object, got {json_type(record)}")
    text, html = _content(record, "text", source), _content(record, "html", source)
    if text is None and html is None:
        present = [key for key in (*FIELDS["text"], *FIELDS["html"]) if key in record]
        if present:
            raise IngestError(source, f'"{present[0]}" is empty')
        raise IngestError(source, 'missing both "text" and "html"')
    fmt: Literal["text", "html"] = "html"
    if text is not None:
        content, fmt = text, "html" if _text_is_html(record, text) else "text"
    else:
        content = html or ""
    meta = {
        name: _metadata(record, name, source)
        for name in ("url", "title", "outlet", "author", "language", "external_id")
    }
    return RawArticle(
        source=source, content=content, fmt=fmt, published=_published(record, source), **meta
    )


FORMAT_KEYS = ("format", "content_type", "mime_type", "text_format")


def _text_is_html(record: dict[str, Any], text: str) -> bool:
    """Whether a record's ``text`` is HTML: the record says so, or it is a whole page.

    A ``format``/``content_type`` key naming HTML ("html", "text/html") decides;
    without one, only a complete document (``<!DOCTYPE html>`` or ``<html>`` first)
    is read as HTML. Plain text that merely mentions tags ("the <div> element")
    stays plain text.
    """
    for key in FORMAT_KEYS:
        value = record.get(key)
        if isinstance(value, str) and value.strip():
            return "html" in value.lower()
    return is_html_document(text)


def json_type(value: object) -> str:
    """JSON name of a Python value's type, for messages."""
    names = {dict: "object", list: "array", str: "string", bool: "boolean", type(None): "null"}
    return names.get(type(value), "number")


def _lookup(record: dict[str, Any], name: str) -> tuple[str, Any]:
    for key in FIELDS[name]:
        if record.get(key) is not None:
            return key, record[key]
    return FIELDS[name][0], None


def _content(record: dict[str, Any], name: str, source: str) -> str | None:
    key, value = _lookup(record, name)
    if value is None:
        return None
    if not isinstance(value, str):
        raise IngestError(source, f'"{key}" must be a string, got {json_type(value)}')
    value = sanitize(value)
    return value if value.strip() else None


def _metadata(record: dict[str, Any], name: str, source: str) -> str | None:
    key, value = _lookup(record, name)
    if isinstance(value, dict) and isinstance(value.get("name"), str):
        value = value["name"]  # {"name": "..."} objects, as in schema.org or news APIs
    if isinstance(value, list) and all(isinstance(item, str) for item in value):
        value = ", ".join(item.strip() for item in value if item.strip())
    if isinstance(value, int | float) and not isinstance(value, bool):
        value = str(value)
    if value is not None and not isinstance(value, str):
        raise IngestError(source, f'"{key}" must be a string, got {json_type(value)}')
    value = sanitize(value).strip() if value else None
    if value and name == "language":
        value = value.lower()
    return value or None


def _published(record: dict[str, Any], source: str) -> str | None:
    key, value = _lookup(record, "published")
    if isinstance(value, int | float) and not isinstance(value, bool):
        return _from_epoch(value, key, source)
    value = _metadata(record, "published", source)
    return normalise_date(value) if value else None


def _from_epoch(value: float, key: str, source: str) -> str:
    seconds = value / 1000 if abs(value) > 1e11 else value  # milliseconds when too large
    try:
        return datetime.fromtimestamp(seconds, tz=UTC).isoformat()
    except (OverflowError, OSError, ValueError) as exc:
        raise IngestError(source, f'"{key}" is not a valid Unix timestamp ({value})') from exc


def normalise_date(value: str) -> str:
    """ISO 8601 stays as given; RFC 2822 dates (feeds, e-mail) become ISO 8601.

    Anything else is returned unchanged for the cleaner's date parser to judge.
    """
    try:
        datetime.fromisoformat(value)
    except ValueError:
        pass
    else:
        return value
    try:
        return parsedate_to_datetime(value).isoformat()
    except (TypeError, ValueError, IndexError):
        return value
