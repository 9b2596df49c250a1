"""The learned technique model: weights round trip, thresholds, headlines, neutral reporting."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from narrascope.characterise.technique_data import CLASSES, CODES
from narrascope.characterise.technique_detect import LearnedTechniqueDetector, blocks_of
from narrascope.characterise.technique_model import RESOURCE, TechniqueModel
from narrascope.characterise.technique_train import micro_thresholds
from narrascope.models import Document

LOADED, NAMES = CODES["Loaded_Language"], CODES["Name_Calling-Labeling"]

NEUTRAL = [
    "An explosion at a fertiliser depot killed four people on Monday, the fire service said.",
    "Prosecutors announced criminal indictments against two former port officials on Thursday.",
    "Negotiators spent Tuesday discussing the so-called border backstop, officials said.",
    "The council approved the budget for road repairs by a vote of nine to two.",
]
SLANTED = [
    "These spineless cowards in parliament have betrayed us to a gang of corrupt thugs.",
    "The treacherous elites are laughing at you while they wreck everything we hold dear.",
]


@pytest.fixture(scope="module")
def detector() -> LearnedTechniqueDetector:
    return LearnedTechniqueDetector()


def _doc(ident: str, text: str, title: str | None = None) -> Document:
    return Document(id=ident, source=ident, raw=text, text=text, title=title, language="en")


def test_shipped_model_is_small_weights_only() -> None:
    assert RESOURCE.is_file()
    assert RESOURCE.stat().st_size < 3_000_000
    model = TechniqueModel.load()
    assert model.labels == CLASSES
    assert model.coef.shape == (23, 3 * 512 + 1)
    assert set(model.lang_thresholds) == {"en", "fr", "de", "it", "pl", "ru"}
    assert model.meta["cv"]["en_micro_f1"] >= 0.35
    with np.load(RESOURCE, allow_pickle=False) as data:  # numbers and a JSON header only
        assert all(data[k].dtype.kind in "fU" for k in data.files)


def test_model_round_trip(tmp_path: Path) -> None:
    rng = np.random.default_rng(3)
    model = TechniqueModel(
        ("A", "B"),
        rng.normal(size=(2, 5)).astype(np.float32),
        np.array([0.1, -0.2], np.float32),
        np.array([0.3, np.inf], np.float32),
        {"en": np.array([0.2, 0.4], np.float32)},
        meta={"cv": {"en_micro_f1": 0.5}},
    )
    again = TechniqueModel.load(model.save(tmp_path / "m.npz"))
    x = rng.normal(size=(4, 5)).astype(np.float32)
    assert again.labels == ("A", "B")
    assert again.meta == model.meta
    assert np.allclose(again.scores(x), model.scores(x), atol=1e-2)
    assert np.array_equal(again.thresholds_for("en-GB"), np.array([0.2, 0.4], np.float32))
    assert np.isinf(again.thresholds_for("xx")[1])
    assert not again.predict(x, "xx")[:, 1].any()
    with pytest.raises(ValueError):
        TechniqueModel(("A",), model.coef, model.intercept, model.thresholds)


def test_micro_thresholds_separate_and_skip_unseen_labels() -> None:
    scores = np.array([[0.9, 0.1], [0.8, 0.7], [0.2, 0.6], [0.1, 0.2]], np.float32)
    gold = np.array([[1, 0], [1, 0], [0, 0], [0, 0]])
    th = micro_thresholds(scores, gold)
    assert th[0] == pytest.approx(0.8)  # keeps exactly the two positives
    assert np.isinf(th[1])  # never positive in training: never predicted


def test_headline_is_analysed(detector: LearnedTechniqueDetector) -> None:
    title = "Spineless cowards and corrupt thugs have betrayed the nation"
    doc = _doc("h", "The council met on Tuesday to discuss the budget.", title=title)
    blocks = blocks_of(0, doc)
    assert blocks[0].unit.is_title
    assert blocks[0].unit.text == title
    assert blocks[0].span is None
    found = detector.detect([doc])[0]
    headline = [t for t in found if t.explanation and t.explanation.startswith("headline")]
    assert headline
    assert {t.technique for t in headline} & {LOADED, NAMES}
    assert all(t.text == title and t.start == t.end == 0 for t in headline)


def test_neutral_reporting_not_flagged(detector: LearnedTechniqueDetector) -> None:
    docs = [_doc(f"n{i}", text) for i, text in enumerate(NEUTRAL)]
    assert detector.detect(docs) == [[] for _ in NEUTRAL]


def test_slanted_paragraphs_flagged_with_sentence_evidence(
    detector: LearnedTechniqueDetector,
) -> None:
    text = "\n\n".join([NEUTRAL[3], " ".join(SLANTED), NEUTRAL[0]])
    found = detector.detect([_doc("s", text)])[0]
    assert {LOADED, NAMES} <= {t.technique for t in found}
    slanted_at = text.index(SLANTED[0])
    for tech in found:
        assert text[tech.start : tech.end] == tech.text
        assert tech.sentence is not None
        assert tech.sentence.start == slanted_at
        assert tech.text in SLANTED  # the best sentence, not the whole paragraph
        assert 0.0 <= tech.score <= 1.0


def test_seed_articles_loaded_language_and_name_calling(
    real_seeds_dir: Path, detector: LearnedTechniqueDetector
) -> None:
    paths = sorted(real_seeds_dir.glob("*.txt"))
    docs = [_doc(p.stem, p.read_text("utf-8")) for p in paths]
    found = detector.detect(docs)
    with_loaded = sum(any(t.technique == LOADED for t in f) for f in found)
    with_names = sum(any(t.technique == NAMES for t in f) for f in found)
    assert with_loaded >= 3
    assert with_names >= 3
    words = sum(len(d.text.split()) for d in docs)
    assert sum(len(f) for f in found) < words / 40  # a finding per 40 words at most


def test_characteriser_uses_learned_model_by_default() -> None:
    from narrascope.characterise.core import CharacteriseOptions, Characteriser

    engine = Characteriser(CharacteriseOptions(model=None))
    assert engine.learned_techniques is not None
    title = "Corrupt thugs and traitors wreck the country again"
    doc = _doc("c", "\n\n".join([NEUTRAL[3], " ".join(SLANTED)]), title=title)
    found = engine.characterise([doc])[0].techniques
    assert any(t.start == t.end == 0 and t.text == title for t in found)
    assert any(t.start > 0 and t.technique in (LOADED, NAMES) for t in found)
    assert not [t for t in found if 0 < t.start < len(NEUTRAL[3])]


def test_bad_options_and_user_taxonomy_fall_back_to_cues(tmp_path: Path) -> None:
    import json

    from narrascope.characterise.core import CharacteriseOptions, learned_detector
    from narrascope.errors import ConfigError

    with pytest.raises(ConfigError):
        CharacteriseOptions(technique_detector="magic")
    with pytest.raises(ConfigError):
        LearnedTechniqueDetector(evidence="magic")
    user = tmp_path / "tech.json"
    label = {"label": "Shouting", "description": "Writes in capitals.", "examples": ["STOP IT"]}
    user.write_text(json.dumps({"name": "t", "kind": "techniques", "labels": [label]}))
    assert learned_detector(CharacteriseOptions(taxonomies=(str(user),))) is None
    assert learned_detector(CharacteriseOptions(techniques=False)) is None
    assert learned_detector(CharacteriseOptions()) is not None


def test_title_in_text_and_empty_documents(detector: LearnedTechniqueDetector) -> None:
    title = "Council approves road budget"
    doc = _doc("t", f"{title}\n\n{NEUTRAL[3]}", title=title)
    blocks = blocks_of(0, doc)
    assert len(blocks) == 2
    assert blocks[0].unit.is_title
    assert blocks[0].span is not None
    assert blocks[1].unit.title == title
    assert detector.detect([_doc("e", ""), _doc("w", "  \n\n ")]) == [[], []]
