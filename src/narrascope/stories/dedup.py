"""Near-duplicates and syndication: MinHash LSH over word shingles.

A syndicated copy with a new headline, trimmed paragraphs or added web chrome
shares most of its word shingles with the original. LSH (datasketch) proposes
candidate pairs in sub-linear time per document; each candidate is then checked
on the exact shingle sets by *containment* (overlap over the smaller set), which,
unlike Jaccard, is not lowered by trimming or by chrome added on one side.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np
from datasketch import MinHash, MinHashLSH

from narrascope.errors import ConfigError
from narrascope.models import Document
from narrascope.stories.dates import day_ordinal

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


def find_duplicates(
    docs: Iterable[Document], options: DedupOptions | None = None
) -> list[tuple[str, ...]]:
    """Groups of near-duplicate documents, canonical copy first; sets ``duplicate_of``.

    The canonical copy is the earliest published one (then the longest). Documents
    in no group keep ``duplicate_of = None``.
    """
    opts = options or DedupOptions()
    docs = list(docs)
    sets = [shingles(doc.text, opts.shingle) for doc in docs]
    lsh = MinHashLSH(threshold=opts.lsh_threshold, num_perm=opts.num_perm)
    template = MinHash(num_perm=opts.num_perm, seed=1)
    signatures = np.zeros((len(docs), opts.num_perm), dtype=np.uint64)
    parent = np.arange(len(docs))
    for i, items in enumerate(sets):
        if len(items) < opts.min_shingles:
            continue
        sketch = _minhash(items, template)
        signatures[i] = sketch.hashvalues
        candidates = np.fromiter(lsh.query(sketch), dtype=np.int64)
        if candidates.size:  # estimated Jaccard first; exact containment for the plausible
            estimate = (signatures[candidates] == sketch.hashvalues).mean(axis=1)
            for j in candidates[estimate >= opts.min_estimate]:
                if containment(items, sets[int(j)]) >= opts.min_containment:
                    _union(parent, i, int(j))
        lsh.insert(i, sketch)
    return _groups(docs, parent)


def _find(parent: np.ndarray, i: int) -> int:
    while parent[i] != i:
        parent[i] = parent[parent[i]]
        i = int(parent[i])
    return i


def _union(parent: np.ndarray, i: int, j: int) -> None:
    ri, rj = _find(parent, i), _find(parent, j)
    if ri != rj:
        parent[max(ri, rj)] = min(ri, rj)


def _canonical_order(doc: Document) -> tuple[int, int, str]:
    day = day_ordinal(doc.published)
    return (day if day is not None else 10**7, -len(doc.text), doc.id)


def _groups(docs: list[Document], parent: np.ndarray) -> list[tuple[str, ...]]:
    members: dict[int, list[Document]] = {}
    for i, doc in enumerate(docs):
        members.setdefault(_find(parent, i), []).append(doc)
    groups: list[tuple[str, ...]] = []
    for group in members.values():
        if len(group) < 2:
            continue
        group.sort(key=_canonical_order)
        for copy in group[1:]:
            copy.duplicate_of = group[0].id
        group[0].duplicate_of = None
        groups.append(tuple(doc.id for doc in group))
    return sorted(groups)
