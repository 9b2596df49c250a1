"""Connecting a stored corpus in bounded memory: duplicates, stories, contradictions.

:func:`~narrascope.stories.api.connect` needs every document in memory. This
module gives the same result from a :class:`~narrascope.store.base.Store` in
three streaming passes, holding per document a MinHash signature, a date, an id
and its event profile (content words, not the text), never whole documents:

1. near-duplicates (:class:`~narrascope.stories.dedup.DuplicateIndex`, texts
   re-read from the store for the rare candidate pairs);
2. stories: each document's event profile (content words, entity keys,
   dates, figures, story vector; :mod:`narrascope.stories.events`) is read
   batch by batch, then the profiles are clustered at once, as the in-memory
   path does (with ``cluster_options``, the older centroid
   :class:`~narrascope.stories.cluster.StoryIndex` is used instead);
3. contradictions, story by story, from the claims the extraction stage stored;
   with ``workers > 1`` and a store other processes can open, the stories are
   shared out to a pool of processes, each reading its members from the store.
"""

from __future__ import annotations

import multiprocessing
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Executor, ProcessPoolExecutor
from dataclasses import dataclass

from narrascope.models import Contradiction, Document, Failure, Story
from narrascope.store import open_store
from narrascope.store.base import Store
from narrascope.stories.cluster import ClusterOptions, StoryIndex
from narrascope.stories.contradictions import find_contradictions
from narrascope.stories.dates import document_day
from narrascope.stories.dedup import DedupOptions, DuplicateIndex
from narrascope.stories.event_stories import event_stories
from narrascope.stories.events import EventOptions, EventProfile, profiles_of
from narrascope.stories.vectors import Embedder

UNDATED = 10**7  # sorts documents without a date after dated ones, as the index does
STORY_FINDINGS = frozenset({"entities", "events"})  # what story clustering reads (+ the vector)
CLAIM_FINDINGS = frozenset({"entities", "quotes", "claims", "events"})  # what contradictions read
PARALLEL_MIN_STORIES = 64  # fewer stories with two or more members: not worth a pool
STORIES_PER_TASK = 8


@dataclass(frozen=True, slots=True)
class ConnectSummary:
    """What a streaming connect found."""

    documents: int
    duplicate_groups: int
    stories: int
    contradictions: int


def connect_store(
    store: Store,
    *,
    save: Callable[[list[Document]], None],
    batch_size: int = 256,
    embedder: Embedder | None = None,
    cluster_options: ClusterOptions | None = None,
    dedup_options: DedupOptions | None = None,
    workers: int = 1,
    event_options: EventOptions | None = None,
    failures: list[Failure] | None = None,
) -> ConnectSummary:
    """Mark near-duplicates, cluster stories and find contradictions of a stored corpus.

    Documents whose ``duplicate_of`` changes are passed to ``save`` (at most
    ``batch_size`` at a time), which writes them with the caller's pipeline version;
    stories and contradictions replace the stored ones. ``workers`` processes
    share the contradiction pass (same result as one).

    A document or a story that makes a step fail is left out of that step and
    recorded in ``failures`` (stage ``duplicates``, ``stories`` or
    ``contradictions``); the other documents and stories go on.
    """
    failures = [] if failures is None else failures
    canonical, order = _duplicates(store, batch_size, dedup_options, failures)
    index = StoryIndex(cluster_options, embedder) if cluster_options is not None else None
    profiles: list[EventProfile] = []
    for batch in _chunks(order, batch_size):
        docs = [store.get_document(doc_id, with_findings=STORY_FINDINGS) for doc_id in batch]
        changed = [doc.id for doc in docs if _set_duplicate(doc, canonical.get(doc.id))]
        if changed:  # written whole: the documents read above hold only some findings
            full = [store.get_document(doc_id) for doc_id in changed]
            save([doc for doc in full if _set_duplicate(doc, canonical.get(doc.id))])
        if index is not None:
            _add_isolated(index, docs, failures)
        else:
            profiles.extend(_profiles_isolated(docs, embedder, failures))
        del docs, changed  # before the next batch is read
    stories = index.stories() if index is not None else event_stories(profiles, event_options)
    store.save_stories(stories)
    contradictions = sorted(
        _contradictions(store, stories, workers, failures), key=lambda c: (-c.confidence, c.id)
    )
    store.save_contradictions(contradictions)
    groups = len(set(canonical.values()))
    return ConnectSummary(len(order), groups, len(stories), len(contradictions))


def _add_isolated(index: StoryIndex, docs: list[Document], failures: list[Failure]) -> None:
    """Add a batch to the story index; if it fails, add one by one, leaving out the bad one."""
    try:
        index.add(docs)
        return
    except Exception:  # find the document at fault
        pass
    for doc in docs:
        if doc.id in index.story_of:
            continue  # added before the batch failed
        try:
            index.add([doc])
        except Exception as exc:
            failures.append(Failure(doc.source, "stories", _reason(exc)))


def _profiles_isolated(
    docs: list[Document], embedder: Embedder | None, failures: list[Failure]
) -> list[EventProfile]:
    """Event profiles of a batch; a document whose profile fails is left out and recorded."""
    try:
        return profiles_of(docs, embedder)
    except Exception:  # find the document at fault
        pass
    profiles: list[EventProfile] = []
    for doc in docs:
        try:
            profiles.extend(profiles_of([doc], embedder))
        except Exception as exc:
            failures.append(Failure(doc.source, "stories", _reason(exc)))
    return profiles


def _reason(exc: BaseException) -> str:
    return f"{type(exc).__name__}: {exc}"


def _duplicates(
    store: Store, batch_size: int, options: DedupOptions | None, failures: list[Failure]
) -> tuple[dict[str, str], list[str]]:
    """Copy -> canonical id, and every document id in the order stories are built."""
    index = DuplicateIndex(options, text_of=lambda doc_id: store.get_document(doc_id).text)
    days: list[tuple[int, str]] = []
    for doc in store.iter_documents(with_findings=False, batch_size=batch_size):
        try:
            index.add(doc)
            day = document_day(doc)
        except Exception as exc:  # compared with no other document; still clustered
            failures.append(Failure(doc.source, "duplicates", _reason(exc)))
            day = None
        days.append((UNDATED if day is None else day, doc.id))
    canonical = {copy: group[0] for group in index.groups() for copy in group[1:]}
    days.sort(key=lambda item: (item[0], item[1] in canonical, item[1]))
    return canonical, [doc_id for _, doc_id in days]


def _set_duplicate(doc: Document, canonical: str | None) -> bool:
    if doc.duplicate_of == canonical:
        return False
    doc.duplicate_of = canonical
    return True


Found = tuple[list[Contradiction], list[Failure]]


def _contradictions(
    store: Store, stories: list[Story], workers: int, failures: list[Failure]
) -> list[Contradiction]:
    """Contradictions of every story, in one process or shared out to ``workers``."""
    multi = [story for story in stories if len(story.documents) >= 2]
    shareable = not store.url.startswith(":memory:")
    if workers < 2 or not shareable or len(multi) < PARALLEL_MIN_STORIES:
        parts = [_isolated_story(store, story) for story in multi]
    else:
        multi.sort(key=lambda story: -len(story.documents))  # big stories first: even shares
        tasks = [multi[i : i + STORIES_PER_TASK] for i in range(0, len(multi), STORIES_PER_TASK)]
        with _pool(store.url, workers) as pool:
            parts = list(pool.map(_task_contradictions, tasks))
    for _, failed in parts:
        failures.extend(failed)
    return [c for found, _ in parts for c in found]


def _pool(url: str, workers: int) -> Executor:
    """Spawned processes (no inherited database handles), each with its own store."""
    return ProcessPoolExecutor(
        max_workers=workers,
        mp_context=multiprocessing.get_context("spawn"),
        initializer=_open_task_store,
        initargs=(url,),
    )


_task_store: Store | None = None


def _open_task_store(url: str) -> None:
    global _task_store
    _task_store = open_store(url)


def _task_contradictions(stories: list[Story]) -> Found:
    if _task_store is None:
        raise RuntimeError("the contradiction pool was started without a store")
    parts = [_isolated_story(_task_store, story) for story in stories]
    return [c for found, _ in parts for c in found], [f for _, failed in parts for f in failed]


def _isolated_story(store: Store, story: Story) -> Found:
    """A story's contradictions, or none and a failure when finding them raises."""
    try:
        return _story_contradictions(store, story), []
    except Exception as exc:
        return [], [Failure(f"story:{story.id}", "contradictions", _reason(exc))]


def _story_contradictions(store: Store, story: Story) -> list[Contradiction]:
    if len(story.documents) < 2:
        return []
    members = [
        store.get_document(doc_id, with_findings=CLAIM_FINDINGS) for doc_id in story.documents
    ]
    return find_contradictions(members, [story])


def _chunks(items: Sequence[str], size: int) -> Iterator[list[str]]:
    for start in range(0, len(items), size):
        yield list(items[start : start + size])
