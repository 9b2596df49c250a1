"""Bylines: "By Jane Doe", "Written by A and B | Reporter", "Автор: …"."""

from __future__ import annotations

import re

from narrascope.clean.dates import find_date
from narrascope.clean.lexicon import Lexicon, load_lexicon, normalise
from narrascope.clean.lines import Line

_NAME_TOKEN = r"[A-ZÀ-ÖØ-ÞĀ-ŽА-ЯЁІЇЄƏŞĞİÇÖÜ][\w'’.\-]*"
_PARTICLES = r"van|von|de|da|del|der|di|al|el|bin|ibn|le|la"
_CONNECTOR = rf"(?:,\s*|\s+(?:and|&|und|et|y|и|və)\s+|\s+(?:{_PARTICLES})\s+|\s+)"
_NAME = rf"{_NAME_TOKEN}(?:{_CONNECTOR}{_NAME_TOKEN}){{0,7}}"
_BYLINE = re.compile(
    r"^(?i:by|written by|words by|story by|reporting by|reported by|posted by|text by|"
    r"author|authors|автор|авторы|текст|müəllif|yazar|yazan|par|von|por|di)\s*[:\-–—]?\s+"
    rf"(?P<name>{_NAME})"
    r"(?P<rest>\s*(?:[,|•·/(]|—|–|\s-\s|\s+in\s+|\s+for\s+).*)?$"
)
_NAME_LINE = re.compile(rf"^{_NAME}$")
_BY_NAME = re.compile(rf"(?:^|\s)(?i:by)\s+(?P<name>{_NAME})")
_PARTS = re.compile(r"\s*(?:\||•|·|—|–|/|,)\s*")
_ROLE_WORDS = re.compile(
    r"(?i)\b(?:staff|reporter|correspondent|editor|writer|contributor|journalist|columnist|"
    r"bureau|desk|team|agencies|news|press|updated|published|posted)\b"
)


def line_author(line: Line) -> str | None:
    """The author named by a byline ("By X", "X | 9 May 2025", "Posted … by X")."""
    return byline_author(line) or dated_byline_author(line)


def name_shaped(text: str) -> bool:
    """Two to four capitalised name words and nothing else ("Jane Doe")."""
    words = text.split()
    if not 2 <= len(words) <= 4 or len(text) > 40 or any(ch.isdigit() for ch in text):
        return False
    return _NAME_LINE.match(text) is not None and not _ROLE_WORDS.search(text)


def dated_byline_author(line: Line) -> str | None:
    """The author of a line holding a date and a name, e.g. "Jane Doe | 9 May 2025"."""
    if line.words > 16:
        return None
    found = find_date(line.text)
    if found is None:
        return None
    rest = line.text[: found.start] + " | " + line.text[found.end :]
    match = _BY_NAME.search(rest)
    if match:
        return _tidy(match.group("name"))
    for part in _PARTS.split(rest):
        if name_shaped(part.strip()) and not _interface(part.strip(), load_lexicon()):
            return _tidy(part.strip())
    return None


def _tidy(name: str) -> str | None:
    name = _trim_name(name)
    if not name:
        return None
    return name.title() if name.isupper() else name


def byline_author(line: Line) -> str | None:
    """The author named by a "By …" line, or ``None`` when the line is not one."""
    if line.words > 16 or (line.sentence_end and line.words > 7):
        return None
    match = _BYLINE.match(line.text)
    if match is None:
        return None
    name = _trim_name(match.group("name"))
    if not name or not name[0].isupper():
        return None
    rest = match.group("rest") or ""
    if rest and not _plausible_rest(rest):
        return None
    return _tidy(name)


def _trim_name(name: str) -> str:
    """Drop trailing role words and punctuation the name pattern swallowed."""
    tokens = name.rstrip(" ,.").split()
    while tokens and _ROLE_WORDS.fullmatch(tokens[-1].strip(",.")):
        tokens.pop()
    return " ".join(tokens).rstrip(" ,.")


def _plausible_rest(rest: str) -> bool:
    """After the name: a role, an outlet, a place or a date, not a clause."""
    if find_date(rest) is not None or _ROLE_WORDS.search(rest):
        return True
    words = rest.split()
    return len(words) <= 6 and not any(w.islower() and len(w) > 3 for w in words[1:])


_AUTHOR_LABEL = re.compile(
    r"^(?i:(?:view|see|read)\s+(?:all\s+)?(?:posts|articles|stories)\s+by|all\s+posts\s+by|"
    r"posted\s+by|written\s+by|by|author|autor|auteur|von|par)\s*[:\-–—]?\s+"
)


def page_author_name(author: str | None, lexicon: Lexicon) -> str | None:
    """A page's author field without label words ("View all posts by X", "Autor X") and
    without interface text taken for a name ("View Comments", a "www." host)."""
    names = []
    for part in (author or "").split(";"):
        name = _AUTHOR_LABEL.sub("", part.strip()).strip()
        if name and not _interface(name, lexicon):
            names.append(name)
    return "; ".join(names) or None


def _interface(text: str, lexicon: Lexicon) -> bool:
    """Interface text, not a name: a UI string or cue ("View Comments"), a "www." host."""
    norm = normalise(text)
    return norm.startswith("www ") or norm in lexicon.lines or bool(lexicon.find_cues(norm))
