"""Blocking for story clustering: which stories a new document is compared with.

Two posting indexes bound the work per document, so clustering ``n`` documents
costs ``O(n * cap)`` comparisons instead of ``O(n * stories)``:

* entity postings: canonical entity key -> stories that mention it;
* random-hyperplane LSH (SimHash) over embeddings: bucket -> stories holding a
  document that hashed there, in several independent tables.

Each posting list is read from its most recent end and capped, since stories are
added in time order and an old, huge posting (a country named everywhere) is the
least informative one.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

import numpy as np


class CandidateIndex:
    """Entity and embedding-LSH postings pointing to story numbers."""

    def __init__(self, dim: int, *, tables: int = 16, bits: int = 6, cap: int = 32, seed: int = 7):
        rng = np.random.default_rng(seed)
        self.planes = rng.standard_normal((tables, bits, dim)).astype(np.float32)
        self.cap = cap
        self.by_entity: defaultdict[str, list[int]] = defaultdict(list)
        self.by_bucket: defaultdict[tuple[int, int], list[int]] = defaultdict(list)
        self._weights = (1 << np.arange(bits, dtype=np.int64)).astype(np.int64)

    def buckets(self, vector: np.ndarray) -> list[tuple[int, int]]:
        """The LSH bucket of a vector in every table."""
        signs = (self.planes @ vector) > 0  # (tables, bits)
        codes = signs.astype(np.int64) @ self._weights
        return [(t, int(code)) for t, code in enumerate(codes)]

    def add(self, story: int, entities: Iterable[str], vector: np.ndarray) -> None:
        """Index one document of a story by its entities and its embedding."""
        for key in entities:
            _append_unique(self.by_entity[key], story)
        for bucket in self.buckets(vector):
            _append_unique(self.by_bucket[bucket], story)

    def candidates(self, entities: Iterable[str], vector: np.ndarray) -> set[int]:
        """Stories sharing an entity or an LSH bucket with a document (capped)."""
        found: set[int] = set()
        for key in entities:
            found.update(self.by_entity.get(key, ())[-self.cap :])
        for bucket in self.buckets(vector):
            found.update(self.by_bucket.get(bucket, ())[-self.cap :])
        return found


def _append_unique(postings: list[int], story: int) -> None:
    if not postings or postings[-1] != story:
        if story in postings[-8:]:
            postings.remove(story)
        postings.append(story)
