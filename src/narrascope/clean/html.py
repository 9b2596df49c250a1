"""Main text and metadata of an HTML page, via trafilatura.

The cleaner then treats the extracted text as the article's raw text: offsets
of a cleaned HTML article point into this extracted text, not into the markup.
When trafilatura's main text is missing or much shorter than the page's body
(a page whose article sits outside the markup trafilatura reads), the page's
body is taken from trafilatura's ``baseline`` (JSON-LD ``articleBody``,
``<article>`` or the page's paragraphs) instead: a page with a body is never
dropped.
"""

from __future__ import annotations

import logging
import unicodedata
from dataclasses import dataclass

import trafilatura
from trafilatura.utils import load_html

from narrascope.clean.markup import visible_text
from narrascope.clean.page_meta import page_metadata

LOGGER = logging.getLogger(__name__)

# Dates from markup (meta tags, <time>), not guessed from free text: htmldate's
# extensive search is slow (~10 pages/s) and would guess.
DATE_PARAMS = {"extensive_search": False, "original_date": True}


@dataclass(frozen=True, slots=True)
class HtmlPage:
    """What trafilatura found in a page (``text`` may be empty)."""

    text: str
    title: str | None = None
    author: str | None = None
    published: str | None = None
    outlet: str | None = None


def extract_html(source: str, html: str, url: str | None = None) -> HtmlPage:
    """Main text (comments excluded, NFC-normalised) and metadata of ``html``.

    The page is parsed once: trafilatura extracts the text from a copy of the
    tree and :func:`~narrascope.clean.page_meta.page_metadata` reads the metadata
    from it, as ``bare_extraction(with_metadata=True)`` would, without the fields
    Narrascope does not use. A page trafilatura cannot read, or finds no text in,
    gives an empty page (no metadata either, as with ``bare_extraction``).
    """
    try:
        tree = load_html(html)
        if tree is None:
            return HtmlPage(text="")
        found = trafilatura.bare_extraction(
            tree, url=url, include_comments=False, include_tables=True
        )
        text = getattr(found, "text", None) if found is not None else None
        if not isinstance(text, str):
            return HtmlPage(text="")
        meta = page_metadata(tree, url, DATE_PARAMS)
    except (ValueError, TypeError) as exc:  # malformed markup: trafilatura drops the page
        LOGGER.debug("%s: HTML could not be read: %s", source, exc)
        return HtmlPage(text="")
    return HtmlPage(
        text=_nfc(text),
        title=_strip(meta.title),
        author=_strip(meta.author),
        published=_strip(meta.date),
        outlet=_strip(meta.sitename),
    )


def page_body(html: str) -> str:
    """The page's body text by trafilatura's ``baseline``, else its visible text.

    trafilatura (like lxml) gives nothing for markup nested deeper than lxml builds
    trees; :func:`~narrascope.clean.markup.visible_text` streams such a page instead.
    "" when the page has no text at all.
    """
    try:
        _, text, _ = trafilatura.baseline(html)
    except (ValueError, TypeError):
        text = ""
    if not isinstance(text, str) or not text.strip():
        text = visible_text(html)
    return _nfc(text)


def _nfc(text: str) -> str:
    return text if text.isascii() else unicodedata.normalize("NFC", text)


def _strip(value: str | None) -> str | None:
    return value.strip() or None if isinstance(value, str) else None
