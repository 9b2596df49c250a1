"""Building the clean text and its :class:`~narrascope.models.OffsetMap`.

Kept pieces of raw lines become paragraphs joined by a blank line; inside a
piece, runs of whitespace become one space. Every other character is copied
verbatim and recorded as a ``(clean_start, raw_start, length)`` run.
"""

from __future__ import annotations

import re

from narrascope.models import OffsetMap

_RUN = re.compile(r"\S+(?: \S+)*")
PARAGRAPH_SEPARATOR = "\n\n"


class TextBuilder:
    """Accumulates paragraphs copied from the raw text."""

    def __init__(self, raw: str) -> None:
        self._raw = raw
        self._parts: list[str] = []
        self._segments: list[tuple[int, int, int]] = []
        self._length = 0

    def add_paragraph(self, start: int, end: int) -> None:
        """Copy ``raw[start:end]`` as one paragraph, whitespace runs collapsed."""
        first = True
        for match in _RUN.finditer(self._raw, start, end):
            self._append(PARAGRAPH_SEPARATOR if first and self._length else "" if first else " ")
            first = False
            piece = match.group()
            self._segments.append((self._length, match.start(), len(piece)))
            self._append(piece)

    def _append(self, piece: str) -> None:
        if piece:
            self._parts.append(piece)
            self._length += len(piece)

    def build(self) -> tuple[str, OffsetMap]:
        """The clean text and its offset map."""
        return "".join(self._parts), OffsetMap(segments=tuple(self._segments))
