"""RSS, RDF and Atom feeds (parsed with feedparser) to feed entries and articles."""

from __future__ import annotations

import calendar
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, Literal

import feedparser

from narrascope.errors import IngestError
from narrascope.ingest.decoding import sanitize
from narrascope.models import RawArticle

HTML_CONTENT_TYPES = ("text/html", "application/xhtml+xml")


@dataclass(frozen=True, slots=True)
class FeedEntry:
    """What a feed says about one article."""

    index: int
    link: str | None
    title: str | None
    author: str | None
    published: str | None
    language: str | None
    content: str | None
    content_fmt: Literal["text", "html"] = "html"


def parse_feed(
    data: bytes,
    source: str,
    *,
    base_url: str | None = None,
    content_type: str = "application/xml",
) -> list[FeedEntry]:
    """Entries of a feed document, raising :class:`IngestError` when it is not a usable feed."""
    headers = {"content-type": content_type}
    if base_url:
        headers["content-location"] = base_url
    parsed = feedparser.parse(data, response_headers=headers)
    if not parsed.get("version") and not parsed.entries:
        problem = parsed.get("bozo_exception")
        detail = f" ({problem})" if problem else ""
        raise IngestError(source, f"not an RSS or Atom feed{detail}")
    if not parsed.entries:
        raise IngestError(source, "feed has no entries")
    language = _text(parsed.feed.get("language"))
    return [_entry(i, entry, language) for i, entry in enumerate(parsed.entries)]


def entry_article(entry: FeedEntry, source: str) -> RawArticle:
    """An article from the content the feed itself carries for an entry."""
    if not entry.content:
        raise IngestError(source, "feed entry has no content")
    return RawArticle(
        source=source,
        content=entry.content,
        fmt=entry.content_fmt,
        url=entry.link,
        title=entry.title,
        author=entry.author,
        published=entry.published,
        language=entry.language,
    )


def _entry(index: int, entry: Any, language: str | None) -> FeedEntry:
    content, fmt = _content(entry)
    detail = entry.get("author_detail") or {}
    author = _text(detail.get("name")) or _text(entry.get("author"))
    return FeedEntry(
        index=index,
        link=_absolute(entry.get("link")),
        title=_text(entry.get("title")),
        author=author,
        published=_published(entry),
        language=_text(entry.get("language")) or language,
        content=content,
        content_fmt=fmt,
    )


def _content(entry: Any) -> tuple[str | None, Literal["text", "html"]]:
    """The fullest content of an entry: ``content`` first, then ``summary``."""
    candidates = list(entry.get("content") or [])
    if entry.get("summary_detail"):
        candidates.append(entry["summary_detail"])
    for detail in candidates:
        value = _text(detail.get("value"))
        if value:
            html = detail.get("type", "text/html") in HTML_CONTENT_TYPES
            return value, "html" if html else "text"
    return None, "html"


def _published(entry: Any) -> str | None:
    parsed: time.struct_time | None = entry.get("published_parsed") or entry.get("updated_parsed")
    if parsed is None:
        return None
    try:
        return datetime.fromtimestamp(calendar.timegm(parsed), tz=UTC).isoformat()
    except (OverflowError, OSError, ValueError):
        return None


def _absolute(value: object) -> str | None:
    """An absolute http(s) link, else ``None`` (a local feed has no base to resolve against)."""
    link = _text(value)
    if link is None or not link.lower().startswith(("http://", "https://")):
        return None
    return link


def _text(value: object) -> str | None:
    if not isinstance(value, str):
        return None
    value = sanitize(value).strip()
    return value or None
