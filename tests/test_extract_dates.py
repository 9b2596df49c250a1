"""Temporal expressions: explicit, deictic and anaphoric dates normalised to ISO values."""

from __future__ import annotations

import pytest

from narrascope.extract.dates import find_timexes


def _values(text: str, published: str | None = None) -> dict[str, tuple[str, str]]:
    return {t.text: (t.value, t.precision) for t in find_timexes(text, published)}


@pytest.mark.parametrize(
    ("text", "expr", "value", "precision"),
    [
        ("Talks opened on 15 May 2025 in the city.", "15 May 2025", "2025-05-15", "day"),
        ("They met on March 29, 2022 in Istanbul.", "March 29, 2022", "2022-03-29", "day"),
        ("It was signed in March 2022.", "March 2022", "2022-03", "month"),
        ("It was signed in 2022.", "2022", "2022", "year"),
        ("Posted 2024-03-01T09:30 by staff.", "2024-03-01T09:30", "2024-03-01T09:30", "time"),
        ("They met in the spring of 2019.", "spring of 2019", "2019-SP", "season"),
        ("Things were different in the 1990s.", "the 1990s", "199", "decade"),
        ("The plant closed in mid-2020.", "mid-2020", "2020", "year"),
    ],
)
def test_extract_dates_explicit(text: str, expr: str, value: str, precision: str) -> None:
    assert _values(text)[expr] == (value, precision)


@pytest.mark.parametrize(
    ("text", "expr", "value"),
    [
        ("The official said on Wednesday that talks could resume.", "Wednesday", "2025-11-19"),
        ("The minister spoke yesterday.", "yesterday", "2025-11-19"),
        ("A venue last used over a year ago.", "over a year ago", "2024"),
        ("Prices rose last March.", "last March", "2025-03"),
        ("He will travel next week.", "next week", "2025-W48"),
        ("The deal collapsed last month.", "last month", "2025-10"),
        ("The ministers will meet on Friday.", "Friday", "2025-11-21"),
        ("It happened three weeks ago.", "three weeks ago", "2025-W44"),
    ],
)
def test_extract_dates_deictic_from_publication(text: str, expr: str, value: str) -> None:
    assert _values(text, "2025-11-20")[expr][0] == value  # a Thursday


def test_extract_dates_anaphoric_from_last_date() -> None:
    text = (
        "The last talks took place in Istanbul on March 29, 2022. A round was held "
        "virtually on July 23 of that year. The brief July 23 meeting lasted 40 minutes. "
        "Two days later the delegations left."
    )
    got = _values(text, "2025-11-20")
    assert got["July 23 of that year"] == ("2022-07-23", "day")
    assert got["July 23"] == ("2022-07-23", "day")
    assert got["Two days later"] == ("2022-07-25", "day")


def test_extract_dates_relative_need_an_anchor() -> None:
    assert find_timexes("They met on Wednesday.", None) == []
    assert find_timexes("That year was hard.", None) == []


def test_extract_dates_may_the_verb_is_not_a_month() -> None:
    assert find_timexes("Talks may resume soon, officials may say.", "2025-05-01") == []


def test_extract_dates_bare_day_month_takes_publication_year() -> None:
    text = "The firm was founded in 2016. A hearing has been set for July 14."
    assert _values(text, "2025-06-02")["July 14"][0] == "2025-07-14"


def test_extract_dates_future_month_rolls_over_the_year() -> None:
    text = "The agency plans to publish the data in February."
    assert _values(text, "2025-12-10")["February"][0] == "2026-02"


def test_extract_dates_offsets_point_into_text() -> None:
    text = "MOSCOW – A senior official stated on Wednesday that talks were possible."
    for t in find_timexes(text, "2025-11-20"):
        assert text[t.start : t.end] == t.text


def test_a_count_from_an_earlier_date_followed_by_the_date_itself_is_not_a_second_date() -> None:
    text = (
        "The harbour plan was filed on April 2, 2018. The first pier was finished one month "
        "later, on May 24, 2008. Two weeks later the ferry returned."
    )
    found = [(t.text, t.value) for t in find_timexes(text, "2018-08-22")]
    assert ("one month later", "2018-05") not in found
    assert ("May 24, 2008", "2008-05-24") in found
    assert ("Two weeks later", "2008-W23") in found


def test_a_count_after_a_named_event_is_not_counted_from_the_last_date() -> None:
    text = (
        "The ferry sank on November 16, 2012. The inquiry opened three weeks after the storm. "
        "Two days before, the crew had left."
    )
    found = {t.text: t.value for t in find_timexes(text, "2018-08-22")}
    assert "three weeks after" not in found
    assert found["Two days before"] == "2012-11-14"
