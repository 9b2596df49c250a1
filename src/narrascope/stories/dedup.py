"""Near-duplicates and syndication: MinHash LSH over word shingles.

A syndicated copy with a new headline, trimmed paragraphs or added web chrome
shares most of its word shingles with the original. LSH (datasketch) proposes
candidate pairs in sub-linear time per document; each candidate is then checked
on the exact shingle sets by *containment* (overlap over the smaller set), which,
unlike Jaccard, is not lowered by trimming or by chrome added on one side.
"""

from __future__ import annotations

import re
from collections import OrderedDict
from collections.abc import Callable, Iterable
from dataclasses import dataclass

import numpy as np
from datasketch import MinHash, MinHashLSH

from narrascope.errors import ConfigError
from narrascope.models import Document
from narrascope.stories.dates import day_ordinal
from narrascope.unionfind import UnionFind

_WORD = re.compile(r"\w+", re.UNICODE)


@dataclass(frozen=True, slots=True)
class DedupOptions:
    """Settings of near-duplicate detection."""

    shingle: int = 4  # words per shingle
    num_perm: int = 128
    lsh_threshold: float = 0.3  # Jaccard estimate that makes a candidate pair
    min_containment: float = 0.6  # exact shingle overlap / smaller set, to confirm
    min_shingles: int = 8  # shorter texts are never called duplicates
    min_estimate: float = 0.2  # MinHash Jaccard estimate below which a candidate is dropped

    def __post_init__(self) -> None:
        if self.shingle < 1 or self.num_perm < 16:
            raise ConfigError("shingle must be >= 1 and num_perm >= 16")
        if not 0 < self.lsh_threshold < 1 or not 0 < self.min_containment <= 1:
            raise ConfigError("lsh_threshold must be in (0, 1) and min_containment in (0, 1]")


def shingles(text: str, size: int = 4) -> set[bytes]:
    """Lower-cased word n-grams of a text, encoded for hashing."""
    words = [w.lower() for w in _WORD.findall(text)]
    if len(words) < size:
        return {" ".join(words).encode("utf-8")} if words else set()
    return {" ".join(words[i : i + size]).encode("utf-8") for i in range(len(words) - size + 1)}


def _minhash(items: set[bytes], template: MinHash) -> MinHash:
    sketch = MinHash(
        num_perm=len(template), permutations=template.permutations, scheme=template.scheme
    )
    sketch.update_batch(list(items))
    return sketch


def containment(a: set[bytes], b: set[bytes]) -> float:
    """Shared shingles over the smaller set."""
    if not a or not b:
        return 0.0
    return len(a & b) / min(len(a), len(b))


class DuplicateIndex:
    """Near-duplicates found incrementally, holding MinHash signatures but no texts.

    Documents are added one at a time; a candidate pair proposed by LSH is
    confirmed on exact shingle sets, recomputed from ``text_of(doc_id)`` when
    not in a small cache, so memory grows by one signature per document, not by
    its text.
    """

    def __init__(
        self,
        options: DedupOptions | None = None,
        text_of: Callable[[str], str] | None = None,
        cache_size: int = 2048,
    ) -> None:
        self.options = options or DedupOptions()
        self.text_of = text_of
        self.cache_size = cache_size
        self._cache: OrderedDict[int, set[bytes]] = OrderedDict()
        self._lsh = MinHashLSH(threshold=self.options.lsh_threshold, num_perm=self.options.num_perm)
        self._template = MinHash(num_perm=self.options.num_perm, seed=1)
        self._signatures = np.zeros((64, self.options.num_perm), dtype=np.uint32)
        self._sets: UnionFind[int] = UnionFind()  # only documents found in a pair
        self._ids: list[str] = []
        self._order: list[tuple[int, int, str]] = []

    def __len__(self) -> int:
        return len(self._ids)

    def add(self, doc: Document) -> None:
        """Add one document (its text is read now and not kept)."""
        i = len(self._ids)
        self._ids.append(doc.id)
        self._order.append(_canonical_order(doc))
        if i >= self._signatures.shape[0]:
            grown = np.zeros((2 * i, self.options.num_perm), dtype=np.uint32)
            grown[:i] = self._signatures[:i]
            self._signatures = grown
        items = shingles(doc.text, self.options.shingle)
        if len(items) < self.options.min_shingles:
            return
        sketch = _minhash(items, self._template)
        hashes = sketch.hashvalues.astype(np.uint32)  # values are below 2**32
        self._signatures[i] = hashes
        candidates = np.fromiter(self._lsh.query(sketch), dtype=np.int64)
        if candidates.size:  # estimated Jaccard first; exact containment for the plausible
            estimate = (self._signatures[candidates] == hashes).mean(axis=1)
            for j in candidates[estimate >= self.options.min_estimate]:
                if containment(items, self._shingles_of(int(j))) >= self.options.min_containment:
                    self._sets.union(i, int(j))
        self._lsh.insert(i, sketch)
        self._remember(i, items)

    def groups(self) -> list[tuple[str, ...]]:
        """Groups of near-duplicate ids, canonical copy (earliest, then longest) first."""
        groups = [
            tuple(self._ids[i] for i in sorted(group, key=self._order.__getitem__))
            for group in self._sets.groups().values()
            if len(group) > 1
        ]
        return sorted(groups)

    def _shingles_of(self, i: int) -> set[bytes]:
        items = self._cache.get(i)
        if items is None:
            if self.text_of is None:
                raise ConfigError("DuplicateIndex needs text_of to re-read evicted documents")
            items = shingles(self.text_of(self._ids[i]), self.options.shingle)
            self._remember(i, items)
        return items

    def _remember(self, i: int, items: set[bytes]) -> None:
        self._cache[i] = items
        self._cache.move_to_end(i)
        while len(self._cache) > self.cache_size:
            self._cache.popitem(last=False)


def find_duplicates(
    docs: Iterable[Document], options: DedupOptions | None = None
) -> list[tuple[str, ...]]:
    """Groups of near-duplicate documents, canonical copy first; sets ``duplicate_of``.

    The canonical copy is the earliest published one (then the longest). Documents
    in no group keep ``duplicate_of = None``.
    """
    docs = list(docs)
    by_id = {doc.id: doc for doc in docs}
    index = DuplicateIndex(options, text_of=lambda doc_id: by_id[doc_id].text)
    for doc in docs:
        index.add(doc)
    groups = index.groups()
    apply_groups(docs, groups)
    return groups


def apply_groups(docs: Iterable[Document], groups: Iterable[tuple[str, ...]]) -> None:
    """Set ``duplicate_of`` from duplicate groups (``None`` for documents in none)."""
    canonical = {copy: group[0] for group in groups for copy in group[1:]}
    for doc in docs:
        doc.duplicate_of = canonical.get(doc.id)


def _canonical_order(doc: Document) -> tuple[int, int, str]:
    day = day_ordinal(doc.published)
    return (day if day is not None else 10**7, -len(doc.text), doc.id)
