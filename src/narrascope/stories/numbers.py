"""Reading numbers written in words or digits, and comparing them."""

from __future__ import annotations

import math
import re
from functools import cache

from narrascope.stories.lexicon import (
    APPROX_WORDS,
    LOWER_BOUNDS,
    MULTIPLIERS,
    NUMBER_WORDS,
    UPPER_BOUNDS,
)

_DIGITS = re.compile(r"\d+(?:[.,]\d+)*")
_LEADING_GROUP = re.compile(r"[1-9]\d{0,2}")  # may open spaced groups: "2" of "2 000"
_THOUSANDS = re.compile(r"\d{3}(?:[.,]\d{1,2})?")  # a last group may hold decimals

MAX_VALUE = 1e15
"""Largest value a written number may have; larger ones are rejected, not parsed."""


def parse_number(text: str, language: str | None = None) -> float | None:
    """The value of a written number ("40", "1,200", "2 000", "2.5 million", "twelve");
    ``None`` if none.

    Digits follow the separators of ``language`` (English when unknown): "1.234,5"
    in German, "1,234.5" in English. Malformed digit groups ("1,2,3", "1.2.3.4")
    and values beyond :data:`MAX_VALUE` give ``None``; this never raises.
    """
    decimal = decimal_mark(language)
    words = text.lower().replace("-", " ").split()
    total, current, seen, grouping, previous_digits = 0.0, 0.0, False, False, False
    for word in words:
        digits = _DIGITS.fullmatch(word.strip("$€£¥%+"))
        if digits and grouping and _THOUSANDS.fullmatch(digits.group()):
            group = digits_value(digits.group(), decimal) or 0.0
            current = current * 1000 + group  # "2 000", "12 345,67": spaced thousands
            grouping = digits.group().isdigit()
            continue
        if digits and previous_digits:
            return None  # "12 34", "2 0001": two figures side by side are no one number
        previous_digits = bool(digits)
        grouping = bool(digits and _LEADING_GROUP.fullmatch(digits.group()))
        if digits:
            value = digits_value(digits.group(), decimal)
            if value is None:
                return None
            current += value
            seen = True
        elif word in NUMBER_WORDS:
            current += NUMBER_WORDS[word]
            seen = True
        elif word in MULTIPLIERS and seen:
            total += max(current, 1.0) * MULTIPLIERS[word]
            current = 0.0
    if not seen:
        return None
    result = total + current
    return result if math.isfinite(result) and abs(result) <= MAX_VALUE else None


def digits_value(text: str, decimal: str = ".") -> float | None:
    """Value of digits with separators, ``decimal`` being the decimal mark ("." or ",").

    Both marks present: the last one is the decimal mark and the other must group
    thousands ("15,780.62", "1.234,56"). One mark repeated: thousands groups
    ("1,234,567"). One mark once: the decimal mark, unless it is the grouping mark
    of ``decimal``'s convention followed by exactly three digits ("1,002" in
    English, "1.002" in German); a lone other mark is a decimal mark ("2,5"
    reads 2.5 everywhere). Anything else ("1,2,3", "1.2.3.4") is ``None``.
    """
    if len(text) > 40:  # beyond any plausible figure; also bounds the work done
        return None
    group = "," if decimal == "." else "."
    marks = [c for c in text if c in ".,"]
    if not marks:
        value = float(text)
    elif len(set(marks)) == 2:
        last = marks[-1]
        if marks.count(last) > 1:
            return None
        head, _, tail = text.rpartition(last)
        other = "," if last == "." else "."
        if not re.fullmatch(_grouped(other), head):
            return None
        value = float(head.replace(other, "") + "." + tail)
    elif len(marks) > 1:
        if not re.fullmatch(_grouped(marks[0]), text):
            return None
        value = float(text.replace(marks[0], ""))
    elif marks[0] == group and re.fullmatch(_grouped(group), text):
        value = float(text.replace(group, ""))
    else:
        value = float(text.replace(",", "."))
    return value if math.isfinite(value) and value <= MAX_VALUE else None


def _grouped(sep: str) -> str:
    """Digits grouped in thousands by ``sep``: "1,234,567"."""
    return r"\d{1,3}(?:" + re.escape(sep) + r"\d{3})+"


@cache
def decimal_mark(language: str | None) -> str:
    """The decimal mark of ``language`` from the Unicode CLDR data (via Babel); "." if unknown."""
    if not language or language in ("en", "und"):
        return "."
    try:
        from babel.numbers import get_decimal_symbol

        symbol = get_decimal_symbol(language)
    except Exception:  # unknown or malformed locale: English conventions
        return "."
    return "," if symbol in (",", "\u066b") else "."


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
    """Stable text form of a number with its qualifier: ``"40"``, ``"~40"``, ``">40"``.

    Up to 12 significant digits, so "15,780.62" stays ``"15780.62"`` (not ``"15780.6"``).
    """
    text = f"{value:.0f}" if value == int(value) else f"{value:.12g}"
    return f"{mark}{text}"


def numbers_conflict(a: str, b: str, tolerance: float = 0.1) -> bool:
    """Whether two formatted values cannot both be right.

    Exact values conflict when they differ; an approximate one only beyond
    ``tolerance`` relative difference; a bound only with a value outside it
    (two bounds never conflict).
    """
    ma, va = _split(a)
    mb, vb = _split(b)
    if va == vb or math.isnan(va) or math.isnan(vb):
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
    try:
        number = float(value[len(mark) :])
    except ValueError:  # a value stored by an older version: never a conflict
        return mark, math.nan
    return mark, number if math.isfinite(number) else math.nan
