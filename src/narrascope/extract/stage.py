"""The extraction stage: entities, quotes and dated events for each document."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import replace

from spacy.tokens import Doc as SpacyDoc

from narrascope.extract.attribution import Attribution
from narrascope.extract.dates import find_timexes
from narrascope.extract.doctext import doc_text
from narrascope.extract.entities import find_mentions
from narrascope.extract.events import build_events
from narrascope.extract.headline import link_with_headline
from narrascope.extract.nlp import load_nlp
from narrascope.extract.pieces import parse_long
from narrascope.extract.quotes import find_quotes
from narrascope.languages import EXTRACT, analyses
from narrascope.models import Document, Entity, Mention, Quote
from narrascope.stage_registry import BaseStage
from narrascope.stories.claims import claims_from_parse

MAX_TITLE_CHARS = 1000  # a longer "title" is no headline: its names are not looked for


def extract_parsed(doc: Document, sdoc: SpacyDoc, title: SpacyDoc | None = None) -> Document:
    """Fill ``entities``, ``title_mentions``, ``quotes``, ``events`` and ``claims`` of
    ``doc`` from the spaCy parses of its text and (when given) its title."""
    mentions = find_mentions(sdoc)
    attributions = find_quotes(sdoc, mentions)
    mentions = _with_speakers(mentions, attributions)
    headline = find_mentions(title) if title is not None else []
    heading = doc_text(title) if title is not None else ""
    entities, linked, in_title = link_with_headline(doc.id, mentions, headline, doc.text, heading)
    sentences = sentence_spans(sdoc, doc.text)
    timexes = find_timexes(doc.text, doc.published, sentences)
    doc.entities = entities
    doc.title_mentions = in_title
    doc.quotes = _speakers_to_entities(attributions, linked, entities)
    doc.events = build_events(doc.text, timexes, sentences, linked)
    doc.claims = claims_from_parse(doc, sdoc)
    return doc


def sentence_spans(sdoc: SpacyDoc, text: str) -> list[tuple[int, int]]:
    """spaCy sentences, also cut at line breaks (headings and paragraphs are not joined)."""
    out = []
    for sent in sdoc.sents:
        pos = sent.start_char
        for line in text[sent.start_char : sent.end_char].split("\n"):
            if line.strip():
                lead = len(line) - len(line.lstrip())
                out.append((pos + lead, pos + len(line.rstrip())))
            pos += len(line) + 1
    return out


def _with_speakers(mentions: list[Mention], attributions: list[Attribution]) -> list[Mention]:
    """Add speakers the entity recogniser missed ("Ivanova said") as mentions. An
    organisation named whole around a recognised name ("U.S. Attorney's Office" around
    "U.S.") takes that name's place."""
    taken = {(m.start, m.end) for m in mentions}
    extra = []
    inside: set[tuple[int, int]] = set()
    for a in attributions:
        m = a.mention
        if m is not None and (m.start, m.end) not in taken:
            crossing = [(s, e) for s, e in taken if s < m.end and m.start < e]
            around = all(m.start <= s and e <= m.end for s, e in crossing)
            if m.label == "ORG" and crossing and around:
                inside.update(crossing)
                extra.append(m)
            elif not crossing:
                extra.append(m)
            taken.add((m.start, m.end))
    kept = [m for m in mentions if (m.start, m.end) not in inside]
    return sorted(kept + extra, key=lambda m: (m.start, m.end))


def _speakers_to_entities(
    attributions: list[Attribution], linked: list[Mention], entities: list[Entity]
) -> list[Quote]:
    by_span = {(m.start, m.end): m.entity_id for m in linked}
    names = {e.id: e.name for e in entities}
    quotes = []
    for a in attributions:
        q, m = a.quote, a.mention
        entity_id = by_span.get((m.start, m.end)) if m is not None else None
        if entity_id is None and m is not None:
            entity_id = next(
                (x.entity_id for x in linked if x.start < m.end and m.start < x.end), None
            )
        if entity_id is not None:
            q = replace(q, speaker_entity_id=entity_id, speaker_name=names.get(entity_id))
        elif q.speaker is not None and q.reason and not q.reason.startswith("unnamed"):
            q = replace(q, reason=f"{q.reason}; no entity found")
        quotes.append(q)
    return quotes


class ExtractStage(BaseStage):
    """spaCy-backed extraction of entities, attributed quotes and dated events."""

    name = "extract"
    requires = ("text",)
    assigns = ("entities", "title_mentions", "quotes", "events", "claims")

    def __init__(self, *, n_process: int = 1) -> None:
        self.n_process = n_process

    def __call__(self, doc: Document) -> Document:
        return next(iter(self.pipe([doc], batch_size=1)))

    def pipe(self, docs: Iterable[Document], batch_size: int = 64) -> Iterator[Document]:
        """Parse documents in batches with ``nlp.pipe`` and extract from each parse.

        A text longer than ``nlp.max_length`` passes the stream as an empty text and
        is parsed in pieces in this process (:func:`~narrascope.extract.pieces.parse_long`).
        A document in a language the English model does not cover gets no findings.
        """
        nlp = load_nlp()
        limit = nlp.max_length
        parsed = iter(
            nlp.pipe(
                _texts(docs, limit), as_tuples=True, batch_size=batch_size, n_process=self.n_process
            )
        )
        for title, _ in parsed:  # each document passes as its title, then its text
            sdoc, doc = next(parsed)
            if _skipped(doc):  # stored and searchable, no English-model findings
                doc.entities, doc.quotes, doc.events, doc.claims = [], [], [], []
                doc.title_mentions = []
                yield doc
                continue
            if len(doc.text) > limit:
                sdoc = parse_long(nlp, doc.text)
            yield extract_parsed(doc, sdoc, title if len(title) else None)


def _texts(docs: Iterable[Document], limit: int) -> Iterator[tuple[str, Document]]:
    """The title and the text of each document, in that order; empty for what is not
    parsed here (a skipped language, a text longer than ``limit``, an over-long title)."""
    for doc in docs:
        skipped = _skipped(doc)
        title = doc.title or ""
        yield ("" if skipped or len(title) > MAX_TITLE_CHARS else title), doc
        yield ("" if skipped or len(doc.text) > limit else doc.text), doc


def _skipped(doc: Document) -> bool:
    """A document in a language extraction does not cover (:mod:`narrascope.languages`)."""
    return not analyses(EXTRACT, doc.language)
