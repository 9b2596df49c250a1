"""Evaluation gate: the technique model, cross-validated on SemEval-2023 Task 3 subtask 3."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from narrascope.characterise.technique_data import LANGUAGES, available, data_root
from narrascope.evaluation.techniques import evaluate, official_f1, score_files

FLOORS = json.loads((Path(__file__).parent / "eval" / "baseline.json").read_text("utf-8"))[
    "techniques"
]


def test_official_f1_matches_hand_counts() -> None:
    gold = [{"Loaded_Language"}, {"Doubt", "Name_Calling-Labeling"}, set()]
    pred = [{"Loaded_Language"}, {"Doubt"}, {"Slogans"}]
    micro, macro = official_f1(gold, pred)
    assert micro == pytest.approx(2 * 2 / (2 * 2 + 1 + 1))  # tp 2, fp 1, fn 1
    # classes absent from gold and predictions score 1 (zero_division=1), as the official scorer
    assert macro == pytest.approx((1 + 1 + 0 + 0 + 19) / 23)


def test_score_files_counts_missing_predictions_as_empty() -> None:
    gold = {"1_1": frozenset({"Loaded_Language"}), "1_3": frozenset()}
    scores = score_files(gold, {})
    assert scores["micro_f1"] == 0.0
    assert scores["baseline_loaded_language_micro_f1"] == pytest.approx(2 / 3)


@pytest.mark.slow
def test_eval_techniques_cross_validated_gate() -> None:
    if not available():
        pytest.skip(
            f"SemEval-2023 Task 3 training data not found at {data_root()}: see docs/datasets.md"
        )
    scores = evaluate(None)
    assert scores["en_micro_f1"] >= FLOORS["en_micro_f1"]
    assert scores["en_macro_f1"] >= FLOORS["en_macro_f1"]
    assert scores["all_micro_f1"] >= FLOORS["all_micro_f1"]
    iso = {"ge": "de", "po": "pl"}
    for lang in (iso.get(code, code) for code in LANGUAGES if available(None, code)):
        margin = scores[f"{lang}_micro_f1"] - scores[f"{lang}_baseline_micro_f1"]
        assert margin >= FLOORS["min_margin_over_baseline_micro"], lang
        assert scores[f"{lang}_macro_f1"] > scores[f"{lang}_baseline_macro_f1"], lang


@pytest.mark.slow
def test_evidence_sentence_gate() -> None:
    if not available():
        pytest.skip(
            f"SemEval-2023 Task 3 training data not found at {data_root()}: see docs/datasets.md"
        )
    from narrascope.evaluation.technique_evidence import evaluate as evidence

    rates = evidence()
    assert rates["pairs"] > 1000
    assert rates["static_ranker"] >= FLOORS["evidence_static_ranker_hit_rate"]
    margin = rates["static_ranker"] - rates["first_sentence"]
    assert margin >= FLOORS["evidence_margin_over_first_sentence"]
