"""Corpus-level reads and writes of extraction results through a :class:`Store`."""

from __future__ import annotations

from dataclasses import dataclass

from narrascope.extract.linking import link_entities
from narrascope.extract.timeline import TimelineEntry, build_timeline
from narrascope.models import Entity, Quote
from narrascope.store.base import EntityOverride, Store


@dataclass(frozen=True, slots=True)
class QuoteHit:
    """A quote with the document it comes from."""

    doc_id: str
    title: str | None
    outlet: str | None
    published: str | None
    quote: Quote


def relink(store: Store, *, version: str, batch_size: int = 500) -> list[Entity]:
    """Link the stored documents' entities again (with every stored override) and save."""
    docs = list(store.iter_documents(batch_size=batch_size))
    entities = link_entities(docs, store.list_overrides())
    store.save_entities(entities)
    for start in range(0, len(docs), batch_size):
        store.save_analyses(docs[start : start + batch_size], version)
    return entities


def add_override(store: Store, override: EntityOverride, *, version: str) -> list[Entity]:
    """Record a user's merge or split and apply it to the stored corpus."""
    store.add_override(override)
    return relink(store, version=version)


def stored_quotes(store: Store, *, speaker: str | None = None, limit: int = 100) -> list[QuoteHit]:
    """Quotes in the store, optionally by one speaker (canonical name, alias or entity id)."""
    wanted = speaker.casefold() if speaker else None
    ids: set[str] = set()
    if speaker:
        ids = {e.id for e in store.list_entities(query=speaker, limit=1000)}
    hits: list[QuoteHit] = []
    for doc in store.iter_documents():
        for q in doc.quotes:
            named = (q.speaker_name or "").casefold()
            if wanted is None or q.speaker_entity_id in ids or (wanted and wanted in named):
                hits.append(QuoteHit(doc.id, doc.title, doc.outlet, doc.published, q))
                if len(hits) >= limit:
                    return hits
    return hits


def stored_timeline(store: Store) -> list[TimelineEntry]:
    """The corpus timeline of the stored documents."""
    return build_timeline(store.iter_documents())
