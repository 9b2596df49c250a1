"""``narrascope eval techniques --pred``: official subtask-3 scores of a predictions file."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from narrascope.cli import cli


def test_eval_techniques_scores_a_predictions_file(tmp_path: Path) -> None:
    gold = tmp_path / "gold.txt"
    gold.write_text(
        "7\t1\tLoaded_Language,Name_Calling-Labeling\n7\t3\t\n7\t5\tDoubt\n", encoding="utf-8"
    )
    pred = tmp_path / "pred.txt"
    pred.write_text("7\t1\tLoaded_Language\n7\t3\tSlogans\n", encoding="utf-8")
    result = CliRunner().invoke(
        cli, ["eval", "techniques", "--gold", str(gold), "--pred", str(pred), "--json"]
    )
    assert result.exit_code == 0, result.output
    scores = json.loads(result.output)
    assert scores["paragraphs"] == 3
    assert scores["micro_f1"] == 2 * 1 / (2 * 1 + 1 + 2)  # tp 1, fp 1, fn 2
    assert scores["baseline_loaded_language_micro_f1"] == 2 * 1 / (2 * 1 + 2 + 2)


def test_eval_other_tasks_still_need_gold() -> None:
    result = CliRunner().invoke(cli, ["eval", "semeval"])
    assert result.exit_code != 0
    assert "--gold is required" in result.output
