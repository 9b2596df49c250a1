"""JSON shapes of the API: findings keep the field names of :mod:`narrascope.models`."""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from narrascope.models import Document, Entity
from narrascope.serde import to_dict
from narrascope.store.aggregates import DocEvent, DocQuote
from narrascope.store.base import SearchHit


def doc_summary(doc: Document) -> dict[str, Any]:
    """A document without its text or findings (list items)."""
    return {
        "id": doc.id,
        "title": doc.title,
        "outlet": doc.outlet,
        "published": doc.published,
        "language": doc.language,
        "url": doc.url,
        "source": doc.source,
        "duplicate_of": doc.duplicate_of,
    }


def doc_full(doc: Document, *, raw: bool = True) -> dict[str, Any]:
    """A document with every finding; ``raw=False`` drops the raw text and offsets."""
    data: dict[str, Any] = to_dict(doc)
    if not raw:
        data.pop("raw", None)
        data.pop("offsets", None)
    return data


def entity_summary(entity: Entity) -> dict[str, Any]:
    """An entity without its mentions."""
    return {
        "id": entity.id,
        "name": entity.name,
        "type": entity.type,
        "aliases": list(entity.aliases),
        "n_documents": len(entity.documents),
        "n_mentions": len(entity.mentions),
    }


def hit_dict(hit: SearchHit) -> dict[str, Any]:
    """A search hit (the snippet marks matches with ``[`` and ``]``)."""
    return asdict(hit)


def doc_quote_dict(item: DocQuote) -> dict[str, Any]:
    """A quote with its document's id, outlet, date and title."""
    return {
        "doc_id": item.doc_id,
        "outlet": item.outlet,
        "published": item.published,
        "title": item.title,
        **to_dict(item.quote),
    }


def doc_event_dict(item: DocEvent) -> dict[str, Any]:
    """An event with its document's id, outlet and title."""
    return {
        "doc_id": item.doc_id,
        "outlet": item.outlet,
        "title": item.title,
        **to_dict(item.event),
    }
