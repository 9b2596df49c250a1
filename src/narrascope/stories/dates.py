"""Dates as the story modules compare them: ISO values, day ordinals, document dates."""

from __future__ import annotations

import re
from datetime import date

from narrascope.models import Document, Event

_ISO = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")


def parse_iso(value: str | None) -> tuple[int, int | None, int | None] | None:
    """``(year, month, day)`` of an ISO value; month/day ``None`` when not given."""
    if not value:
        return None
    match = _ISO.match(value.strip())
    if match is None:
        return None
    year, month, day = match.groups()
    return int(year), int(month) if month else None, int(day) if day else None


def day_ordinal(value: str | None) -> int | None:
    """Proleptic day number of an ISO value (first day of a month/year when coarser)."""
    parts = parse_iso(value)
    if parts is None:
        return None
    year, month, day = parts
    try:
        return date(year, month or 1, day or 1).toordinal()
    except ValueError:
        return None


def iso_day(ordinal: int) -> str:
    """ISO date of a day ordinal."""
    return date.fromordinal(ordinal).isoformat()


def compatible(a: str, b: str) -> bool:
    """Whether two ISO values can denote the same time (one may be coarser)."""
    pa, pb = parse_iso(a), parse_iso(b)
    if pa is None or pb is None:
        return True
    return all(x is None or y is None or x == y for x, y in zip(pa, pb, strict=True))


def document_day(doc: Document) -> int | None:
    """Day ordinal of a document's publication date (``None`` when unknown).

    Dates mentioned in the text are not used: articles often look back.
    """
    return day_ordinal(doc.published)


def event_day(event: Event) -> int | None:
    """Day ordinal of a day-precise event, else ``None``."""
    if event.precision not in ("day", "time"):
        return None
    return day_ordinal(event.value)
