"""Numbers and dates from real-world text: locale-aware, range-checked, never raising."""

from __future__ import annotations

import math
from datetime import date

import pytest
from babel.numbers import format_decimal, get_decimal_symbol, get_group_symbol
from hypothesis import given, settings
from hypothesis import strategies as st

from narrascope.extract.dates import find_timexes
from narrascope.stories.numbers import MAX_VALUE, format_value, numbers_conflict, parse_number


@pytest.mark.parametrize(
    ("text", "language", "expected"),
    [
        ("$15,780.62", None, 15780.62),
        ("1,002.7", "en", 1002.7),
        ("€1.234,56", None, 1234.56),
        ("12.345.678,9", "de", 12345678.9),
        ("1,200", "en", 1200.0),
        ("1,200", "de", 1.2),
        ("1.002", "de", 1002.0),
        ("1.002", "en", 1.002),
        ("2,5", "en", 2.5),
        ("2.5 million", "en", 2_500_000.0),
        ("twelve", "en", 12.0),
        ("1,2,3", "en", None),
        ("1.2.3.4", "en", None),
        ("1,234.567,8", "en", None),
        ("1" * 400, "en", None),
        ("9" * 30 + " billion", "en", None),
        ("no digits here", "en", None),
    ],
)
def test_numbers_examples(text: str, language: str | None, expected: float | None) -> None:
    got = parse_number(text, language)
    if expected is None:
        assert got is None
    else:
        assert got == pytest.approx(expected)


LOCALES = [
    loc for loc in ("en", "de", "it", "es", "pt", "nl", "tr", "id", "da", "el", "ro", "en_IN")
    if get_group_symbol(loc) in ",." and get_decimal_symbol(loc) in ",."
]


@settings(max_examples=300, deadline=None)
@given(
    st.sampled_from(LOCALES),
    st.decimals(min_value=0, max_value=10**12, places=2, allow_nan=False, allow_infinity=False),
)
def test_numbers_read_back_what_cldr_writes(locale: str, value: object) -> None:
    """Babel writes the number as the locale does; the parser reads the same value back."""
    text = format_decimal(value, format="#,##0.##", locale=locale)  # type: ignore[arg-type]
    expected = float(str(value))
    got = parse_number(text, locale.split("_")[0])
    assert got == pytest.approx(expected), (text, locale)


@settings(max_examples=500, deadline=None)
@given(
    st.text(alphabet="0123456789.,$€£%- milonbthwe", max_size=60),
    st.sampled_from([None, "en", "de", "fr", "xx-bad"]),
)
def test_numbers_never_raise_and_stay_in_range(text: str, language: str | None) -> None:
    got = parse_number(text, language)
    assert got is None or (math.isfinite(got) and abs(got) <= MAX_VALUE)


def test_format_value_keeps_cents() -> None:
    assert format_value(15780.62) == "15780.62"
    assert format_value(1234.5, "~") == "~1234.5"
    assert format_value(40.0, ">") == ">40"
    assert numbers_conflict(format_value(15780.62), format_value(15780.6))


def test_numbers_conflict_ignores_malformed_stored_values() -> None:
    assert not numbers_conflict("15.780.62", "3")
    assert not numbers_conflict("inf", "3")
    assert numbers_conflict("40", "41")


@pytest.mark.parametrize(
    "text",
    [
        "The deal was signed on 31 February 2025.",
        "The deal was signed on February 30, 2024.",
        "The deal was signed on 29 February 2023.",
        "The deal was signed on 2025-02-31.",
        "The plan started 10000000000 days ago.",
        "The plan started 10000000000 years ago.",
        "The plan started " + "9" * 400 + " weeks ago.",
    ],
)
def test_dates_impossible_never_emitted(text: str) -> None:
    assert find_timexes(text, "2025-05-01") == []


def test_dates_leap_day_kept() -> None:
    assert [t.value for t in find_timexes("It opened on 29 February 2024.")] == ["2024-02-29"]


@settings(max_examples=400, deadline=None)
@given(
    st.integers(min_value=0, max_value=40),
    st.sampled_from(["January", "February", "March", "April", "June", "September", "November"]),
    st.integers(min_value=0, max_value=12000),
    st.integers(min_value=-(10**12), max_value=10**12),
    st.sampled_from(["days", "weeks", "months", "years", "decades"]),
)
def test_dates_every_emitted_day_is_real(
    day: int, month: str, year: int, n: int, unit: str
) -> None:
    text = f"It happened on {day} {month} {year}, and {n} {unit} ago, {month} {day}, {year}."
    for timex in find_timexes(text, "2025-05-01"):
        if timex.precision in ("day", "time"):
            date.fromisoformat(timex.value[:10])


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("more than 4 000", 4000.0),
        ("12 500 000 litres", 12_500_000.0),
        ("3 million 7 000", 3_007_000.0),
        ("1 234", 1234.0),
    ],
)
def test_spaces_between_groups_of_three_digits_are_thousands_separators(
    text: str, value: float
) -> None:
    assert parse_number(text) == value


@pytest.mark.parametrize("text", ["12 34", "2 0001", "007 000", "4 000,5 x 9 1"])
def test_two_figures_side_by_side_are_not_one_number(text: str) -> None:
    assert parse_number(text) is None


def test_spaced_groups_end_in_decimals_of_the_language() -> None:
    assert parse_number("12\u202f345,67", "fr") == pytest.approx(12345.67)
    assert parse_number("12 345.5") == pytest.approx(12345.5)
