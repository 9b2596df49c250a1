"""Who said what, about whom, and when: entities, attributed quotes and dated events.

Public API::

    extract_documents(docs, n_process=1, batch_size=64) -> Iterator[Document]
    link_entities(docs, overrides=()) -> list[Entity]
    plan_links(docs, overrides=()) -> (entities, parts by document id)
    relink_document(doc, parts) -> None
    build_timeline(docs) -> list[TimelineEntry]
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any

from narrascope.extract.linking import link_entities, plan_links, relink_document
from narrascope.extract.timeline import TimelineEntry, build_timeline
from narrascope.models import Document

if TYPE_CHECKING:
    from narrascope.extract.stage import ExtractStage

__all__ = [
    "ExtractStage",
    "TimelineEntry",
    "build_timeline",
    "extract_documents",
    "link_entities",
    "plan_links",
    "relink_document",
]


def extract_documents(
    docs: Iterable[Document], *, n_process: int = 1, batch_size: int = 64
) -> Iterator[Document]:
    """Fill entities, quotes and events of each document (spaCy ``nlp.pipe`` batches)."""
    from narrascope.extract.stage import ExtractStage

    return ExtractStage(n_process=n_process).pipe(docs, batch_size=batch_size)


def __getattr__(name: str) -> Any:
    """``ExtractStage`` is imported on first use: corpus linking alone needs no spaCy."""
    if name == "ExtractStage":
        from narrascope.extract.stage import ExtractStage

        return ExtractStage
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
