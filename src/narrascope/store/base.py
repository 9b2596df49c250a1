"""The storage interface every backend (SQLite, PostgreSQL) implements."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Literal, Protocol, runtime_checkable

from narrascope.models import Contradiction, Document, Entity, Failure, Story

OverrideKind = Literal["merge", "split"]
Findings = bool | frozenset[str]
"""Which findings to read: all (``True``), none (``False``), or only the named fields.

A document read with only some findings has the others empty: it is for reading,
and must not be saved back with ``save_analyses``.
"""


@dataclass(frozen=True, slots=True)
class SearchHit:
    """One full-text search result."""

    doc_id: str
    title: str | None
    outlet: str | None
    published: str | None
    snippet: str
    score: float


@dataclass(frozen=True, slots=True)
class DocumentFilter:
    """Filters for listing documents; ``None`` means no filter."""

    outlet: str | None = None
    language: str | None = None
    date_from: str | None = None  # ISO date, inclusive
    date_to: str | None = None  # ISO date, inclusive
    narrative: str | None = None  # coarse or fine label
    entity: str | None = None  # canonical entity id


@dataclass(frozen=True, slots=True)
class EntityOverride:
    """A user's decision about canonical identities, applied on every later run.

    ``merge``: ``a`` and ``b`` (entity ids or names) are one identity.
    ``split``: the alias ``b`` does not belong to entity ``a``.
    """

    kind: OverrideKind
    a: str
    b: str


@runtime_checkable
class Store(Protocol):
    """Persistent home of documents, findings and corpus-level results."""

    url: str

    # documents -----------------------------------------------------------
    def add_documents(self, docs: Iterable[Document]) -> list[str]:
        """Insert new documents atomically; ids already stored are skipped. Returns new ids."""
        ...

    def save_analyses(self, docs: Iterable[Document], version: str = "") -> None:
        """Replace the findings of stored documents atomically (one transaction per batch)."""
        ...

    def has_document(self, doc_id: str) -> bool: ...

    def get_document(self, doc_id: str, *, with_findings: Findings = True) -> Document:
        """The document with its findings (see :data:`Findings`); raises ``NotFoundError``."""
        ...

    def iter_documents(
        self,
        flt: DocumentFilter | None = None,
        *,
        with_findings: Findings = True,
        batch_size: int = 500,
    ) -> Iterator[Document]: ...

    def list_documents(
        self, flt: DocumentFilter | None = None, *, limit: int = 50, offset: int = 0
    ) -> list[Document]:
        """A page of documents (without findings), newest first."""
        ...

    def count_documents(self, flt: DocumentFilter | None = None) -> int: ...

    def analysed_ids(self, version: str) -> set[str]:
        """Ids of documents whose findings were written by pipeline ``version``."""
        ...

    def delete_document(self, doc_id: str) -> None: ...

    def search(self, query: str, *, limit: int = 20, offset: int = 0) -> list[SearchHit]:
        """Full-text search (FTS5 / PostgreSQL text search) with snippets."""
        ...

    # corpus level ----------------------------------------------------------
    def save_entities(self, entities: Iterable[Entity]) -> None:
        """Replace the corpus-level canonical entities."""
        ...

    def list_entities(
        self, *, query: str | None = None, limit: int = 100, offset: int = 0
    ) -> list[Entity]: ...

    def get_entity(self, entity_id: str) -> Entity: ...

    def save_stories(self, stories: Iterable[Story]) -> None: ...

    def list_stories(self, *, limit: int = 100, offset: int = 0) -> list[Story]: ...

    def get_story(self, story_id: str) -> Story: ...

    def save_contradictions(self, items: Iterable[Contradiction]) -> None: ...

    def list_contradictions(
        self, *, story_id: str | None = None, limit: int = 100, offset: int = 0
    ) -> list[Contradiction]: ...

    def add_override(self, override: EntityOverride) -> None: ...

    def list_overrides(self) -> list[EntityOverride]: ...

    # failures & metadata -----------------------------------------------------
    def record_failures(self, failures: Iterable[Failure]) -> None: ...

    def list_failures(self, *, limit: int = 100) -> list[Failure]: ...

    def get_meta(self, key: str) -> str | None: ...

    def set_meta(self, key: str, value: str) -> None: ...

    def close(self) -> None: ...
