"""Title, author, date and site name of a parsed page, as trafilatura finds them.

trafilatura's ``extract_metadata`` also looks for categories, tags, a licence and
the host name, about a third of its time on real pages; Narrascope reads none of
them. :func:`page_metadata` runs the same steps as ``extract_metadata`` (trafilatura
2.x) for the four fields it keeps, in the same order, so their values are the same
(``tests/test_page_meta.py`` checks it against ``extract_metadata``). The author
comes from :func:`~narrascope.clean.page_author.page_author`, the same value as
trafilatura's ``extract_author`` found at a third of its cost.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Any

from htmldate import find_date  # what trafilatura's extract_metadata calls
from lxml.html import HtmlElement
from trafilatura.metadata import (
    META_URL,
    examine_meta,
    extract_meta_json,
    extract_sitename,
    extract_title,
    extract_url,
)

from narrascope.clean.page_author import page_author

LOGGER = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class PageMeta:
    """trafilatura's metadata fields that Narrascope reads (``None`` when absent)."""

    title: str | None = None
    author: str | None = None
    date: str | None = None
    sitename: str | None = None


def page_metadata(tree: HtmlElement, url: str | None, date_params: dict[str, Any]) -> PageMeta:
    """trafilatura's title, author, date and site name of ``tree`` (left unchanged)."""
    meta = examine_meta(tree)
    if meta.author and " " not in meta.author:
        meta.author = None
    try:
        meta = extract_meta_json(tree, meta)
    except Exception as err:  # as trafilatura: a bug in its JSON-LD reader is no failure
        LOGGER.warning("error in JSON metadata extraction: %s", err)
    if not meta.title:
        meta.title = extract_title(tree)
    if not meta.author:
        meta.author = page_author(tree)
    if not meta.url:
        meta.url = extract_url(tree, url)
    meta.date = find_date(tree, **{**date_params, "url": meta.url})
    if not meta.sitename:
        meta.sitename = extract_sitename(tree)
    if meta.sitename:
        meta.sitename = meta.sitename.lstrip("@")  # a Twitter handle
        if meta.sitename and "." not in meta.sitename and not meta.sitename[0].isupper():
            meta.sitename = meta.sitename.title()
    elif meta.url and (match := META_URL.match(meta.url)):
        meta.sitename = match[1]
    meta.clean_and_trim()
    return PageMeta(title=meta.title, author=meta.author, date=meta.date, sitename=meta.sitename)
