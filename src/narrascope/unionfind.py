"""A small union-find: mentions and entities (extraction), near-duplicates (stories)."""

from __future__ import annotations

from collections.abc import Hashable
from typing import Generic, TypeVar

K = TypeVar("K", bound=Hashable)


class UnionFind(Generic[K]):
    """Disjoint sets with path halving."""

    def __init__(self) -> None:
        self._parent: dict[K, K] = {}

    def find(self, item: K) -> K:
        """The representative of ``item``'s set."""
        parent = self._parent
        parent.setdefault(item, item)
        while parent[item] != item:
            parent[item] = parent[parent[item]]
            item = parent[item]
        return item

    def union(self, a: K, b: K) -> None:
        """Put ``a`` and ``b`` in one set (the smaller representative wins, for stability)."""
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            lo, hi = sorted((ra, rb), key=repr)
            self._parent[hi] = lo

    def groups(self) -> dict[K, list[K]]:
        """Every set, keyed by its representative."""
        out: dict[K, list[K]] = {}
        for item in list(self._parent):
            out.setdefault(self.find(item), []).append(item)
        return out
