"""Backend-neutral conversion between documents and database rows."""

from __future__ import annotations

import json
import re
from typing import Any

from narrascope.models import (
    Boilerplate,
    Claim,
    Document,
    Entity,
    Event,
    Mention,
    NarrativeLabel,
    OffsetMap,
    Quote,
    RoleAssignment,
    Technique,
    Tone,
)
from narrascope.serde import from_dict, to_dict
from narrascope.store.base import DocumentFilter, Findings

FINDING_FIELDS: dict[str, type] = {
    "entities": Entity,
    "title_mentions": Mention,
    "quotes": Quote,
    "events": Event,
    "claims": Claim,
    "narratives": NarrativeLabel,
    "roles": RoleAssignment,
    "techniques": Technique,
    "tone": Tone,
}


def document_row(doc: Document) -> tuple[Any, ...]:
    """Column values of a document, in the order of the ``documents`` table."""
    return (
        doc.id,
        doc.source,
        doc.url,
        doc.title,
        doc.outlet,
        doc.author,
        doc.published,
        doc.language,
        doc.raw,
        doc.text,
        json.dumps(to_dict(doc.boilerplate), ensure_ascii=False),
        json.dumps(to_dict(doc.offsets)),
        doc.duplicate_of,
    )


def has_findings(doc: Document) -> bool:
    """Whether any analysis stage filled the document."""
    return (
        any(getattr(doc, name) for name in FINDING_FIELDS)
        or doc.explanation is not None
        or doc.story_vector is not None
    )


def findings_json(doc: Document) -> str:
    """The findings of a document as one JSON object (claim texts left to the document)."""
    payload = {name: to_dict(getattr(doc, name)) for name in FINDING_FIELDS}
    payload["claims"] = [_without_text(item) for item in payload["claims"]]
    payload["explanation"] = doc.explanation
    payload["story_vector"] = doc.story_vector
    return json.dumps(payload, ensure_ascii=False, separators=(",", ":"))


def facets(doc: Document) -> set[tuple[str, str]]:
    """Index values used to filter documents: entities, narratives, techniques."""
    values: set[tuple[str, str]] = set()
    for ent in doc.entities:
        values.add(("entity", ent.id))
    for label in doc.narratives:
        values.add(("narrative", label.label))
    for tech in doc.techniques:
        values.add(("technique", tech.technique))
    return values


def row_to_document(row: dict[str, Any], *, with_findings: Findings) -> Document:
    """Rebuild a document from a row (``findings`` column optional).

    ``with_findings`` names the finding fields to decode (``True``: all); decoding
    is most of the cost of reading a document, and most readers need few fields.
    """
    doc = Document(
        id=row["id"],
        source=row["source"],
        raw=row["raw"],
        text=row["text"],
        url=row["url"],
        title=row["title"],
        outlet=row["outlet"],
        author=row["author"],
        published=row["published"],
        language=row["language"],
        boilerplate=[from_dict(Boilerplate, b) for b in _json(row["boilerplate"], [])],
        offsets=from_dict(OffsetMap, _json(row["offsets"], [])) or OffsetMap(),
        duplicate_of=row.get("duplicate_of"),
    )
    payload = row.get("findings") if with_findings else None
    if payload:
        data = _json(payload, {})
        wanted = with_findings if isinstance(with_findings, frozenset) else FINDING_FIELDS.keys()
        for name in wanted:
            items = data.get(name, [])
            if name == "claims":
                items = [_with_text(item, doc.text) for item in items]
            setattr(doc, name, [from_dict(FINDING_FIELDS[name], item) for item in items])
        doc.explanation = data.get("explanation")
        doc.story_vector = data.get("story_vector")
    return doc


def _without_text(claim: dict[str, Any]) -> dict[str, Any]:
    """A stored claim: its text is a span of the document text, so it is not repeated."""
    return {**claim, "text": "", "span": {**claim["span"], "text": ""}}


def _with_text(claim: dict[str, Any], text: str) -> dict[str, Any]:
    """A stored claim with its text restored from the document text."""
    if claim.get("text"):
        return claim
    span = claim["span"]
    quoted = text[span["start"] : span["end"]]
    return {**claim, "text": quoted, "span": {**span, "text": quoted}}


def _json(value: Any, default: Any) -> Any:
    if value is None:
        return default
    if isinstance(value, str):
        return json.loads(value)
    return value  # PostgreSQL jsonb arrives decoded


def filter_clauses(flt: DocumentFilter | None, *, placeholder: str) -> tuple[list[str], list[Any]]:
    """SQL conditions on alias ``d`` (documents) for a filter; values are bound, never inlined."""
    if flt is None:
        return [], []
    p = placeholder
    clauses: list[str] = []
    params: list[Any] = []
    simple = (("outlet", flt.outlet), ("language", flt.language))
    for column, value in simple:
        if value is not None:
            clauses.append(f"d.{column} = {p}")
            params.append(value)
    if flt.date_from is not None:
        clauses.append(f"d.published >= {p}")
        params.append(flt.date_from)
    if flt.date_to is not None:
        clauses.append(f"substr(d.published, 1, 10) <= {p}")
        params.append(flt.date_to)
    for facet, value in (("narrative", flt.narrative), ("entity", flt.entity)):
        if value is not None:
            clauses.append(
                f"d.id IN (SELECT doc_id FROM doc_facets WHERE facet = {p} AND value = {p})"
            )
            params.extend([facet, value])
    return clauses, params


_WORD = re.compile(r"\w+", re.UNICODE)


def fts_query(query: str) -> str:
    """An FTS5 query from user text: every word quoted, so no FTS syntax gets through.

    ``"a phrase"`` in the user's text stays a phrase; other words are ANDed.
    """
    parts: list[str] = []
    for i, chunk in enumerate(query.split('"')):
        words = _WORD.findall(chunk)
        if not words:
            continue
        if i % 2 == 1:
            parts.append('"' + " ".join(words) + '"')
        else:
            parts.extend(f'"{word}"' for word in words)
    return " AND ".join(parts)


def like_escape(text: str) -> str:
    """Escape LIKE wildcards (with ``\\`` as the escape character)."""
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
