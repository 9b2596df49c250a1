"""Reading numbers written in words or digits, and comparing them."""

from __future__ import annotations

import re

from narrascope.stories.lexicon import (
    APPROX_WORDS,
    LOWER_BOUNDS,
    MULTIPLIERS,
    NUMBER_WORDS,
    UPPER_BOUNDS,
)

_DIGITS = re.compile(r"\d+(?:[.,]\d+)*")


def parse_number(text: str) -> float | None:
    """The value of a written number ("40", "1,200", "2.5 million", "twelve"); ``None`` if none."""
    words = text.lower().replace("-", " ").split()
    total, current, seen = 0.0, 0.0, False
    for word in words:
        digits = _DIGITS.fullmatch(word.strip("$€£%"))
        if digits:
            current += _digits_value(digits.group())
            seen = True
        elif word in NUMBER_WORDS:
            current += NUMBER_WORDS[word]
            seen = True
        elif word in MULTIPLIERS and seen:
            total += max(current, 1.0) * MULTIPLIERS[word]
            current = 0.0
    return total + current if seen else None


def _digits_value(text: str) -> float:
    if re.fullmatch(r"\d{1,3}(,\d{3})+", text):
        return float(text.replace(",", ""))
    return float(text.replace(",", "."))


def qualifier(words: list[str]) -> str:
    """How words before a number qualify it: ``">"`` lower bound, ``"<"`` upper bound,
    ``"~"`` approximate, ``""`` exact."""
    lowered = [w.lower() for w in words]
    text = " ".join(lowered)
    if any(p in text for p in LOWER_BOUNDS):
        return ">"
    if any(p in text for p in UPPER_BOUNDS):
        return "<"
    return "~" if any(w in APPROX_WORDS for w in lowered) else ""


def format_value(value: float, mark: str = "") -> str:
    """Stable text form of a number with its qualifier: ``"40"``, ``"~40"``, ``">40"``."""
    text = f"{value:.0f}" if value == int(value) else f"{value:g}"
    return f"{mark}{text}"


def numbers_conflict(a: str, b: str, tolerance: float = 0.1) -> bool:
    """Whether two formatted values cannot both be right.

    Exact values conflict when they differ; an approximate one only beyond
    ``tolerance`` relative difference; a bound only with a value outside it
    (two bounds never conflict).
    """
    ma, va = _split(a)
    mb, vb = _split(b)
    if va == vb:
        return False
    if ma in "<>" and ma and mb in "<>" and mb:
        return False
    if ma in ("<", ">") or mb in ("<", ">"):
        mark, bound, other = (ma, va, vb) if ma in ("<", ">") else (mb, vb, va)
        return other < bound if mark == ">" else other > bound
    if ma == "~" or mb == "~":
        return abs(va - vb) / max(abs(va), abs(vb)) > tolerance
    return True


def _split(value: str) -> tuple[str, float]:
    mark = value[0] if value[:1] in ("~", "<", ">") else ""
    return mark, float(value[len(mark) :])
