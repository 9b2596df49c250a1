"""The default store: one SQLite file in WAL mode with FTS5 full-text search.

One writer and many readers: every write runs in ``BEGIN IMMEDIATE`` under a
process-wide lock; each thread reads through its own connection.
"""

from __future__ import annotations

import contextlib
import json
import sqlite3
import threading
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from narrascope.errors import NotFoundError, StoreError
from narrascope.models import Contradiction, Document, Entity, Failure, Story
from narrascope.serde import from_dict, to_dict
from narrascope.store import codec
from narrascope.store.base import DocumentFilter, EntityOverride, Findings, SearchHit
from narrascope.store.migrations import migrate

_DOC_COLUMNS = (
    "id, source, url, title, outlet, author, published, language, raw, text, "
    "boilerplate, offsets, duplicate_of"
)


def _now() -> str:
    return datetime.now(UTC).isoformat()


class SQLiteStore:
    """Store backed by a single SQLite file (or ``:memory:``)."""

    def __init__(self, path: str | Path = ":memory:") -> None:
        self.path = str(path)
        self.url = self.path if self.path == ":memory:" else f"sqlite:///{self.path}"
        self._memory = self.path == ":memory:"
        self._local = threading.local()
        self._write_lock = threading.RLock()
        self._connections: list[sqlite3.Connection] = []
        self._shared: sqlite3.Connection | None = None
        if not self._memory:
            parent = Path(self.path).expanduser().resolve().parent
            if not parent.is_dir():
                raise StoreError(f"{self.path}: folder {parent} does not exist")
        try:
            migrate(self._conn())
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"{self.path}: not a usable SQLite database ({exc})") from exc

    # connections -------------------------------------------------------------
    def _connect(self) -> sqlite3.Connection:
        conn = sqlite3.connect(
            self.path, isolation_level=None, check_same_thread=False, timeout=30.0
        )
        conn.row_factory = sqlite3.Row
        conn.execute("PRAGMA foreign_keys = ON")
        if not self._memory:
            conn.execute("PRAGMA journal_mode = WAL")
            conn.execute("PRAGMA synchronous = NORMAL")
        self._connections.append(conn)
        return conn

    def _conn(self) -> sqlite3.Connection:
        if self._memory:  # one connection: a second one would see another database
            if self._shared is None:
                self._shared = self._connect()
            return self._shared
        conn: sqlite3.Connection | None = getattr(self._local, "conn", None)
        if conn is None:
            conn = self._connect()
            self._local.conn = conn
        return conn

    @contextmanager
    def _transaction(self) -> Iterator[sqlite3.Connection]:
        """One ``BEGIN IMMEDIATE`` transaction under the write lock; errors become StoreError."""
        with self._write_lock:
            conn = self._conn()
            conn.execute("BEGIN IMMEDIATE")
            try:
                yield conn
                conn.execute("COMMIT")
            except sqlite3.Error as exc:
                conn.execute("ROLLBACK")
                raise StoreError(f"{self.path}: write failed ({exc})") from exc
            except BaseException:
                conn.execute("ROLLBACK")
                raise

    def _write(self, statements: Iterable[tuple[str, Sequence[Any]]]) -> None:
        """Run statements in one ``BEGIN IMMEDIATE`` transaction."""
        with self._transaction() as conn:
            for sql, params in statements:
                conn.execute(sql, params)

    def _query(self, sql: str, params: Sequence[Any] = ()) -> list[sqlite3.Row]:
        if self._memory:
            with self._write_lock:
                return self._conn().execute(sql, params).fetchall()
        return self._conn().execute(sql, params).fetchall()

    def close(self) -> None:
        """Close every connection this store opened."""
        for conn in self._connections:
            with contextlib.suppress(sqlite3.Error):  # closing is best effort
                conn.close()
        self._connections.clear()
        self._shared = None
        self._local = threading.local()

    # documents -----------------------------------------------------------------
    def add_documents(self, docs: Iterable[Document]) -> list[str]:
        """Insert new documents and their findings atomically; known ids are skipped.

        The check for known ids happens inside the write transaction
        (``ON CONFLICT DO NOTHING``), so concurrent writers never insert twice.
        """
        unique: dict[str, Document] = {}
        for doc in docs:
            unique.setdefault(doc.id, doc)
        if not unique:
            return []
        stamp = _now()
        new: list[str] = []
        with self._transaction() as conn:
            for doc in unique.values():
                cur = conn.execute(
                    f"INSERT INTO documents({_DOC_COLUMNS}, ingested_at) "
                    "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?) ON CONFLICT(id) DO NOTHING",
                    (*codec.document_row(doc), stamp),
                )
                if cur.rowcount != 1:
                    continue
                new.append(doc.id)
                if codec.has_findings(doc):
                    for sql, params in self._analysis_statements(doc, "ingest"):
                        conn.execute(sql, params)
        return new

    def save_analyses(self, docs: Iterable[Document], version: str = "") -> None:
        """Replace the findings of stored documents, one transaction for the batch."""
        statements: list[tuple[str, Sequence[Any]]] = []
        for doc in docs:
            statements.extend(self._analysis_statements(doc, version))
        if statements:
            self._write(statements)

    def _analysis_statements(self, doc: Document, version: str) -> list[tuple[str, Sequence[Any]]]:
        statements: list[tuple[str, Sequence[Any]]] = [
            (
                "INSERT INTO analyses(doc_id, version, payload, analysed_at) VALUES (?,?,?,?) "
                "ON CONFLICT(doc_id) DO UPDATE SET version=excluded.version, "
                "payload=excluded.payload, analysed_at=excluded.analysed_at",
                (doc.id, version, codec.findings_json(doc), _now()),
            ),
            ("UPDATE documents SET duplicate_of=? WHERE id=?", (doc.duplicate_of, doc.id)),
            ("DELETE FROM doc_facets WHERE doc_id=?", (doc.id,)),
        ]
        for facet, value in codec.facets(doc):
            statements.append(
                (
                    "INSERT OR IGNORE INTO doc_facets(doc_id, facet, value) VALUES (?,?,?)",
                    (doc.id, facet, value),
                )
            )
        return statements

    def has_document(self, doc_id: str) -> bool:
        """Whether a document with this id is stored."""
        return bool(self._query("SELECT 1 FROM documents WHERE id=?", (doc_id,)))

    def get_document(self, doc_id: str, *, with_findings: Findings = True) -> Document:
        """The document with its findings (see :data:`Findings`); raises ``NotFoundError``."""
        rows = self._query(
            f"SELECT {_DOC_COLUMNS}, a.payload AS findings FROM documents d "
            "LEFT JOIN analyses a ON a.doc_id = d.id WHERE d.id=?",
            (doc_id,),
        )
        if not rows:
            raise NotFoundError(f"no document with id {doc_id!r}")
        return codec.row_to_document(dict(rows[0]), with_findings=with_findings)

    def _where(self, flt: DocumentFilter | None) -> tuple[str, list[Any]]:
        clauses, params = codec.filter_clauses(flt, placeholder="?")
        return (" WHERE " + " AND ".join(clauses)) if clauses else "", params

    def iter_documents(
        self,
        flt: DocumentFilter | None = None,
        *,
        with_findings: Findings = True,
        batch_size: int = 500,
    ) -> Iterator[Document]:
        """Stream documents in insertion order, batch by batch (memory stays flat)."""
        where, params = self._where(flt)
        join = "LEFT JOIN analyses a ON a.doc_id = d.id" if with_findings else ""
        extra = ", a.payload AS findings" if with_findings else ""
        last = 0
        while True:
            cond = ("AND" if where else "WHERE") + " d.rowid > ?"
            rows = self._query(
                f"SELECT d.rowid AS rid, {_DOC_COLUMNS}{extra} FROM documents d {join}"
                f"{where} {cond} ORDER BY d.rowid LIMIT ?",
                [*params, last, batch_size],
            )
            if not rows:
                return
            for row in rows:
                yield codec.row_to_document(dict(row), with_findings=with_findings)
            last = rows[-1]["rid"]

    def list_documents(
        self, flt: DocumentFilter | None = None, *, limit: int = 50, offset: int = 0
    ) -> list[Document]:
        """A page of documents without findings, newest first."""
        where, params = self._where(flt)
        rows = self._query(
            f"SELECT {_DOC_COLUMNS} FROM documents d{where} "
            "ORDER BY d.published DESC, d.rowid DESC LIMIT ? OFFSET ?",  # NULLs sort last
            [*params, limit, offset],
        )
        return [codec.row_to_document(dict(row), with_findings=False) for row in rows]

    def count_documents(self, flt: DocumentFilter | None = None) -> int:
        """Number of documents matching the filter."""
        where, params = self._where(flt)
        return int(self._query(f"SELECT COUNT(*) FROM documents d{where}", params)[0][0])

    def analysed_ids(self, version: str) -> set[str]:
        """Ids of documents analysed by pipeline ``version``."""
        rows = self._query("SELECT doc_id FROM analyses WHERE version=?", (version,))
        return {row[0] for row in rows}

    def delete_document(self, doc_id: str) -> None:
        """Delete a document and its findings; raises ``NotFoundError``."""
        if not self.has_document(doc_id):
            raise NotFoundError(f"no document with id {doc_id!r}")
        self._write([("DELETE FROM documents WHERE id=?", (doc_id,))])

    def search(self, query: str, *, limit: int = 20, offset: int = 0) -> list[SearchHit]:
        """FTS5 search over title and text; the query is quoted, never raw FTS syntax."""
        match = codec.fts_query(query)
        if not match:
            return []
        rows = self._query(
            "SELECT d.id, d.title, d.outlet, d.published, "
            "snippet(documents_fts, 1, '[', ']', '…', 16) AS snip, bm25(documents_fts) AS score "
            "FROM documents_fts JOIN documents d ON d.rowid = documents_fts.rowid "
            "WHERE documents_fts MATCH ? ORDER BY score LIMIT ? OFFSET ?",
            (match, limit, offset),
        )
        return [
            SearchHit(
                row["id"],
                row["title"],
                row["outlet"],
                row["published"],
                row["snip"],
                -float(row["score"]),
            )
            for row in rows
        ]

    # corpus level --------------------------------------------------------------
    def save_entities(self, entities: Iterable[Entity]) -> None:
        """Replace the corpus-level canonical entities."""
        statements: list[tuple[str, Sequence[Any]]] = [("DELETE FROM entities", ())]
        for ent in entities:
            statements.append(
                (
                    "INSERT INTO entities(id, name, type, n_documents, payload) VALUES (?,?,?,?,?)",
                    (ent.id, ent.name, ent.type, len(ent.documents), json.dumps(to_dict(ent))),
                )
            )
        self._write(statements)

    def list_entities(
        self, *, query: str | None = None, limit: int = 100, offset: int = 0
    ) -> list[Entity]:
        """Entities, most widely reported first; ``query`` matches name or alias."""
        where, params = "", []
        if query:
            where = (  # aliases only: a LIKE over the whole JSON would match its keys
                " WHERE name LIKE ? ESCAPE '\\' OR EXISTS (SELECT 1 FROM "
                "json_each(payload, '$.aliases') WHERE value LIKE ? ESCAPE '\\')"
            )
            pattern = f"%{codec.like_escape(query)}%"
            params = [pattern, pattern]
        rows = self._query(
            f"SELECT payload FROM entities{where} ORDER BY n_documents DESC, name LIMIT ? OFFSET ?",
            [*params, limit, offset],
        )
        return [from_dict(Entity, json.loads(row[0])) for row in rows]

    def get_entity(self, entity_id: str) -> Entity:
        """One canonical entity; raises ``NotFoundError``."""
        rows = self._query("SELECT payload FROM entities WHERE id=?", (entity_id,))
        if not rows:
            raise NotFoundError(f"no entity with id {entity_id!r}")
        return from_dict(Entity, json.loads(rows[0][0]))

    def save_stories(self, stories: Iterable[Story]) -> None:
        """Replace the stories."""
        statements: list[tuple[str, Sequence[Any]]] = [("DELETE FROM stories", ())]
        for story in stories:
            statements.append(
                (
                    "INSERT INTO stories(id, label, n_documents, payload) VALUES (?,?,?,?)",
                    (story.id, story.label, len(story.documents), json.dumps(to_dict(story))),
                )
            )
        self._write(statements)

    def list_stories(self, *, limit: int = 100, offset: int = 0) -> list[Story]:
        """Stories, largest first."""
        rows = self._query(
            "SELECT payload FROM stories ORDER BY n_documents DESC, id LIMIT ? OFFSET ?",
            (limit, offset),
        )
        return [from_dict(Story, json.loads(row[0])) for row in rows]

    def get_story(self, story_id: str) -> Story:
        """One story; raises ``NotFoundError``."""
        rows = self._query("SELECT payload FROM stories WHERE id=?", (story_id,))
        if not rows:
            raise NotFoundError(f"no story with id {story_id!r}")
        return from_dict(Story, json.loads(rows[0][0]))

    def save_contradictions(self, items: Iterable[Contradiction]) -> None:
        """Replace the contradictions."""
        statements: list[tuple[str, Sequence[Any]]] = [("DELETE FROM contradictions", ())]
        for item in items:
            statements.append(
                (
                    "INSERT INTO contradictions(id, story_id, confidence, payload) "
                    "VALUES (?,?,?,?)",
                    (item.id, item.story_id, item.confidence, json.dumps(to_dict(item))),
                )
            )
        self._write(statements)

    def list_contradictions(
        self, *, story_id: str | None = None, limit: int = 100, offset: int = 0
    ) -> list[Contradiction]:
        """Contradictions, most confident first."""
        where = " WHERE story_id=?" if story_id else ""
        params: list[Any] = [story_id] if story_id else []
        rows = self._query(
            f"SELECT payload FROM contradictions{where} ORDER BY confidence DESC, id "
            "LIMIT ? OFFSET ?",
            [*params, limit, offset],
        )
        return [from_dict(Contradiction, json.loads(row[0])) for row in rows]

    def add_override(self, override: EntityOverride) -> None:
        """Record a user's merge/split decision."""
        self._write(
            [
                (
                    "INSERT INTO overrides(kind, a, b, created_at) VALUES (?,?,?,?)",
                    (override.kind, override.a, override.b, _now()),
                )
            ]
        )

    def list_overrides(self) -> list[EntityOverride]:
        """Every merge/split decision, oldest first."""
        rows = self._query("SELECT kind, a, b FROM overrides ORDER BY seq")
        return [EntityOverride(row["kind"], row["a"], row["b"]) for row in rows]

    # failures & metadata -----------------------------------------------------------
    def record_failures(self, failures: Iterable[Failure]) -> None:
        """Keep the failures of a run so that users can see them later."""
        stamp = _now()
        self._write(
            (
                "INSERT INTO failures(source, stage, reason, at) VALUES (?,?,?,?)",
                (f.source, f.stage, f.reason, stamp),
            )
            for f in failures
        )

    def list_failures(self, *, limit: int = 100) -> list[Failure]:
        """The most recent failures."""
        rows = self._query(
            "SELECT source, stage, reason FROM failures ORDER BY seq DESC LIMIT ?", (limit,)
        )
        return [Failure(row["source"], row["stage"], row["reason"]) for row in rows]

    def get_meta(self, key: str) -> str | None:
        """A stored metadata value."""
        rows = self._query("SELECT value FROM meta WHERE key=?", (key,))
        return str(rows[0][0]) if rows else None

    def set_meta(self, key: str, value: str) -> None:
        """Store a metadata value."""
        self._write(
            [
                (
                    "INSERT INTO meta(key, value) VALUES (?,?) "
                    "ON CONFLICT(key) DO UPDATE SET value=excluded.value",
                    (key, value),
                )
            ]
        )
