"""Contradictions: statements from different articles of one story that cannot both hold.

Built on claims (:mod:`narrascope.stories.claims`) that share a normalised key:

* **date**: the same dated event (same key, an article giving it one date) with
  dates that cannot coincide (2022-03-29 vs 2022-03-30; 2022-03 fits both);
* **number**: the same count with values that differ (beyond 10 % when approximate);
* **occurrence**: one article says no event of a class took place since a date
  (or that the *last* one was then) while another reports one after that date
  and before the first article was published; or one asserts what the other negates;
* **title**: one person given two titles of the same office that differ in
  portfolio or rank ("foreign minister" vs "defence minister"), at the same time.

Every contradiction carries both evidence spans and a one-line reason, and all
are ranked by a confidence that drops when the subject is unknown, a value is
approximate or a publication date is missing.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping
from itertools import combinations

from narrascope.ids import short_id
from narrascope.models import Claim, Contradiction, Document, Story
from narrascope.stories.claims import extract_claims
from narrascope.stories.dates import compatible, day_ordinal
from narrascope.stories.keys import outlet_of
from narrascope.stories.numbers import numbers_conflict
from narrascope.stories.titles_compare import titles_conflict

Kind = str
TITLE_WINDOW_DAYS = 365


def find_contradictions(
    docs: Iterable[Document],
    stories: Iterable[Story],
    claims: Mapping[str, list[Claim]] | None = None,
) -> list[Contradiction]:
    """Contradictions inside each story, most confident first.

    ``claims`` (doc id -> claims) skips claim extraction for documents it covers.
    """
    by_id = {doc.id: doc for doc in docs}
    found: dict[str, Contradiction] = {}
    for story in stories:
        members = [  # a syndicated copy is one article with its canonical copy
            by_id[d]
            for d in story.documents
            if d in by_id and by_id[d].duplicate_of not in story.documents
        ]
        if len(members) < 2:
            continue
        story_claims = [
            c
            for doc in members
            for c in (claims[doc.id] if claims and doc.id in claims else extract_claims(doc))
        ]
        for item in _story_contradictions(story.id, story_claims, {d.id: d for d in members}):
            found.setdefault(item.id, item)
    return sorted(found.values(), key=lambda c: (-c.confidence, c.id))


def _story_contradictions(
    story_id: str, claims: list[Claim], docs: dict[str, Document]
) -> Iterator[Contradiction]:
    by_key: defaultdict[str, list[Claim]] = defaultdict(list)
    for claim in claims:
        by_key[claim.key].append(claim)
    for key, group in by_key.items():
        kind = key.split("|", 1)[0]
        if kind == "date" or (kind == "occur" and not key.endswith("|")):
            yield from _value_conflicts(story_id, group, docs, "date")
        elif kind == "count":
            yield from _value_conflicts(story_id, group, docs, "number")
        elif kind == "title":
            yield from _title_conflicts(story_id, group, docs)
        elif kind == "none":
            occurs = [c for k, g in by_key.items() if k.startswith(f"occur|{key[5:]}|") for c in g]
            yield from _occurrence_conflicts(story_id, group, occurs, docs)
        elif kind == "fact" and "|not " in key:
            positive = by_key.get(key.replace("|not ", "|", 1), [])
            yield from _negation_conflicts(story_id, group, positive, docs)


def _single_values(group: list[Claim]) -> dict[str, Claim]:
    """One claim per document, for documents that give the key one value only."""
    per_doc: defaultdict[str, list[Claim]] = defaultdict(list)
    for claim in group:
        if claim.value is not None:
            per_doc[claim.doc_id].append(claim)
    single = {}
    for doc_id, items in per_doc.items():
        values = {c.value for c in items if c.value}
        if all(compatible(a, b) for a, b in combinations(values, 2)) or len(values) == 1:
            single[doc_id] = max(items, key=lambda c: len(c.value or ""))
    return single


def _value_conflicts(
    story_id: str, group: list[Claim], docs: dict[str, Document], kind: str
) -> Iterator[Contradiction]:
    single = _single_values(group)
    for a, b in combinations(sorted(single.values(), key=lambda c: c.doc_id), 2):
        if _same_article(docs, a.doc_id, b.doc_id) or a.value is None or b.value is None:
            continue
        clash = (
            not compatible(a.value, b.value)
            if kind == "date"
            else numbers_conflict(a.value, b.value)
        )
        if not clash:
            continue
        confidence = _value_confidence(a, kind)
        what = _describe(a.key)
        reason = (
            f"{outlet_of(docs[a.doc_id])} gives {a.value} and {outlet_of(docs[b.doc_id])} "
            f"gives {b.value} for {what}"
        )
        yield _make(kind, reason, confidence, a, b, story_id)


def _value_confidence(claim: Claim, kind: str) -> float:
    parts = claim.key.split("|")
    confidence = 0.8 if kind == "date" else 0.75
    if parts[0] != "occur" and parts[1] == "_":
        confidence -= 0.2
    if kind == "number" and "~" in (claim.value or ""):
        confidence -= 0.15
    return round(confidence, 2)


def _occurrence_conflicts(
    story_id: str, nones: list[Claim], occurs: list[Claim], docs: dict[str, Document]
) -> Iterator[Contradiction]:
    for none in nones:
        since = day_ordinal(none.value)
        published = day_ordinal(docs[none.doc_id].published)
        for occur in occurs:
            when = day_ordinal(occur.value)
            if since is None or when is None or _same_article(docs, none.doc_id, occur.doc_id):
                continue
            if when <= since or compatible(none.value or "", occur.value or ""):
                continue
            if published is not None and when > published:
                continue
            what = none.key.split("|")[1]
            reason = (
                f"{outlet_of(docs[none.doc_id])} says no {what} took place after {none.value}; "
                f"{outlet_of(docs[occur.doc_id])} reports one on {occur.value}"
            )
            yield _make("occurrence", reason, 0.7 if published else 0.55, none, occur, story_id)


def _negation_conflicts(
    story_id: str, negated: list[Claim], positive: list[Claim], docs: dict[str, Document]
) -> Iterator[Contradiction]:
    parts = negated[0].key.split("|") if negated else []
    if len(parts) < 4 or "_" in (parts[1], parts[3]):
        return
    for a in negated:
        for b in positive:
            if not _same_article(docs, a.doc_id, b.doc_id):
                reason = (
                    f"{outlet_of(docs[a.doc_id])} denies what {outlet_of(docs[b.doc_id])} "
                    f"asserts: {_describe(b.key)}"
                )
                yield _make("occurrence", reason, 0.5, a, b, story_id)


def _title_conflicts(
    story_id: str, group: list[Claim], docs: dict[str, Document]
) -> Iterator[Contradiction]:
    titles: defaultdict[str, set[str]] = defaultdict(set)
    for claim in group:
        titles[claim.doc_id].add(claim.value or "")
    for a, b in combinations(sorted(group, key=lambda c: (c.doc_id, c.span.start)), 2):
        if a.doc_id == b.doc_id or _same_article(docs, a.doc_id, b.doc_id):
            continue
        if not _same_time(docs[a.doc_id], docs[b.doc_id]):
            continue
        if b.value in titles[a.doc_id] or a.value in titles[b.doc_id]:
            continue
        if a.value and b.value and titles_conflict(a.value, b.value):
            person = a.text if len(a.text) < 80 else a.key.split("|", 1)[1]
            reason = f"'{a.value}' vs '{b.value}' for the same person ({person})"
            yield _make("title", reason, 0.6, a, b, story_id)


def _same_time(a: Document, b: Document) -> bool:
    da, db = day_ordinal(a.published), day_ordinal(b.published)
    return da is None or db is None or abs(da - db) <= TITLE_WINDOW_DAYS


def _same_article(docs: dict[str, Document], a: str, b: str) -> bool:
    if a == b:
        return True
    da, db = docs.get(a), docs.get(b)
    if da is None or db is None:
        return False
    return (
        da.duplicate_of == b
        or db.duplicate_of == a
        or (da.duplicate_of is not None and da.duplicate_of == db.duplicate_of)
    )


def _describe(key: str) -> str:
    parts = [p for p in key.split("|")[1:] if p and p != "_"]
    return " ".join(p.split(":", 1)[-1] for p in parts)


def _make(
    kind: str, reason: str, confidence: float, a: Claim, b: Claim, story_id: str
) -> Contradiction:
    cid = short_id("contra", kind, a.doc_id, str(a.span.start), b.doc_id, str(b.span.start))
    return Contradiction(
        id=cid,
        kind=kind,  # type: ignore[arg-type]
        reason=reason,
        confidence=confidence,
        doc_a=a.doc_id,
        span_a=a.span,
        doc_b=b.doc_id,
        span_b=b.span,
        story_id=story_id,
    )
