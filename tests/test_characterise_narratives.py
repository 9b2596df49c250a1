"""Zero-shot narrative classification, evidence offsets and user taxonomies."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from narrascope.characterise.core import CharacteriseOptions, Characteriser
from narrascope.characterise.taxonomy import OTHER
from narrascope.models import Document

DENIAL = (
    "Winter Proves The Doom Merchants Wrong\n\n"
    "This was the coldest January in decades, "
    "with snow in cities that were supposed to be turning into deserts. "
    "The planet has always warmed and cooled in natural cycles driven by the sun and the oceans. "
    "Carbon dioxide is a trace gas, far too small a share of the air to control the climate. "
    "Politicians should stop wrecking the economy to fight the weather."
)
NEUTRAL = (
    "Council approves new library\n\n"
    "The town council approved plans for a new public library on Tuesday. "
    "The building will open in two years and have space for 40,000 books. "
    "Construction will be financed by the regional government."
)


@pytest.fixture(scope="module")
def engine() -> Characteriser:
    return Characteriser(CharacteriseOptions(model=None))


def _doc(text: str, doc_id: str = "d") -> Document:
    return Document(id=doc_id, source=doc_id, raw=text, text=text)


def test_characterise_narratives_finds_climate_denial(engine: Characteriser) -> None:
    doc = engine.characterise([_doc(DENIAL)])[0]
    coarse = {n.label for n in doc.narratives if n.level == "coarse"}
    sceptic = {"CC: Downplaying climate change", "CC: Questioning the measurements and science"}
    assert coarse & sceptic
    assert all(label.startswith("CC:") for label in coarse)


def test_characterise_narratives_neutral_news_is_other(engine: Characteriser) -> None:
    doc = engine.characterise([_doc(NEUTRAL)])[0]
    assert {(n.label, n.level) for n in doc.narratives} == {(OTHER, "coarse"), (OTHER, "fine")}
    assert doc.explanation is None


def test_characterise_narratives_fine_labels_sit_under_chosen_coarse(engine: Characteriser) -> None:
    doc = engine.characterise([_doc(DENIAL)])[0]
    coarse = {n.label for n in doc.narratives if n.level == "coarse"}
    for fine in (n for n in doc.narratives if n.level == "fine"):
        assert fine.label.rsplit(": ", 1)[0] in coarse


def test_characterise_narratives_evidence_points_into_text(engine: Characteriser) -> None:
    doc = engine.characterise([_doc(DENIAL)])[0]
    spans = [s for n in doc.narratives for s in n.evidence]
    assert spans
    for span in spans:
        assert doc.text[span.start : span.end] == span.text


def test_characterise_narratives_explanation_is_short_and_quotes_the_article(
    engine: Characteriser,
) -> None:
    doc = engine.characterise([_doc(DENIAL)])[0]
    assert doc.explanation is not None
    assert len(doc.explanation.split()) <= 80
    quoted = doc.explanation.split("“")[-1].rstrip("”…")
    assert quoted[:30] in doc.text


def test_characterise_narratives_user_taxonomy_replaces_builtin(tmp_path: Path) -> None:
    payload = {
        "name": "transport",
        "kind": "narratives",
        "labels": [
            {
                "label": "Cycling",
                "description": "Cycling is good for cities.",
                "examples": [
                    "Bike lanes make streets safer.",
                    "Cyclists cut traffic and pollution.",
                ],
            },
            {
                "label": "Cycling: Safety",
                "parent": "Cycling",
                "description": "Bike lanes protect cyclists.",
                "examples": ["Protected bike lanes reduced injuries."],
            },
            {
                "label": "Cars",
                "description": "Drivers are treated unfairly.",
                "examples": ["Motorists pay too much for parking.", "Fuel taxes punish drivers."],
            },
        ],
    }
    path = tmp_path / "transport.json"
    path.write_text(json.dumps(payload), encoding="utf-8")
    engine = Characteriser(CharacteriseOptions(model=None, taxonomies=(str(path),)))
    text = (
        "New protected bike lanes opened downtown. "
        "Officials say the lanes reduced injuries among cyclists."
    )
    doc = engine.characterise([_doc(text)])[0]
    labels = {n.label for n in doc.narratives}
    assert "Cycling" in labels
    assert labels <= {"Cycling", "Cycling: Safety", "Cycling: Other", "Cars", "Cars: Other", OTHER}
