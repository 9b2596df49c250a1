"""Quality gate: duplicates, story clusters and contradictions on the stories gold set."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from narrascope.errors import EvaluationError
from narrascope.evaluation.stories import bcubed, evaluate, score

HERE = Path(__file__).parent
GOLD = HERE / "data" / "gold" / "stories"
FLOORS = json.loads((HERE / "eval" / "baseline.json").read_text(encoding="utf-8"))["stories"]


@pytest.fixture(scope="module")
def measured() -> dict[str, float]:
    return evaluate(GOLD)


@pytest.mark.parametrize("metric", sorted(k for k in FLOORS if not k.startswith("_")))
def test_eval_stories_meets_floor(measured: dict[str, float], metric: str) -> None:
    assert measured[metric] >= FLOORS[metric], (
        f"{metric} = {measured[metric]:.3f} < {FLOORS[metric]}"
    )


def test_eval_stories_scores_a_prediction_file(tmp_path: Path) -> None:
    gold = json.loads((GOLD / "annotations.json").read_text(encoding="utf-8"))
    planted = gold["contradictions"][0]
    pred = {
        "stories": list(gold["stories"].values()),
        "duplicates": gold["duplicates"],
        "contradictions": [
            {
                "kind": planted["kind"],
                "doc_a": planted["a"]["doc"],
                "text_a": planted["a"]["text"],
                "doc_b": planted["b"][0]["doc"],
                "text_b": planted["b"][0]["text"] + " More words.",
            },
            {
                "kind": "date",
                "doc_a": "a01",
                "text_a": "Chile and Peru opened talks",
                "doc_b": "a03",
                "text_b": "The dispute dates back to 2022",
            },
        ],
    }
    path = tmp_path / "pred.json"
    path.write_text(json.dumps(pred), encoding="utf-8")
    result = evaluate(GOLD, path)
    assert result["stories_bcubed_f1"] == 1.0
    assert result["duplicates_f1"] == 1.0
    assert result["contradictions_precision"] == 0.5
    assert result["contradictions_recall"] == pytest.approx(1 / len(gold["contradictions"]))


def test_eval_stories_bcubed_of_one_big_cluster() -> None:
    result = bcubed([["a", "b"], ["c", "d"]], [["a", "b", "c", "d"]], ["a", "b", "c", "d"])
    assert result["stories_bcubed_recall"] == 1.0
    assert result["stories_bcubed_precision"] == 0.5


def test_eval_stories_empty_prediction_scores_zero_recall() -> None:
    gold = json.loads((GOLD / "annotations.json").read_text(encoding="utf-8"))
    result = score(gold, {}, ["a01"])
    assert result["duplicates_recall"] == 0.0
    assert result["contradictions_recall"] == 0.0


def test_eval_stories_bad_gold_path(tmp_path: Path) -> None:
    with pytest.raises(EvaluationError):
        evaluate(tmp_path)
