"""Dates from issue 16: decades and centuries, deictic dates, one event per date
(passages written here)."""

from __future__ import annotations

from narrascope.extract import build_timeline, extract_documents
from narrascope.extract.dates import find_timexes
from narrascope.extract.timeline import date_label, sort_key
from narrascope.models import Document


def _values(text: str, published: str | None) -> dict[str, tuple[str, str]]:
    return {t.text: (t.value, t.precision) for t in find_timexes(text, published)}


def test_decades_and_centuries_are_not_years() -> None:
    found = _values("Rents climbed in the early 2010s and fell in the 18th century.", "2024-01-05")
    assert found["the early 2010s"] == ("201", "decade")
    assert found["the 18th century"] == ("17", "century")
    assert date_label("201", "decade") == "2010s"
    assert date_label("17", "century") == "18th century"
    assert date_label("20", "century") == "21st century"
    assert sort_key("17", "century") < sort_key("1750", "year") < sort_key("201", "decade")


def test_bare_date_next_to_yesterday_takes_the_publication_year() -> None:
    text = "The mill opened in 1998. The survey, released yesterday (March 9), found rising costs."
    assert _values(text, "2023-03-10")["March 9"] == ("2023-03-09", "day")


def test_undated_article_never_borrows_a_stray_year() -> None:
    text = (
        "The mill opened in 1998. It changed hands twice. Workers left in droves.\n\n"
        "The survey, released yesterday (March 9), found rising costs. It ended on June 2."
    )
    found = _values(text, None)
    assert "March 9" not in found
    assert "June 2" not in found


def test_one_event_for_a_date_restated_in_brackets() -> None:
    text = "The survey, released yesterday (March 9), found rising costs."
    doc = Document(id="a", source="t", raw=text, text=text, published="2023-03-10")
    (parsed,) = extract_documents([doc])
    assert [e.value for e in parsed.events] == ["2023-03-09"]
    assert len(build_timeline([parsed])) == 1


def test_counts_after_a_preposition_are_not_early_years() -> None:
    text = (
        "Around 600 had fallen ill by March. The fever infects around 600 people a year, "
        "and the bill passed by 650 votes."
    )
    found = _values(text, "2017-11-01")
    assert not any(value.startswith("06") for value, _ in found.values())
    assert found["March"] == ("2017-03", "month")


def test_early_years_with_an_era_or_a_clause_boundary_are_years() -> None:
    found = _values("The port was founded in 600 AD. In 1453, the walls fell.", "2017-11-01")
    assert found["600"] == ("0600", "year")
    assert found["1453"] == ("1453", "year")


def test_an_abbreviated_month_after_a_preposition_keeps_its_year() -> None:
    found = _values("The ferry ran from Nov. 2017 through Aug. 2018 without a break.", "2019-01-05")
    assert found["Nov. 2017"] == ("2017-11", "month")
    assert found["Aug. 2018"] == ("2018-08", "month")


def test_a_date_claims_value_reads_as_a_date_but_a_count_stays_a_number() -> None:
    from narrascope.extract.timeline import claim_value_label

    assert claim_value_label("198", "date|ferry|sail|_") == "1980s"
    assert claim_value_label("1982-SU", "date|ferry|sail|_") == "summer 1982"
    assert claim_value_label("19", "date|ferry|sail|_") == "20th century"
    assert claim_value_label("2018-09-17", "date|ferry|sail|_") == "2018-09-17"
    assert claim_value_label("198", "count|ferry|passenger") == "198"
    assert claim_value_label(None, "date|ferry|sail|_") is None
