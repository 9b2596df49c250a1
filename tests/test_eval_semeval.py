"""SemEval-2025 Task 10 scorer: hand-computed cases and the quality gate."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from narrascope.errors import EvaluationError
from narrascope.evaluation.semeval import (
    NarrativeRow,
    evaluate,
    read_subtask1,
    read_subtask2,
    samples_f1,
    score_subtask1,
    set_f1,
)

GOLD = Path(__file__).parent / "data" / "gold" / "semeval"
BASELINE = Path(__file__).parent / "eval" / "baseline.json"


def _write(path: Path, lines: list[str]) -> Path:
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_eval_semeval_set_f1_hand_computed() -> None:
    assert set_f1(frozenset({"a", "b"}), frozenset({"a"})) == pytest.approx(2 / 3)
    assert set_f1(frozenset({"a"}), frozenset({"b"})) == 0.0
    assert set_f1(frozenset(), frozenset({"b"})) == 0.0


def test_eval_semeval_samples_f1_is_mean_over_documents(tmp_path: Path) -> None:
    gold = read_subtask2(
        _write(
            tmp_path / "g.txt",
            ["d1.txt\tA\tA: x;A: y", "d2.txt\tOther\tOther", "d3.txt\tB\tB: Other"],
        )
    )
    pred = read_subtask2(
        _write(tmp_path / "p.txt", ["d1.txt\tA\tA: x", "d2.txt\tA\tA: x", "d3.txt\tB;A\tB: Other"])
    )
    # fine: d1 2*1/(1+2)=2/3, d2 0, d3 1 -> 5/9 ; coarse: 1, 0, 2/3 -> 5/9
    assert samples_f1(gold, pred, "fine") == pytest.approx(5 / 9)
    assert samples_f1(gold, pred, "coarse") == pytest.approx(5 / 9)


def test_eval_semeval_matches_by_id_not_row_order(tmp_path: Path) -> None:
    gold_lines = ["d1.txt\tA\tA: x", "d2.txt\tB\tB: y", "d3.txt\tOther\tOther"]
    _write(tmp_path / "subtask-2-annotations.txt", gold_lines)
    shuffled = _write(
        tmp_path / "pred.txt", ["d3\tOther\tOther", "d1.txt\tA\tA: x", "d2.txt\tB\tB: z"]
    )
    scores = evaluate(tmp_path, shuffled)
    assert scores["subtask2_f1_coarse"] == pytest.approx(1.0)
    assert scores["subtask2_f1_fine"] == pytest.approx(2 / 3)


def test_eval_semeval_missing_prediction_counts_as_wrong(tmp_path: Path) -> None:
    gold = {
        "d1": NarrativeRow("d1", frozenset({"A"}), frozenset({"A: x"})),
        "d2": NarrativeRow("d2", frozenset({"B"}), frozenset({"B: y"})),
    }
    pred = {"d1": gold["d1"]}
    assert samples_f1(gold, pred, "fine") == pytest.approx(0.5)


def test_eval_semeval_subtask1_emr_and_main_accuracy(tmp_path: Path) -> None:
    gold = read_subtask1(
        _write(
            tmp_path / "g1.txt",
            [
                "d1.txt\tNATO\t10\t14\tAntagonist\tInstigator",
                "d1.txt\tKyiv\t30\t34\tProtagonist\tGuardian\tUnderdog",
                "d2.txt\tUN\t5\t7\tAntagonist\tIncompetent",
            ],
        )
    )
    pred = read_subtask1(
        _write(
            tmp_path / "p1.txt",
            [
                "d2.txt\tUN\t5\t7\tAntagonist\tCorrupt",
                "d1.txt\tKyiv\t30\t34\tProtagonist\tUnderdog\tGuardian",
                "d1.txt\tNATO\t10\t14\tInnocent\tVictim",
            ],
        )
    )
    scores = score_subtask1(gold, pred)
    assert scores["main_accuracy"] == pytest.approx(2 / 3)
    assert scores["emr"] == pytest.approx(1 / 3)


def test_eval_semeval_rejects_malformed_rows(tmp_path: Path) -> None:
    with pytest.raises(EvaluationError, match="3 tab-separated"):
        read_subtask2(_write(tmp_path / "bad.txt", ["d1.txt\tA"]))
    with pytest.raises(EvaluationError, match="integers"):
        read_subtask1(_write(tmp_path / "bad1.txt", ["d1.txt\tX\tten\t14\tAntagonist\tSpy"]))


@pytest.fixture(scope="module")
def scores() -> dict[str, dict[str, float]]:
    return {split: evaluate(GOLD / split, None, model=None) for split in ("dev", "test")}


@pytest.mark.parametrize("split", ["dev", "test"])
def test_eval_semeval_gate_floors(scores: dict[str, dict[str, float]], split: str) -> None:
    floors = json.loads(BASELINE.read_text(encoding="utf-8"))["semeval"][split]
    got = scores[split]
    for key, floor in floors.items():
        assert got[key] >= floor, f"{split} {key}: {got[key]:.3f} fell below the floor {floor}"


@pytest.mark.parametrize("split", ["dev", "test"])
def test_eval_semeval_beats_all_other(scores: dict[str, dict[str, float]], split: str) -> None:
    got = scores[split]
    assert got["subtask2_f1_fine"] >= got["baseline_f1_fine"] + 0.2
    assert got["subtask2_f1_coarse"] >= got["baseline_f1_coarse"] + 0.2
