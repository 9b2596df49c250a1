"""Repeated kicker prefixes: "Headline words:" glued before paragraph after paragraph.

Some sites prefix each paragraph with the headline or a shortened form of it
("X: text", "X::text", "X:text") and repeat it as a bare line between
paragraphs. A prefix counts as a kicker when a family of such prefixes, sharing
their first two words, recurs: twice when the family starts like the first line
(the headline), three times and on 30 % of the paragraphs otherwise.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field

from narrascope.clean.lexicon import normalise
from narrascope.clean.lines import Line

_PREFIX = re.compile(r"^(?P<kicker>[^:.!?\n\"“”]{3,150}?)\s*::?(?!\d|//)\s*(?=\S)")
_UPPER_START = re.compile(r"^[\"'“‘«]?[^\W\d_]")
MAX_KICKER_WORDS = 15


@dataclass(slots=True)
class Kickers:
    """Where kickers were found: prefix cuts and bare kicker lines."""

    cuts: dict[int, int] = field(default_factory=dict)  # line index -> chars to drop
    bare: set[int] = field(default_factory=set)  # line indices that are only a kicker
    headed: set[int] = field(default_factory=set)  # kicker lines before the first paragraph


def find_kickers(lines: list[Line]) -> Kickers:
    """Kicker prefixes and bare kicker lines among ``lines``."""
    found = Kickers()
    if len(lines) < 3:
        return found
    families = _families(lines[1:])
    prose = sum(1 for line in lines if line.words >= 12)
    kickers: set[str] = set()
    for key, members in families.items():
        first = min((i for i, cut, _ in members if _prose_rest(lines[i], cut)), default=0)
        if _qualifies(key, members, _headline_keys(lines, first), prose):
            for index, cut, norm in members:
                found.cuts[index] = cut
                kickers.add(norm)
                if _prose_rest(lines[index], cut):
                    continue
                if index < first:  # "Kicker: headline" above the article
                    found.headed.add(index)
                else:  # "Kicker: caption" between paragraphs
                    found.bare.add(index)
    if kickers:
        title_norm = lines[0].norm
        for line in lines[1:]:
            norm = line.norm
            if norm in kickers or _is_word_prefix(norm, title_norm):
                found.bare.add(line.index)
    found.bare -= found.headed
    for index in found.bare | found.headed:
        found.cuts.pop(index, None)
    return found


def _headline_keys(lines: list[Line], first_member: int) -> set[str]:
    """First two words of the first line and of headline-shaped lines before the kickers."""
    keys = {_key(lines[0].norm)}
    keys.update(_key(line.norm) for line in lines[:first_member] if line.is_headline_shaped)
    return keys


def _prose_rest(line: Line, cut: int) -> bool:
    """What follows the kicker reads as a paragraph (else the line is a caption)."""
    rest = line.text[cut:]
    words = len(rest.split())
    return words >= 12 or (words >= 4 and rest.rstrip("\"'’”»)").endswith((".", "!", "?", "…")))


Member = tuple[int, int, str]  # (line index, chars to cut, normalised kicker)


def _families(lines: list[Line]) -> dict[str, list[Member]]:
    families: dict[str, list[Member]] = defaultdict(list)
    for line in lines:
        match = _PREFIX.match(line.text)
        if match is None:
            continue
        kicker = match.group("kicker")
        words = kicker.split()
        if not 2 <= len(words) <= MAX_KICKER_WORDS or not _UPPER_START.match(kicker):
            continue
        norm = normalise(kicker)
        families[_key(norm)].append((line.index, match.end(), norm))
    return families


def _qualifies(key: str, members: list[Member], title_keys: set[str], prose: int) -> bool:
    if not key:
        return False
    if key in title_keys and len(members) >= 2:
        return True
    long_enough = all(len(norm.split()) >= 3 for _, _, norm in members)
    return len(members) >= 3 and long_enough and len(members) >= 0.3 * max(prose, 1)


def _key(norm: str) -> str:
    words = norm.split()
    return " ".join(words[:2]) if len(words) >= 2 else ""


def _is_word_prefix(short: str, long: str) -> bool:
    """``short`` is the first two or more words of ``long``."""
    if len(short.split()) < 2:
        return False
    return long == short or long.startswith(short + " ")
