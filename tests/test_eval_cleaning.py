"""Quality gate: the cleaner's scores on the gold sets stay above the pinned floors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from narrascope.errors import EvaluationError
from narrascope.evaluation.cleaning import evaluate

HERE = Path(__file__).parent
GOLD = HERE / "data" / "gold" / "cleaning"
FLOORS = json.loads((HERE / "eval" / "baseline.json").read_text(encoding="utf-8"))["cleaning"]


@pytest.mark.parametrize("split", ["dev", "heldout"])
def test_eval_cleaning_meets_floors(split: str) -> None:
    scores = evaluate(GOLD / f"{split}.jsonl")
    assert scores["n_articles"] >= 10
    below = {k: (scores[k], floor) for k, floor in FLOORS[split].items() if scores[k] < floor}
    assert not below, f"{split}: scores below the floors (score, floor): {below}"


def test_eval_cleaning_gold_set_is_large_enough() -> None:
    total = sum(evaluate(GOLD / f"{s}.jsonl")["n_articles"] for s in ("dev", "heldout"))
    assert total >= 25


def test_eval_cleaning_scores_a_prediction_file(tmp_path: Path) -> None:
    gold = [json.loads(line) for line in (GOLD / "dev.jsonl").read_text().splitlines()][:2]
    gold_path = tmp_path / "gold.jsonl"
    gold_path.write_text("\n".join(json.dumps(g) for g in gold) + "\n", encoding="utf-8")
    raw_copy = tmp_path / "raw.jsonl"  # a "tool" that removes nothing
    raw_copy.write_text(
        "\n".join(json.dumps({"id": g["id"], "text": g["raw"]}) for g in gold) + "\n"
    )
    scores = evaluate(gold_path, raw_copy)
    assert scores["sentence_recall"] == 1.0
    assert scores["chrome_recall"] == 0.0
    assert scores["title_accuracy"] == 0.0


def test_eval_cleaning_rejects_malformed_predictions(tmp_path: Path) -> None:
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"id": "x", "text": "a"}\n{not json\n', encoding="utf-8")
    with pytest.raises(EvaluationError, match=r"bad\.jsonl:2"):
        evaluate(GOLD / "dev.jsonl", bad)
