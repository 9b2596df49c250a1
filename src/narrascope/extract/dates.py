"""Temporal expressions normalised to ISO values with their precision.

Explicit dates ("15 May 2025", "March 29, 2022", "March 2022", "in 2022") are
read as written; deictic ones ("yesterday", "on Wednesday", "last March",
"over a year ago") are resolved against the publication date; anaphoric ones
("July 23 of that year", "the following day", "two weeks later") against the
last date mentioned before them.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

from narrascope.extract import timex_rules
from narrascope.extract import when as cal
from narrascope.extract.resources import temporal
from narrascope.extract.timex_state import Handler, ReadState
from narrascope.models import Precision


@dataclass(frozen=True, slots=True)
class Timex:
    """A normalised temporal expression."""

    text: str
    start: int
    end: int
    value: str
    precision: Precision
    relative: bool = False
    anchor: str | None = None  # "published:2025-05-15" or "context:2022-03-29"


_State = ReadState  # the name the rules used before the state had its own module


def find_timexes(
    text: str, published: str | None = None, sentences: Sequence[tuple[int, int]] = ()
) -> list[Timex]:
    """Every temporal expression in ``text`` that can be given an ISO value."""
    sentences = sentences or _rough_sentences(text)
    state = _State(cal.parse_published(published), None, False)
    out: list[Timex] = []
    for match, handler in _matches(text):
        state.future = _future(text, match.start(), sentences)
        state.sentence = _sentence_index(match.start(), sentences)
        try:
            resolved = handler(match, state)
        except (ValueError, OverflowError):  # an out-of-range date: not a date
            continue
        if resolved is None or not cal.valid(resolved.when):
            continue
        group = "t" if "t" in match.re.groupindex and match.group("t") else 0
        start, end = match.span(group)
        out.append(
            Timex(
                text=text[start:end],
                start=start,
                end=end,
                value=resolved.when.iso(),
                precision=resolved.when.precision,
                relative=resolved.anchor is not None,
                anchor=resolved.anchor,
            )
        )
        if resolved.when.year is not None:
            state.context, state.context_sentence = resolved.when, state.sentence
    return _without_restated(out, text)


_APPOSED = re.compile(r"[\s,(–—-]*(?:on|in|at)?\s*")


def _without_restated(found: list[Timex], text: str) -> list[Timex]:
    """Leave out a date counted from an earlier one when the date itself follows it at once
    ("one month later, on May 24, 2008": the count from the last date is not needed, and
    wrong when that date was of another story)."""
    out = []
    for k, timex in enumerate(found):
        after = found[k + 1] if k + 1 < len(found) else None
        anaphoric = timex.anchor is not None and timex.anchor.startswith("context:")
        if (
            anaphoric
            and after is not None
            and not after.relative
            and _APPOSED.fullmatch(text[timex.end : after.start])
        ):
            continue
        out.append(timex)
    return out


def _matches(text: str) -> list[tuple[re.Match[str], Handler]]:
    """Non-overlapping matches of every pattern, longest first at each position."""
    found: list[tuple[re.Match[str], Handler]] = []
    for pattern, handler in _patterns():
        found.extend((m, handler) for m in pattern.finditer(text) if m.group(0).strip())
    found.sort(key=lambda mh: (mh[0].start(), -(mh[0].end() - mh[0].start())))
    chosen: list[tuple[re.Match[str], Handler]] = []
    last_end = -1
    for match, handler in found:
        if match.start() >= last_end:
            chosen.append((match, handler))
            last_end = match.end()
    return chosen


def _rough_sentences(text: str) -> list[tuple[int, int]]:
    """Sentence spans when no parse is given: split after . ! ? and at line breaks."""
    return [m.span() for m in re.finditer(r"[^\n.!?]+(?:[.!?]+|$)", text)]


def _sentence_index(pos: int, sentences: Sequence[tuple[int, int]]) -> int:
    return next((i for i, (s, e) in enumerate(sentences) if s <= pos < e), -1)


def _future(text: str, pos: int, sentences: Sequence[tuple[int, int]]) -> bool:
    start, end = next(((s, e) for s, e in sentences if s <= pos < e), (max(0, pos - 120), pos + 60))
    piece = text[start:end].lower()
    return any(
        re.search(rf"(?<!\w){re.escape(cue)}(?!\w)", piece) for cue in temporal().future_cues
    )


@cache
def _patterns() -> tuple[tuple[re.Pattern[str], Handler], ...]:
    return timex_rules.compiled()
