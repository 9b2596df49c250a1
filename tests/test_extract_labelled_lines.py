"""Sources named before a colon and findings of polls and inquiries (issue 16), on
passages written here."""

from __future__ import annotations

import pytest

from narrascope.extract import extract_documents, resources
from narrascope.models import Document, Quote


def _quotes(text: str) -> list[Quote]:
    doc = Document(id="t", source="test", raw=text, text=text, published="2024-03-04")
    return next(extract_documents([doc])).quotes


def test_headline_quote_after_a_name_and_colon_is_that_persons() -> None:
    text = (
        "Halvorsen: ‘We Will Not Sign a Deal That Sells Out the Fishermen.’\n\n"
        "Trade minister Ingrid Halvorsen spoke in Bergen on Monday."
    )
    (quote,) = _quotes(text)
    assert quote.kind == "direct"
    assert quote.text.startswith("We Will Not Sign")
    assert quote.speaker == "Halvorsen"
    assert quote.speaker_name == "Ingrid Halvorsen"


def test_headline_source_may_carry_an_audience_or_a_lowercase_word() -> None:
    text = (
        "Halvorsen to fishing unions: the quota talks will resume in spring\n\n"
        "Halvorsen camp: the opposition's figures are wrong\n\n"
        "Trade minister Ingrid Halvorsen met union leaders in Bergen on Monday."
    )
    quotes = _quotes(text)
    claims = {q.text: q.speaker_name for q in quotes if q.cue == ":"}
    assert claims == {
        "the quota talks will resume in spring": "Ingrid Halvorsen",
        "the opposition's figures are wrong": "Ingrid Halvorsen",
    }


def test_sentence_with_a_colon_is_no_labelled_claim() -> None:
    text = "Norway has one message for its neighbours: the fish quota is not for sale."
    assert [q for q in _quotes(text) if q.cue == ":"] == []


def test_transcript_lines_are_the_labelled_persons_words() -> None:
    text = (
        "Presenter Tom Beck spoke with Senator Ana Ruiz on Sunday.\n\n"
        "BECK: Do you think the senate will pass the budget before the recess?\n\n"
        "RUIZ: I think we have the votes. I believe the members want to go home on time."
    )
    quotes = _quotes(text)
    lines = [(q.speaker, q.speaker_name, q.text[:20]) for q in quotes]
    assert lines == [
        ("BECK", "Tom Beck", "Do you think the sen"),
        ("RUIZ", "Ana Ruiz", "I think we have the "),
    ]
    assert all(q.kind == "direct" for q in quotes)


def test_capitalised_label_naming_nobody_is_no_transcript() -> None:
    text = "UPDATE: The ferry service resumed on Tuesday after the storm passed over the coast."
    assert [q for q in _quotes(text) if q.cue == ":"] == []


def test_a_poll_or_inquiry_that_found_a_clause_is_a_source() -> None:
    assert "found" in resources.clause_cue_forms()
    text = (
        "A Harbour Institute survey found that most residents back the new ferry line. "
        "The inspectors found the ferry in good condition."
    )
    quotes = _quotes(text)
    assert [(q.speaker, q.text) for q in quotes] == [
        ("A Harbour Institute survey", "most residents back the new ferry line")
    ]


@pytest.mark.parametrize(
    ("text", "content"),
    [
        (
            "Mayor Tom Beck told reporters that he had met the minister on Tuesday morning, "
            "the first time the two men spoke since May.",
            "he had met the minister on Tuesday morning, the first time the two men spoke "
            "since May",
        ),
        (
            "Ana Ruiz says her party is polling well because it is doing something unusual: "
            "telling voters the truth.",
            "her party is polling well because it is doing something unusual: telling voters "
            "the truth",
        ),
    ],
)
def test_reported_clause_runs_to_the_end_of_its_sentence(text: str, content: str) -> None:
    reported = [q for q in _quotes(text) if q.kind == "indirect"]
    assert [q.text for q in reported] == [content]
    assert reported[0].speaker_name in {"Tom Beck", "Ana Ruiz"}


def test_transcript_line_stops_where_the_writer_names_the_speaker() -> None:
    text = (
        "Presenter Tom Beck spoke with Senator Ana Ruiz on Sunday.\n\n"
        "RUIZ: We have the votes, and we will pass it. Ruiz did not answer further questions."
    )
    (quote,) = _quotes(text)
    assert quote.speaker_name == "Ana Ruiz"
    assert quote.text == "We have the votes, and we will pass it."


def test_a_name_after_another_word_is_no_labelled_source() -> None:
    text = "See Ana Ruiz’s review: Harbour Lights Shine Again\n\nAna Ruiz writes for us."
    assert [q for q in _quotes(text) if q.cue == ":"] == []


def test_a_colon_ends_a_recognised_name() -> None:
    from narrascope.extract.entities import name_pieces

    text = "Harbour Post: news from the coast"
    assert [text[a:b] for a, b in name_pieces(text, 0, 17)] == ["Harbour Post"]


@pytest.mark.parametrize(
    "sentence",
    [
        "It appears that the ferry will not run this winter.",
        "It is safe to say the ferry will not run this winter.",
        "One would have expected the council to approve the ferry plan quickly.",
    ],
)
def test_writer_hedges_are_nobody_s_report(sentence: str) -> None:
    text = "The Harbour Authority met on Monday with Mayor Tom Beck. " + sentence
    assert _quotes(text) == []


def test_it_after_an_organisation_still_reports() -> None:
    text = "The Harbour Authority met on Monday. It said that the ferry will not run this winter."
    (quote,) = _quotes(text)
    assert quote.speaker_name == "Harbour Authority"


def test_a_place_inside_a_description_is_not_its_speaker() -> None:
    text = (
        "A victim of a smuggling ring in Norway has revealed that she wrote to the "
        "ministry in 2015 about the boats."
    )
    (quote,) = _quotes(text)
    assert quote.speaker_name is None
    assert quote.speaker is not None
    assert quote.speaker.startswith("A victim")


def test_reported_clause_keeps_its_if_and_the_whole_quotation_inside_it() -> None:
    text = (
        "Senator Ana Ruiz says if she spent the day in Bergen she would be doing nothing "
        "more than shouting at people on their way into the polls saying “Hey, vote for me.”"
    )
    reported = [q for q in _quotes(text) if q.kind == "indirect"]
    assert len(reported) == 1
    assert reported[0].text.startswith("if she spent the day in Bergen")
    assert reported[0].text.endswith("“Hey, vote for me.”")  # the closing mark too
    assert reported[0].speaker_name == "Ana Ruiz"


def test_title_case_headline_with_a_cue_verb_after_a_name() -> None:
    text = (
        "Ana Ruiz Hints Harbour Levy Will Rise Next Year\n\n"
        "Senator Ana Ruiz spoke in Bergen on Monday."
    )
    (quote,) = _quotes(text)
    assert (quote.cue, quote.speaker_name, quote.text) == (
        "Hints",
        "Ana Ruiz",
        "Harbour Levy Will Rise Next Year",
    )
    no_cue = "Ana Ruiz Wins Bergen Seat In Close Vote\n\nSenator Ana Ruiz won on Monday."
    assert _quotes(no_cue) == []
