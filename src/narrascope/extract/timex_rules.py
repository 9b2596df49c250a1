"""The patterns of temporal expressions and how each is resolved.

Each rule is a regular expression (named group ``t`` is the expression when the
match also holds a preposition) and a handler that turns the match and the
reading state (publication date, last date mentioned, tense) into a value.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from narrascope.extract import when as cal
from narrascope.extract.resources import temporal
from narrascope.extract.timex_state import Handler
from narrascope.extract.timex_state import ReadState as _State

Resolved = cal.Resolved
UPCOMING_DAYS = 183  # a bare date further ahead than this is last year's
NEAR_SENTENCES = 2  # a full date this many sentences back still anchors "July 23"


def _alt(words: dict[str, object]) -> str:
    return "|".join(sorted((re.escape(w) for w in words), key=len, reverse=True))


def _month_alt(months: dict[str, int]) -> str:
    """Month names; abbreviations ("Sept.") may carry a full stop, full names do not."""
    full = {w for w in months if len(w) > 4 or w == "may"}
    parts = [re.escape(w) if w in full else re.escape(w) + r"\.?" for w in months]
    return "|".join(sorted(parts, key=len, reverse=True))


def _month_no(word: str) -> int | None:
    """Month number of a capitalised month word ("may" the verb is not a month)."""
    if not word[:1].isupper():
        return None
    return temporal().months.get(word.lower().rstrip("."))


def _num(word: str) -> float | None:
    word = re.sub(r"\s+", " ", word.lower())
    if word.isdigit():
        return float(word)
    return temporal().numbers.get(word)


def _pub(state: _State) -> str:
    return f"published:{state.published.isoformat()}" if state.published else ""


def _ctx(state: _State) -> str:
    return f"context:{state.context.iso()}" if state.context else ""


def _context_year(state: _State, rel: str) -> tuple[int, str] | None:
    """The year "that year" / "the following year" point to."""
    offsets = {
        "that": 0,
        "the same": 0,
        "the following": 1,
        "the next": 1,
        "the previous": -1,
        "the preceding": -1,
    }
    rel = re.sub(r"\s+", " ", rel.lower())
    if rel in offsets and state.context and state.context.year is not None:
        return state.context.year + offsets[rel], _ctx(state)
    if rel in {"last", "this", "next"} and state.published:
        return state.published.year + {"last": -1, "this": 0, "next": 1}[rel], _pub(state)
    return None


def _guess_year(state: _State, month_no: int, day_no: int | None = None) -> tuple[int, str] | None:
    """Year of a date written without one: a date just mentioned, else publication.

    A year named in the same sentence, or a full date in the sentences just
    before, anchors "July 23"; anything further back yields to the publication date.
    """
    ctx = state.context
    gap = state.sentence - state.context_sentence
    near = gap == 0 or (
        gap <= NEAR_SENTENCES and ctx is not None and ctx.precision in {"day", "time"}
    )
    if ctx and ctx.year is not None and near:  # never a stray year from further back
        return ctx.year, _ctx(state)
    pub = state.published
    if pub is None:
        return None
    candidate = date(pub.year, month_no, min(day_no or 1, 28))
    if state.future and candidate < pub.replace(day=1):
        return pub.year + 1, _pub(state)  # "plans to publish data in February" (in December)
    if (candidate - pub).days > UPCOMING_DAYS:
        return pub.year - 1, _pub(state)
    return pub.year, _pub(state)


# handlers -------------------------------------------------------------------


def iso_date(m: re.Match[str], state: _State) -> Resolved | None:
    y, mo, d = int(m[1]), int(m[2]), int(m[3])
    if not (1 <= mo <= 12 and 1 <= d <= 31):
        return None
    time = f"{m[4]}:{m[5]}" if m[4] else None
    return Resolved(cal.When(y, mo, d, "time" if time else "day", time=time))


def day_month_year(m: re.Match[str], state: _State) -> Resolved | None:
    mo = _month_no(m["mon"])
    d, y = int(m["day"]), int(m["year"])
    if mo is None or not 1 <= d <= 31:
        return None
    time = f"{int(m['hh']):02d}:{m['mm']}" if m["hh"] else None
    return Resolved(cal.When(y, mo, d, "time" if time else "day", time=time))


def day_month_anaphoric(m: re.Match[str], state: _State) -> Resolved | None:
    mo = _month_no(m["mon"])
    found = _context_year(state, m["rel"])
    if mo is None or found is None:
        return None
    return Resolved(cal.When(found[0], mo, int(m["day"]), "day"), found[1])


def day_month(m: re.Match[str], state: _State) -> Resolved | None:
    mo = _month_no(m["mon"])
    d = int(m["day"])
    if mo is None or not 1 <= d <= 31:
        return None
    if _DEICTIC_BEFORE.search(m.string, max(0, m.start() - 30), m.start()):
        # "published yesterday (January 16)": the publication's year, or unresolved
        pub = state.published
        return Resolved(cal.When(pub.year, mo, d, "day"), _pub(state)) if pub else None
    found = _guess_year(state, mo, d)
    return Resolved(cal.When(found[0], mo, d, "day"), found[1]) if found else None


_DEICTIC_BEFORE = re.compile(r"\b(?:yesterday|today|tomorrow|tonight)\b\W*$", re.I)


def month_year(m: re.Match[str], state: _State) -> Resolved | None:
    mo = _month_no(m["mon"])
    return Resolved(cal.month(int(m["year"]), mo)) if mo else None


def month_anaphoric(m: re.Match[str], state: _State) -> Resolved | None:
    mo = _month_no(m["mon"])
    found = _context_year(state, m["rel"])
    if mo is None or found is None:
        return None
    return Resolved(cal.month(found[0], mo), found[1])


def month_deictic(m: re.Match[str], state: _State) -> Resolved | None:
    mo = _month_no(m["mon"])
    pub = state.published
    if mo is None or pub is None:
        return None
    rel = m["rel"].lower()
    if rel in {"last", "past"}:
        y = pub.year if mo < pub.month else pub.year - 1
    elif rel in {"next", "coming"}:
        y = pub.year if mo > pub.month else pub.year + 1
    else:
        y = pub.year
    return Resolved(cal.month(y, mo), _pub(state))


def month_bare(m: re.Match[str], state: _State) -> Resolved | None:
    mo = _month_no(m["mon"])
    found = _guess_year(state, mo) if mo else None
    return Resolved(cal.month(found[0], mo), found[1]) if mo and found else None


def season_year(m: re.Match[str], state: _State) -> Resolved | None:
    code = temporal().seasons[m["season"].lower()]
    return Resolved(cal.When(int(m["year"]), precision="season", season=code))


def season_deictic(m: re.Match[str], state: _State) -> Resolved | None:
    pub = state.published
    if pub is None:
        return None
    code = temporal().seasons[m["season"].lower()]
    start = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}[code]
    rel = m["rel"].lower()
    if rel in {"last", "past"}:
        y = pub.year if pub.month >= start + 3 else pub.year - 1
    elif rel in {"next", "coming"}:
        y = pub.year if pub.month < start else pub.year + 1
    else:
        y = pub.year
    return Resolved(cal.When(y, precision="season", season=code), _pub(state))


def year_only(m: re.Match[str], state: _State) -> Resolved | None:
    return Resolved(cal.year(int(m["year"])))


def decade(m: re.Match[str], state: _State) -> Resolved | None:
    return Resolved(cal.When(int(m["dec"]) * 10, precision="decade"))


def century(m: re.Match[str], state: _State) -> Resolved | None:
    n = int(m["cent"])
    return Resolved(cal.When((n - 1) * 100, precision="century")) if 1 <= n <= 22 else None


def deictic_day(m: re.Match[str], state: _State) -> Resolved | None:
    pub = state.published
    if pub is None:
        return None
    word = re.sub(r"\s+", " ", m["t"].lower())
    offset = {
        "yesterday": -1,
        "tomorrow": 1,
        "last night": -1,
        "the day before yesterday": -2,
        "the day after tomorrow": 2,
    }.get(word, 0)
    return Resolved(cal.day(pub + timedelta(days=offset)), _pub(state))


def weekday(m: re.Match[str], state: _State) -> Resolved | None:
    if state.published is None or not m["wd"][:1].isupper():
        return None
    rel = (m["rel"] or "").lower()
    target = temporal().weekdays[m["wd"].lower()]
    future = rel in {"next", "coming"} or (state.future and rel != "last")
    found = cal.weekday_near(state.published, target, future=future, strict=rel == "last")
    return Resolved(cal.day(found), _pub(state))


def unit_deictic(m: re.Match[str], state: _State) -> Resolved | None:
    pub = state.published
    if pub is None:
        return None
    offset = {"last": -1, "this": 0, "next": 1, "coming": 1, "current": 0}[m["rel"].lower()]
    unit = m["u"].lower().replace("weekend", "week")
    found = cal.shift(cal.day(pub), unit, offset)
    return Resolved(found, _pub(state)) if found else None


_NAMED_ANCHOR = re.compile(r"[ \t]+(?:to[ \t]+)?[\w“\"'‘]")


def unit_ago(m: re.Match[str], state: _State) -> Resolved | None:
    amount = _num(m["n"])
    direction = m["dir"].lower()
    unit = m["u"].lower()
    if amount is None or amount != int(amount):
        return None
    sign = -1 if direction in {"ago", "earlier", "before", "prior"} else 1
    if direction in {"after", "before", "prior"} and _NAMED_ANCHOR.match(m.string, m.end()):
        return None  # "three days after the launch": counted from that event, not a date
    if direction == "ago":
        base, anchor = (cal.day(state.published), _pub(state)) if state.published else (None, "")
    else:
        base, anchor = state.context, _ctx(state)
    found = cal.shift(base, unit, sign * int(amount)) if base else None
    return Resolved(found, anchor) if found else None


def unit_anaphoric(m: re.Match[str], state: _State) -> Resolved | None:
    rel = re.sub(r"\s+", " ", (m["rel"] or "").lower())
    offset = {
        "following": 1,
        "next": 1,
        "previous": -1,
        "preceding": -1,
        "same": 0,
        "that": 0,
        "before": -1,
        "after": 1,
    }.get(rel)
    if offset is None or state.context is None:
        return None
    found = cal.shift(state.context, m["u"].lower(), offset)
    if found is None and offset == 0 and m["u"].lower() == "year" and state.context.year:
        found = cal.year(state.context.year)
    return Resolved(found, _ctx(state)) if found else None


# patterns -------------------------------------------------------------------


def compiled() -> tuple[tuple[re.Pattern[str], Handler], ...]:
    """The rules, compiled; matches are chosen longest-first by :mod:`dates`.

    Long on purpose: the body is one data table (pattern, handler, flags), a row per rule.
    """
    t = temporal()
    mon = rf"(?P<mon>(?i:{_month_alt(t.months)}))"
    wd = rf"(?P<wd>(?i:{_alt(dict(t.weekdays))}))"
    num = rf"(?P<n>\d+|{_alt(dict(t.numbers))})"
    ord_ = r"(?:st|nd|rd|th)?"
    rel_year = (
        r"(?P<rel>that|the same|the following|the next|the previous|the preceding|last|this|next)"
    )
    mods = (
        r"(?:(?:the\s+)?(?:early|first|opening|late|last|final|closing|middle)\s+"
        r"(?:weeks?|days|months?)\s+of\s+|(?:early|mid|late|the\s+end\s+of|"
        r"the\s+beginning\s+of|the\s+start\s+of|the\s+middle\s+of)[\s-]+)?"
    )
    rules: list[tuple[str, Handler, int]] = [
        (r"\b(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2}))?\b", iso_date, 0),
        (
            rf"\b(?P<day>\d{{1,2}}){ord_}\s+(?:of\s+)?{mon},?\s+(?P<year>\d{{4}})(?:,?\s+(?:at\s+)?(?P<hh>\d{{1,2}}):(?P<mm>\d{{2}}))?(?!\d)",
            day_month_year,
            0,
        ),
        (
            rf"\b{mon}\s+(?P<day>\d{{1,2}}){ord_},?\s+(?P<year>\d{{4}})(?:,?\s+(?:at\s+)?(?P<hh>\d{{1,2}}):(?P<mm>\d{{2}}))?(?!\d)",
            day_month_year,
            0,
        ),
        (
            rf"\b{mon}\s+(?P<day>\d{{1,2}}){ord_}\s+of\s+{rel_year}\s+year\b",
            day_month_anaphoric,
            re.I,
        ),
        (
            rf"\b(?P<day>\d{{1,2}}){ord_}\s+(?:of\s+)?{mon}\s+(?:of\s+)?{rel_year}\s+year\b",
            day_month_anaphoric,
            re.I,
        ),
        (rf"\b{mon}\s+(?P<day>\d{{1,2}}){ord_}(?![\d:])\b", day_month, 0),
        (rf"\b(?P<day>\d{{1,2}}){ord_}\s+(?:of\s+)?{mon}(?!\w)", day_month, 0),
        (rf"\b(?i:{mods}){mon},?\s+(?:of\s+)?(?P<year>\d{{4}})\b", month_year, 0),
        (rf"\b{mon}\s+of\s+{rel_year}\s+year\b", month_anaphoric, re.I),
        (rf"\b(?P<rel>[Ll]ast|[Tt]his|[Nn]ext|[Pp]ast|[Cc]oming)\s+{mon}(?!\w)", month_deictic, 0),
        (
            rf"\b(?i:in|since|by|until|from|during|through|throughout|early|late|mid-?|before|after|of)\s+(?P<t>(?i:early\s+|late\s+|mid-)?{mon})(?!\w)(?!\.?,?\s+\d)",
            month_bare,
            0,
        ),
        (
            r"\b(?:(?:early|late|mid)[\s-])?(?P<season>spring|summer|autumn|fall|winter)\s+(?:of\s+)?(?P<year>\d{4})\b",
            season_year,
            re.I,
        ),
        (
            r"\b(?P<rel>[Ll]ast|[Tt]his|[Nn]ext|[Pp]ast|[Cc]oming)\s+(?P<season>spring|summer|autumn|winter)\b",
            season_deictic,
            re.I,
        ),
        (
            r"(?<![$€£\d,.])\b(?:(?:early|mid|late|the\s+end\s+of|the\s+start\s+of|the\s+beginning\s+of)[\s-]+)?(?P<year>(?:1[89]|20)\d\d)\b(?![-–/]\d)(?!\s*(?:%|per\s?cent))",
            year_only,
            re.I,
        ),
        (
            # an early year only where a count cannot be meant: "in 1453, …", "in 600 AD",
            # "until 1640 Parliament …"; never "around 600 people", "by 600 votes"
            r"\b(?i:in|since|from|until|before|after|circa)\s+(?P<t>(?P<year>1[0-7]\d\d|[1-9]\d\d))\b(?![-–/.,]\d)(?=\s*(?:[,.;:)!?]|$)|\s+(?:AD|BC|CE|BCE|A\.D\.|B\.C\.)|\s+[A-Z])",
            year_only,
            0,
        ),
        (
            r"\b(?:the\s+)?(?:early\s+|mid-|late\s+)?(?P<cent>\d{1,2})(?:st|nd|rd|th)[\s-]+century\b",
            century,
            re.I,
        ),
        (r"\b(?:the\s+)?(?:early\s+|mid-|late\s+)?(?P<dec>(?:1[89]|20)\d)0s\b", decade, re.I),
        (
            r"\b(?P<t>yesterday|today|tomorrow|tonight|last\s+night|this\s+(?:morning|afternoon|evening)|the\s+day\s+before\s+yesterday|the\s+day\s+after\s+tomorrow)\b",
            deictic_day,
            re.I,
        ),
        (
            rf"(?:\b[Oo]n\s+)?(?P<t>(?:(?P<rel>[Ll]ast|[Nn]ext|[Tt]his|[Cc]oming|[Pp]ast)\s+)?{wd}(?:\s+(?:morning|afternoon|evening|night))?)\b",
            weekday,
            0,
        ),
        (
            r"\b(?P<t>(?:(?:earlier|later)\s+)?(?P<rel>last|this|next|coming|current)\s+(?P<u>week|weekend|month|year))\b",
            unit_deictic,
            re.I,
        ),
        (
            rf"\b(?P<t>(?:(?:just\s+)?(?:over|more\s+than|nearly|almost|about|around|some|less\s+than|roughly|barely|only)\s+)?{num}\s+(?P<u>day|week|month|year|decade)s?\s+(?P<dir>ago|earlier|later|before|after|prior))\b",
            unit_ago,
            re.I,
        ),
        (
            r"\b(?P<t>(?:the\s+)?(?P<rel>following|next|previous|preceding|same)\s+(?P<u>day|week|month|year))\b",
            unit_anaphoric,
            re.I,
        ),
        (r"\b(?P<t>(?P<rel>that)\s+(?P<u>day|week|month|year))\b", unit_anaphoric, re.I),
        (
            r"\b(?P<t>the\s+(?P<u>day|week|month|year)\s+(?P<rel>before|after))\b(?!\s+(?:yesterday|tomorrow))",
            unit_anaphoric,
            re.I,
        ),
    ]
    return tuple((re.compile(p, flags), h) for p, h, flags in rules)
