"""Writing-system detection by Unicode ranges (no per-line language model).

The article's script is the one most of its letters are written in. Scripts
written together count as one: Japanese mixes kana and kanji, Korean may mix
hangul and hanja, so ``kana``, ``han`` and ``hangul`` are all ``cjk``. A short
line written mostly in a script the article barely uses is foreign-script
interface text; a script the article uses at length (a bilingual page, lyrics
with a transliteration) is not foreign.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable

SCRIPTS: dict[str, str] = {
    "latin": "A-Za-z\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f\u1e00-\u1eff",
    "cyrillic": "\u0400-\u052f\u1c80-\u1c8f\u2de0-\u2dff\ua640-\ua69f",
    "greek": "\u0370-\u03ff\u1f00-\u1fff",
    "armenian": "\u0530-\u058f",
    "hebrew": "\u0590-\u05ff",
    "arabic": "\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff\ufb50-\ufdff\ufe70-\ufeff",
    "georgian": "\u10a0-\u10ff\u2d00-\u2d2f",
    "indic": "\u0900-\u0dff",
    "thai": "\u0e00-\u0e7f",
    "hangul": "\u1100-\u11ff\uac00-\ud7af",
    "kana": "\u3040-\u30ff",
    "han": "\u3400-\u4dbf\u4e00-\u9fff",
}
FAMILY = {"kana": "cjk", "han": "cjk", "hangul": "cjk"}
FOREIGN_MAX_SHARE = 0.1  # a script with more of the article's letters is not foreign
_PATTERNS = {name: re.compile(f"[{ranges}]") for name, ranges in SCRIPTS.items()}
_NON_LATIN = re.compile("[" + "".join(r for n, r in SCRIPTS.items() if n != "latin") + "]")
_LATIN = _PATTERNS["latin"]


def script_counts(text: str) -> Counter[str]:
    """Letters of ``text`` per script."""
    counts: Counter[str] = Counter()
    latin = len(_LATIN.findall(text))
    if latin:
        counts["latin"] = latin
    if text.isascii() or _NON_LATIN.search(text) is None:
        return counts
    for name, pattern in _PATTERNS.items():
        if name != "latin":
            found = len(pattern.findall(text))
            if found:
                counts[FAMILY.get(name, name)] += found
    return counts


def script_totals(texts: Iterable[str]) -> Counter[str]:
    """Letters per script over ``texts`` (ASCII-only texts are counted by length)."""
    total: Counter[str] = Counter()
    for text in texts:
        if _NON_LATIN.search(text) is None:
            total["latin"] += len(text)  # close enough: only the shares matter
        else:
            total.update(script_counts(text))
    return total


def dominant_script(texts: Iterable[str]) -> str:
    """Script with the most letters over ``texts`` (``"latin"`` when none)."""
    total = script_totals(texts)
    if not total:
        return "latin"
    return total.most_common(1)[0][0]


def is_foreign(
    text: str,
    article_script: str,
    share: float = 0.5,
    used: frozenset[str] = frozenset(),
) -> bool:
    """Whether more than ``share`` of the letters of ``text`` are in scripts other
    than the article's and those in ``used`` (scripts the article uses at length)."""
    if article_script == "latin" and _NON_LATIN.search(text) is None:
        return False
    counts = script_counts(text)
    letters = sum(counts.values())
    if letters == 0:
        return False
    own = sum(n for name, n in counts.items() if name == article_script or name in used)
    return (letters - own) / letters > share


def used_scripts(texts: Iterable[str]) -> frozenset[str]:
    """Scripts holding more than :data:`FOREIGN_MAX_SHARE` of the letters of ``texts``."""
    total = script_totals(texts)
    letters = sum(total.values())
    if not letters:
        return frozenset()
    return frozenset(name for name, n in total.items() if n / letters > FOREIGN_MAX_SHARE)
