"""Quotes and their speakers on short hand-written passages (real spaCy model)."""

from __future__ import annotations

from narrascope.extract import extract_documents
from narrascope.models import Document, Quote


def _quotes(text: str) -> list[Quote]:
    doc = Document(id="t", source="test", raw=text, text=text, published="2025-05-15")
    return next(extract_documents([doc])).quotes


def _by_text(quotes: list[Quote], start: str) -> Quote:
    return next(q for q in quotes if q.text.startswith(start))


def test_extract_quotes_direct_speaker_after_and_before() -> None:
    text = (
        "“We are ready to talk tomorrow,” Foreign Minister Anna Kowalski said on Monday.\n\n"
        "Her deputy, Piotr Nowak, told reporters: “Nothing has been decided yet.”"
    )
    quotes = _quotes(text)
    first, second = _by_text(quotes, "We are ready"), _by_text(quotes, "Nothing has")
    assert (first.kind, first.speaker_name, first.cue) == ("direct", "Anna Kowalski", "said")
    assert second.speaker_name == "Piotr Nowak"
    assert text[first.start : first.end] == first.text


def test_extract_quotes_pronoun_and_description_speakers() -> None:
    text = (
        "The company hired Laura Becker, a spokeswoman, in 2020.\n\n"
        "“Our plants will stay open,” she said.\n\n"
        "“We have no plans to cut jobs,” the spokeswoman added."
    )
    quotes = _quotes(text)
    assert _by_text(quotes, "Our plants").speaker_name == "Laura Becker"
    described = _by_text(quotes, "We have no plans")
    assert described.speaker_name == "Laura Becker"
    assert described.reason is not None
    assert "description" in described.reason


def test_extract_quotes_statement_author() -> None:
    text = (
        "The Interior Ministry said in a statement on Tuesday that order had been restored.\n\n"
        "“Anyone who breaks the law will be held to account,” the statement read."
    )
    quote = _by_text(_quotes(text), "Anyone who")
    assert quote.speaker_name == "Interior Ministry"


def test_extract_quotes_multi_paragraph_quote_is_one_quote() -> None:
    text = (
        "Mayor Grace Adeyemi said: “For too long the islands have been ignored.\n\n"
        "“This link will change that.”"
    )
    quotes = [q for q in _quotes(text) if q.kind == "direct"]
    assert len(quotes) == 1
    assert quotes[0].text.endswith("change that.")
    assert "\n\n" in quotes[0].text
    assert quotes[0].speaker_name == "Grace Adeyemi"


def test_extract_quotes_partial_and_reported_speech() -> None:
    text = (
        "Senator Paul Rivera called the bill “a gift to polluters” on Friday. "
        "He asserted that the vote had been rushed through the chamber."
    )
    quotes = _quotes(text)
    partial = _by_text(quotes, "a gift to polluters")
    assert (partial.kind, partial.speaker_name) == ("partial", "Paul Rivera")
    reported = _by_text(quotes, "the vote had been rushed")
    assert (reported.kind, reported.cue, reported.speaker_name) == (
        "indirect",
        "asserted",
        "Paul Rivera",
    )


def test_extract_quotes_according_to_and_quoted_as_saying() -> None:
    text = (
        "According to Elena Markova, the reactor was shut down safely. "
        "“The situation is under control,” Markova was quoted as saying."
    )
    quotes = _quotes(text)
    assert _by_text(quotes, "the reactor").speaker_name == "Elena Markova"
    assert _by_text(quotes, "The situation").speaker_name == "Elena Markova"


def test_extract_quotes_unknown_speaker_has_a_reason() -> None:
    quotes = _quotes("“Nobody knows what happens next.”\n\nThe weather was cold.")
    assert quotes
    assert quotes[0].speaker_entity_id is None
    assert quotes[0].reason


def test_extract_quotes_scare_quotes_are_not_quotes() -> None:
    quotes = _quotes("The so-called “peace plan” was published in the morning papers.")
    assert not [q for q in quotes if q.kind == "partial"]


def test_passive_cue_subject_is_not_a_source() -> None:
    """"The talks are expected to ..." quotes nobody; "X was quoted as saying" still does."""
    from narrascope.clean import clean_article
    from narrascope.extract import extract_documents
    from narrascope.models import RawArticle

    text = (
        "The harbour talks are expected to continue on Wednesday after a long first day. "
        "The fisheries minister was quoted as saying that the quota deal was finished for "
        "this season and would not be reopened."
    )
    doc = next(iter(extract_documents([clean_article(RawArticle(source="p.txt", content=text))])))
    speakers = {q.speaker for q in doc.quotes}
    assert not any(s and "talks" in s for s in speakers), doc.quotes
    assert any("quota deal was finished" in q.text for q in doc.quotes)
    assert all("to continue on Wednesday" not in q.text for q in doc.quotes)


def test_a_negative_subject_is_no_source() -> None:
    """"No one could have envisioned ..." and "nobody said ..." quote nobody."""
    from narrascope.clean import clean_article
    from narrascope.extract import extract_documents
    from narrascope.models import RawArticle

    text = (
        "The quarry closed in the spring after years of losses. No one could have envisioned "
        "what happened to the town next. Nobody said that the closure would be permanent, "
        "and the mayor insisted that the budget was sound and would be approved."
    )
    doc = next(iter(extract_documents([clean_article(RawArticle(source="n.txt", content=text))])))
    assert [q.speaker for q in doc.quotes] == ["the mayor"], doc.quotes
