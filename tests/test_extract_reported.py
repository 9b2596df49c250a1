"""Reported speech and belief cues, and quoted titles (issue 16), on passages written here."""

from __future__ import annotations

import pytest

from narrascope.extract import extract_documents, resources
from narrascope.extract.nonquotes import is_title
from narrascope.models import Document, Quote


def _quotes(text: str) -> list[Quote]:
    doc = Document(id="t", source="test", raw=text, text=text, published="2024-03-04")
    return next(extract_documents([doc])).quotes


def _indirect(quotes: list[Quote], start: str) -> Quote:
    return next(q for q in quotes if q.kind == "indirect" and q.text.startswith(start))


def test_plural_say_reports_speech() -> None:
    text = "The harbour authority and the coast guard say they will reopen the bay on Friday."
    quote = _indirect(_quotes(text), "they will reopen")
    assert quote.speaker is not None
    assert "authority" in quote.speaker


@pytest.mark.parametrize(
    "verb", ["argue", "warn", "insist", "claim", "believe", "admit", "deny", "vow"]
)
def test_base_form_cue_verbs_report_speech(verb: str) -> None:
    text = f"The farmers {verb} that the new canal has ruined the spring harvest in the valley."
    quote = _indirect(_quotes(text), "the new canal")
    assert quote.cue == verb
    assert quote.speaker == "The farmers"


def test_accuse_reports_what_the_accused_is_said_to_have_done() -> None:
    text = "The farmers accuse the water board of draining the valley's wells for years."
    quote = _indirect(_quotes(text), "the water board of draining")
    assert (quote.cue, quote.speaker) == ("accuse", "The farmers")


def test_polls_show_is_reported() -> None:
    quote = _indirect(_quotes("Recent polls show that most riders want later night buses."), "most")
    assert quote.speaker is not None
    assert quote.speaker.lower().endswith("polls")


def test_according_to_survives_learned_cues() -> None:
    text = (
        "Greta Holm will probably keep her seat in the spring vote, according to a new "
        "survey by the Lakeside Institute."
    )
    quote = next(q for q in _quotes(text) if q.cue == "according to")
    assert quote.text.startswith("Greta Holm will probably keep her seat")


def test_learned_cues_are_word_forms_not_text() -> None:
    forms = resources.learned_cue_forms()
    assert {"says", "argued", "warns"} <= forms
    assert "according" not in forms
    assert all(f.isalpha() and f.islower() for f in forms)


def test_quoted_show_title_is_not_a_quote() -> None:
    text = (
        "The mayor appeared on “Morning Harbour Talk” on Sunday and said the budget "
        "would be balanced by autumn."
    )
    assert not [q for q in _quotes(text) if "Morning Harbour" in q.text]


def test_title_rule_keeps_real_quotes() -> None:
    said = "She said: “We Will Win.”"
    assert not is_title(said, said.index("We"), said.index(".”") + 1)
    cry = "The crowd shouted “Four More Years!” at the rally."
    assert not is_title(cry, cry.index("Four"), cry.index("!") + 1)
    sentence = "He called the plan “a gift to the big landlords” on Monday."
    assert not is_title(sentence, sentence.index("a gift"), sentence.index("”"))
    show = "She told “Evening Desk With Ann Roe” that she would run."
    assert is_title(show, show.index("Evening"), show.index("”"))


def test_uttered_title_case_slogan_is_kept() -> None:
    text = "At every stop the senator declared “Law And Order” to loud cheers."
    assert [q for q in _quotes(text) if q.text.startswith("Law And Order")]


def test_parenthetical_speech_verb_reports_its_sentence() -> None:
    text = "In the two years since the flood, Ford says, far too many homes have stayed empty."
    quote = next(q for q in _quotes(text) if q.kind == "indirect")
    assert quote.cue == "says"
    assert quote.speaker == "Ford"
    assert "far too many homes have stayed empty" in quote.text


def test_clause_with_an_embedded_quote_is_reported_whole() -> None:
    text = "Mayor Tim Ford said “it makes me angry” every time he reads about the closures."
    quotes = _quotes(text)
    clause = next(q for q in quotes if q.kind == "indirect")
    assert clause.text.endswith("every time he reads about the closures")


def test_name_colon_claim_line() -> None:
    text = "Ann Roe: Ford’s Harbour Plan Would Ruin The Town\n\nThe mayor spoke on Monday."
    quote = next(q for q in _quotes(text) if q.cue == ":")
    assert quote.speaker_name == "Ann Roe"
    assert quote.text == "Ford’s Harbour Plan Would Ruin The Town"


def test_show_names_and_scare_quotes_are_not_quotes() -> None:
    text = (
        "Sunday on the network’s “Harbour Talk,” Rep. Ann Roe said the plan was dead.\n\n"
        "She spoke at the “undercard” debate on Monday.\n\n"
        "The mayor said the plan was “a disaster” for the town."
    )
    quoted = {q.text for q in _quotes(text) if q.kind != "indirect"}
    assert quoted == {"a disaster"}


def test_promise_to_act_is_reported_but_seeming_is_not() -> None:
    quote = _indirect(_quotes("The senator vowed to repeal the new harbour tax next year."), "to")
    assert quote.cue == "vowed"
    assert quote.text == "to repeal the new harbour tax next year"
    assert not _quotes("The mayor seems to like the plan for the harbour a great deal.")


def test_first_person_outside_quotation_marks_is_the_writer() -> None:
    text = (
        "Tomas Lind, the harbour master, met reporters on Friday.\n\n"
        "I asked him about the dredging, and I wrote that the channel would close for a month."
    )
    quote = _indirect(_quotes(text), "the channel would close")
    assert quote.speaker == "I"
    assert quote.speaker_name is None  # not the nearest person named above
    assert "writer" in (quote.reason or "")


def test_clause_after_the_verb_beats_a_fronted_aside() -> None:
    text = (
        "In any event, look closely: the agency's report said that the dam had been "
        "inspected twice."
    )
    quotes = [q for q in _quotes(text) if q.kind == "indirect"]
    assert [q.text for q in quotes] == ["the dam had been inspected twice"]


def test_reported_speech_restating_a_quotation_is_not_doubled() -> None:
    text = (
        "Councillor Mira Sandoval was fined after saying that “the tender was rigged "
        "from the first day to the last”."
    )
    found = [q for q in _quotes(text) if "tender was rigged" in q.text]
    assert len(found) == 1
    assert found[0].kind == "partial"
    assert found[0].speaker_name == "Mira Sandoval"
