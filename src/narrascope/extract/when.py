"""Calendar values with a precision, and the arithmetic relative dates need."""

from __future__ import annotations

from calendar import monthrange
from dataclasses import dataclass
from datetime import MAXYEAR, MINYEAR, date, timedelta

from narrascope.models import Precision


@dataclass(frozen=True, slots=True)
class When:
    """A point in the calendar known to some precision."""

    year: int | None
    month: int | None = None
    day: int | None = None
    precision: Precision = "day"
    week: int | None = None
    season: str | None = None
    time: str | None = None  # "12:49"

    def iso(self) -> str:
        """ISO 8601 / TimeML value.

        2022-03-29, 2022-03, 2022, 2022-W12, 2022-SU, 199 (decade), 2022-03-29T12:49.
        """
        y = f"{self.year:04d}" if self.year is not None else "XXXX"
        if self.precision == "decade":
            return y[:3]
        if self.precision == "century":
            return y[:2]
        if self.precision == "year":
            return y
        if self.precision == "season":
            return f"{y}-{self.season}"
        if self.precision == "week":
            return f"{y}-W{self.week:02d}"
        if self.precision == "month":
            return f"{y}-{self.month:02d}"
        base = f"{y}-{self.month:02d}-{self.day:02d}"
        return f"{base}T{self.time}" if self.precision == "time" else base

    def as_date(self) -> date | None:
        """The first day this value covers (None without a year)."""
        if self.year is None:
            return None
        if self.precision == "week" and self.week:
            return date.fromisocalendar(self.year, self.week, 1)
        return date(self.year, self.month or 1, self.day or 1)


def valid(value: When) -> bool:
    """Whether ``value`` names a real point of the calendar (no 31 February, no year 0)."""
    if value.year is not None and not MINYEAR <= value.year <= MAXYEAR:
        return False
    if value.month is not None and not 1 <= value.month <= 12:
        return False
    if value.day is not None:
        if value.year is None or value.month is None:
            return 1 <= value.day <= 31
        return 1 <= value.day <= monthrange(value.year, value.month)[1]
    if value.week is not None:
        last = date(value.year or 2001, 12, 28).isocalendar().week
        return 1 <= value.week <= last
    return True


@dataclass(frozen=True, slots=True)
class Resolved:
    """A value and what it was resolved against (None for explicit dates)."""

    when: When
    anchor: str | None = None


def parse_published(value: str | None) -> date | None:
    """The publication date from an ISO string ("2025-05-15", "2025-05-15T12:49:00Z")."""
    if not value:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


def day(d: date) -> When:
    """A day-precision value."""
    return When(d.year, d.month, d.day, "day")


def month(year: int, month_no: int) -> When:
    """A month-precision value."""
    return When(year, month_no, None, "month")


def year(value: int) -> When:
    """A year-precision value."""
    return When(value, None, None, "year")


def week(d: date) -> When:
    """The ISO week containing ``d``."""
    iso = d.isocalendar()
    return When(iso.year, None, None, "week", week=iso.week)


def add_months(year_no: int, month_no: int, delta: int) -> tuple[int, int]:
    """``(year, month)`` shifted by ``delta`` months."""
    index = year_no * 12 + (month_no - 1) + delta
    return index // 12, index % 12 + 1


def shift(base: When, unit: str, amount: int) -> When | None:
    """``base`` moved by ``amount`` units, at the unit's precision."""
    start = base.as_date()
    if start is None:
        return None
    if unit == "day" and base.precision in {"day", "time"}:
        return day(start + timedelta(days=amount))
    if unit == "week" and base.precision in {"day", "time", "week"}:
        return week(start + timedelta(weeks=amount))
    if unit == "month" and base.month is not None:
        y, m = add_months(start.year, start.month, amount)
        return month(y, m)
    if unit == "year":
        return year(start.year + amount)
    if unit == "decade":
        return When(start.year + 10 * amount, precision="decade")
    return None


def weekday_near(published: date, weekday: int, *, future: bool, strict: bool) -> date:
    """The weekday closest to publication: on/before it for the past, after it for the future."""
    if future:
        delta = (weekday - published.weekday()) % 7 or 7
        return published + timedelta(days=delta)
    delta = (published.weekday() - weekday) % 7
    if strict and delta == 0:
        delta = 7
    return published - timedelta(days=delta)
