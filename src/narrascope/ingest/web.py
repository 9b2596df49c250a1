"""http(s) URLs: one page, or a feed whose entries are fetched one by one.

Uses ``urllib`` with a timeout, a User-Agent, a size cap (checked against
``Content-Length`` first, then while reading) and a content-type check. A feed
yields one article per entry: the linked page when ``follow_feeds`` is on and it
can be fetched, else the content the feed itself carries.
"""

from __future__ import annotations

import dataclasses
import http.client
import logging
import urllib.error
import urllib.request
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import PurePosixPath
from urllib.parse import urlsplit

from narrascope.errors import IngestError
from narrascope.ingest import feeds, formats
from narrascope.ingest.decoding import decode, too_large
from narrascope.ingest.files import read_capped
from narrascope.ingest.html import known_codec, looks_like_feed, looks_like_html
from narrascope.ingest.options import IngestOptions
from narrascope.models import Failure, RawArticle

logger = logging.getLogger(__name__)

USER_AGENT = "narrascope/0.1 (news analysis; +python-urllib)"
ACCEPT = (
    "text/html,application/xhtml+xml,application/rss+xml,application/atom+xml,"
    "application/xml;q=0.9,text/plain;q=0.8,application/json;q=0.8"
)
#: Content type -> format.
CONTENT_KINDS: dict[str, formats.Kind] = {
    "text/html": "html",
    "application/xhtml+xml": "html",
    "application/rss+xml": "feed",
    "application/atom+xml": "feed",
    "application/rdf+xml": "feed",
    "application/xml": "feed",
    "text/xml": "feed",
    "text/plain": "text",
    "application/json": "json",
    "application/x-ndjson": "jsonl",
    "application/jsonl": "jsonl",
    "application/x-jsonlines": "jsonl",
}


@dataclass(frozen=True, slots=True)
class Response:
    """A fetched resource."""

    url: str  # after redirects
    content_type: str
    charset: str | None
    body: bytes


def is_url(value: str) -> bool:
    """Whether ``value`` is an http(s) URL."""
    return value[:8].lower().startswith(("http://", "https://"))


def iter_url(url: str, options: IngestOptions) -> Iterator[RawArticle | Failure]:
    """Articles behind a URL; raises :class:`IngestError` when the URL itself fails."""
    response = fetch(url, options)
    kind = _kind(response, url)
    if kind == "feed":
        for entry in feeds.parse_feed(
            response.body, url, base_url=response.url, content_type=response.content_type
        ):
            yield _feed_entry(entry, url, options)
        return
    for article in formats.parse(response.body, url, kind=kind, declared=response.charset):
        if isinstance(article, RawArticle) and article.url is None:
            article = dataclasses.replace(article, url=response.url)
        yield article


def fetch(url: str, options: IngestOptions) -> Response:
    """GET ``url`` with the ingest limits, raising :class:`IngestError` with a clear reason."""
    request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT, "Accept": ACCEPT})
    try:
        with urllib.request.urlopen(request, timeout=options.timeout) as reply:
            length = reply.headers.get("Content-Length", "")
            if length.isdigit() and int(length) > options.max_bytes:
                raise IngestError(url, too_large(int(length), options.max_bytes))
            body = read_capped(reply, options.max_bytes, url)
            encoding = reply.headers.get("Content-Encoding", "").lower()
            return Response(
                url=reply.geturl(),
                content_type=reply.headers.get_content_type(),
                charset=known_codec(reply.headers.get_content_charset()),
                body=_uncompress(body, encoding, url, options.max_bytes),
            )
    except urllib.error.HTTPError as exc:
        exc.close()
        raise IngestError(url, f"HTTP {exc.code} {exc.reason}") from exc
    except urllib.error.URLError as exc:
        raise IngestError(url, _network_reason(exc.reason, options)) from exc
    except (OSError, http.client.HTTPException) as exc:
        raise IngestError(url, _network_reason(exc, options)) from exc
    except ValueError as exc:
        raise IngestError(url, f"invalid URL ({exc})") from exc


def _network_reason(reason: object, options: IngestOptions) -> str:
    if isinstance(reason, TimeoutError):
        return f"timed out after {options.timeout:g} s"
    return f"cannot fetch ({reason})"


def _uncompress(body: bytes, encoding: str, url: str, limit: int) -> bytes:
    """Undo gzip/deflate transfer compression without exceeding ``limit``."""
    if encoding in ("", "identity"):
        return body
    if encoding not in ("gzip", "x-gzip", "deflate"):
        raise IngestError(url, f"unsupported content encoding {encoding}")
    inflater = zlib.decompressobj(zlib.MAX_WBITS | 32 if "gzip" in encoding else zlib.MAX_WBITS)
    try:
        data = inflater.decompress(body, limit + 1)
    except zlib.error as exc:
        raise IngestError(url, f"corrupt {encoding} body ({exc})") from exc
    if len(data) > limit:
        raise IngestError(url, too_large(None, limit))
    return data


def _kind(response: Response, url: str) -> formats.Kind:
    kind = CONTENT_KINDS.get(response.content_type)
    if kind is None and response.content_type == "application/octet-stream":
        kind = formats.kind_of(url_name(response.url))  # e.g. a .jsonl file on a plain server
    if kind is None:
        raise IngestError(
            url,
            f"unsupported content type {response.content_type} "
            "(expected HTML, plain text, JSON or an RSS/Atom feed)",
        )
    if kind in ("html", "text") and looks_like_feed(response.body[:4096].decode("latin-1")):
        return "feed"  # feeds served as text/html or text/plain
    if kind == "feed":
        head = _head_text(response)
        if looks_like_html(head) and not looks_like_feed(head):
            return "html"  # XHTML served as XML
        if not looks_like_feed(head):
            raise IngestError(url, "XML document is neither an RSS/Atom feed nor HTML")
    return kind


def _head_text(response: Response) -> str:
    try:
        return decode(response.body[:4096], response.url, declared=response.charset)
    except IngestError:
        return ""


def _feed_entry(
    entry: feeds.FeedEntry, feed_url: str, options: IngestOptions
) -> RawArticle | Failure:
    """The article of one feed entry: its linked page, else the feed's own content."""
    source = entry.link or f"{feed_url}#entry-{entry.index + 1}"
    problem = None
    if options.follow_feeds and entry.link and is_url(entry.link):
        try:
            return _with_entry_metadata(_page(entry.link, options), entry)
        except IngestError as exc:
            problem = exc.reason
            logger.warning("%s: %s; using the content of the feed entry", entry.link, problem)
    try:
        return feeds.entry_article(entry, source)
    except IngestError as exc:
        reason = f"{problem}; {exc.reason}" if problem else exc.reason
        return Failure(source=source, stage="ingest", reason=reason)


def _page(url: str, options: IngestOptions) -> RawArticle:
    """One article page (HTML or text) behind a feed link."""
    response = fetch(url, options)
    kind = _kind(response, url)
    if kind not in ("html", "text"):
        raise IngestError(url, f"linked page is {response.content_type}, not an article page")
    for item in formats.parse(response.body, url, kind=kind, declared=response.charset):
        if isinstance(item, RawArticle):
            return dataclasses.replace(item, url=response.url)
    raise IngestError(url, "linked page holds no article")


def _with_entry_metadata(article: RawArticle, entry: feeds.FeedEntry) -> RawArticle:
    return dataclasses.replace(
        article,
        title=entry.title,
        author=entry.author,
        published=entry.published,
        language=entry.language,
    )


def url_name(url: str) -> str:
    """The last path segment of a URL (used to guess a format from its suffix)."""
    return PurePosixPath(urlsplit(url).path).name
