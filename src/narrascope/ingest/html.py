"""Recognising HTML (and XML feeds) in decoded text, and the charset HTML declares.

Ingest does not parse the page: a :class:`~narrascope.models.RawArticle` with
``fmt="html"`` carries the raw markup, scripts included; the cleaner extracts
the main text and the metadata.
"""

from __future__ import annotations

import codecs
import re

SNIFF_CHARS = 8192

_DOCUMENT_START_RE = re.compile(
    r"\A(?:\s|<\?xml[^>]*>|<!--.*?-->)*<(?:!doctype\s+html|html|head|body)\b",
    re.IGNORECASE | re.DOTALL,
)
_TAG_RE = re.compile(
    r"</?(?:html|head|body|div|p|span|a|br|article|section|main|header|footer|nav|"
    r"h[1-6]|ul|ol|li|table|tr|td|script|style|meta|title|link|img|figure|time)\b[^>]*>",
    re.IGNORECASE,
)
_FEED_RE = re.compile(
    r"\A(?:\s|<\?xml[^>]*>|<!--.*?-->|<\?xml-stylesheet[^>]*>)*<(?:rss|feed|rdf:RDF)\b",
    re.IGNORECASE | re.DOTALL,
)
_META_CHARSET_RE = re.compile(
    rb"<meta[^>]+charset\s*=\s*[\"']?\s*([A-Za-z0-9_.:-]+)", re.IGNORECASE
)
MIN_TAGS = 5  # tags in the first SNIFF_CHARS characters that make a text count as HTML


def looks_like_html(text: str) -> bool:
    """Whether decoded text is an HTML document or fragment rather than plain text."""
    head = text[:SNIFF_CHARS]
    if _DOCUMENT_START_RE.match(head):
        return True
    tags = len(_TAG_RE.findall(head))
    if head.lstrip().startswith("<"):
        return tags >= MIN_TAGS
    return tags >= 2 * MIN_TAGS


def is_html_document(text: str) -> bool:
    """Whether text is a whole HTML page (``<!DOCTYPE html>`` or ``<html>`` first)."""
    return _DOCUMENT_START_RE.match(text[:SNIFF_CHARS]) is not None


def looks_like_feed(text: str) -> bool:
    """Whether decoded text starts like an RSS, RDF or Atom document."""
    return _FEED_RE.match(text[:SNIFF_CHARS]) is not None


def declared_charset(data: bytes) -> str | None:
    """The charset named by a ``<meta charset>`` in the first bytes, if Python knows it."""
    match = _META_CHARSET_RE.search(data[:4096])
    if match is None:
        return None
    return known_codec(match.group(1).decode("ascii", "replace"))


def known_codec(name: str | None) -> str | None:
    """Python's name of a charset label, or ``None`` when unknown."""
    if not name:
        return None
    try:
        return codecs.lookup(name.strip().strip("\"'")).name
    except LookupError:
        return None
