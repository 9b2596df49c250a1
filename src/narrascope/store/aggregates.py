"""Corpus aggregates for the REST API and the web UI, computed inside the database.

Each function takes any :class:`~narrascope.store.Store`. On the SQLite store it
runs one SQL statement (values always bound, never inlined); on another backend
it falls back to streaming documents through the ``Store`` protocol, which is
correct but slower.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from narrascope.models import Document, Event, Quote
from narrascope.serde import from_dict
from narrascope.store.base import DocumentFilter, Store

Query = Callable[[str, Sequence[Any]], list[Any]]


@dataclass(frozen=True, slots=True)
class DocQuote:
    """A quote with the document it comes from."""

    doc_id: str
    outlet: str | None
    published: str | None
    title: str | None
    quote: Quote


@dataclass(frozen=True, slots=True)
class DocEvent:
    """A dated event with the document it comes from."""

    doc_id: str
    outlet: str | None
    title: str | None
    event: Event


@dataclass(frozen=True, slots=True)
class QuoteFilter:
    """Filters for :func:`list_quotes`; ``None`` means no filter."""

    speaker: str | None = None  # speaker entity id, canonical name or name as written
    outlet: str | None = None
    doc_id: str | None = None
    doc_ids: tuple[str, ...] | None = None


_SPEAKER = "json_extract(q.value, '$.speaker_name')"  # named speakers only, never "he"


def _sql(store: Store) -> Query | None:
    """The SQLite store's read function, or ``None`` for other backends."""
    from narrascope.store.sqlite import SQLiteStore

    if isinstance(store, SQLiteStore):
        return store._query
    return None


# counts -----------------------------------------------------------------------------


def count_entities(store: Store, query: str | None = None) -> int:
    """Number of canonical entities (matching ``query`` like ``list_entities``)."""
    sql = _sql(store)
    if sql is None:
        return len(store.list_entities(query=query, limit=10**9))
    if query:
        from narrascope.store.codec import like_escape

        pattern = f"%{like_escape(query)}%"
        rows = sql(
            "SELECT COUNT(*) FROM entities WHERE name LIKE ? ESCAPE '\\' "
            "OR payload LIKE ? ESCAPE '\\'",
            (pattern, pattern),
        )
    else:
        rows = sql("SELECT COUNT(*) FROM entities", ())
    return int(rows[0][0])


def count_stories(store: Store) -> int:
    """Number of stories."""
    sql = _sql(store)
    if sql is None:
        return len(store.list_stories(limit=10**9))
    return int(sql("SELECT COUNT(*) FROM stories", ())[0][0])


def count_contradictions(store: Store, story_id: str | None = None) -> int:
    """Number of contradictions (of one story when given)."""
    sql = _sql(store)
    if sql is None:
        return len(store.list_contradictions(story_id=story_id, limit=10**9))
    if story_id:
        return int(sql("SELECT COUNT(*) FROM contradictions WHERE story_id=?", (story_id,))[0][0])
    return int(sql("SELECT COUNT(*) FROM contradictions", ())[0][0])


def count_search(store: Store, query: str) -> int:
    """Number of full-text hits of ``query`` (the same quoting as ``Store.search``)."""
    sql = _sql(store)
    if sql is None:
        return len(store.search(query, limit=10**6))
    from narrascope.store.codec import fts_query

    match = fts_query(query)
    if not match:
        return 0
    rows = sql("SELECT COUNT(*) FROM documents_fts WHERE documents_fts MATCH ?", (match,))
    return int(rows[0][0])


def data_stamp(store: Store) -> tuple[int, ...]:
    """A cheap fingerprint that changes when documents, findings or stories change."""
    sql = _sql(store)
    if sql is None:
        return (store.count_documents(), count_stories(store))
    row = sql(
        "SELECT (SELECT COUNT(*) FROM documents), (SELECT MAX(rowid) FROM documents), "
        "(SELECT COUNT(*) FROM analyses), (SELECT COUNT(*) FROM stories), "
        "(SELECT COUNT(*) FROM entities), (SELECT COUNT(*) FROM contradictions)",
        (),
    )[0]
    return tuple(int(v or 0) for v in row)


# distributions -----------------------------------------------------------------------


def outlet_counts(store: Store, limit: int = 50) -> list[tuple[str, int]]:
    """``(outlet, documents)``, largest first; unknown outlets count as ``""``."""
    sql = _sql(store)
    if sql is None:
        counts = Counter(doc.outlet or "" for doc in store.iter_documents(with_findings=False))
        return counts.most_common(limit)
    rows = sql(
        "SELECT COALESCE(outlet, '') AS o, COUNT(*) AS n FROM documents "
        "GROUP BY o ORDER BY n DESC, o LIMIT ?",
        (limit,),
    )
    return [(row[0], int(row[1])) for row in rows]


def narratives_by_outlet(store: Store, level: str = "coarse") -> list[tuple[str, str, int]]:
    """``(outlet, narrative label, documents)`` for narratives of ``level``."""
    sql = _sql(store)
    if sql is None:
        counts: Counter[tuple[str, str]] = Counter()
        for doc in store.iter_documents():
            labels = {n.label for n in doc.narratives if n.level == level}
            counts.update((doc.outlet or "", label) for label in labels)
        return [(o, lab, n) for (o, lab), n in counts.most_common()]
    rows = sql(
        "SELECT COALESCE(d.outlet, '') AS o, json_extract(n.value, '$.label') AS lab, "
        "COUNT(DISTINCT d.id) AS c FROM analyses a JOIN documents d ON d.id = a.doc_id, "
        "json_each(a.payload, '$.narratives') n "
        "WHERE json_extract(n.value, '$.level') = ? GROUP BY o, lab ORDER BY c DESC, o, lab",
        (level,),
    )
    return [(row[0], row[1], int(row[2])) for row in rows]


def top_speakers(store: Store, limit: int = 10) -> list[tuple[str, str | None, int]]:
    """``(speaker name, entity id or None, quotes)``: the most-quoted people."""
    sql = _sql(store)
    if sql is None:
        counts: Counter[tuple[str, str | None]] = Counter()
        for doc in store.iter_documents():
            for q in doc.quotes:
                name = q.speaker_name
                if name:
                    counts[(name, q.speaker_entity_id)] += 1
        return [(name, eid, n) for (name, eid), n in counts.most_common(limit)]
    rows = sql(
        f"SELECT {_SPEAKER} AS who, "
        "MAX(json_extract(q.value, '$.speaker_entity_id')) AS eid, COUNT(*) AS c "
        "FROM analyses a, json_each(a.payload, '$.quotes') q "
        "WHERE who IS NOT NULL AND who != '' GROUP BY who ORDER BY c DESC, who LIMIT ?",
        (limit,),
    )
    return [(row[0], row[1], int(row[2])) for row in rows]


def count_speakers(store: Store) -> int:
    """Number of distinct named speakers."""
    sql = _sql(store)
    if sql is None:
        return len(top_speakers(store, limit=10**9))
    rows = sql(
        f"SELECT COUNT(DISTINCT {_SPEAKER}) FROM analyses a, json_each(a.payload, '$.quotes') q "
        f"WHERE {_SPEAKER} != ''",
        (),
    )
    return int(rows[0][0])


# lists of findings ----------------------------------------------------------------------


def _quote_where(flt: QuoteFilter) -> tuple[str, list[Any]]:
    clauses: list[str] = []
    params: list[Any] = []
    if flt.speaker:
        clauses.append(
            "(json_extract(q.value, '$.speaker_entity_id') = ? OR "
            "json_extract(q.value, '$.speaker_name') = ? OR json_extract(q.value, '$.speaker') = ?)"
        )
        params.extend([flt.speaker] * 3)
    if flt.outlet:
        clauses.append("d.outlet = ?")
        params.append(flt.outlet)
    if flt.doc_id:
        clauses.append("d.id = ?")
        params.append(flt.doc_id)
    if flt.doc_ids is not None:
        clauses.append("d.id IN (SELECT value FROM json_each(?))")
        params.append(json.dumps(list(flt.doc_ids)))
    return (" WHERE " + " AND ".join(clauses)) if clauses else "", params


def list_quotes(
    store: Store, flt: QuoteFilter | None = None, *, limit: int = 50, offset: int = 0
) -> tuple[list[DocQuote], int]:
    """A page of quotes across documents, newest documents first, and the total."""
    flt = flt or QuoteFilter()
    sql = _sql(store)
    if sql is None:
        items = list(_iter_quotes(store, flt))
        return items[offset : offset + limit], len(items)
    where, params = _quote_where(flt)
    base = (
        "FROM analyses a JOIN documents d ON d.id = a.doc_id, "
        f"json_each(a.payload, '$.quotes') q{where}"
    )
    total = int(sql(f"SELECT COUNT(*) {base}", params)[0][0])
    rows = sql(
        f"SELECT d.id, d.outlet, d.published, d.title, q.value {base} "
        "ORDER BY d.published IS NULL, d.published DESC, d.rowid DESC, q.key LIMIT ? OFFSET ?",
        [*params, limit, offset],
    )
    items = [DocQuote(r[0], r[1], r[2], r[3], from_dict(Quote, json.loads(r[4]))) for r in rows]
    return items, total


def _iter_quotes(store: Store, flt: QuoteFilter) -> Iterator[DocQuote]:
    for doc in store.iter_documents(DocumentFilter(outlet=flt.outlet)):
        if (flt.doc_id and doc.id != flt.doc_id) or (
            flt.doc_ids is not None and doc.id not in flt.doc_ids
        ):
            continue
        for q in doc.quotes:
            who = {q.speaker_entity_id, q.speaker_name, q.speaker}
            if flt.speaker is None or flt.speaker in who:
                yield DocQuote(doc.id, doc.outlet, doc.published, doc.title, q)


def list_events(
    store: Store,
    *,
    doc_ids: Sequence[str] | None = None,
    outlet: str | None = None,
    limit: int = 200,
    offset: int = 0,
) -> tuple[list[DocEvent], int]:
    """A page of dated events in date order (optionally of some documents), and the total."""
    sql = _sql(store)
    if sql is None:
        items = sorted(_iter_events(store, doc_ids, outlet), key=lambda e: e.event.value)
        return items[offset : offset + limit], len(items)
    clauses, params = [], []
    if doc_ids is not None:
        clauses.append("d.id IN (SELECT value FROM json_each(?))")
        params.append(json.dumps(list(doc_ids)))
    if outlet:
        clauses.append("d.outlet = ?")
        params.append(outlet)
    where = (" WHERE " + " AND ".join(clauses)) if clauses else ""
    base = (
        "FROM analyses a JOIN documents d ON d.id = a.doc_id, "
        f"json_each(a.payload, '$.events') e{where}"
    )
    total = int(sql(f"SELECT COUNT(*) {base}", params)[0][0])
    rows = sql(
        f"SELECT d.id, d.outlet, d.title, e.value {base} "
        "ORDER BY json_extract(e.value, '$.value'), d.id, e.key LIMIT ? OFFSET ?",
        [*params, limit, offset],
    )
    items = [DocEvent(r[0], r[1], r[2], from_dict(Event, json.loads(r[3]))) for r in rows]
    return items, total


def _iter_events(
    store: Store, doc_ids: Sequence[str] | None, outlet: str | None
) -> Iterator[DocEvent]:
    wanted = None if doc_ids is None else set(doc_ids)
    for doc in store.iter_documents(DocumentFilter(outlet=outlet)):
        if wanted is None or doc.id in wanted:
            for ev in doc.events:
                yield DocEvent(doc.id, doc.outlet, doc.title, ev)


def count_failures(store: Store) -> int:
    """Number of recorded failures."""
    sql = _sql(store)
    if sql is None:
        return len(store.list_failures(limit=10**9))
    return int(sql("SELECT COUNT(*) FROM failures", ())[0][0])


def document_summaries(store: Store, ids: Sequence[str]) -> list[Document]:
    """Documents ``ids`` without raw text, clean text or findings, in the order given."""
    sql = _sql(store)
    if sql is None:
        return [store.get_document(i) for i in ids if store.has_document(i)]
    rows = sql(
        "SELECT id, source, url, title, outlet, author, published, language, duplicate_of "
        "FROM documents WHERE id IN (SELECT value FROM json_each(?))",
        (json.dumps(list(ids)),),
    )
    found = {
        row[0]: Document(
            id=row[0],
            source=row[1],
            raw="",
            text="",
            url=row[2],
            title=row[3],
            outlet=row[4],
            author=row[5],
            published=row[6],
            language=row[7],
            duplicate_of=row[8],
        )
        for row in rows
    }
    return [found[i] for i in ids if i in found]


def latest_documents(
    store: Store, flt: DocumentFilter | None = None, *, limit: int = 50, offset: int = 0
) -> list[Document]:
    """A page of documents (no text or findings), newest first, as ``Store.list_documents``.

    Without filters on SQLite, the page is found on the ``published`` index (no sort
    of the whole table), so deep pages stay fast on large corpora.
    """
    sql = _sql(store)
    if sql is None or (flt is not None and flt != DocumentFilter()):
        return [_summary(d) for d in store.list_documents(flt, limit=limit, offset=offset)]
    dated = int(sql("SELECT COUNT(*) FROM documents WHERE published IS NOT NULL", ())[0][0])
    ids: list[str] = []
    if offset < dated:
        rows = sql(
            "SELECT rowid FROM documents WHERE published IS NOT NULL "
            "ORDER BY published DESC, rowid DESC LIMIT ? OFFSET ?",
            (limit, offset),
        )
        ids.extend(_ids_of(sql, [r[0] for r in rows]))
    if len(ids) < limit:
        rows = sql(
            "SELECT rowid FROM documents WHERE published IS NULL ORDER BY rowid DESC "
            "LIMIT ? OFFSET ?",
            (limit - len(ids), max(offset - dated, 0)),
        )
        ids.extend(_ids_of(sql, [r[0] for r in rows]))
    return document_summaries(store, ids)


def _ids_of(sql: Query, rowids: list[int]) -> list[str]:
    rows = sql(
        "SELECT rowid, id FROM documents WHERE rowid IN (SELECT value FROM json_each(?))",
        (json.dumps(rowids),),
    )
    by_rowid = {r[0]: r[1] for r in rows}
    return [by_rowid[r] for r in rowids if r in by_rowid]


def _summary(doc: Document) -> Document:
    doc.raw, doc.text = "", ""
    return doc
