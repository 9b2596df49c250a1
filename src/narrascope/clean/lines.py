"""Line segmentation of raw text, with the cheap features the rules read.

A :class:`Line` is one physical line of the raw text with surrounding
whitespace removed; ``start``/``end`` are raw offsets of the stripped content.
Blank lines separate *blocks* (paragraph groups), which some rules use.
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass

# Every character Python counts as whitespace, plus zero-width marks scrapes keep.
STRIP_CHARS = "".join(chr(c) for c in range(sys.maxunicode + 1) if chr(c).isspace()) + (
    "\u200b\u200c\u200d\u2060\ufeff\u00ad"
)
_NEWLINE = re.compile(r"\r\n|[\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029]")
_NON_WORD = re.compile(r"[\W_]+")  # as narrascope.clean.lexicon.normalise
_WORD = re.compile(r"\w+(?:[’'.\-]\w+)*")
_SENTENCE_END = re.compile(r"[.!?…](?:[\"'’”»)\]]*)$")
_LETTER_START = re.compile(r"^[\"'“‘«(\[]?[^\W\d_]")


@dataclass(slots=True)
class Line:
    """One non-blank raw line and its features."""

    index: int  # position among non-blank lines
    start: int  # raw offset of the first non-space character
    end: int  # raw offset after the last non-space character
    text: str  # raw[start:end]
    block: int  # blank-line separated block number
    words: int
    sentence_end: bool  # ends like a sentence (. ! ? …, maybe quoted)
    _norm: str | None = None

    @property
    def norm(self) -> str:
        """The text casefolded, punctuation as single spaces (computed once)."""
        if self._norm is None:
            self._norm = _NON_WORD.sub(" ", self.text.casefold()).strip()
        return self._norm

    @property
    def is_prose(self) -> bool:
        """Reads like running text: a full sentence or a long line."""
        return self.words >= 20 or (self.words >= 5 and self.sentence_end)

    @property
    def is_headline_shaped(self) -> bool:
        """3-30 words, starts with a letter, does not end with a full stop."""
        if not 3 <= self.words <= 30 or self.text.endswith("."):
            return False
        return _LETTER_START.match(self.text) is not None


def word_count(text: str) -> int:
    """Number of word tokens in ``text``."""
    return len(_WORD.findall(text))


def make_line(raw: str, start: int, end: int, index: int, block: int) -> Line:
    """Build a :class:`Line` for ``raw[start:end]`` (already stripped)."""
    text = raw[start:end]
    return Line(
        index=index,
        start=start,
        end=end,
        text=text,
        block=block,
        words=word_count(text),
        sentence_end=_SENTENCE_END.search(text) is not None,
    )


def split_lines(raw: str) -> list[Line]:
    """Non-blank lines of ``raw`` with raw offsets and block numbers."""
    lines: list[Line] = []
    block = 0
    pos = 0
    for match in _NEWLINE.finditer(raw):
        if _add(raw, pos, match.start(), lines, block) and lines:
            block = lines[-1].block + 1
        pos = match.end()
    _add(raw, pos, len(raw), lines, block)
    return lines


def _add(raw: str, start: int, end: int, lines: list[Line], block: int) -> bool:
    """Append the stripped line ``raw[start:end]``; return whether it was blank."""
    segment = raw[start:end]
    stripped = segment.lstrip(STRIP_CHARS)
    if not stripped:
        return True
    begin = start + len(segment) - len(stripped)
    finish = begin + len(stripped.rstrip(STRIP_CHARS))
    lines.append(make_line(raw, begin, finish, len(lines), block))
    return False
