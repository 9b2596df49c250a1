"""Issue 16: quoted words a verb takes as the words used: named, labelled, typed, sung
or chanted, with or without someone named as using them (real spaCy model)."""

from __future__ import annotations

from narrascope.extract import extract_documents
from narrascope.models import Document, Quote


def _quotes(text: str) -> list[Quote]:
    doc = Document(id="t", source="test", raw=text, text=text, published="2025-05-15")
    return next(extract_documents([doc])).quotes


def _partials(text: str) -> list[tuple[str, str | None, str | None]]:
    return [(q.text, q.cue, q.speaker) for q in _quotes(text) if q.kind == "partial"]


def test_words_a_subjectless_clause_calls_people_are_quotes_of_no_one_named() -> None:
    text = "Mocks his rivals, and calls reporters “clowns” and “frauds.”"
    assert _partials(text) == [("clowns", "calls", None), ("frauds.", "calls", None)]


def test_a_label_given_in_the_passive_with_no_agent_is_a_quote_of_no_one_named() -> None:
    text = "When the fact-checkers reviewed the claim, it was labeled “Half True.”"
    assert _partials(text) == [("Half True.", "labeled", None)]


def test_a_label_on_a_thing_is_a_quote_of_no_one_named_but_its_name_is_not() -> None:
    assert _partials("A box labeled “urgent” sat on the desk by the door.") == [
        ("urgent", "labeled", None)
    ]
    assert _quotes("The council backed a plan dubbed “Green Port” last year.") == []


def test_words_typed_by_someone_are_what_they_wrote() -> None:
    text = "A nurse had typed “acute distress” on the chart before the transfer."
    assert _partials(text) == [("acute distress", "typed", "A nurse")]


def test_a_title_case_phrase_sung_or_chanted_is_a_quote_not_a_title() -> None:
    sung = "Outside the court, Lena Ortiz was singing “We Shall Stand” with the crowd."
    assert _partials(sung) == [("We Shall Stand", "singing", "Lena Ortiz")]
    chanted = "The protesters were chanting “No More Cuts” outside the ministry."
    assert _partials(chanted) == [("No More Cuts", "chanting", "The protesters")]


def test_quoted_words_a_report_takes_are_the_reporters_even_when_unnamed() -> None:
    text = (
        "The audit was published on Monday. It also points out that “the penalties "
        "are too light to matter” for most firms."
    )
    (partial,) = [q for q in _quotes(text) if q.kind == "partial"]
    assert (partial.text, partial.speaker) == ("the penalties are too light to matter", "It")
    assert (partial.reason or "").startswith("inside the report")


def test_the_name_a_thing_is_called_or_the_title_someone_wrote_is_no_quote() -> None:
    assert _quotes("They joined a group called “Fair Votes Now” last year.") == []
    assert _quotes("The group is called “Fair Votes Now” by its founders.") == []
    assert _quotes("Dana Cole wrote “The Salt Roads” in 1998.") == []


def test_a_word_anyone_might_yell_is_no_quote_of_a_generic_you() -> None:
    text = "He notes that free speech has limits: you can’t yell “fire” in a crowded hall."
    assert all(q.speaker != "you" for q in _quotes(text))


def test_a_framing_verb_frames_only_the_quotation_it_takes() -> None:
    text = (
        "The plan led the council to call a vote; one member called the mayor "
        "“the king of delay.”"
    )
    assert all(q.speaker != "The plan" for q in _quotes(text))


def test_a_quotation_sung_or_growled_is_the_singers_or_growlers_direct_quote() -> None:
    sung = (
        "“Keep your hands where I can see them,” Lena Ortiz sings to the crowd before "
        "asking, “Where do we go now?”"
    )
    assert [(q.kind, q.speaker) for q in _quotes(sung)] == [
        ("direct", "Lena Ortiz"),
        ("direct", "Lena Ortiz"),
    ]
    (growled,) = _quotes("“Get out of my office,” Tom Rivers growled at the reporter.")
    assert (growled.kind, growled.cue, growled.speaker) == ("direct", "growled", "Tom Rivers")
