"""Cue-based persuasion technique spans (the taxonomy detector), tone and the explanation.

The learned default detector is tested in test_characterise_technique_model.py.
"""

from __future__ import annotations

import pytest

from narrascope.characterise.core import CharacteriseOptions, Characteriser
from narrascope.characterise.explain import MAX_WORDS, explain
from narrascope.characterise.tone import tone_label
from narrascope.models import Document, NarrativeLabel, Span

TEXT = (
    "The barbaric regime keeps lying to the world. "
    "And what about the civilians killed by their bombs last year? "
    "Either we stop them now or we lose everything. "
    "The ministry published its annual report on Tuesday."
)


@pytest.fixture(scope="module")
def doc() -> Document:
    engine = Characteriser(CharacteriseOptions(model=None, technique_detector="cues"))
    return engine.characterise([Document(id="t", source="t", raw=TEXT, text=TEXT)])[0]


def test_characterise_techniques_cue_spans(doc: Document) -> None:
    found = {(t.technique, t.text.lower()) for t in doc.techniques}
    assert ("Switching Topic (whataboutism)", "what about") in found
    assert any(name == "False Dilemma or No Choice" for name, _ in found)
    assert any(name in ("Loaded Language", "Name Calling or Labelling") for name, _ in found)


def test_characterise_techniques_offsets_and_sentences(doc: Document) -> None:
    assert doc.techniques
    for tech in doc.techniques:
        assert doc.text[tech.start : tech.end] == tech.text
        assert tech.sentence is not None
        assert tech.sentence.start <= tech.start < tech.end <= tech.sentence.end


def test_characterise_techniques_skip_plain_reporting(doc: Document) -> None:
    last = TEXT.index("The ministry")
    assert not [t for t in doc.techniques if t.start >= last]


def test_characterise_tone_article_is_negative(doc: Document) -> None:
    article = next(t for t in doc.tone if t.target is None)
    assert -1.0 <= article.score < 0
    assert article.label == "negative"
    assert tone_label(0.0) == "neutral"
    assert tone_label(0.6) == "positive"


def test_characterise_explain_respects_word_limit() -> None:
    long = Span(0, 10, " ".join(["word"] * 200))
    label = NarrativeLabel(
        "CC: Downplaying climate change: Ice is not melting", "fine", 0.4, (long,)
    )
    text = explain([NarrativeLabel("CC: Downplaying climate change", "coarse", 0.4), label])
    assert text is not None
    assert len(text.split()) <= MAX_WORDS
    assert text.startswith("The article advances the narrative “Ice is not melting”")
    assert explain([NarrativeLabel("Other", "coarse", 1.0)]) is None
