"""Incremental story clustering: embeddings + shared canonical entities + time.

A :class:`StoryIndex` takes documents in any number of batches. Each document is
compared only with the stories that :class:`~narrascope.stories.blocking.CandidateIndex`
proposes (shared entity or LSH bucket), scored by

``score = w_text * cos(doc, centroid) + w_entity * entity_overlap``, times a time
decay when the document lies more than ``window_days`` outside the story's dates,
and no score at all when the document shares less than ``min_shared`` of its
entity weight with a story that has entities, unless the text alone is as close
as ``text_alone`` (reports of the same event name the same places and people;
two floods in two towns in one week read alike but name different ones),
and joins the best story at or above ``threshold``, else opens a new one.
Near-duplicates (``Document.duplicate_of``) join their canonical copy's story.
The index saves to and loads from a directory, so a corpus never has to be
clustered again from scratch.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from narrascope.errors import ConfigError
from narrascope.ids import short_id
from narrascope.models import Document, Story
from narrascope.stories.blocking import CandidateIndex
from narrascope.stories.dates import document_day, event_day, iso_day
from narrascope.stories.keys import entity_key, outlet_of, salient_entities
from narrascope.stories.persist import read_index, save_index
from narrascope.stories.vectors import Embedder, embed_documents


@dataclass(frozen=True, slots=True)
class ClusterOptions:
    """Settings of story clustering."""

    threshold: float = 0.55
    w_text: float = 0.75
    w_entity: float = 0.25
    window_days: int = 7
    max_entities: int = 8  # entity keys per document used for blocking and scoring
    rerank: int = 16  # candidate stories (nearest by cosine) that get a full score
    min_shared: float = 0.25  # entity weight a document must share with a story ...
    text_alone: float = 0.9  # ... unless its cosine to the story reaches this

    def __post_init__(self) -> None:
        if not 0 < self.threshold < 1 or self.window_days < 0:
            raise ConfigError("threshold must be in (0, 1) and window_days >= 0")
        if not 0 <= self.min_shared <= 1 or not 0 < self.text_alone <= 1:
            raise ConfigError("min_shared must be in [0, 1] and text_alone in (0, 1]")


@dataclass(slots=True)
class StoryState:
    """What the index keeps about one story."""

    id: str
    documents: list[str] = field(default_factory=list)
    outlets: list[str] = field(default_factory=list)
    entities: Counter[str] = field(default_factory=Counter)
    event_days: Counter[int] = field(default_factory=Counter)
    first_day: int | None = None
    last_day: int | None = None
    size: int = 0  # documents in the centroid (duplicates excluded)
    duplicates: dict[str, list[str]] = field(default_factory=dict)

    def gap(self, day: int | None) -> int:
        """Days between ``day`` and the story's date range (0 inside or unknown)."""
        if day is None or self.first_day is None or self.last_day is None:
            return 0
        return max(0, self.first_day - day, day - self.last_day)


class StoryIndex:
    """Stories found so far; add documents to it incrementally."""

    def __init__(self, options: ClusterOptions | None = None, embedder: Embedder | None = None):
        self.options = options or ClusterOptions()
        self.embedder = embedder
        self.states: list[StoryState] = []
        self.sums: np.ndarray | None = None  # (capacity, dim) sums of member vectors
        self.blocks: CandidateIndex | None = None
        self.story_of: dict[str, int] = {}
        self.names: dict[str, str] = {}
        self.entity_df: Counter[str] = Counter()
        self.n_docs = 0

    def __len__(self) -> int:
        return len(self.states)

    def add(self, docs: Iterable[Document], vectors: np.ndarray | None = None) -> list[str]:
        """Assign documents to stories (new ones when nothing fits); returns their story ids.

        ``vectors`` (one L2-normalised row per document) skips the embedder.
        Documents already in the index keep their story.
        """
        docs = list(docs)
        if vectors is None:
            vectors = embed_documents(docs, self.embedder)
        if vectors.shape[0] != len(docs):
            raise ConfigError(f"{vectors.shape[0]} vectors for {len(docs)} documents")
        order = sorted(range(len(docs)), key=lambda i: _time_key(docs[i]))
        for i in order:
            if docs[i].id not in self.story_of:
                self._add_one(docs[i], vectors[i])
        return [self.states[self.story_of[doc.id]].id for doc in docs]

    def _add_one(self, doc: Document, vector: np.ndarray) -> None:
        self._ensure_capacity(vector.shape[0])
        if doc.duplicate_of is not None and doc.duplicate_of in self.story_of:
            self._join_duplicate(doc)
            return
        entities = salient_entities(doc, self.options.max_entities)
        day = document_day(doc)
        best, best_score = self._best_story(entities, vector, day)
        if best is None or best_score < self.options.threshold:
            best = self._new_story(doc)
        self._join(best, doc, entities, vector, day)

    def _best_story(
        self, entities: Counter[str], vector: np.ndarray, day: int | None
    ) -> tuple[int | None, float]:
        assert self.blocks is not None
        assert self.sums is not None
        found = np.fromiter(self.blocks.candidates(entities, vector), dtype=np.int64)
        if not found.size:
            return None, 0.0
        sums = self.sums[found]
        cosines = (sums @ vector) / np.maximum(np.linalg.norm(sums, axis=1), 1e-9)
        if found.size > self.options.rerank:  # full scores for the nearest stories only
            top = np.argpartition(-cosines, self.options.rerank)[: self.options.rerank]
            found, cosines = found[top], cosines[top]
        weights = {k: self._idf(k) for k in entities}
        scores = [
            self._score(self.states[int(s)], float(cos), weights, day)
            for s, cos in zip(found, cosines, strict=True)
        ]
        best = int(np.argmax(scores))
        return int(found[best]), scores[best]

    def _score(
        self, state: StoryState, cos: float, weights: dict[str, float], day: int | None
    ) -> float:
        opts = self.options
        total = sum(weights.values())
        if total > 0:
            shared = sum(w for k, w in weights.items() if k in state.entities) / total
            if shared < opts.min_shared and state.entities and cos < opts.text_alone:
                return 0.0  # names other places and people: another story
            score = opts.w_text * max(cos, 0.0) + opts.w_entity * shared
        else:  # nothing recognised (another script, say): the text alone decides
            score = max(cos, 0.0)
        gap = state.gap(day)
        if gap > opts.window_days:
            score *= math.exp(-(gap - opts.window_days) / max(opts.window_days, 1))
        return score

    def _idf(self, key: str) -> float:
        return math.log((1 + self.n_docs) / (1 + self.entity_df[key])) + 1.0

    def _new_story(self, doc: Document) -> int:
        self.states.append(StoryState(id=short_id("story", doc.id)))
        return len(self.states) - 1

    def _join(
        self, story: int, doc: Document, entities: Counter[str], vector: np.ndarray, day: int | None
    ) -> None:
        assert self.sums is not None
        assert self.blocks is not None
        state = self.states[story]
        self.sums[story] += vector
        state.size += 1
        state.entities.update(entities)
        state.event_days.update(d for d in map(event_day, doc.events) if d is not None)
        if day is not None:
            state.first_day = day if state.first_day is None else min(state.first_day, day)
            state.last_day = day if state.last_day is None else max(state.last_day, day)
        self._register(story, doc)
        self.entity_df.update(entities.keys())
        self.n_docs += 1
        self.blocks.add(story, entities, vector)

    def _join_duplicate(self, doc: Document) -> None:
        assert doc.duplicate_of is not None
        story = self.story_of[doc.duplicate_of]
        self.states[story].duplicates.setdefault(doc.duplicate_of, []).append(doc.id)
        self._register(story, doc)

    def _register(self, story: int, doc: Document) -> None:
        state = self.states[story]
        state.documents.append(doc.id)
        outlet = outlet_of(doc)
        if outlet not in state.outlets:
            state.outlets.append(outlet)
        self.story_of[doc.id] = story
        for entity in doc.entities:
            self.names.setdefault(entity_key(entity), entity.name)

    def _ensure_capacity(self, dim: int) -> None:
        if self.sums is None:
            self.sums = np.zeros((64, dim), dtype=np.float32)
            self.blocks = CandidateIndex(dim)
        elif self.sums.shape[1] != dim:
            raise ConfigError(f"vectors have {dim} dimensions; the index has {self.sums.shape[1]}")
        if len(self.states) + 1 >= self.sums.shape[0]:
            grown = np.zeros((self.sums.shape[0] * 2, dim), dtype=np.float32)
            grown[: self.sums.shape[0]] = self.sums
            self.sums = grown

    def stories(self, doc_ids: Sequence[str] | None = None) -> list[Story]:
        """The stories (all, or those holding any of ``doc_ids``), largest first."""
        if doc_ids is None:
            numbers = list(range(len(self.states)))
        else:
            numbers = sorted({self.story_of[d] for d in doc_ids if d in self.story_of})
        stories = [self._story(self.states[n]) for n in numbers]
        return sorted(stories, key=lambda s: (-len(s.documents), s.id))

    def _story(self, state: StoryState) -> Story:
        keys = tuple(k for k, _ in state.entities.most_common(5))
        days = [d for d, _ in state.event_days.most_common(3)]
        if not days and state.first_day is not None and state.last_day is not None:
            days = sorted({state.first_day, state.last_day})
        dates = tuple(iso_day(d) for d in sorted(days))
        names = [self.names.get(k, k) for k in keys[:3]]
        label = ", ".join(names) or "untitled story"
        if dates:
            label += f" ({', '.join(dates)})"
        groups = tuple((canon, *copies) for canon, copies in state.duplicates.items())
        return Story(
            id=state.id,
            label=label,
            documents=tuple(state.documents),
            outlets=tuple(state.outlets),
            key_entities=keys,
            dates=dates,
            duplicates=groups,
        )

    def save(self, path: str | Path) -> None:
        """Write the index to a directory (created if missing)."""
        save_index(self, Path(path))

    @classmethod
    def load(cls, path: str | Path, embedder: Embedder | None = None) -> StoryIndex:
        """Read an index written by :meth:`save`."""
        saved = read_index(Path(path))
        index = cls(ClusterOptions(**saved.options), embedder)
        index.states = [StoryState(**state) for state in saved.states]
        index.names, index.entity_df, index.n_docs = saved.names, saved.entity_df, saved.n_docs
        index.story_of = {d: n for n, s in enumerate(index.states) for d in s.documents}
        if saved.sums.size:
            index.sums = np.zeros((max(64, 2 * len(saved.sums)), saved.sums.shape[1]), np.float32)
            index.sums[: len(saved.sums)] = saved.sums
            index.blocks = saved.blocks
        return index


def _time_key(doc: Document) -> tuple[int, int, str]:
    day = document_day(doc)
    # canonical copies before their duplicates, so a copy finds its canonical's story
    return (day if day is not None else 10**7, doc.duplicate_of is not None, doc.id)


def cluster_stories(
    docs: Iterable[Document], index: StoryIndex | None = None, *, vectors: np.ndarray | None = None
) -> list[Story]:
    """Cluster documents into stories, adding them to ``index`` (a new one by default).

    Returns the stories that hold these documents.
    """
    docs = list(docs)
    index = index if index is not None else StoryIndex()
    index.add(docs, vectors)
    return index.stories([doc.id for doc in docs])
