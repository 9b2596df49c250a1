"""Dates and times in datelines ("15 May 2025 12:49", "May 15, 2025", "2025-05-15").

Only explicit calendar dates are read; a date whose day and month order cannot be
told apart ("05/06/2025") is left unknown rather than guessed.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from importlib import resources

_TIME = (
    r"(?:[\s,|/•·-]*(?:at|à|в|saat|um|a las)?\s*T?"
    r"(?P<H>[01]?\d|2[0-3])[:.h](?P<M>[0-5]\d)(?::(?P<S>[0-5]\d))?"
    r"(?:\s*(?P<ampm>[ap])\.?\s?m\.?)?"
    r"(?:\s*(?:(?P<tz>Z|UTC|GMT)|[A-Z]{3,4})?\s*(?P<off>[+-](?:0\d|1[0-4])(?::?[0-5]\d)?)?)?)?"
)
_CUE_WORDS = re.compile(
    r"(?i)\b(?:published|updated|posted|last updated|first published|date|modified|on|at|"
    r"last update|"
    r"son güncelleme|güncellendi|güncelleme|yayınlandı|оновлено|опубліковано|mis à jour le|le|"
    r"publié|mis à jour|veröffentlicht|aktualisiert|publicado|actualizado|опубликовано|"
    r"обновлено|дата|dərc edilib|yenilənib|yayınlanma|güncelleme|"
    r"monday|tuesday|wednesday|thursday|friday|saturday|sunday|"
    r"mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun|"
    r"utc|gmt|bst|cet|cest|est|edt|pst|pdt|msk|azt|eet|eest|trt|local time|am|pm|a\.m|p\.m)\b"
)


@dataclass(frozen=True, slots=True)
class FoundDate:
    """A date found in a line: ISO value and where it was."""

    value: str
    start: int
    end: int


@lru_cache(maxsize=1)
def _month_table() -> dict[str, int]:
    path = resources.files("narrascope.resources") / "clean" / "months.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    return {name: int(k) for k, names in data.items() if not k.startswith("_") for name in names}


@lru_cache(maxsize=1)
def _patterns() -> tuple[re.Pattern[str], ...]:
    names = sorted(_month_table(), key=len, reverse=True)
    month = "(?P<mon>" + "|".join(re.escape(n) for n in names) + r")\.?"
    day = r"(?P<d>[0-3]?\d)(?:st|nd|rd|th|er)?"
    year = r"(?P<y>(?:19|20)\d\d)"
    shapes = (
        rf"{day}\s+(?:of\s+|de\s+)?{month},?\s+(?:de\s+)?{year}(?:\s*(?:г\.?|il|yılı))?",
        rf"{month}\s+{day},?\s+{year}",
        r"(?P<y>(?:19|20)\d\d)-(?P<m>[01]?\d)-(?P<d>[0-3]?\d)",
        r"(?P<d>[0-3]?\d)\.(?P<m>[01]?\d)\.(?P<y>(?:19|20)\d\d)",
        r"(?P<a>[0-3]?\d)/(?P<b>[0-3]?\d)/(?P<y>(?:19|20)\d\d)",
    )
    return tuple(re.compile(rf"(?<![\w/.-]){s}{_TIME}(?![\w/])", re.IGNORECASE) for s in shapes)


_YEAR_HINT = re.compile(r"(?:19|20)\d\d")


def find_date(text: str) -> FoundDate | None:
    """The first explicit calendar date (with its time, if given) in ``text``."""
    if _YEAR_HINT.search(text) is None:
        return None
    for pattern in _patterns():
        for match in pattern.finditer(text):
            value = _iso(match)
            if value is not None:
                return FoundDate(value, match.start(), match.end())
    return None


def dateline_value(text: str) -> str | None:
    """ISO date of a line that is only a dateline, e.g. "Published: 15 May 2025 12:49"."""
    if len(text) > 80:
        return None
    found = find_date(text)
    if found is None:
        return None
    rest = _CUE_WORDS.sub(" ", text[: found.start] + " " + text[found.end :])
    words = [w for w in re.split(r"[\W\d_]+", rest) if w]
    return found.value if len(words) <= 2 and len(text.split()) <= 9 else None


def _iso(match: re.Match[str]) -> str | None:
    groups = match.groupdict()
    month = _month_number(groups)
    if month is None:
        return None
    try:
        day = date(int(groups["y"]), month, int(groups.get("d") or _day_of(groups)))
    except (TypeError, ValueError):
        return None
    time = _time(groups)
    return day.isoformat() if time is None else f"{day.isoformat()}T{time}"


def _month_number(groups: dict[str, str | None]) -> int | None:
    if groups.get("mon"):
        return _month_table().get(str(groups["mon"]).casefold().rstrip("."))
    if groups.get("m"):
        return int(str(groups["m"]))
    first, second = int(groups["a"] or 0), int(groups["b"] or 0)
    if first > 12 >= second:
        return second
    if second > 12 >= first:
        return first
    return None  # 05/06/2025: day and month order unknown


def _day_of(groups: dict[str, str | None]) -> int:
    first, second = int(groups["a"] or 0), int(groups["b"] or 0)
    return first if first > 12 else second


def _time(groups: dict[str, str | None]) -> str | None:
    if groups.get("H") is None:
        return None
    hour, minute = int(str(groups["H"])), int(str(groups["M"]))
    ampm = (groups.get("ampm") or "").lower()
    if ampm == "p" and hour < 12:
        hour += 12
    elif ampm == "a" and hour == 12:
        hour = 0
    value = f"{hour:02d}:{minute:02d}"
    if groups.get("S"):
        value += f":{groups['S']}"
    return value + _offset(groups)


def _offset(groups: dict[str, str | None]) -> str:
    off = groups.get("off")
    if off:
        digits = off[1:].replace(":", "")
        return f"{off[0]}{digits[:2].zfill(2)}:{(digits[2:] or '00').zfill(2)}"
    return "+00:00" if groups.get("tz") else ""
