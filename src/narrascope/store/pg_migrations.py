"""Named, ordered schema migrations for the PostgreSQL store.

Each migration is a function returning SQL, applied once in its own transaction
and recorded in the ``migrations`` table. ``applied()`` and ``pending()`` only
read; ``migrate()`` holds an advisory lock so that two processes opening the
same database at once do not both migrate it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

Migration = Callable[[], str]

# Arbitrary constant key for pg_advisory_xact_lock ("narrascope" as a number).
_LOCK_KEY = 0x6E61727261


def _m001_initial() -> str:
    """Documents with a generated tsvector + GIN index, jsonb findings, corpus tables."""
    return """
        CREATE TABLE documents (
            seq BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
            id TEXT NOT NULL UNIQUE,
            source TEXT NOT NULL,
            url TEXT, title TEXT, outlet TEXT, author TEXT, published TEXT, language TEXT,
            raw TEXT NOT NULL,
            text TEXT NOT NULL,
            boilerplate JSONB NOT NULL DEFAULT '[]',
            offsets JSONB NOT NULL DEFAULT '[]',
            duplicate_of TEXT,
            ingested_at TIMESTAMPTZ NOT NULL DEFAULT now(),
            tsv TSVECTOR GENERATED ALWAYS AS (
                setweight(to_tsvector('simple', coalesce(title, '')), 'A')
                || setweight(to_tsvector('simple', text), 'B')
            ) STORED
        );
        CREATE INDEX documents_outlet ON documents(outlet);
        CREATE INDEX documents_published ON documents(published);
        CREATE INDEX documents_language ON documents(language);
        CREATE INDEX documents_tsv ON documents USING GIN (tsv);
        CREATE TABLE analyses (
            doc_id TEXT PRIMARY KEY REFERENCES documents(id) ON DELETE CASCADE,
            version TEXT NOT NULL,
            payload JSONB NOT NULL,
            analysed_at TIMESTAMPTZ NOT NULL DEFAULT now()
        );
        CREATE INDEX analyses_version ON analyses(version);
        CREATE TABLE doc_facets (
            doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
            facet TEXT NOT NULL,
            value TEXT NOT NULL,
            PRIMARY KEY (doc_id, facet, value)
        );
        CREATE INDEX doc_facets_value ON doc_facets(facet, value);
        CREATE TABLE entities (
            id TEXT PRIMARY KEY, name TEXT NOT NULL, type TEXT NOT NULL,
            n_documents INTEGER NOT NULL DEFAULT 0, payload JSONB NOT NULL
        );
        CREATE INDEX entities_name ON entities(name);
        CREATE TABLE stories (
            id TEXT PRIMARY KEY, label TEXT NOT NULL, n_documents INTEGER NOT NULL,
            payload JSONB NOT NULL
        );
        CREATE TABLE contradictions (
            id TEXT PRIMARY KEY, story_id TEXT, confidence DOUBLE PRECISION NOT NULL,
            payload JSONB NOT NULL
        );
        CREATE TABLE overrides (
            seq BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
            kind TEXT NOT NULL, a TEXT NOT NULL, b TEXT NOT NULL,
            created_at TIMESTAMPTZ NOT NULL DEFAULT now()
        );
        CREATE TABLE failures (
            seq BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
            source TEXT NOT NULL, stage TEXT NOT NULL, reason TEXT NOT NULL,
            at TIMESTAMPTZ NOT NULL DEFAULT now()
        );
        CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
    """


MIGRATIONS: list[tuple[str, Migration]] = [
    ("001_initial", _m001_initial),
]


def _rows(conn: Any, sql: str) -> list[tuple[Any, ...]]:
    """Rows as tuples, whatever the connection's row factory."""
    from psycopg.rows import tuple_row

    with conn.cursor(row_factory=tuple_row) as cur:
        return list(cur.execute(sql).fetchall())


def _has_table(conn: Any) -> bool:
    return bool(_rows(conn, "SELECT to_regclass('migrations') IS NOT NULL")[0][0])


def applied(conn: Any) -> list[str]:
    """Names of the migrations already applied (read-only)."""
    if not _has_table(conn):
        return []
    return [row[0] for row in _rows(conn, "SELECT name FROM migrations ORDER BY name")]


def pending(conn: Any) -> list[str]:
    """Names of the migrations not yet applied (read-only)."""
    done = set(applied(conn))
    return [name for name, _ in MIGRATIONS if name not in done]


def migrate(conn: Any) -> list[str]:
    """Apply every pending migration, each in its own transaction, under an advisory lock."""
    ran: list[str] = []
    for name, migration in MIGRATIONS:
        with conn.transaction():
            conn.execute("SELECT pg_advisory_xact_lock(%s)", (_LOCK_KEY,))
            conn.execute(
                "CREATE TABLE IF NOT EXISTS migrations "
                "(name TEXT PRIMARY KEY, applied_at TIMESTAMPTZ NOT NULL DEFAULT now())"
            )
            if conn.execute("SELECT 1 FROM migrations WHERE name = %s", (name,)).fetchone():
                continue
            conn.execute(migration())
            conn.execute("INSERT INTO migrations(name) VALUES (%s)", (name,))
            ran.append(name)
    return ran
