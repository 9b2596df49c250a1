"""The lean metadata pass gives trafilatura's own values, and extract_html what
``bare_extraction(with_metadata=True)`` gave (issue #15: one parse, fewer passes)."""

from __future__ import annotations

import json

import pytest
import trafilatura
from lxml.html import fromstring, tostring
from trafilatura.metadata import extract_author, extract_metadata
from trafilatura.settings import Document
from trafilatura.utils import load_html

from narrascope.clean.html import DATE_PARAMS, extract_html
from narrascope.clean.page_author import QUERIES_KNOWN, page_author
from narrascope.clean.page_meta import page_metadata
from narrascope.evaluation.web_pages import default_root, load_pages

BODY = "".join(
    f"<p>Paragraph {n} of the council report says the bridge repairs will take "
    f"{n + 2} more months and cost more than the first estimate.</p>"
    for n in range(6)
)


def _page(head: str = "", body: str = "") -> str:
    return f"<html><head>{head}</head><body>{body}<article>{BODY}</article></body></html>"


PAGES = {
    "meta author": _page(
        "<title>Bridge repairs | Valley Courier</title><meta name='author' content='Ruth Alder'>"
    ),
    "one-word meta author": _page(
        "<meta name='author' content='admin'>", "<div class='byline'>By Tomas Varga</div>"
    ),
    "json-ld": _page(
        "<script type='application/ld+json'>"
        + json.dumps(
            {
                "@type": "NewsArticle",
                "headline": "Bridge repairs run late",
                "author": {"@type": "Person", "name": "Leila Haddad"},
                "datePublished": "2024-03-05",
            }
        )
        + "</script>"
    ),
    "specific class": _page(body="<span class='author-name'>Kofi Mensah</span>"),
    "author tag": _page(body="<author>Ana Ribeiro</author>"),
    "rel child": _page(body="<p>Jonas Berg<rel>me</rel></p>"),
    "itemprop": _page(body="<h4 itemprop='author'>Mira Petrova</h4>"),
    "data-component": _page(body="<section data-component='Byline'>Sam Okoro</section>"),
    "id regex": _page(body="<div id='postAuthor'>Hugo Laurent</div>"),
    "inside a sidebar": _page(
        body="<div class='sidebar'><span class='author'>Yuki Sato</span></div>"
        "<p class='writer'>Ilse Brandt</p>"
    ),
    "inside a figure": _page(
        body="<figure><span class='author'>Photo Desk Team</span></figure>"
        "<p class='writer'>Ilse Brandt</p>"
    ),
    "time inside the byline": _page(
        body="<div class='byline'>By Ruth Alder <time>5 May 2024</time> in Bern "
        "<figure>photo</figure>tail</div>"
    ),
    "comments only": _page(body="<div id='comments'><span class='author'>A Reader</span></div>"),
    "too long": _page(body="<div class='author'>" + "word " * 40 + "</div>"),
    "no author": _page(
        "<title>Bridge repairs - example.org</title>"
        "<meta property='og:site_name' content='valley courier'>"
    ),
    "dated": _page(
        "<meta property='article:published_time' content='2024-02-01'>"
        "<link rel='canonical' href='https://www.example.org/a/b'>"
    ),
}


def test_the_fast_author_path_runs_on_the_installed_trafilatura() -> None:
    assert QUERIES_KNOWN  # else page_author falls back to extract_author (slower, same result)


@pytest.mark.parametrize("name", sorted(PAGES))
def test_page_author_is_trafilaturas_author(name: str) -> None:
    tree = load_html(PAGES[name])
    before = tostring(tree)
    assert page_author(tree) == extract_author(tree)
    assert tostring(tree) == before  # the tree is not changed


def test_page_author_cases_find_what_they_should() -> None:
    found = {name: page_author(load_html(html)) for name, html in PAGES.items()}
    assert found["specific class"] == "Kofi Mensah"
    assert found["inside a sidebar"] == "Ilse Brandt"  # the sidebar is pruned first
    assert found["inside a figure"] == "Ilse Brandt"
    assert found["time inside the byline"] is not None
    assert "2024" not in (found["time inside the byline"] or "")  # <time> pruned
    assert found["comments only"] is None
    assert found["too long"] is None


def test_page_author_on_a_fragment_root() -> None:
    tree = fromstring("<div class='byline'>By Ruth Alder</div>")
    assert page_author(tree) == extract_author(tree) == "Ruth Alder"


@pytest.mark.parametrize("name", sorted(PAGES))
def test_page_metadata_is_trafilaturas_metadata(name: str) -> None:
    tree = load_html(PAGES[name])
    ours = page_metadata(tree, "https://example.org/x", DATE_PARAMS)
    theirs = extract_metadata(tree, "https://example.org/x", DATE_PARAMS)
    assert (ours.title, ours.author, ours.date, ours.sitename) == (
        theirs.title,
        theirs.author,
        theirs.date,
        theirs.sitename,
    )


@pytest.mark.parametrize("name", sorted(PAGES))
def test_extract_html_is_bare_extraction_with_metadata(name: str) -> None:
    html = PAGES[name]
    page = extract_html("page.html", html)
    found = trafilatura.bare_extraction(
        html,
        include_comments=False,
        with_metadata=True,
        include_tables=True,
        date_extraction_params=DATE_PARAMS,
    )
    assert isinstance(found, Document)
    assert page.text == found.text
    assert page.title == (found.title or None)
    assert page.author == (found.author or None)
    assert page.published == (found.date or None)
    assert page.outlet == (found.sitename or None)


def test_extract_html_without_text_gives_an_empty_page() -> None:
    page = extract_html("empty.html", "<html><head><title>Only a title</title></head></html>")
    assert page.text == ""
    assert page.title is None  # as bare_extraction: no text, no metadata


@pytest.mark.slow
def test_lean_metadata_matches_trafilatura_on_its_eval_pages() -> None:
    """Corpus gate: on every page of trafilatura's evaluation set (skips when absent)."""
    root = default_root()
    if not (root / "tests" / "evaldata.py").is_file():
        pytest.skip(f"trafilatura evaluation set not found at {root}: see docs/datasets.md")
    differ = []
    for page in load_pages(root):
        tree = load_html(page.html)
        ours = page_metadata(tree, page.url, DATE_PARAMS)
        theirs = extract_metadata(tree, page.url, DATE_PARAMS)
        fields = ("title", "author", "date", "sitename")
        if any(getattr(ours, f) != getattr(theirs, f) for f in fields):
            differ.append(page.file)
    assert not differ
