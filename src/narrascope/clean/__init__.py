"""Cleaning: raw scraped article in, clean text with metadata and offsets out.

Public API::

    from narrascope.clean import clean_article, CleanOptions
    doc = clean_article(raw_article)          # -> narrascope.models.Document

The text is cut into lines; rules (shape, script, packaged UI lexicon, phrase
cues, repetition) and the page layout (header, body, footer) decide which
lines are web chrome. Removed chrome is recorded with raw offsets and a reason;
``Document.offsets`` maps every clean character back to the raw text.
"""

from __future__ import annotations

import re

from narrascope.clean.byline import page_author_name
from narrascope.clean.html import extract_html, page_body
from narrascope.clean.language import detect_language
from narrascope.clean.layout import Layout, lay_out
from narrascope.clean.lexicon import NEUTRAL, load_lexicon
from narrascope.clean.lines import Line, mark_wrapped, split_lines, word_count
from narrascope.clean.metadata import Metadata, find_metadata
from narrascope.clean.offsets import TextBuilder
from narrascope.clean.options import CleanOptions
from narrascope.clean.rules import RuleContext
from narrascope.clean.script import dominant_script, used_scripts
from narrascope.clean.titles import clean_title
from narrascope.errors import CleaningError
from narrascope.ids import content_id
from narrascope.models import Boilerplate, Document, OffsetMap, RawArticle

__all__ = ["CleanOptions", "clean_article", "clean_text"]


def clean_article(raw: RawArticle, *, options: CleanOptions | None = None) -> Document:
    """Clean one article; raise :class:`~narrascope.errors.CleaningError` when no
    usable article text remains."""
    options = options or CleanOptions()
    given = _Given.of(raw)
    if raw.fmt == "html":
        page = extract_html(raw.source, raw.content, raw.url)
        author = page_author_name(page.author, load_lexicon())
        given = given.over(page.title, page.outlet, author, page.published)
        doc = _clean_page(raw, page.text, given.title, options)
    else:
        doc = clean_text(
            raw.content, source=raw.source, url=raw.url, title=given.title, options=options
        )
    doc.id = content_id(raw.content)
    doc.title = clean_title(given.title) or doc.title
    doc.outlet = given.outlet or doc.outlet
    doc.author = given.author or doc.author
    doc.published = given.published or doc.published
    doc.language = raw.language or doc.language
    return doc


FALLBACK_WORDS = 60  # clean text shorter than this: look for the page's body elsewhere


def _clean_page(raw: RawArticle, text: str, title: str | None, options: CleanOptions) -> Document:
    """Clean trafilatura's main text; fall back to the page's body when that
    leaves too little and the body holds clearly more."""
    doc: Document | None = None
    failure: CleaningError | None = None
    words = 0
    try:
        doc, words = _clean(text, raw.source, raw.url, title, options, extracted=True)
    except CleaningError as exc:
        failure = exc
    if words < FALLBACK_WORDS:
        body = page_body(raw.content)
        if not text.strip() and not body.strip():
            raise CleaningError(raw.source, "no main text found in the HTML page")
        if word_count(body) >= max(2 * words, options.min_words):
            try:
                return _clean(body, raw.source, raw.url, title, options, extracted=True)[0]
            except CleaningError as exc:
                failure = failure or exc
    if doc is None:
        raise failure or CleaningError(raw.source, "no usable article text in the HTML page")
    return doc


def clean_text(
    raw: str,
    *,
    source: str = "<text>",
    url: str | None = None,
    title: str | None = None,
    options: CleanOptions | None = None,
    extracted: bool = False,
) -> Document:
    """Clean raw scraped text; ``title`` is a known headline to look for.

    ``extracted``: ``raw`` is an extractor's main-content text (see
    :func:`~narrascope.clean.layout.lay_out`)."""
    return _clean(raw, source, url, title, options or CleanOptions(), extracted=extracted)[0]


def _clean(
    raw: str,
    source: str,
    url: str | None,
    title: str | None,
    options: CleanOptions,
    *,
    extracted: bool,
) -> tuple[Document, int]:
    """:func:`clean_text`, and the clean text's word count."""
    lines = split_lines(raw)
    if not lines:
        raise CleaningError(source, "the article is empty")
    mark_wrapped(lines)
    if raw.isascii():
        ctx = RuleContext(script="latin", lexicon=load_lexicon())
    else:
        long_lines = [line.text for line in lines if line.words >= 8] or [x.text for x in lines]
        ctx = RuleContext(
            script=dominant_script(long_lines),
            lexicon=load_lexicon(),
            used=used_scripts(line.text for line in lines),
        )
    layout = lay_out(lines, ctx, given_title=title, extracted=extracted)
    text, offsets = _build_text(raw, lines, layout)
    words = word_count(text)
    if words < options.min_words:  # never drop a body: fall back to fewer removals
        layout = _fallback_layout(lines, ctx, title, extracted)
        text, offsets = _build_text(raw, lines, layout)
        words = word_count(text)
    if words < options.min_words:
        raise CleaningError(source, f"no usable article text after cleaning ({words} words)")
    language = (
        detect_language(text, options.language_sample_chars) if options.detect_language else None
    )
    url = url or _address_line(lines, layout)
    meta: Metadata = find_metadata(lines, layout, url)
    doc = Document(
        id=content_id(raw),
        source=source,
        raw=raw,
        text=text,
        url=url,
        title=clean_title(meta.title),
        outlet=meta.outlet,
        author=meta.author,
        published=meta.published,
        language=language,
        boilerplate=_boilerplate(lines, layout, language),
        offsets=offsets,
    )
    return doc, words


_ADDRESS = re.compile(r"https?://[^\s/]+\.[^\s]+$", re.IGNORECASE)
ADDRESS_LINES = 3  # a page's own address is written among its first lines


def _address_line(lines: list[Line], layout: Layout) -> str | None:
    """A bare web address among the first lines, left out of the text: the page's own."""
    for line in lines[:ADDRESS_LINES]:
        if layout.reasons[line.index] is not None and _ADDRESS.match(line.text):
            return line.text
    return None


def _fallback_layout(
    lines: list[Line], ctx: RuleContext, title: str | None, extracted: bool
) -> Layout:
    """Plain text: what the line rules alone keep. Extracted text (the extractor
    already chose it as the main text): every line."""
    if not extracted:
        return lay_out(lines, ctx, given_title=title, extracted=True)
    return Layout(reasons=[None] * len(lines), cuts={}, title=None)


def _build_text(raw: str, lines: list[Line], layout: Layout) -> tuple[str, OffsetMap]:
    builder = TextBuilder(raw)
    for line in lines:
        if layout.reasons[line.index] is None:
            kept = layout.tails.get(line.index, (len(line.text), ""))[0]
            end = line.start + len(line.text[:kept].rstrip())
            builder.add_paragraph(line.start + layout.cuts.get(line.index, 0), end)
    return builder.build()


def _boilerplate(lines: list[Line], layout: Layout, language: str | None) -> list[Boilerplate]:
    table = load_lexicon().lines
    found: list[Boilerplate] = []
    for line in lines:
        reason = layout.reasons[line.index]
        if reason is not None:
            if reason != "foreign-script-ui" and line.words <= 8 and language is not None:
                entry = table.get(line.norm)
                if entry is not None and entry[1] not in (NEUTRAL, language):
                    reason = "foreign-language-ui"
            found.append(Boilerplate(line.text, line.start, line.end, reason))
            continue
        if line.index in layout.cuts:
            prefix = line.text[: layout.cuts[line.index]].rstrip()
            reason = layout.cut_reasons.get(line.index, "kicker-prefix")
            found.append(Boilerplate(prefix, line.start, line.start + len(prefix), reason))
        if line.index in layout.tails:
            kept, reason = layout.tails[line.index]
            rest = line.text[kept:]
            start = kept + len(rest) - len(rest.lstrip())
            found.append(Boilerplate(line.text[start:], line.start + start, line.end, reason))
    return found


class _Given:
    """Metadata supplied with the article; earlier sources win."""

    __slots__ = ("author", "outlet", "published", "title")

    def __init__(
        self, title: str | None, outlet: str | None, author: str | None, published: str | None
    ) -> None:
        self.title, self.outlet, self.author, self.published = title, outlet, author, published

    @classmethod
    def of(cls, raw: RawArticle) -> _Given:
        return cls(raw.title, raw.outlet, raw.author, raw.published)

    def over(
        self, title: str | None, outlet: str | None, author: str | None, published: str | None
    ) -> _Given:
        return _Given(
            self.title or title,
            self.outlet or outlet,
            self.author or author,
            self.published or published,
        )
