"""Main text and metadata of an HTML page, via trafilatura.

The cleaner then treats the extracted text as the article's raw text: offsets
of a cleaned HTML article point into this extracted text, not into the markup.
"""

from __future__ import annotations

from dataclasses import dataclass

import trafilatura

from narrascope.clean.markup import visible_text
from narrascope.errors import CleaningError

# Dates from markup (meta tags, <time>), not guessed from free text: htmldate's
# extensive search is slow (~10 pages/s) and would guess.
DATE_PARAMS = {"extensive_search": False, "original_date": True}


@dataclass(frozen=True, slots=True)
class HtmlPage:
    """What trafilatura found in a page."""

    text: str
    title: str | None = None
    author: str | None = None
    published: str | None = None
    outlet: str | None = None


def extract_html(source: str, html: str, url: str | None = None) -> HtmlPage:
    """Main text (comments excluded) and metadata of ``html``.

    When trafilatura finds no main text, the page's visible text is taken instead
    (:func:`~narrascope.clean.markup.visible_text`). Raises
    :class:`~narrascope.errors.CleaningError` when there is no text at all.
    """
    try:
        found = trafilatura.bare_extraction(
            html,
            url=url,
            include_comments=False,
            with_metadata=True,
            include_tables=True,
            date_extraction_params=DATE_PARAMS,
        )
    except (ValueError, TypeError) as exc:  # malformed markup lxml cannot read
        raise CleaningError(source, f"HTML could not be parsed: {exc}") from exc
    text = getattr(found, "text", None) if found is not None else None
    if not text or not text.strip():  # e.g. nesting deeper than lxml builds: stream the text
        text = visible_text(html)
    if not text.strip():
        raise CleaningError(source, "no text in the HTML page (trafilatura and the markup)")
    return HtmlPage(
        text=text,
        title=_field(found, "title"),
        author=_field(found, "author"),
        published=_field(found, "date"),
        outlet=_field(found, "sitename"),
    )


def _field(found: object, name: str) -> str | None:
    value = getattr(found, name, None)
    return value.strip() or None if isinstance(value, str) else None
