"""The UI vocabulary shipped in ``narrascope/resources/clean`` and its matchers.

Two data files: ``ui_lexicon.json`` (whole-line UI strings by category and
language) and ``cues.json`` (phrases that mark a line as chrome of a category).
Both are loaded once and compiled into regular expressions.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

_NON_WORD = re.compile(r"[\W_]+")
NEUTRAL = "xx"  # lexicon language of brand names and codes


def normalise(text: str) -> str:
    """Casefolded text with punctuation and symbols turned into single spaces."""
    return _NON_WORD.sub(" ", text.casefold()).strip()


@dataclass(frozen=True, slots=True)
class CueSet:
    """One chrome category of phrase cues."""

    reason: str
    max_words: int
    requires_digits: bool
    start: re.Pattern[str] | None  # anchor "start": matched on the raw line


@dataclass(frozen=True, slots=True)
class Lexicon:
    """Whole-line UI strings and phrase cues.

    ``cue_index`` maps the first word of every "anywhere" cue to the cue's other
    words, so one pass over a line's words finds every cue of every category;
    ``cue_weights`` maps a found cue to ``{category index: 2 (strong) or 1 (weak)}``.
    """

    lines: dict[str, tuple[str, str]]  # normalised line -> (reason, language)
    outlet_words: frozenset[str]  # last words of outlet names ("herald", "daily")
    cues: tuple[CueSet, ...]
    cue_index: dict[str, tuple[tuple[tuple[str, ...], str], ...]]
    cue_weights: dict[str, dict[int, int]]

    def find_cues(self, norm: str) -> set[str]:
        """Every cue in a normalised line."""
        words = norm.split()
        found: set[str] = set()
        for position, word in enumerate(words):
            for rest, cue in self.cue_index.get(word, ()):
                if tuple(words[position + 1 : position + 1 + len(rest)]) == rest:
                    found.add(cue)
        return found


@lru_cache(maxsize=1)
def load_lexicon() -> Lexicon:
    """The packaged lexicon, compiled (cached)."""
    specs = [(k, v) for k, v in _read("cues.json").items() if not k.startswith("_")]
    weights: dict[str, dict[int, int]] = {}
    for number, (_, spec) in enumerate(specs):
        if spec.get("anchor", "any") != "any":
            continue
        for strength, key in ((1, "weak"), (2, "strong")):
            for cue in spec.get(key, []):
                weights.setdefault(normalise(cue), {})[number] = strength
    return Lexicon(
        lines=_line_table(_read("ui_lexicon.json")),
        outlet_words=frozenset(_read("outlet_words.json")["words"]),
        cues=tuple(_cue_set(reason, spec) for reason, spec in specs),
        cue_index=_index(list(weights)),
        cue_weights=weights,
    )


def is_masthead(text: str, lexicon: Lexicon) -> bool:
    """A short Title Case or capitals line ending in an outlet word ("The Harbour Ledger")."""
    words = text.split()
    if not 1 <= len(words) <= 4 or not all(w[:1].isupper() or w[:1].isdigit() for w in words):
        return False
    return normalise(words[-1]) in lexicon.outlet_words


def _read(name: str) -> dict[str, Any]:
    path = resources.files("narrascope.resources") / "clean" / name
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return data


def _line_table(data: dict[str, Any]) -> dict[str, tuple[str, str]]:
    table: dict[str, tuple[str, str]] = {}
    for reason, by_language in data.items():
        if reason.startswith("_"):
            continue
        for language, entries in by_language.items():
            for entry in entries:
                table.setdefault(normalise(entry), (reason, language))
    return table


def _index(cues: list[str]) -> dict[str, tuple[tuple[tuple[str, ...], str], ...]]:
    index: dict[str, list[tuple[tuple[str, ...], str]]] = {}
    for cue in cues:
        words = cue.split()
        if words:
            index.setdefault(words[0], []).append((tuple(words[1:]), cue))
    return {first: tuple(entries) for first, entries in index.items()}


def _start_pattern(cues: list[str]) -> re.Pattern[str]:
    parts = sorted({normalise(c) for c in cues if normalise(c)}, key=len, reverse=True)
    body = "|".join(r"[\W_]+".join(re.escape(w) for w in p.split()) for p in parts)
    return re.compile(r"^[^\w]*(?:" + body + r")\s*(?:[:|»>›—–]|-\s|$)", re.IGNORECASE)


def _cue_set(reason: str, spec: dict[str, Any]) -> CueSet:
    anchor = spec.get("anchor", "any")
    return CueSet(
        reason="donation-appeal" if reason == "payment" else reason,
        max_words=int(spec["max_words"]),
        requires_digits=bool(spec.get("requires_digits", False)),
        start=_start_pattern(spec["strong"]) if anchor == "start" else None,
    )
