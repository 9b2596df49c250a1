"""Quotation-mark spans in text: curly and straight marks, quotes running over paragraphs."""

from __future__ import annotations

import re
from dataclasses import dataclass

OPENERS = "“„«"
CLOSERS = "”»"
_PARAGRAPH = re.compile(r"\n\s*\n|\n")
_SINGLE_OPEN = re.compile(r"(?:(?<=^)|(?<=[\s(\[—–-]))‘(?=\S)")
_SINGLE_CLOSE = re.compile(r"(?<=\S)’(?=[\s,.;:!?)\]—–]|$)")


@dataclass(frozen=True, slots=True)
class MarkedSpan:
    """The content between an opening and a closing mark (marks excluded)."""

    start: int
    end: int
    paragraphs: int = 1  # how many paragraphs the quote runs over


def find_marked_spans(text: str) -> list[MarkedSpan]:
    """Every top-level quotation in ``text``.

    A paragraph that ends inside a quotation continues it when the next
    paragraph opens with a quotation mark (the newspaper convention for
    multi-paragraph quotes); otherwise the quote closes at the paragraph end.
    """
    paragraphs = _paragraphs(text)
    spans: list[MarkedSpan] = []
    pending: tuple[int, int] | None = None  # (content start, paragraphs so far)
    for p_start, p_end in paragraphs:
        opened, closed = _scan_paragraph(text, p_start, p_end)
        if pending is not None:
            if opened and _leads(text, _first_char(text, p_start, p_end), opened[0][0]):
                first = opened.pop(0)
                if first[1] is None:
                    pending = (pending[0], pending[1] + 1)
                    continue
                spans.append(MarkedSpan(pending[0], first[1], pending[1] + 1))
            else:
                spans.append(
                    MarkedSpan(pending[0], _trim_end(text, pending[0], p_start), pending[1])
                )
            pending = None
        for start, end in opened:
            if end is None:
                pending = (start + 1, 1)
            else:
                spans.append(MarkedSpan(start + 1, end, 1))
        spans.extend(closed)
    if pending is not None:
        spans.append(MarkedSpan(pending[0], _trim_end(text, pending[0], len(text)), pending[1]))
    return [s for s in spans if s.end > s.start]


def _paragraphs(text: str) -> list[tuple[int, int]]:
    out, pos = [], 0
    for match in _PARAGRAPH.finditer(text):
        out.append((pos, match.start()))
        pos = match.end()
    out.append((pos, len(text)))
    return [(s, e) for s, e in out if text[s:e].strip()]


def _first_char(text: str, start: int, end: int) -> int:
    piece = text[start:end]
    return start + (len(piece) - len(piece.lstrip()))


def _leads(text: str, first: int, opener: int) -> bool:
    """The opening mark ending at ``opener`` is the first thing at ``first``."""
    return opener == first or (opener == first + 1 and text[first : opener + 1] == "''")


def _trim_end(text: str, start: int, end: int) -> int:
    return start + len(text[start:end].rstrip())


def _scan_paragraph(
    text: str, start: int, end: int
) -> tuple[list[tuple[int, int | None]], list[MarkedSpan]]:
    """Openers with their closer (None when the paragraph ends inside the quote).

    Two apostrophes make a straight double mark, as in newspaper archives typed without
    one; of three, the outer two are the double mark and the third a nested single mark.
    """
    pairs: list[tuple[int, int | None]] = []
    open_at: int | None = None
    straight = ""  # the straight mark that opened the quote ('"' or "''"), if any
    i = start
    while i < end:
        ch = text[i]
        width = _double_apostrophe(text, i, end)
        mark = "''" if width else ch
        step = max(width, 1)
        if ch in OPENERS and open_at is None:
            open_at = i
        elif ch in CLOSERS and open_at is not None and _closes(text, i, end, straight or "”", ch):
            pairs.append((open_at, i))
            open_at, straight = None, ""
        elif mark in {'"', "''"}:
            if open_at is None and _opens(text, i, i + step):
                open_at, straight = i + step - 1, mark
            elif open_at is not None and _closes(text, i, end, straight or "”", mark):
                pairs.append((open_at, i + 1 if width == 3 else i))
                open_at, straight = None, ""
        i += step
    if open_at is not None:
        pairs.append((open_at, None))
    singles = [] if pairs else _single_quotes(text, start, end)
    return pairs, singles


def _closes(text: str, i: int, end: int, opened: str, mark: str) -> bool:
    """``mark`` at ``i`` closes a quote opened by ``opened`` ("”" for a curly opener): the
    matching kind, or the other kind of double mark when the rest of the paragraph shows
    no closer of the matching kind ('“Mixed marks," she said')."""
    if mark == opened or (mark in CLOSERS and opened == "”"):
        return True
    if text[i - 1 : i].isspace():
        return False
    rest = text[i + 1 : end]
    if opened == "”" and mark == '"':  # after ',' and before a space, or no curly closer
        if text[i - 1 : i] in {",", ".", "!", "?", "…"} and rest[:1] in {"", " ", "\n"}:
            return True
        curly = re.search("[“”]", rest)
        return curly is None or curly.group() == "“"
    if opened == '"' and mark in CLOSERS:  # the straight marks left pair among themselves
        if rest.count('"') % 2 == 0:
            return True
        # '"A,” she said. “B."': a curly opener before the next straight mark takes it
        next_straight, next_curly = rest.find('"'), rest.find("“")
        ends_words = text[i - 1 : i] in {",", ".", "!", "?", "…"} and rest[:1] in {" ", "\n"}
        return ends_words and 0 <= next_curly < next_straight
    return False


def _double_apostrophe(text: str, i: int, end: int) -> int:
    """Width of a run of two or three apostrophes starting at ``i`` (0 when none)."""
    if text[i] != "'" or (i > 0 and text[i - 1] == "'"):
        return 0
    run = 1
    while i + run < end and text[i + run] == "'":
        run += 1
    return run if run in {2, 3} else 0


def opener_width(text: str, content_start: int) -> int:
    """Characters of the opening mark before ``content_start``: 2 for ``''``, else 1."""
    return 2 if text[max(0, content_start - 2) : content_start] == "''" else 1


def _opens(text: str, i: int, j: int) -> bool:
    """The straight mark ``text[i:j]`` opens a quotation: space before, none after."""
    before = text[i - 1] if i > 0 else " "
    after = text[j] if j < len(text) else " "
    return (before.isspace() or before in "([—–-:") and not after.isspace()


def _single_quotes(text: str, start: int, end: int) -> list[MarkedSpan]:
    """British-style ‘…’ quotations in a paragraph that has no double quotes."""
    spans: list[MarkedSpan] = []
    pos = start
    while True:
        opener = _SINGLE_OPEN.search(text, pos, end)
        if opener is None:
            return spans
        closer = _SINGLE_CLOSE.search(text, opener.end(), end)
        if closer is None:
            return spans
        spans.append(MarkedSpan(opener.end(), closer.start(), 1))
        pos = closer.end()
