"""URLs and RSS/Atom feeds against a real HTTP server on 127.0.0.1."""

from __future__ import annotations

import gzip
import socket
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from narrascope.errors import IngestError
from narrascope.ingest import IngestOptions, iter_sources, read_source
from narrascope.ingest.web import USER_AGENT
from narrascope.models import Failure, RawArticle

pytestmark = pytest.mark.network

FEEDS = Path(__file__).parent / "data" / "ingest" / "feeds"
PAGE = (
    b"<!DOCTYPE html><html><head><title>Dam inspection</title>"
    b"<script>var ad = 1;</script></head><body><article>"
    b"<p>Inspectors found cracks in the spillway of the upper dam on Monday.</p>"
    b"</article></body></html>"
)
BUS_PAGE = (
    "<html><head><meta charset='iso-8859-1'></head>"
    "<body><p>Ab April fährt der Bus.</p></body></html>"
)


@dataclass
class Route:
    status: int
    content_type: str
    body: bytes
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0


ROUTES: dict[str, Route] = {
    "/feed.rss": Route(200, "application/rss+xml", (FEEDS / "rss.xml").read_bytes()),
    "/feed.atom": Route(
        200, "application/atom+xml; charset=utf-8", (FEEDS / "atom.xml").read_bytes()
    ),
    "/feed-as-html": Route(200, "text/html", (FEEDS / "rss.xml").read_bytes()),
    "/articles/dam.html": Route(200, "text/html; charset=utf-8", PAGE),
    "/articles/bus.html": Route(200, "text/html; charset=iso-8859-1", BUS_PAGE.encode("latin-1")),
    "/images/flood.png": Route(
        200, "image/png", (FEEDS.parent / "batch" / "photo.png").read_bytes()
    ),
    "/report.pdf": Route(200, "application/pdf", b"%PDF-1.7\n"),
    "/plain": Route(200, "text/plain", b"A plain text article about the harbour.\n"),
    "/wire.jsonl": Route(200, "application/x-ndjson", b'{"text": "one"}\n{"title": "none"}\n'),
    "/wire-octet.jsonl": Route(200, "application/octet-stream", b'{"text": "one"}\n'),
    "/big": Route(200, "text/plain", b"x" * 5000),
    "/gzip": Route(200, "text/html", gzip.compress(PAGE), {"Content-Encoding": "gzip"}),
    "/redirect": Route(302, "text/html", b"", {"Location": "/articles/dam.html"}),
    "/slow": Route(200, "text/plain", b"too late", delay=1.0),
    "/empty": Route(200, "text/html", b""),
    "/not-a-feed.xml": Route(
        200, "application/xml", b"<?xml version='1.0'?><urlset><url/></urlset>"
    ),
}


class _Handler(BaseHTTPRequestHandler):
    server: _Server

    def do_GET(self) -> None:
        self.server.requests.append((self.path, self.headers.get("User-Agent", "")))
        route = ROUTES.get(self.path, Route(404, "text/html", b"<h1>Not found</h1>"))
        time.sleep(route.delay)
        self.send_response(route.status)
        self.send_header("Content-Type", route.content_type)
        if "Content-Length" not in route.headers:
            self.send_header("Content-Length", str(len(route.body)))
        for name, value in route.headers.items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(route.body)

    def log_message(self, format: str, *args: object) -> None:
        """Keep the test output quiet."""


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    requests: list[tuple[str, str]]


@pytest.fixture(scope="module")
def server() -> Iterator[_Server]:
    httpd = _Server(("127.0.0.1", 0), _Handler)
    httpd.requests = []
    thread = threading.Thread(
        target=httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
    )
    thread.start()
    try:
        yield httpd
    finally:
        httpd.shutdown()
        httpd.server_close()
        thread.join(timeout=5)


@pytest.fixture
def base(server: _Server) -> str:
    server.requests.clear()
    host, port = server.server_address[:2]
    return f"http://{host!s}:{port}"


def test_ingest_web_html_page(base: str, server: _Server) -> None:
    (article,) = iter_sources([f"{base}/articles/dam.html"])
    assert article == RawArticle(
        source=f"{base}/articles/dam.html",
        content=PAGE.decode(),
        fmt="html",
        url=f"{base}/articles/dam.html",
    )
    assert server.requests == [("/articles/dam.html", USER_AGENT)]


def test_ingest_web_404_and_unsupported_type_do_not_stop_the_batch(base: str) -> None:
    items = list(
        iter_sources(
            [f"{base}/missing", f"{base}/images/flood.png", f"{base}/report.pdf", f"{base}/plain"]
        )
    )
    assert items[:3] == [
        Failure(f"{base}/missing", "ingest", "HTTP 404 Not Found"),
        Failure(
            f"{base}/images/flood.png",
            "ingest",
            "unsupported content type image/png "
            "(expected HTML, plain text, JSON or an RSS/Atom feed)",
        ),
        Failure(
            f"{base}/report.pdf",
            "ingest",
            "unsupported content type application/pdf "
            "(expected HTML, plain text, JSON or an RSS/Atom feed)",
        ),
    ]
    assert isinstance(items[3], RawArticle)
    assert (items[3].fmt, items[3].content) == ("text", "A plain text article about the harbour.\n")


def test_ingest_web_rss_feed_fetches_links_and_falls_back(base: str, server: _Server) -> None:
    items = list(iter_sources([f"{base}/feed.rss"]))
    dam, school, gone = items
    assert isinstance(dam, RawArticle)
    assert (dam.source, dam.fmt, dam.content) == (
        f"{base}/articles/dam.html",
        "html",
        PAGE.decode(),
    )
    assert dam.title == "Dam inspection finds cracks in spillway"
    assert dam.author == "Noor Haddad"
    assert dam.published == "2025-03-10T07:00:00+00:00"
    assert dam.language == "en-gb"
    assert isinstance(school, RawArticle)  # its page is a 404: the feed's own content is used
    assert school.source == f"{base}/articles/missing.html"
    assert school.content.startswith("<p>Repairs to the roof of the east school")
    assert school.published == "2025-03-11T12:30:00+00:00"
    assert gone == Failure(
        f"{base}/articles/gone.html", "ingest", "HTTP 404 Not Found; feed entry has no content"
    )
    paths = [path for path, _ in server.requests]
    assert paths == [
        "/feed.rss",
        "/articles/dam.html",
        "/articles/missing.html",
        "/articles/gone.html",
    ]


def test_ingest_web_atom_feed(base: str) -> None:
    bus, flood = iter_sources([f"{base}/feed.atom"])
    assert isinstance(bus, RawArticle)
    assert bus.content == BUS_PAGE  # decoded with the charset of the HTTP header
    assert (bus.title, bus.author, bus.language) == ("Neue Buslinie ins Tal", "Lena Vogt", "de")
    assert bus.url == f"{base}/articles/bus.html"
    assert isinstance(flood, RawArticle)  # the link is an image: the entry content is used
    assert (
        flood.content
        == "<p>Das Hochwasser erreichte am Dienstag die Altstadt, berichtete die Feuerwehr.</p>"
    )
    assert flood.url == f"{base}/images/flood.png"


def test_ingest_web_feed_without_following_links(base: str, server: _Server) -> None:
    options = IngestOptions(follow_feeds=False)
    items = list(iter_sources([f"{base}/feed.rss"], options=options))
    assert [type(i).__name__ for i in items] == ["RawArticle", "RawArticle", "Failure"]
    assert items[0].source == f"{base}/articles/dam.html"
    assert isinstance(items[0], RawArticle)
    assert items[0].content == "Inspectors found cracks in the spillway of the upper dam."
    assert [path for path, _ in server.requests] == ["/feed.rss"]


def test_ingest_web_feed_served_as_html_is_sniffed(base: str) -> None:
    items = list(iter_sources([f"{base}/feed-as-html"], options=IngestOptions(follow_feeds=False)))
    assert len(items) == 3


def test_ingest_web_other_formats(base: str) -> None:
    items = list(iter_sources([f"{base}/wire.jsonl", f"{base}/wire-octet.jsonl", f"{base}/gzip"]))
    assert items[0] == RawArticle(f"{base}/wire.jsonl:1", "one", url=f"{base}/wire.jsonl")
    assert items[1] == Failure(f"{base}/wire.jsonl:2", "ingest", 'missing both "text" and "html"')
    assert isinstance(items[2], RawArticle)
    assert items[2].source == f"{base}/wire-octet.jsonl:1"
    assert isinstance(items[3], RawArticle)
    assert items[3].content == PAGE.decode()


def test_ingest_web_redirect_keeps_source_and_records_final_url(base: str) -> None:
    (article,) = iter_sources([f"{base}/redirect"])
    assert isinstance(article, RawArticle)
    assert (article.source, article.url) == (f"{base}/redirect", f"{base}/articles/dam.html")


def test_ingest_web_limits(base: str) -> None:
    options = IngestOptions(max_bytes=1000, timeout=0.3)
    items = list(
        iter_sources(
            [f"{base}/big", f"{base}/slow", f"{base}/empty", f"{base}/not-a-feed.xml"],
            options=options,
        )
    )
    assert items == [
        Failure(f"{base}/big", "ingest", "too large (5.0 kB > 1.0 kB limit; use --max-bytes)"),
        Failure(f"{base}/slow", "ingest", "timed out after 0.3 s"),
        Failure(f"{base}/empty", "ingest", "empty file"),
        Failure(
            f"{base}/not-a-feed.xml", "ingest", "XML document is neither an RSS/Atom feed nor HTML"
        ),
    ]


def _closed_port() -> int:
    """A loopback port with nothing listening on it."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
    return port


def test_ingest_web_unreachable_host_is_a_failure() -> None:
    url = f"http://127.0.0.1:{_closed_port()}/article"
    (failure,) = iter_sources([url], options=IngestOptions(timeout=2))
    assert isinstance(failure, Failure)
    assert failure.source == url
    assert failure.reason.startswith("cannot fetch (")
    with pytest.raises(IngestError, match="cannot fetch"):
        read_source(url, options=IngestOptions(timeout=2))
