"""Aggregates cached until the store's data changes, so pages stay fast on large corpora."""

from __future__ import annotations

import threading
from collections.abc import Callable, Hashable
from typing import Any, TypeVar

from narrascope.store import Store
from narrascope.store.aggregates import data_stamp

T = TypeVar("T")


class AggregateCache:
    """Results of expensive aggregate queries, dropped whenever :func:`data_stamp` changes."""

    def __init__(self, store: Store, max_items: int = 256) -> None:
        self.store = store
        self.max_items = max_items
        self._lock = threading.Lock()
        self._stamp: tuple[int, ...] | None = None
        self._values: dict[Hashable, Any] = {}

    def get(self, key: Hashable, compute: Callable[[], T]) -> T:
        """The cached value of ``key``, computed by ``compute`` when missing or stale."""
        stamp = data_stamp(self.store)
        with self._lock:
            if stamp != self._stamp:
                self._values.clear()
                self._stamp = stamp
            if key in self._values:
                return self._values[key]  # type: ignore[no-any-return]
        value = compute()
        with self._lock:
            if stamp == self._stamp:
                if len(self._values) >= self.max_items:
                    self._values.pop(next(iter(self._values)))
                self._values[key] = value
        return value

    def clear(self) -> None:
        """Forget everything (after a write through the API)."""
        with self._lock:
            self._values.clear()
            self._stamp = None
