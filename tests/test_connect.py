"""Corpus-level connect: entity linking streams, and results match the all-in-memory way."""

from __future__ import annotations

import shutil
import weakref
from collections.abc import Iterator
from dataclasses import fields
from pathlib import Path
from typing import Any

import pytest

from narrascope.analysis import connect_stored, link_stored, run
from narrascope.config import Settings
from narrascope.extract import link_entities
from narrascope.models import Document
from narrascope.runner import pipeline_version
from narrascope.store import Store, open_store
from narrascope.store.base import EntityOverride
from narrascope.stories import connect

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "src" / "narrascope" / "examples"
SEEDS = ROOT / "tests" / "data" / "seeds"  # in the repository
BATCH = 3
STAGES = ("narrascope.extract.v1",)


class _Tracked(Document):
    """A Document that can be weakly referenced, so the test sees which are alive."""

    __hash__ = object.__hash__  # by identity, for the WeakSet


class CountingStore:
    """Wraps a store; records the most full documents its callers held at once."""

    def __init__(self, inner: Store) -> None:
        self.inner = inner
        self.alive: weakref.WeakSet[Document] = weakref.WeakSet()
        self.peak = 0
        self.streamed = 0

    def iter_documents(self, *args: Any, **kwargs: Any) -> Iterator[Document]:
        for doc in self.inner.iter_documents(*args, **kwargs):
            self.streamed += 1
            yield self._track(doc)

    def get_document(self, doc_id: str, **kwargs: Any) -> Document:
        return self._track(self.inner.get_document(doc_id, **kwargs))

    def _track(self, doc: Document) -> Document:
        self.peak = max(self.peak, len(self.alive))  # held by callers before this one
        tracked = _Tracked(**{f.name: getattr(doc, f.name) for f in fields(Document)})
        self.alive.add(tracked)
        return tracked

    def __getattr__(self, name: str) -> Any:
        return getattr(self.inner, name)


def connect_in_memory(store: Store, settings: Settings) -> None:
    """The previous connect_stored: every document with all findings in memory."""
    docs = list(store.iter_documents(batch_size=settings.batch_size))
    if not docs:
        return
    store.save_entities(link_entities(docs, store.list_overrides()))
    stories, contradictions = connect(docs)
    version = pipeline_version(settings)
    for start in range(0, len(docs), settings.batch_size):
        store.save_analyses(docs[start : start + settings.batch_size], version)
    store.save_stories(stories)
    store.save_contradictions(contradictions)


def snapshot(store: Store) -> dict[str, Any]:
    return {
        "documents": {doc.id: doc for doc in store.iter_documents()},
        "entities": store.list_entities(limit=1_000_000),
        "stories": store.list_stories(limit=1_000_000),
        "contradictions": store.list_contradictions(limit=1_000_000),
    }


@pytest.fixture(scope="module")
def analysed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Examples and seeds (when present) ingested and analysed, not yet connected."""
    path = tmp_path_factory.mktemp("connect") / "corpus.db"
    inputs = [str(EXAMPLES)] + ([str(SEEDS)] if SEEDS.is_dir() else [])
    store = open_store(path)
    try:
        run(inputs, store, Settings(db=str(path), stages=STAGES, connect=False))
    finally:
        store.close()
    return path


def copy_of(db: Path, tmp_path: Path, name: str) -> Store:
    target = tmp_path / name
    shutil.copy(db, target)
    return open_store(target)


def test_connect_link_holds_at_most_batch_size_documents(analysed: Path, tmp_path: Path) -> None:
    settings = Settings(batch_size=BATCH, stages=STAGES)
    inner = copy_of(analysed, tmp_path, "bounded.db")
    try:
        n_docs = inner.count_documents()
        assert n_docs > 2 * BATCH
        counting = CountingStore(inner)
        assert link_stored(counting, settings) == n_docs
        assert counting.streamed >= 2 * n_docs  # projection pass, then the relink pass
        assert 0 < counting.peak <= BATCH
    finally:
        inner.close()


def test_connect_stories_hold_a_batch_or_one_story_of_documents(
    analysed: Path, tmp_path: Path
) -> None:
    """Duplicates, stories and contradictions stream too: no step holds the corpus."""
    settings = Settings(batch_size=BATCH, stages=STAGES)
    inner = copy_of(analysed, tmp_path, "stories.db")
    try:
        n_docs = inner.count_documents()
        counting = CountingStore(inner)
        connect_stored(counting, settings)
        largest = max(len(s.documents) for s in inner.list_stories(limit=1000))
        assert largest < n_docs - BATCH, "the corpus should hold more than one story"
        assert counting.streamed >= 3 * n_docs  # link projection, relink, duplicates
        assert 0 < counting.peak <= max(BATCH, largest)
    finally:
        inner.close()


@pytest.mark.parametrize("overrides", [(), ("merge", "split")])
def test_connect_equals_all_in_memory_result(
    analysed: Path, tmp_path: Path, overrides: tuple[str, ...]
) -> None:
    settings = Settings(batch_size=BATCH, stages=STAGES)
    old, new = copy_of(analysed, tmp_path, "old.db"), copy_of(analysed, tmp_path, "new.db")
    try:
        if overrides:
            first = [e for e in link_entities(list(old.iter_documents())) if len(e.aliases) > 1]
            assert first, "the corpus should have an entity with several aliases"
            for store in (old, new):
                store.add_override(EntityOverride("merge", first[0].name, first[-1].name))
                store.add_override(EntityOverride("split", first[0].name, first[0].aliases[-1]))
        for _ in range(2):  # a rerun relinks already linked documents
            connect_in_memory(old, settings)
            connect_stored(new, settings)
            expected, got = snapshot(old), snapshot(new)
            assert got["entities"] == expected["entities"]
            assert got["stories"] == expected["stories"]
            assert got["contradictions"] == expected["contradictions"]
            assert got["documents"] == expected["documents"]
        assert expected["entities"]
        assert expected["stories"]
    finally:
        old.close()
        new.close()


def test_connect_empty_store_does_nothing(store: Store) -> None:
    connect_stored(store, Settings())
    assert store.list_entities() == []
    assert store.list_stories() == []


def test_connect_with_a_process_pool_equals_one_process(
    analysed: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Contradictions shared out to two spawned processes: the same stored result."""
    from narrascope.stories import streaming

    serial, pooled = (
        copy_of(analysed, tmp_path, "serial.db"),
        copy_of(analysed, tmp_path, "pool.db"),
    )
    try:
        connect_stored(serial, Settings(batch_size=BATCH, stages=STAGES))
        monkeypatch.setattr(streaming, "PARALLEL_MIN_STORIES", 1)
        monkeypatch.setattr(streaming, "STORIES_PER_TASK", 1)
        used: list[int] = []
        pool = streaming._pool
        monkeypatch.setattr(streaming, "_pool", lambda url, n: used.append(n) or pool(url, n))
        connect_stored(pooled, Settings(batch_size=BATCH, stages=STAGES, workers=2))
        assert used == [2]
        expected, got = snapshot(serial), snapshot(pooled)
        assert expected["contradictions"], "the corpus should hold contradictions"
        assert got["contradictions"] == expected["contradictions"]
        assert got["stories"] == expected["stories"]
    finally:
        serial.close()
        pooled.close()
