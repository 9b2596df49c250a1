"""A cheap regex sentence splitter that keeps offsets into the text."""

from __future__ import annotations

import re

from narrascope.models import Span

# A boundary: end punctuation (plus closing quotes/brackets) then space and an
# upper-case letter, digit or opening quote; or a blank/new line.
_BOUNDARY = re.compile(
    r"(?<=[.!?])[\"'”’)\]]*\s+(?=[\"'“‘(\[]?[A-Z0-9])"
    r"|\n\s*"
)
_ABBREV = re.compile(
    r"\b(?:Mr|Mrs|Ms|Dr|Prof|Gen|Col|Lt|Sgt|St|Sen|Rep|Gov|Jr|Sr|Inc|Ltd|Co|No|vs|etc|"
    r"Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|U\.S|U\.K|U\.N|e\.g|i\.e)\.$"
)
MIN_CHARS = 3


def split_sentences(text: str) -> list[Span]:
    """Sentences of ``text`` as spans (offsets into ``text``), whitespace trimmed."""
    spans: list[Span] = []
    start = 0
    for match in _BOUNDARY.finditer(text):
        group = match.group()
        cut = match.start() + len(group) - len(group.lstrip("\"'”’)]"))
        if "\n" not in group and _ABBREV.search(text[start:cut]):
            continue
        _append(spans, text, start, cut)
        start = match.end()
    _append(spans, text, start, len(text))
    return spans


def _append(spans: list[Span], text: str, start: int, end: int) -> None:
    piece = text[start:end]
    stripped = piece.strip()
    if len(stripped) < MIN_CHARS:
        return
    left = start + (len(piece) - len(piece.lstrip()))
    spans.append(Span(left, left + len(stripped), stripped))


def sentence_at(sentences: list[Span], offset: int) -> Span | None:
    """The sentence that contains ``offset``, if any."""
    for sentence in sentences:
        if sentence.start <= offset < sentence.end:
            return sentence
    return None
