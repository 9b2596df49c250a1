"""The corpus timeline: dated events of every document, ordered and merged across sources."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from rapidfuzz import fuzz

from narrascope.models import Document, Event, Precision, Span

SENTENCE_SIMILARITY = 60  # rapidfuzz token_set_ratio above which two sentences report one event
_PRECISION_RANK = {
    "century": -1,
    "decade": 0,
    "year": 1,
    "season": 2,
    "month": 3,
    "week": 4,
    "day": 5,
    "time": 6,
}


@dataclass(frozen=True, slots=True)
class TimelineEntry:
    """One dated event as reported by one or more documents."""

    value: str
    precision: Precision
    text: str  # the first report's sentence
    date_texts: tuple[str, ...]
    documents: tuple[str, ...]
    sources: tuple[str, ...]
    outlets: tuple[str, ...]
    participants: tuple[str, ...]
    evidence: tuple[tuple[str, Span], ...]  # (document id, sentence)


@dataclass(slots=True)
class _Group:
    value: str
    precision: Precision
    events: list[tuple[Document, Event]] = field(default_factory=list)

    def similar(self, event: Event) -> bool:
        lead = self.events[0][1]
        shared = set(lead.participants) & set(event.participants)
        score = fuzz.token_set_ratio(lead.sentence.text, event.sentence.text)
        return score >= SENTENCE_SIMILARITY or (bool(shared) and score >= SENTENCE_SIMILARITY - 20)


def build_timeline(docs: Iterable[Document]) -> list[TimelineEntry]:
    """Events of all documents, ordered by date; one entry per value and similar sentence."""
    by_value: dict[str, list[_Group]] = defaultdict(list)
    for doc in docs:
        for event in doc.events:
            groups = by_value[event.value]
            group = next((g for g in groups if g.similar(event)), None)
            if group is None:
                group = _Group(event.value, event.precision)
                groups.append(group)
            group.events.append((doc, event))
    entries = [_entry(g) for groups in by_value.values() for g in groups]
    entries.sort(key=lambda e: (sort_key(e.value, e.precision), -len(e.documents)))
    return entries


def _entry(group: _Group) -> TimelineEntry:
    docs = [d for d, _ in group.events]
    return TimelineEntry(
        value=group.value,
        precision=group.precision,
        text=group.events[0][1].sentence.text,
        date_texts=tuple(dict.fromkeys(e.date_text for _, e in group.events)),
        documents=tuple(dict.fromkeys(d.id for d in docs)),
        sources=tuple(dict.fromkeys(d.source for d in docs)),
        outlets=tuple(dict.fromkeys(d.outlet for d in docs if d.outlet)),
        participants=tuple(dict.fromkeys(p for _, e in group.events for p in e.participants)),
        evidence=tuple((d.id, e.sentence) for d, e in group.events),
    )


def sort_key(value: str, precision: str) -> tuple[int, int, int, int]:
    """Chronological key of an ISO / TimeML value: coarser values first at equal starts."""
    rank = _PRECISION_RANK.get(precision, 5)
    if precision == "decade" and value.isdigit():
        return int(value) * 10, 1, 1, rank
    if precision == "century" and value.isdigit():
        return int(value) * 100, 1, 1, rank
    match = re.match(r"(\d{4})(?:-(\d{2}|W\d{2}|SP|SU|FA|WI))?(?:-(\d{2}))?", value)
    if match is None:
        return 9999, 12, 31, rank
    year = int(match[1])
    part = match[2] or ""
    if part.startswith("W"):
        return year, 1 + (int(part[1:]) - 1) * 12 // 53, 1, rank
    if part in {"SP", "SU", "FA", "WI"}:
        return year, {"SP": 3, "SU": 6, "FA": 9, "WI": 12}[part], 1, rank
    return year, int(part or 1), int(match[3] or 1), rank


def date_label(value: str, precision: str) -> str:
    """A reader's form of a TimeML value: "199" (decade) -> "1990s", "18" (century) ->
    "19th century"; other values as they are."""
    if precision == "decade" and value.isdigit():
        return f"{value}0s"
    if precision == "century" and value.isdigit():
        n = int(value) + 1
        suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
        return f"{n}{suffix} century"
    return value


_SEASONS = {"SP": "spring", "SU": "summer", "FA": "autumn", "WI": "winter"}
_SEASON_VALUE = re.compile(r"(\d{4})-(SP|SU|FA|WI)")


def claim_value_label(value: str | None, key: str) -> str | None:
    """A reader's form of a claim's value: a date claim's TimeML value as
    :func:`date_label` writes it ("198" -> "1980s", "1982-SU" -> "summer 1982"); the
    value of any other claim (a count of 198 stays 198) as it is."""
    if value is None or not key.startswith("date|"):
        return value
    season = _SEASON_VALUE.fullmatch(value)
    if season is not None:
        return f"{_SEASONS[season[2]]} {season[1]}"
    if value.isdigit() and len(value) in (2, 3):
        return date_label(value, "decade" if len(value) == 3 else "century")
    return value
