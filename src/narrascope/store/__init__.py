"""Storage: the :class:`Store` interface and :func:`open_store` to pick a backend by URL."""

from __future__ import annotations

from pathlib import Path

from narrascope.errors import StoreError
from narrascope.store.base import DocumentFilter, EntityOverride, SearchHit, Store

__all__ = ["DocumentFilter", "EntityOverride", "SearchHit", "Store", "open_store"]


def open_store(url: str | Path | None = None) -> Store:
    """Open a store: ``None``/``:memory:``, a file path, ``sqlite:///path`` or ``postgresql://…``."""
    if url is None:
        url = ":memory:"
    text = str(url)
    if text.startswith(("postgresql://", "postgres://")):
        try:
            from narrascope.store.postgres import PostgresStore
        except ImportError as exc:
            raise StoreError(
                "PostgreSQL support needs the 'postgres' extra: pip install 'narrascope[postgres]'"
            ) from exc
        return PostgresStore(text)
    if text.startswith("sqlite:///"):
        text = text[len("sqlite:///") :]
    elif "://" in text:
        raise StoreError(
            f"unsupported store URL {text!r}: use a file path, sqlite:/// or postgresql://"
        )
    from narrascope.store.sqlite import SQLiteStore

    return SQLiteStore(text)
