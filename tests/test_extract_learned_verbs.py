"""Issue 16: attributions beyond speech verbs, decided by the classifier learned from
PolNeAR train (real spaCy model, the shipped weights)."""

from __future__ import annotations

import re

import pytest

from narrascope.extract import extract_documents, resources
from narrascope.extract.learned_verbs import MODEL_FILE, verb_model
from narrascope.models import Document, Quote


def _quotes(text: str) -> list[Quote]:
    doc = Document(id="t", source="test", raw=text, text=text, published="2025-05-15")
    return next(extract_documents([doc])).quotes


def _learned(quotes: list[Quote]) -> list[Quote]:
    return [q for q in quotes if "learned" in (q.reason or "")]


def test_an_endorsement_is_the_subjects_stance() -> None:
    quotes = _quotes("Senator Dara Halloway endorsed Marisol Quent on Tuesday.")
    assert [(q.speaker_name, q.cue) for q in quotes] == [("Dara Halloway", "endorsed")]
    assert quotes[0].text.startswith("Marisol Quent")
    assert _learned(quotes) == quotes  # the reason says where the cue comes from


def test_lashing_out_at_someone_is_attributed() -> None:
    text = "Governor Pell Anwick lashed out at the county auditors over the missing funds."
    quotes = _quotes(text)
    assert [q.speaker_name for q in quotes] == ["Pell Anwick"]
    assert "the county auditors" in quotes[0].text


def test_a_pronoun_subject_speaks_for_the_name_it_stands_for() -> None:
    text = (
        "Dara Halloway arrived at the pier an hour late.\n\n"
        "She praised the volunteers who rebuilt it after the storm."
    )
    quotes = _quotes(text)
    assert [(q.speaker_name, q.speaker) for q in quotes] == [("Dara Halloway", "She")]
    assert quotes[0].text.startswith("the volunteers")


@pytest.mark.parametrize(
    "sentence",
    [
        "Dara Halloway drove the truck to the depot on Tuesday.",
        "Dara Halloway lives in a small house near the old harbour.",
        "Dara Halloway was born in a fishing village on the coast.",
    ],
)
def test_acts_that_take_no_stance_are_not_attributed(sentence: str) -> None:
    assert _quotes(sentence) == []


def test_an_unnamed_group_is_the_speaker_as_written_and_a_pronoun_needs_a_name() -> None:
    quotes = _quotes("Many residents opposed the new ferry timetable last winter.")
    assert [(q.speaker, q.speaker_name) for q in quotes] == [("Many residents", None)]
    assert _quotes("They opposed the new ferry timetable last winter.") == []  # never "they"


def test_a_stance_inside_someone_elses_report_stays_theirs() -> None:
    text = "Dara Halloway said that Marisol Quent had endorsed the ferry plan."
    quotes = _quotes(text)
    assert [q.speaker_name for q in quotes] == ["Dara Halloway"]
    assert _learned(quotes) == []


def test_the_shipped_model_holds_feature_names_and_weights_only() -> None:
    data = resources.json_object(MODEL_FILE)
    assert data["threshold"] == 0.5
    assert data["attributions"] > 1000  # learned from the whole train split
    names = list(data["weights"])
    assert len(names) > 1000
    for name in names:  # a parse label or one lowercased word form, never a sentence
        assert re.fullmatch(r"[a-z_]+(=[^\s=]{1,80})?", name), name
    model = verb_model()
    assert model.probability({"form=endorsed": 1.0}) > model.probability({"form=drove": 1.0})


def test_where_it_was_said_is_not_what_was_said() -> None:
    text = "Professor Lina Ostrova cautioned in an interview on Sunday against a quick vote."
    contents = [q.text for q in _quotes(text)]
    assert not any(c.startswith("in an interview") for c in contents), contents
