"""Texts longer than spaCy takes in one call, parsed in pieces and joined back.

spaCy refuses a text beyond ``nlp.max_length`` characters (memory grows with the
length). Such a text is cut at paragraph breaks, else line breaks, else sentence
ends, else spaces (a hard cut only inside a run with none of them), each piece
parsed on its own, and the parses joined with :meth:`spacy.tokens.Doc.from_docs`
without added whitespace, so the joined parse's text and offsets are the
original's.
"""

from __future__ import annotations

import re
from typing import Any

from spacy.tokens import Doc

PIECE_CHARS = 100_000
_BREAKS = (re.compile(r"\n\s*\n"), re.compile(r"\n"), re.compile(r"[.!?]\s"), re.compile(r"\s"))


def cut_points(text: str, size: int = PIECE_CHARS) -> list[tuple[int, int]]:
    """``(start, end)`` of consecutive pieces of at most ``size`` characters covering ``text``."""
    if size < 1:
        raise ValueError("size must be at least 1")
    spans: list[tuple[int, int]] = []
    start = 0
    while len(text) - start > size:
        end = _cut(text, start, start + size)
        spans.append((start, end))
        start = end
    if start < len(text) or not spans:
        spans.append((start, len(text)))
    return spans


def _cut(text: str, start: int, limit: int) -> int:
    """The last good place to cut in ``text[start:limit]`` (in its second half if possible)."""
    floor = start + (limit - start) // 2
    for pattern in _BREAKS:
        last = None
        for match in pattern.finditer(text, floor, limit):
            last = match.end()
        if last is not None and last > start:
            return last
    return limit


def parse_long(nlp: Any, text: str, size: int = PIECE_CHARS) -> Doc:
    """The parse of ``text`` (any length) as one Doc: in pieces beyond ``nlp.max_length``."""
    if len(text) <= nlp.max_length:
        whole: Doc = nlp(text)
        return whole
    pieces = [text[a:b] for a, b in cut_points(text, min(size, nlp.max_length))]
    docs = list(nlp.pipe(pieces, batch_size=4))
    return Doc.from_docs(docs, ensure_whitespace=False)
