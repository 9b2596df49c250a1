"""The PostgreSQL store: same interface as the SQLite store, for servers and clusters.

* Full-text search with PostgreSQL's own text search: a generated ``tsvector``
  column (title weighted above body) with a GIN index, ``plainto_tsquery`` /
  ``phraseto_tsquery`` over bound user text, ``ts_rank_cd`` and ``ts_headline``.
  The ``simple`` configuration (no stemming, no stop words) keeps results equal
  to the SQLite backend's and works for every language.
* Findings, boilerplate and offsets are ``jsonb``.
* Many writers at once (threads, processes, machines): documents go in with
  ``INSERT … ON CONFLICT DO NOTHING``, every batch is one transaction, and a
  transaction that loses a deadlock is retried.
* One connection per thread (and per process: a forked child opens its own).
"""

from __future__ import annotations

import json
import os
import re
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from typing import Any, TypeVar

import psycopg
from psycopg import errors as pg_errors
from psycopg.rows import dict_row

from narrascope.errors import NotFoundError, StoreError
from narrascope.models import Contradiction, Document, Entity, Failure, Story
from narrascope.serde import from_dict, to_dict
from narrascope.store import codec
from narrascope.store.base import DocumentFilter, EntityOverride, Findings, SearchHit
from narrascope.store.pg_migrations import migrate

T = TypeVar("T")
Conn = psycopg.Connection[dict[str, Any]]

_DOC_COLUMNS = (
    "id, source, url, title, outlet, author, published, language, raw, text, "
    "boilerplate, offsets, duplicate_of"
)
_DOC_VALUES = "%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s::jsonb,%s::jsonb,%s"
_RETRIES = 5
_WORD = re.compile(r"\w+", re.UNICODE)
_HEADLINE = "StartSel=[, StopSel=], MaxWords=16, MinWords=6, MaxFragments=1, FragmentDelimiter=…"


def _no_nul(value: Any) -> Any:
    """PostgreSQL text cannot hold NUL: replace it by U+FFFD (same length, offsets kept)."""
    if isinstance(value, str) and "\x00" in value:
        return value.replace("\x00", "\ufffd")
    return value


def _no_nul_json(text: str) -> str:
    """JSON text without ``\\u0000`` escapes, which ``jsonb`` rejects."""
    if "\\u0000" not in text:
        return text
    return json.dumps(_deep_no_nul(json.loads(text)), ensure_ascii=False)


def _deep_no_nul(value: Any) -> Any:
    if isinstance(value, str):
        return _no_nul(value)
    if isinstance(value, list):
        return [_deep_no_nul(v) for v in value]
    if isinstance(value, dict):
        return {k: _deep_no_nul(v) for k, v in value.items()}
    return value


def _row(values: Iterable[Any]) -> tuple[Any, ...]:
    return tuple(_no_nul(v) for v in values)


def _document_row(doc: Document) -> tuple[Any, ...]:
    row = list(codec.document_row(doc))
    row[10] = _no_nul_json(row[10])  # boilerplate
    row[11] = _no_nul_json(row[11])  # offsets
    return _row(row)


class PostgresStore:
    """Store backed by a PostgreSQL database (``postgresql://user@host:port/db``)."""

    def __init__(self, url: str) -> None:
        self.url = url
        self._local = threading.local()
        self._lock = threading.Lock()
        self._connections: list[Conn] = []
        self._pid = os.getpid()
        try:
            migrate(self._conn())
        except psycopg.Error as exc:
            self.close()
            raise StoreError(f"{self._safe_url()}: cannot open PostgreSQL store ({exc})") from exc

    # connections -------------------------------------------------------------
    def _safe_url(self) -> str:
        """The URL without its password, for messages."""
        head, sep, tail = self.url.partition("@")
        if not sep or ":" not in head.split("//", 1)[-1]:
            return self.url
        scheme, _, auth = head.partition("//")
        return f"{scheme}//{auth.split(':', 1)[0]}:***@{tail}"

    def _conn(self) -> Conn:
        if os.getpid() != self._pid:  # forked: the parent's sockets are not ours to use
            self._pid = os.getpid()
            self._local = threading.local()
            self._connections = []
        conn: Conn | None = getattr(self._local, "conn", None)
        if conn is None or conn.closed:
            try:
                conn = psycopg.connect(self.url, autocommit=True, row_factory=dict_row)
            except psycopg.Error as exc:
                raise StoreError(f"{self._safe_url()}: cannot connect ({exc})") from exc
            self._local.conn = conn
            with self._lock:
                self._connections.append(conn)
        return conn

    def _write(self, work: Callable[[Conn], T]) -> T:
        """Run ``work`` in one transaction, retried when it loses a deadlock."""
        for attempt in range(_RETRIES):
            conn = self._conn()
            try:
                with conn.transaction():
                    return work(conn)
            except (pg_errors.DeadlockDetected, pg_errors.SerializationFailure):
                if attempt == _RETRIES - 1:
                    raise
                time.sleep(0.05 * (attempt + 1))
            except psycopg.Error as exc:
                raise StoreError(f"{self._safe_url()}: write failed ({exc})") from exc
        raise StoreError("unreachable")  # pragma: no cover

    def _query(self, sql: str, params: Iterable[Any] = ()) -> list[dict[str, Any]]:
        try:
            return self._conn().execute(sql, tuple(params)).fetchall()
        except psycopg.Error as exc:
            raise StoreError(f"{self._safe_url()}: query failed ({exc})") from exc

    def close(self) -> None:
        """Close every connection this store opened in this process."""
        with self._lock:
            connections, self._connections = self._connections, []
        if os.getpid() == self._pid:
            for conn in connections:
                conn.close()
        self._local = threading.local()

    # documents -----------------------------------------------------------------
    def add_documents(self, docs: Iterable[Document]) -> list[str]:
        """Insert new documents and their findings in one transaction; known ids are skipped."""
        unique: dict[str, Document] = {}
        for doc in docs:
            unique.setdefault(doc.id, doc)
        if not unique:
            return []

        def work(conn: Conn) -> set[str]:
            inserted: set[str] = set()
            with conn.cursor() as cur:
                for doc in unique.values():
                    cur.execute(
                        f"INSERT INTO documents({_DOC_COLUMNS}) VALUES ({_DOC_VALUES}) "
                        "ON CONFLICT (id) DO NOTHING RETURNING id",
                        _document_row(doc),
                    )
                    if cur.fetchone() is not None:
                        inserted.add(doc.id)
                        if codec.has_findings(doc):
                            self._save_analysis(cur, doc, "ingest")
            return inserted

        inserted = self._write(work)
        return [doc_id for doc_id in unique if doc_id in inserted]

    def save_analyses(self, docs: Iterable[Document], version: str = "") -> None:
        """Replace the findings of stored documents, one transaction for the batch."""
        batch = list(docs)
        if not batch:
            return

        def work(conn: Conn) -> None:
            with conn.cursor() as cur:
                for doc in batch:
                    self._save_analysis(cur, doc, version)

        self._write(work)

    def _save_analysis(self, cur: psycopg.Cursor[Any], doc: Document, version: str) -> None:
        cur.execute(
            "INSERT INTO analyses(doc_id, version, payload) VALUES (%s, %s, %s::jsonb) "
            "ON CONFLICT (doc_id) DO UPDATE SET version = excluded.version, "
            "payload = excluded.payload, analysed_at = now()",
            (doc.id, version, _no_nul_json(codec.findings_json(doc))),
        )
        cur.execute(
            "UPDATE documents SET duplicate_of = %s WHERE id = %s", (doc.duplicate_of, doc.id)
        )
        cur.execute("DELETE FROM doc_facets WHERE doc_id = %s", (doc.id,))
        rows = [(doc.id, facet, _no_nul(value)) for facet, value in sorted(codec.facets(doc))]
        if rows:
            cur.executemany(
                "INSERT INTO doc_facets(doc_id, facet, value) VALUES (%s, %s, %s) "
                "ON CONFLICT DO NOTHING",
                rows,
            )

    def has_document(self, doc_id: str) -> bool:
        """Whether a document with this id is stored."""
        return bool(self._query("SELECT 1 FROM documents WHERE id = %s", (doc_id,)))

    def get_document(self, doc_id: str, *, with_findings: Findings = True) -> Document:
        """The document with its findings (see :data:`Findings`); raises ``NotFoundError``."""
        rows = self._query(
            f"SELECT {_prefixed()}, a.payload AS findings FROM documents d "
            "LEFT JOIN analyses a ON a.doc_id = d.id WHERE d.id = %s",
            (doc_id,),
        )
        if not rows:
            raise NotFoundError(f"no document with id {doc_id!r}")
        return codec.row_to_document(rows[0], with_findings=with_findings)

    def _where(self, flt: DocumentFilter | None) -> tuple[list[str], list[Any]]:
        return codec.filter_clauses(flt, placeholder="%s")

    def iter_documents(
        self,
        flt: DocumentFilter | None = None,
        *,
        with_findings: Findings = True,
        batch_size: int = 500,
    ) -> Iterator[Document]:
        """Stream documents in insertion order, batch by batch (memory stays flat)."""
        clauses, params = self._where(flt)
        join = " LEFT JOIN analyses a ON a.doc_id = d.id" if with_findings else ""
        extra = ", a.payload AS findings" if with_findings else ""
        last = 0
        while True:
            where = " WHERE " + " AND ".join([*clauses, "d.seq > %s"])
            rows = self._query(
                f"SELECT d.seq AS rid, {_prefixed()}{extra} FROM documents d{join}{where} "
                "ORDER BY d.seq LIMIT %s",
                [*params, last, batch_size],
            )
            if not rows:
                return
            for row in rows:
                yield codec.row_to_document(row, with_findings=with_findings)
            last = rows[-1]["rid"]

    def list_documents(
        self, flt: DocumentFilter | None = None, *, limit: int = 50, offset: int = 0
    ) -> list[Document]:
        """A page of documents without findings, newest first."""
        clauses, params = self._where(flt)
        where = (" WHERE " + " AND ".join(clauses)) if clauses else ""
        rows = self._query(
            f"SELECT {_prefixed()} FROM documents d{where} "
            "ORDER BY d.published IS NULL, d.published DESC, d.seq DESC LIMIT %s OFFSET %s",
            [*params, limit, offset],
        )
        return [codec.row_to_document(row, with_findings=False) for row in rows]

    def count_documents(self, flt: DocumentFilter | None = None) -> int:
        """Number of documents matching the filter."""
        clauses, params = self._where(flt)
        where = (" WHERE " + " AND ".join(clauses)) if clauses else ""
        return int(self._query(f"SELECT COUNT(*) AS n FROM documents d{where}", params)[0]["n"])

    def analysed_ids(self, version: str) -> set[str]:
        """Ids of documents analysed by pipeline ``version``."""
        rows = self._query("SELECT doc_id FROM analyses WHERE version = %s", (version,))
        return {row["doc_id"] for row in rows}

    def delete_document(self, doc_id: str) -> None:
        """Delete a document and its findings; raises ``NotFoundError``."""

        def work(conn: Conn) -> int:
            return conn.execute("DELETE FROM documents WHERE id = %s", (doc_id,)).rowcount

        if not self._write(work):
            raise NotFoundError(f"no document with id {doc_id!r}")

    def search(self, query: str, *, limit: int = 20, offset: int = 0) -> list[SearchHit]:
        """Text search over title and text; user text is bound, never parsed as syntax."""
        tsquery, params = _tsquery(query)
        if not params:
            return []
        rows = self._query(
            "WITH q AS (SELECT " + tsquery + " AS query), "
            "hits AS (SELECT d.id, d.title, d.outlet, d.published, d.text, "
            "ts_rank_cd(d.tsv, q.query) AS score, d.seq, q.query FROM documents d, q "
            "WHERE d.tsv @@ q.query ORDER BY score DESC, d.seq LIMIT %s OFFSET %s) "
            "SELECT id, title, outlet, published, score, "
            "ts_headline('simple', text, query, %s) AS snip FROM hits ORDER BY score DESC, seq",
            [*params, limit, offset, _HEADLINE],
        )
        return [
            SearchHit(row["id"], row["title"], row["outlet"], row["published"],
                      row["snip"], float(row["score"]))
            for row in rows
        ]

    # corpus level --------------------------------------------------------------
    def _replace(self, table: str, columns: str, rows: list[tuple[Any, ...]]) -> None:
        marks = ",".join(["%s"] * (len(rows[0]) - 1) + ["%s::jsonb"]) if rows else ""

        def work(conn: Conn) -> None:
            conn.execute(f"DELETE FROM {table}")
            if rows:
                with conn.cursor() as cur:
                    cur.executemany(f"INSERT INTO {table}({columns}) VALUES ({marks})", rows)

        self._write(work)

    def save_entities(self, entities: Iterable[Entity]) -> None:
        """Replace the corpus-level canonical entities."""
        rows = [
            _row((e.id, e.name, e.type, len(e.documents), _payload(e))) for e in entities
        ]
        self._replace("entities", "id, name, type, n_documents, payload", rows)

    def list_entities(
        self, *, query: str | None = None, limit: int = 100, offset: int = 0
    ) -> list[Entity]:
        """Entities, most widely reported first; ``query`` matches name or alias."""
        where, params = "", []
        if query:
            where = (
                " WHERE name ILIKE %s OR EXISTS (SELECT 1 FROM "
                "jsonb_array_elements_text(payload->'aliases') AS alias WHERE alias ILIKE %s)"
            )
            pattern = f"%{codec.like_escape(query)}%"
            params = [pattern, pattern]
        rows = self._query(
            f"SELECT payload FROM entities{where} "
            'ORDER BY n_documents DESC, name COLLATE "C" LIMIT %s OFFSET %s',
            [*params, limit, offset],
        )
        return [from_dict(Entity, row["payload"]) for row in rows]

    def get_entity(self, entity_id: str) -> Entity:
        """One canonical entity; raises ``NotFoundError``."""
        rows = self._query("SELECT payload FROM entities WHERE id = %s", (entity_id,))
        if not rows:
            raise NotFoundError(f"no entity with id {entity_id!r}")
        return from_dict(Entity, rows[0]["payload"])

    def save_stories(self, stories: Iterable[Story]) -> None:
        """Replace the stories."""
        rows = [_row((s.id, s.label, len(s.documents), _payload(s))) for s in stories]
        self._replace("stories", "id, label, n_documents, payload", rows)

    def list_stories(self, *, limit: int = 100, offset: int = 0) -> list[Story]:
        """Stories, largest first."""
        rows = self._query(
            'SELECT payload FROM stories ORDER BY n_documents DESC, id COLLATE "C" '
            "LIMIT %s OFFSET %s",
            (limit, offset),
        )
        return [from_dict(Story, row["payload"]) for row in rows]

    def get_story(self, story_id: str) -> Story:
        """One story; raises ``NotFoundError``."""
        rows = self._query("SELECT payload FROM stories WHERE id = %s", (story_id,))
        if not rows:
            raise NotFoundError(f"no story with id {story_id!r}")
        return from_dict(Story, rows[0]["payload"])

    def save_contradictions(self, items: Iterable[Contradiction]) -> None:
        """Replace the contradictions."""
        rows = [_row((c.id, c.story_id, c.confidence, _payload(c))) for c in items]
        self._replace("contradictions", "id, story_id, confidence, payload", rows)

    def list_contradictions(
        self, *, story_id: str | None = None, limit: int = 100, offset: int = 0
    ) -> list[Contradiction]:
        """Contradictions, most confident first."""
        where = " WHERE story_id = %s" if story_id else ""
        params: list[Any] = [story_id] if story_id else []
        rows = self._query(
            f"SELECT payload FROM contradictions{where} "
            'ORDER BY confidence DESC, id COLLATE "C" LIMIT %s OFFSET %s',
            [*params, limit, offset],
        )
        return [from_dict(Contradiction, row["payload"]) for row in rows]

    def add_override(self, override: EntityOverride) -> None:
        """Record a user's merge/split decision."""
        self._write(
            lambda conn: conn.execute(
                "INSERT INTO overrides(kind, a, b) VALUES (%s, %s, %s)",
                _row((override.kind, override.a, override.b)),
            )
        )

    def list_overrides(self) -> list[EntityOverride]:
        """Every merge/split decision, oldest first."""
        rows = self._query("SELECT kind, a, b FROM overrides ORDER BY seq")
        return [EntityOverride(row["kind"], row["a"], row["b"]) for row in rows]

    # failures & metadata -----------------------------------------------------------
    def record_failures(self, failures: Iterable[Failure]) -> None:
        """Keep the failures of a run so that users can see them later."""
        rows = [_row((f.source, f.stage, f.reason)) for f in failures]
        if not rows:
            return

        def work(conn: Conn) -> None:
            with conn.cursor() as cur:
                cur.executemany(
                    "INSERT INTO failures(source, stage, reason) VALUES (%s, %s, %s)", rows
                )

        self._write(work)

    def list_failures(self, *, limit: int = 100) -> list[Failure]:
        """The most recent failures."""
        rows = self._query(
            "SELECT source, stage, reason FROM failures ORDER BY seq DESC LIMIT %s", (limit,)
        )
        return [Failure(row["source"], row["stage"], row["reason"]) for row in rows]

    def get_meta(self, key: str) -> str | None:
        """A stored metadata value."""
        rows = self._query("SELECT value FROM meta WHERE key = %s", (key,))
        return str(rows[0]["value"]) if rows else None

    def set_meta(self, key: str, value: str) -> None:
        """Store a metadata value."""
        self._write(
            lambda conn: conn.execute(
                "INSERT INTO meta(key, value) VALUES (%s, %s) "
                "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                _row((key, value)),
            )
        )


def _prefixed() -> str:
    return ", ".join(f"d.{col.strip()}" for col in _DOC_COLUMNS.split(","))


def _payload(obj: Any) -> str:
    return _no_nul_json(json.dumps(to_dict(obj), ensure_ascii=False))


def _tsquery(query: str) -> tuple[str, list[str]]:
    """A tsquery expression over bound parameters, with the SQLite backend's semantics.

    Words are ANDed; ``"a phrase"`` stays a phrase. No user text reaches the
    tsquery parser, so quotes, operators and SQL in the query are plain words.
    """
    parts: list[str] = []
    params: list[str] = []
    for i, chunk in enumerate(query.split('"')):
        words = _WORD.findall(chunk)
        if not words:
            continue
        function = "phraseto_tsquery" if i % 2 == 1 else "plainto_tsquery"
        parts.append(f"{function}('simple', %s)")
        params.append(_no_nul(" ".join(words)))
    return " && ".join(parts), params
