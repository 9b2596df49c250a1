"""Web pages: every page renders, findings are highlighted, hostile text stays text."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from narrascope.api import create_app
from narrascope.config import Settings
from narrascope.store import Store, open_store
from web_corpus import HOSTILE, fill

PAGES = [
    "/",
    "/documents",
    "/documents/d1",
    "/documents/d3",
    "/stories",
    "/stories/s1",
    "/timeline",
    "/timeline?story=s1",
    "/entities",
    "/entities?q=Brandt",
    "/entities/e-brandt",
    "/search?q=harbour",
    "/search",
    "/upload",
    "/docs",
]
INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)[^>]*>", re.I)


@pytest.fixture
def store() -> Iterator[Store]:
    s = open_store(":memory:")
    fill(s)
    yield s
    s.close()


@pytest.fixture
def client(store: Store) -> Iterator[TestClient]:
    with TestClient(create_app(Settings(db=":memory:"), store), base_url="http://127.0.0.1") as c:
        yield c


@pytest.mark.parametrize("url", PAGES)
def test_web_pages_render_without_inline_script(client: TestClient, url: str) -> None:
    r = client.get(url)
    assert r.status_code == 200, r.text
    assert r.headers["content-type"].startswith("text/html")
    assert not INLINE_SCRIPT.search(r.text), url
    assert "<script>window.__pwned" not in r.text
    assert "http://" not in r.text.replace("http://www.w3.org/2000/svg", "")  # no CDN


def test_web_pages_article_highlights_and_explains(client: TestClient) -> None:
    plain = client.get("/documents/d2").text
    assert '<span class="hl hl-entity" title="PERSON: Tomas Brandt">Tomas </span>' in plain
    html = client.get("/documents/d1").text
    assert 'title="PERSON: Irena Valcourt · role: Protagonist (Peacemaker)">Irena </span>' in html
    heading = html.split("<h1>", 1)[1].split("</h1>", 1)[0]  # the headline's names too
    assert heading.startswith('<span class="hl hl-entity" title="PERSON: Irena Valcourt">Valcourt')
    assert "· headline" in html  # the entity list says who the headline names
    assert 'title="date 2024-05-20 (day)"' in html
    assert (
        "narrative: URW: Blaming the war on others rather than the invader — Blames outsiders."
        in html
    )
    assert "technique: Appeal_to_Values — Appeals to fairness." in html
    tone = html.split("<h2>Tone</h2>", 1)[1].split("</ul>", 1)[0]
    assert '<a href="/entities/e-valcourt">Irena Valcourt</a>: positive (0.50)' in tone  # no id
    assert 'id="chrome"' in html
    assert "Cookie settings" in html
    raw = html.split('id="raw"', 1)[1]
    assert '<span class="hl hl-chrome" title="removed: navigation">' in raw
    assert 'title="PERSON: Irena Valcourt · role: Protagonist (Peacemaker)">Irena </span>' in raw


def test_web_pages_hostile_article_is_escaped_everywhere(client: TestClient) -> None:
    for url in (
        "/documents/d3",
        "/",
        "/stories/s1",
        "/search?q=winter",
        "/documents",
        "/entities/e-valcourt",
    ):
        html = client.get(url).text
        assert "&lt;script&gt;window.__pwned=1" in html, url
        assert "<img src=x" not in html, url
        assert "<script>window" not in html, url


def test_web_pages_only_http_links_from_articles(client: TestClient, store: Store) -> None:
    doc = store.get_document("d1")
    doc.url = "javascript:alert(1)"
    store.delete_document("d1")
    store.add_documents([doc])
    html = client.get("/documents/d1").text
    assert "javascript:" not in html
    assert ">original<" not in html
    assert ">original<" in client.get("/documents/d2").text


def test_web_pages_story_shows_outlets_claims_quotes_contradictions(client: TestClient) -> None:
    html = client.get("/stories/s1").text
    for outlet in ("Northern Ledger", "Daily Meridian", "Coastline Post"):
        assert f"<h3>{outlet}</h3>" in html
    assert 'id="claims"' in html
    assert 'id="quotes"' in html
    assert "Twelve negotiators will attend" in html
    assert "twenty negotiators will attend" in html
    assert "<circle" in html  # timeline chart


def test_web_pages_counts_agree_with_their_nouns(client: TestClient) -> None:
    html = client.get("/stories/s1").text + client.get("/").text
    assert "3 articles · 3 outlets" in html
    assert not re.search(r"\b1 (articles|outlets|mentions)\b", html)
    assert not re.search(r"\b(?:[02-9]|\d\d+) (?:article|outlet) ·", html)


def test_web_pages_overview_has_charts(client: TestClient) -> None:
    html = client.get("/").text
    assert 'aria-label="Narrative distribution by outlet"' in html
    assert "Irena Valcourt" in html
    assert "/stories/s1" in html


def test_web_pages_pagination_links(client: TestClient) -> None:
    html = client.get("/documents?limit=1&outlet=").text
    assert "1–1 of 3" in html
    assert "offset=1" in html
    assert 'rel="prev"' not in html
    last = client.get("/documents?limit=1&offset=2").text
    assert 'rel="prev"' in last
    assert 'rel="next"' not in last


def test_web_pages_missing_things_are_html_404(client: TestClient) -> None:
    for url in ("/documents/nope", "/stories/nope", "/entities/nope", "/jobs/nope"):
        r = client.get(url, headers={"accept": "text/html"})
        assert r.status_code == 404, url
        assert "<h1>Error 404</h1>" in r.text, url


def test_web_pages_static_assets_are_local(client: TestClient) -> None:
    assert client.get("/static/app.css").status_code == 200
    js = client.get("/static/app.js")
    assert js.status_code == 200
    assert "off-" in js.text
    assert client.get("/static/../api/app.py").status_code == 404
    docs = client.get("/docs")
    assert "/docs-assets/swagger-ui-bundle.js" in docs.text or "<table" in docs.text
    if "/docs-assets/" in docs.text:
        assert client.get("/docs-assets/swagger-ui-bundle.js").status_code == 200


def test_web_pages_hostile_text_never_breaks_out(client: TestClient) -> None:
    html = client.get("/documents/d3").text
    assert html.count("<script") == 1  # only /static/app.js
    assert HOSTILE not in html


def test_web_pages_article_says_when_its_language_was_only_stored(
    client: TestClient, store: Store
) -> None:
    english = client.get("/documents/d1").text
    assert "techniques only" not in english
    doc = store.get_document("d1")
    doc.language = "ru"
    store.delete_document("d1")
    store.add_documents([doc])
    russian = client.get("/documents/d1").text
    assert (
        "ru (narratives and techniques only: no entity, quote, event or tone extraction"
        " for this language)" in russian
    )


def test_web_pages_story_says_which_articles_have_no_named_outlet(store: Store) -> None:
    from narrascope.models import Document, Story

    text = "The harbour board met on Monday and approved the new dredging contract."
    leak = Document(id="d-leak", source="/data/in/leak-77.txt", raw=text, text=text)
    store.add_documents([leak])
    store.save_stories([Story(id="s-leak", label="Dredging", documents=("d-leak", "d1"))])
    with TestClient(create_app(Settings(db=":memory:"), store), base_url="http://127.0.0.1") as c:
        html = c.get("/stories/s-leak").text
    assert "2 articles · 2 outlets (1 article without a named outlet, shown by file name)" in html
    assert "leak-77" in html


def test_web_pages_a_passage_with_its_own_quotation_marks_is_not_quoted_twice() -> None:
    from narrascope.web.routes import in_quotes

    assert in_quotes("“We will sail,” she said.") == "“We will sail,” she said."
    assert in_quotes(" The ferry sails. ") == "“The ferry sails.”"
    nested = "The mayor called the plan a “total sham.”"
    assert in_quotes(nested) == "“The mayor called the plan a ‘total sham.’”"
