"""The learned narrative and role models: decoding, abstention, persistence (synthetic weights)."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from narrascope.characterise.learned import (
    Heads,
    NarrativeModel,
    Thresholds,
    load_narrative_model,
)
from narrascope.characterise.learned_roles import RoleModel, load_role_model
from narrascope.errors import ConfigError

LABELS = ("A", "A: x", "A: y", "B", "B: z", "C")
PARENTS: dict[str, str | None] = {
    "A": None, "A: x": "A", "A: y": "A", "B": None, "B: z": "B", "C": None,
}  # fmt: skip
DOMAIN = {"A": "D1", "A: x": "D1", "A: y": "D1", "B": "D1", "B: z": "D1", "C": "D2"}


def _select(first: int, count: int, width: int) -> np.ndarray:
    coef = np.zeros((count, width), dtype=np.float32)
    coef[np.arange(count), first + np.arange(count)] = 1.0
    return coef


def model() -> NarrativeModel:
    """Features: [mean vector (2) | domain scores D1, D2, Other (3) | label scores (6)]."""
    width = 2 + 3 + len(LABELS)
    return NarrativeModel(
        domain_head=Heads(("D1", "D2", "Other"), _select(2, 3, width), np.zeros(3, np.float32)),
        heads=Heads(LABELS, _select(5, len(LABELS), width), np.zeros(len(LABELS), np.float32)),
        parents=PARENTS,
        label_domain=DOMAIN,
        centroids=np.asarray([[1.0, 0.0], [0.0, 1.0]], dtype=np.float32),
        floors=np.asarray([0.5, 0.5], dtype=np.float32),
        thresholds=Thresholds(domain=0.5, coarse=0.5, fine=0.5),
    )


def row(mean: tuple[float, float], dom: tuple[float, float, float], **scores: float) -> np.ndarray:
    values = [scores.get(name.replace(": ", "_"), 0.0) for name in LABELS]
    return np.asarray([[*mean, *dom, *values]], dtype=np.float32)


def names(chosen: list[tuple[str, str, float]]) -> set[tuple[str, str]]:
    return {(name, level) for name, level, _ in chosen}


def test_learned_fine_label_brings_its_coarse_label() -> None:
    got = names(model().decide(row((1, 0), (0.9, 0.1, 0.0), A_x=0.9, A=0.1))[0])
    assert got == {("A", "coarse"), ("A: x", "fine")}


def test_learned_coarse_without_fine_gets_coarse_other() -> None:
    got = names(model().decide(row((1, 0), (0.9, 0.1, 0.0), B=0.8, B_z=0.2))[0])
    assert got == {("B", "coarse"), ("B: Other", "fine")}


def test_learned_in_domain_without_passing_label_keeps_the_best_coarse() -> None:
    got = names(model().decide(row((1, 0), (0.9, 0.0, 0.0), A=0.3, B=0.2))[0])
    assert got == {("A", "coarse"), ("A: Other", "fine")}


def test_learned_low_domain_score_abstains() -> None:
    got = names(model().decide(row((1, 0), (0.3, 0.1, 0.6), A=0.9, A_x=0.9))[0])
    assert got == {("Other", "coarse"), ("Other", "fine")}


def test_learned_far_from_every_domain_centroid_abstains() -> None:
    # confident heads, but the article's mean vector is unlike either domain's articles
    got = names(model().decide(row((-1, -0.2), (0.9, 0.0, 0.0), A=0.9, A_x=0.9))[0])
    assert got == {("Other", "coarse"), ("Other", "fine")}


def test_learned_labels_stay_in_the_chosen_domain() -> None:
    got = names(model().decide(row((0, 1), (0.1, 0.9, 0.0), C=0.9, A=0.95, A_x=0.95))[0])
    assert got == {("C", "coarse"), ("C: Other", "fine")}


def test_learned_per_label_threshold_overrides_the_level() -> None:
    m = model()
    m.thresholds = Thresholds(domain=0.5, coarse=0.5, fine=0.5, per_label={"A: y": 0.2})
    got = names(m.decide(row((1, 0), (0.9, 0.0, 0.0), A=0.9, A_y=0.3, A_x=0.3))[0])
    assert got == {("A", "coarse"), ("A: y", "fine")}


def test_learned_narrative_model_round_trip(tmp_path: Path) -> None:
    m = model()
    m.thresholds = Thresholds(domain=0.4, coarse=0.45, fine=0.3, per_label={"B": 0.6})
    m.save(tmp_path / "narratives")
    back = load_narrative_model(tmp_path / "narratives")
    x = np.random.default_rng(0).uniform(0, 1, size=(20, 11)).astype(np.float32)
    assert back.decide(x) == m.decide(x)
    assert back.thresholds == m.thresholds
    meta = json.loads((tmp_path / "narratives.json").read_text(encoding="utf-8"))
    assert meta["labels"] == list(LABELS)


def test_learned_narrative_model_bad_file_is_a_config_error(tmp_path: Path) -> None:
    (tmp_path / "narratives.json").write_text('{"format": "something else"}', encoding="utf-8")
    with pytest.raises(ConfigError):
        load_narrative_model(tmp_path / "narratives")
    with pytest.raises(ConfigError):
        load_narrative_model(tmp_path / "missing")


def role_model() -> RoleModel:
    mains = ("Protagonist", "Antagonist", "Innocent")
    fine = ("Guardian", "Virtuous", "Tyrant", "Victim")
    parents = {"Guardian": "Protagonist", "Virtuous": "Protagonist", "Tyrant": "Antagonist",
               "Victim": "Innocent"}  # fmt: skip
    width = 7
    return RoleModel(
        main=Heads(mains, _select(0, 3, width), np.zeros(3, np.float32)),
        fine=Heads(fine, _select(3, 4, width), np.zeros(4, np.float32)),
        parents=parents,
        fine_threshold=0.5,
        max_fine=2,
    )


def test_learned_roles_fine_roles_follow_the_main_role(tmp_path: Path) -> None:
    m = role_model()
    x = np.asarray(
        [
            [0.2, 0.7, 0.1, 0.9, 0.9, 0.3, 0.9],  # Antagonist: Guardian/Virtuous/Victim not allowed
            [0.8, 0.1, 0.1, 0.6, 0.7, 0.0, 0.0],  # Protagonist: both fine roles pass
            [0.1, 0.1, 0.8, 0.0, 0.0, 0.0, 0.2],  # Innocent: none passes, the best is kept
        ],
        dtype=np.float32,
    )
    got = [(main, fine) for main, fine, _ in m.predict(x)]
    assert got == [
        ("Antagonist", ("Tyrant",)),
        ("Protagonist", ("Virtuous", "Guardian")),
        ("Innocent", ("Victim",)),
    ]
    m.save(tmp_path / "roles")
    assert load_role_model(tmp_path / "roles").predict(x) == m.predict(x)


def test_learned_chunks_are_the_paragraphs_of_the_lead() -> None:
    from narrascope.characterise.encode import chunks

    text = "\n".join(f"  Paragraph {i} says something short.  \n" for i in range(60))
    full = chunks(text, limit=len(text))
    assert len(full) == 60
    assert all(text[c.start : c.end] == c.text == c.text.strip() for c in full)
    for limit in (1, 150, 401, 999, 2000):
        part = chunks(text, limit=limit)
        assert part == full[: len(part)]
        assert all(c.start < limit for c in part)
        assert len(part) == len(full) or full[len(part)].start >= limit


def test_article_vector_pools_all_paragraphs_and_the_lead() -> None:
    from narrascope.characterise.encode import POOLED_DIM, article_vector
    from narrascope.models import Span

    spans = [Span(0, 10, "a"), Span(200, 300, "b"), Span(900, 950, "c")]
    vectors = np.eye(3, 512, dtype=np.float32)
    x = article_vector(spans, vectors, lead=400)
    assert x.shape == (POOLED_DIM,)
    assert np.allclose(x[:512], vectors.mean(axis=0))  # mean of all paragraphs
    assert np.allclose(x[512:1024], vectors.max(axis=0))  # max of all
    assert np.allclose(x[1024:], vectors[:2].mean(axis=0))  # mean of the two lead ones
    assert np.allclose(article_vector(spans[2:], vectors[2:], lead=400)[1024:], vectors[2])
    assert not article_vector([], np.zeros((0, 512), np.float32)).any()


def test_reusing_embeds_each_text_once(monkeypatch: pytest.MonkeyPatch) -> None:
    from narrascope.characterise import encode
    from narrascope.stories import vectors as story_vectors

    calls: list[list[str]] = []
    real = story_vectors.use_embedder

    def counting(texts: list[str], *args: object, **kwargs: object) -> np.ndarray:
        calls.append(list(texts))
        return real(texts)

    monkeypatch.setattr(story_vectors, "use_embedder", counting)
    with encode.reusing({"known": np.ones(512, np.float32)}) as memo:
        got = encode.embed_texts(["known", "new", "new"])
        again = encode.embed_texts(["new"])
    assert calls == [["new"]]
    assert np.allclose(got[0], 1.0)
    assert np.allclose(got[1], again[0])
    assert set(memo) == {"known", "new"}
    encode.embed_texts(["outside"])
    assert calls[-1] == ["outside"]  # no memo outside the block


def test_learned_hashed_words_need_no_vocabulary() -> None:
    from narrascope.characterise.encode import lexical_features

    x = lexical_features(["the cat sat", "", "кот сидел"], limit=100, dim=64)
    assert x.shape == (3, 64)
    assert np.allclose(np.linalg.norm(x[[0, 2]], axis=1), 1.0)
    assert not x[1].any()


def test_learned_abstention_score_is_a_confidence_in_the_unit_interval() -> None:
    # the domain margin is a difference of scores (it can be far below zero), but
    # the "Other" score shown to users must read as a confidence
    weak = model().decide(row((1, 0), (0.3, 0.1, 0.6), A=0.9))[0]
    hopeless = model().decide(row((1, 0), (0.0, 0.0, 1.0), A=0.9))[0]
    for found in (weak, hopeless):
        assert {label for label, _, _ in found} == {"Other"}
        assert all(0.0 < score <= 1.0 for _, _, score in found)
    assert 1.0 > hopeless[0][2] > weak[0][2] > 0.5


def test_learned_roles_language_offsets_apply_to_their_language_only(tmp_path: Path) -> None:
    m = role_model()
    x = np.asarray([[0.5, 0.4, 0.1, 0.6, 0.7, 0.0, 0.0]] * 3, dtype=np.float32)
    assert [p[0] for p in m.predict(x)] == ["Protagonist"] * 3
    m.language_bias = {"HI": np.asarray([0.0, 0.3, 0.0], dtype=np.float32)}
    got = [p[0] for p in m.predict(x, ["hi", "en", None])]
    assert got == ["Antagonist", "Protagonist", "Protagonist"]
    m.save(tmp_path / "roles")
    assert load_role_model(tmp_path / "roles").predict(x, ["hi", "en", None]) == m.predict(
        x, ["hi", "en", None]
    )
