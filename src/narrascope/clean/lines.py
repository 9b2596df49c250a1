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
_SENTENCE_END = re.compile(r"[.!?…。！？｡।॥؟۔](?:[\"'’”»)\]」』）]*)$")
_LETTER_START = re.compile(r"^[\"'“‘«(\[「『]?[^\W\d_]")
# Scripts written without spaces between words: their length is counted in
# characters (two characters for one word), not in space-separated tokens.
_UNSPACED = re.compile(
    "[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u0e00-\u0eff\u1000-\u109f\u1780-\u17ff]"
)
CHARS_PER_WORD = 2
_TABLE_ROW = re.compile(r"^\|.*\|.*\|$|^[^\t]+(?:\t+[^\t]+){2,}$")
_BULLETS = frozenset("-•*▪·◦–(")
_LIST_ITEM = re.compile(r"^(?:[-•*▪·◦–]\s+|\(?\d{1,3}[.)]\s+|\(?[a-z][)]\s+)(?=\S)")


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
    wrapped: bool = False  # part of a hard-wrapped paragraph (see mark_wrapped)
    _norm: str | None = None

    @property
    def norm(self) -> str:
        """The text casefolded, punctuation as single spaces (computed once)."""
        if self._norm is None:
            self._norm = _NON_WORD.sub(" ", self.text.casefold()).strip()
        return self._norm

    @property
    def is_prose(self) -> bool:
        """Reads like running text: a full sentence, a long line or a wrapped paragraph."""
        return self.words >= 20 or (self.words >= 5 and self.sentence_end) or self.wrapped

    @property
    def is_table_row(self) -> bool:
        """A row of a table as extractors write it ("| a | b |" or tab-separated cells)."""
        text = self.text
        if text[0] != "|" and "\t" not in text:
            return False
        return _TABLE_ROW.match(text) is not None

    @property
    def is_list_item(self) -> bool:
        """A bulleted or numbered list item ("- item", "1) item", "2. item")."""
        first = self.text[0]
        if not (first in _BULLETS or first.isdigit() or (first.islower() and first.isascii())):
            return False
        return _LIST_ITEM.match(self.text) is not None

    @property
    def is_headline_shaped(self) -> bool:
        """3-30 words, starts with a letter, does not end with a full stop unless
        written in headline capitals ("... Diverted to Avoid Bad Optics.")."""
        if not 3 <= self.words <= 30 or _BARE_URL.match(self.text):
            return False
        if self.text.endswith(".") and not title_cased(self.text):
            return False
        if _LETTER_START.match(self.text) is not None:
            return True
        # "11 Children Rescued From …", "3-D-printed guns put …": a number opening a
        # headline of real words, not a date or a figure line ("12 March 2024 10:30")
        words = len(_LONG_WORD.findall(self.text))
        return _NUMBER_START.match(self.text) is not None and words >= 3


_NUMBER_START = re.compile(r"^\d[\d,.]*(?:-[^\W\d_][\w-]*)?\s+\S|^\d-[^\W\d_]")
_LONG_WORD = re.compile(r"[^\W\d_]{3,}")
_BARE_URL = re.compile(r"(?:https?://|www\.)\S+$", re.IGNORECASE)  # an address, not a headline


def title_cased(text: str) -> bool:
    """Headline capitalisation: at least 80 % of the words of four letters or more (and
    at least three of them) start upper-case."""
    long_words = [w for w in text.split() if sum(c.isalpha() for c in w) >= 4]
    if len(long_words) < 3:
        return False
    upper = sum(1 for w in long_words if w.lstrip("\"'“‘(")[:1].isupper())
    return upper >= 0.8 * len(long_words)


def word_count(text: str) -> int:
    """Number of words in ``text``: space-separated tokens, and one word per two
    characters of a script written without spaces (Chinese, Japanese, Thai...)."""
    count = len(_WORD.findall(text))
    if text.isascii():
        return count
    unspaced = len(_UNSPACED.findall(text))
    return count + unspaced // CHARS_PER_WORD if unspaced else count


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


_CONTINUES = re.compile(
    r"[,;:\-–—(]$|\b(?:the|a|an|of|to|in|on|at|for|and|or|but|with|by|from|that)$"
)
_LOWER_START = re.compile(r"^[\"'“‘«(]?[^\W\d_]")
WRAPPED_MIN_WORDS = 20


def _continues(first: Line, second: Line) -> bool:
    """``second`` carries on the sentence ``first`` breaks off (a hard line wrap)."""
    if first.sentence_end or first.block != second.block or first.words < 3:
        return False
    if second.is_list_item or second.is_table_row or first.is_table_row:
        return False
    if _CONTINUES.search(first.text.casefold()):
        return True
    start = _LOWER_START.match(second.text)
    return start is not None and start.group()[-1].islower()


def mark_wrapped(lines: list[Line]) -> None:
    """Flag lines of hard-wrapped paragraphs: chains of lines that carry on one
    another's sentences, 20 words or more in all, with a sentence end."""
    chain: list[Line] = []
    for line in [*lines, None]:
        if line is not None and chain and _continues(chain[-1], line):
            chain.append(line)
            continue
        if len(chain) >= 2 and _wrapped_chain(chain):
            for member in chain:
                member.wrapped = True
        chain = [line] if line is not None else []


def _wrapped_chain(chain: list[Line]) -> bool:
    words = sum(line.words for line in chain)
    return words >= WRAPPED_MIN_WORDS and any(
        line.sentence_end or ". " in line.text for line in chain
    )
