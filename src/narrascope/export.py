"""Exports of every table: documents and each kind of finding, as JSONL, CSV or Parquet."""

from __future__ import annotations

import csv
import json
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, Literal

from narrascope.errors import ConfigError
from narrascope.models import Document
from narrascope.serde import to_dict
from narrascope.store import Store

Format = Literal["jsonl", "csv", "parquet"]
FORMATS: tuple[str, ...] = ("jsonl", "csv", "parquet")

Row = dict[str, Any]


def _document_rows(doc: Document) -> Iterator[Row]:
    yield {
        "id": doc.id,
        "source": doc.source,
        "url": doc.url,
        "title": doc.title,
        "outlet": doc.outlet,
        "author": doc.author,
        "published": doc.published,
        "language": doc.language,
        "duplicate_of": doc.duplicate_of,
        "text": doc.text,
        "n_boilerplate": len(doc.boilerplate),
        "n_entities": len(doc.entities),
        "n_quotes": len(doc.quotes),
        "n_events": len(doc.events),
        "narratives": ";".join(n.label for n in doc.narratives),
        "explanation": doc.explanation,
    }


def _finding_rows(field: str) -> Callable[[Document], Iterator[Row]]:
    def rows(doc: Document) -> Iterator[Row]:
        for item in getattr(doc, field):
            flat: Row = {"doc_id": doc.id, "outlet": doc.outlet}
            for key, value in to_dict(item).items():
                flat[key] = (
                    value
                    if isinstance(value, str | int | float | bool | None)
                    else json.dumps(value, ensure_ascii=False)
                )
            yield flat

    return rows


def _mention_rows(doc: Document) -> Iterator[Row]:
    """Entity mentions of the text, then of the headline (``field``: offsets into which)."""
    by_id = {ent.id: ent for ent in doc.entities}
    pairs = [(ent, m, "text") for ent in doc.entities for m in ent.mentions]
    pairs += [(by_id[m.entity_id], m, "title") for m in doc.title_mentions if m.entity_id in by_id]
    for ent, m, field in pairs:
        yield {
            "doc_id": doc.id,
            "entity_id": ent.id,
            "entity": ent.name,
            "type": ent.type,
            "text": m.text,
            "field": field,
            "start": m.start,
            "end": m.end,
            "label": m.label,
        }


DOCUMENT_TABLES: dict[str, Callable[[Document], Iterator[Row]]] = {
    "documents": _document_rows,
    "boilerplate": _finding_rows("boilerplate"),
    "mentions": _mention_rows,
    "quotes": _finding_rows("quotes"),
    "events": _finding_rows("events"),
    "narratives": _finding_rows("narratives"),
    "roles": _finding_rows("roles"),
    "techniques": _finding_rows("techniques"),
    "tone": _finding_rows("tone"),
}
CORPUS_TABLES = ("entities", "stories", "contradictions")
TABLES: tuple[str, ...] = (*DOCUMENT_TABLES, *CORPUS_TABLES)


def iter_rows(store: Store, table: str) -> Iterator[Row]:
    """Flat rows of one table."""
    if table in DOCUMENT_TABLES:
        rows_of = DOCUMENT_TABLES[table]
        for doc in store.iter_documents():
            yield from rows_of(doc)
        return
    items: list[Any]
    if table == "entities":
        items = store.list_entities(limit=10**9)
    elif table == "stories":
        items = store.list_stories(limit=10**9)
    elif table == "contradictions":
        items = store.list_contradictions(limit=10**9)
    else:
        raise ConfigError(f"unknown table {table!r}; tables: {', '.join(TABLES)}")
    for item in items:
        yield {
            k: v
            if isinstance(v, str | int | float | bool | None)
            else json.dumps(v, ensure_ascii=False)
            for k, v in to_dict(item).items()
        }


def export_table(store: Store, table: str, fmt: str, path: str | Path) -> int:
    """Write one table to ``path`` ("-" = stdout for jsonl/csv); returns the row count."""
    if fmt not in FORMATS:
        raise ConfigError(f"unknown format {fmt!r}; formats: {', '.join(FORMATS)}")
    if table not in TABLES:
        raise ConfigError(f"unknown table {table!r}; tables: {', '.join(TABLES)}")
    rows = iter_rows(store, table)
    if fmt == "parquet":
        if str(path) == "-":
            raise ConfigError("parquet needs a file: pass --output FILE")
        return _write_parquet(rows, Path(path))
    if str(path) == "-":
        return _write_text(rows, fmt, sys.stdout)
    with open(path, "w", encoding="utf-8", newline="") as handle:
        return _write_text(rows, fmt, handle)


def _write_text(rows: Iterator[Row], fmt: str, handle: Any) -> int:
    count = 0
    writer: csv.DictWriter[str] | None = None
    for row in rows:
        if fmt == "jsonl":
            handle.write(json.dumps(row, ensure_ascii=False) + "\n")
        else:
            if writer is None:
                writer = csv.DictWriter(handle, fieldnames=list(row), extrasaction="ignore")
                writer.writeheader()
            writer.writerow({key: neutralise_cell(value) for key, value in row.items()})
        count += 1
    return count


FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise_cell(value: Any) -> Any:
    """A CSV cell a spreadsheet will not run as a formula (OWASP "CSV injection").

    Text beginning with ``= + - @``, a tab or a carriage return gets a leading
    single quote; numbers and other text are unchanged.
    """
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def _write_parquet(rows: Iterator[Row], path: Path, batch: int = 5000) -> int:
    import pyarrow as pa
    import pyarrow.parquet as pq

    writer: pq.ParquetWriter | None = None
    schema: pa.Schema | None = None
    count = 0
    chunk: list[Row] = []

    def flush() -> None:
        nonlocal writer, schema
        if not chunk:
            return
        table = pa.Table.from_pylist(chunk, schema=schema)
        if writer is None:
            schema = table.schema
            writer = pq.ParquetWriter(str(path), schema)
        writer.write_table(table)
        chunk.clear()

    for row in rows:
        chunk.append(row)
        count += 1
        if len(chunk) >= batch:
            flush()
    flush()
    if writer is None:  # empty table: still write a valid file
        pq.write_table(pa.table({}), str(path))
    else:
        writer.close()
    return count
