"""Dated events: a temporal expression, the sentence around it and the entities in it."""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence

from narrascope.extract.dates import Timex
from narrascope.models import Event, Mention, Span


def build_events(
    text: str,
    timexes: Sequence[Timex],
    sentences: Sequence[tuple[int, int]],
    mentions: Sequence[Mention],
) -> list[Event]:
    """One event per temporal expression, with its sentence and participants."""
    starts = [s for s, _ in sentences]
    by_start = sorted(mentions, key=lambda m: m.start)
    mention_starts = [m.start for m in by_start]
    events = []
    for tx in restated_once(text, timexes):
        i = max(0, bisect.bisect_right(starts, tx.start) - 1)
        s_start, s_end = sentences[i] if sentences else (0, len(text))
        lo = bisect.bisect_left(mention_starts, s_start)
        hi = bisect.bisect_left(mention_starts, s_end)
        participants = tuple(
            dict.fromkeys(m.entity_id for m in by_start[lo:hi] if m.entity_id is not None)
        )
        events.append(
            Event(
                date_text=tx.text,
                date_start=tx.start,
                date_end=tx.end,
                value=tx.value,
                precision=tx.precision,
                sentence=Span(s_start, s_end, text[s_start:s_end]),
                relative=tx.relative,
                anchor=tx.anchor,
                participants=participants,
            )
        )
    return events


_APPOSED = re.compile(r"\s*[(,–—-]\s*$")


def restated_once(text: str, timexes: Sequence[Timex]) -> list[Timex]:
    """One expression per date: in "yesterday (January 16)" or "Monday, May 2" the
    restatement is the same date, so only the more explicit, later one is kept."""
    ordered = sorted(timexes, key=lambda t: t.start)
    out: list[Timex] = []
    for tx in ordered:
        prev = out[-1] if out else None
        if (
            prev is not None
            and prev.relative
            and tx.start - prev.end <= 3
            and _APPOSED.match(text[prev.end : tx.start])
        ):
            out[-1] = tx
            continue
        out.append(tx)
    return out
