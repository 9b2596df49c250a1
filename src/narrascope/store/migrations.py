"""Named, ordered schema migrations for the SQLite store.

Each migration is a function recorded in the ``migrations`` table once applied;
``pending()`` and ``applied()`` only read.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from datetime import UTC, datetime

Migration = Callable[[], str]


def _m001_initial() -> str:
    """Documents with FTS5, findings, facets, corpus-level tables, overrides, failures."""
    return """
        CREATE TABLE documents (
            rowid INTEGER PRIMARY KEY,
            id TEXT NOT NULL UNIQUE,
            source TEXT NOT NULL,
            url TEXT, title TEXT, outlet TEXT, author TEXT, published TEXT, language TEXT,
            raw TEXT NOT NULL,
            text TEXT NOT NULL,
            boilerplate TEXT NOT NULL DEFAULT '[]',
            offsets TEXT NOT NULL DEFAULT '[]',
            duplicate_of TEXT,
            ingested_at TEXT NOT NULL
        );
        CREATE INDEX documents_outlet ON documents(outlet);
        CREATE INDEX documents_published ON documents(published);
        CREATE INDEX documents_language ON documents(language);
        CREATE VIRTUAL TABLE documents_fts USING fts5(
            title, text, content='documents', content_rowid='rowid',
            tokenize='unicode61 remove_diacritics 2'
        );
        CREATE TRIGGER documents_ai AFTER INSERT ON documents BEGIN
            INSERT INTO documents_fts(rowid, title, text) VALUES (new.rowid, new.title, new.text);
        END;
        CREATE TRIGGER documents_ad AFTER DELETE ON documents BEGIN
            INSERT INTO documents_fts(documents_fts, rowid, title, text)
            VALUES ('delete', old.rowid, old.title, old.text);
        END;
        CREATE TRIGGER documents_au AFTER UPDATE OF title, text ON documents BEGIN
            INSERT INTO documents_fts(documents_fts, rowid, title, text)
            VALUES ('delete', old.rowid, old.title, old.text);
            INSERT INTO documents_fts(rowid, title, text) VALUES (new.rowid, new.title, new.text);
        END;
        CREATE TABLE analyses (
            doc_id TEXT PRIMARY KEY REFERENCES documents(id) ON DELETE CASCADE,
            version TEXT NOT NULL,
            payload TEXT NOT NULL,
            analysed_at TEXT NOT NULL
        );
        CREATE TABLE doc_facets (
            doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
            facet TEXT NOT NULL,
            value TEXT NOT NULL,
            PRIMARY KEY (doc_id, facet, value)
        );
        CREATE INDEX doc_facets_value ON doc_facets(facet, value);
        CREATE TABLE entities (
            id TEXT PRIMARY KEY, name TEXT NOT NULL, type TEXT NOT NULL,
            n_documents INTEGER NOT NULL DEFAULT 0, payload TEXT NOT NULL
        );
        CREATE INDEX entities_name ON entities(name);
        CREATE TABLE stories (
            id TEXT PRIMARY KEY, label TEXT NOT NULL, n_documents INTEGER NOT NULL,
            payload TEXT NOT NULL
        );
        CREATE TABLE contradictions (
            id TEXT PRIMARY KEY, story_id TEXT, confidence REAL NOT NULL, payload TEXT NOT NULL
        );
        CREATE TABLE overrides (
            seq INTEGER PRIMARY KEY, kind TEXT NOT NULL, a TEXT NOT NULL, b TEXT NOT NULL,
            created_at TEXT NOT NULL
        );
        CREATE TABLE failures (
            seq INTEGER PRIMARY KEY, source TEXT NOT NULL, stage TEXT NOT NULL,
            reason TEXT NOT NULL, at TEXT NOT NULL
        );
        CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
    """


MIGRATIONS: list[tuple[str, Migration]] = [
    ("001_initial", _m001_initial),
]


def _ensure_table(conn: sqlite3.Connection) -> None:
    conn.execute(
        "CREATE TABLE IF NOT EXISTS migrations (name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)"
    )


def applied(conn: sqlite3.Connection) -> list[str]:
    """Names of the migrations already applied (read-only)."""
    exists = conn.execute(
        "SELECT 1 FROM sqlite_master WHERE type='table' AND name='migrations'"
    ).fetchone()
    if not exists:
        return []
    return [row[0] for row in conn.execute("SELECT name FROM migrations ORDER BY name")]


def pending(conn: sqlite3.Connection) -> list[str]:
    """Names of the migrations not yet applied (read-only)."""
    done = set(applied(conn))
    return [name for name, _ in MIGRATIONS if name not in done]


def migrate(conn: sqlite3.Connection) -> list[str]:
    """Apply every pending migration, each in its own transaction."""
    _ensure_table(conn)
    todo = set(pending(conn))
    ran = []
    for name, migration in MIGRATIONS:
        if name not in todo:
            continue
        stamp = datetime.now(UTC).isoformat()
        script = (
            f"BEGIN IMMEDIATE;\n{migration()}\n"
            f"INSERT INTO migrations(name, applied_at) VALUES ('{name}', '{stamp}');\nCOMMIT;"
        )
        try:
            conn.executescript(script)  # executescript would commit an open transaction
        except BaseException:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise
        ran.append(name)
    return ran
