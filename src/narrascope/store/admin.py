"""Store administration: schema migrations and a summary, for any backend."""

from __future__ import annotations

from dataclasses import dataclass, field

from narrascope.store.base import Store


@dataclass(frozen=True, slots=True)
class StoreInfo:
    """What a store holds and which schema migrations it has."""

    backend: str
    url: str
    applied: list[str]
    pending: list[str]
    counts: dict[str, int] = field(default_factory=dict)


def _migrations(store: Store) -> tuple[list[str], list[str]]:
    from narrascope.store.sqlite import SQLiteStore

    if isinstance(store, SQLiteStore):
        from narrascope.store import migrations

        lite = store._conn()  # the store's own per-thread connection
        return migrations.applied(lite), migrations.pending(lite)
    from narrascope.store import pg_migrations
    from narrascope.store.postgres import PostgresStore

    assert isinstance(store, PostgresStore)
    conn = store._conn()
    return pg_migrations.applied(conn), pg_migrations.pending(conn)


def store_info(store: Store) -> StoreInfo:
    """Backend, URL (password hidden), migrations and object counts of an open store."""
    applied, pending = _migrations(store)
    backend = "sqlite" if type(store).__name__ == "SQLiteStore" else "postgresql"
    url = store.url
    if backend == "postgresql":
        from narrascope.store.postgres import PostgresStore

        assert isinstance(store, PostgresStore)
        url = store._safe_url()
    counts = {
        "documents": store.count_documents(),
        "entities": len(store.list_entities(limit=10**9)),
        "stories": len(store.list_stories(limit=10**9)),
        "contradictions": len(store.list_contradictions(limit=10**9)),
    }
    return StoreInfo(backend, url, applied, pending, counts)
