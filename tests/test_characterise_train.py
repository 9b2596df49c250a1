"""Training on SemEval-format labels and JSONL; the saved model is used later."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click import Group
from click.testing import CliRunner

from narrascope.characterise.core import CharacteriseOptions, Characteriser
from narrascope.characterise.predict import read_documents
from narrascope.characterise.train import train
from narrascope.cli.characterise_commands import register
from narrascope.errors import ConfigError
from narrascope.evaluation.semeval import evaluate

DEV = Path(__file__).parent / "data" / "gold" / "semeval" / "dev"
TEST = Path(__file__).parent / "data" / "gold" / "semeval" / "test"


def test_characterise_train_semeval_files_and_reuse(tmp_path: Path) -> None:
    out = tmp_path / "model.joblib"
    report = train([DEV / "subtask-2-annotations.txt", DEV / "subtask-1-annotations.txt"], DEV, out)
    assert report.path == out
    assert out.is_file()
    assert report.documents == 31
    assert report.mentions > 10
    assert report.labels_trained > 10
    scores = evaluate(TEST, None, model=str(out))
    assert scores["subtask2_f1_fine"] > scores["baseline_f1_fine"] + 0.2
    doc = Characteriser(CharacteriseOptions(model=str(out))).characterise(read_documents(TEST)[:1])[
        0
    ]
    assert doc.narratives


def test_characterise_train_jsonl_with_inline_text(tmp_path: Path) -> None:
    docs = read_documents(DEV)[:12]
    gold = {
        line.split("\t")[0][:-4]: line.split("\t")
        for line in (DEV / "subtask-2-annotations.txt").read_text(encoding="utf-8").splitlines()
    }
    lines = [
        json.dumps(
            {
                "id": d.id,
                "text": d.text,
                "narratives": gold[d.id][1].split(";"),
                "subnarratives": gold[d.id][2].split(";"),
            }
        )
        for d in docs
    ]
    labels = tmp_path / "labels.jsonl"
    labels.write_text("\n".join(lines) + "\n", encoding="utf-8")
    report = train([labels], None, tmp_path)
    assert report.path == tmp_path / "characterise.joblib"
    assert report.documents == 12


def test_characterise_train_rejects_unknown_labels(tmp_path: Path) -> None:
    labels = tmp_path / "l.tsv"
    labels.write_text("EN_URW_001.txt\tURW: Made up\tURW: Made up: x\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="not in the taxonomy"):
        train([labels], DEV, tmp_path / "m.joblib")


def test_characterise_cli_train_and_narratives(tmp_path: Path) -> None:
    group = Group("narrascope")
    register(group)
    runner = CliRunner()
    out = tmp_path / "m.joblib"
    result = runner.invoke(
        group,
        [
            "train",
            "--labels",
            str(DEV / "subtask-2-annotations.txt"),
            "--docs",
            str(DEV),
            "--out",
            str(out),
        ],
    )
    assert result.exit_code == 0, result.output
    article = next((TEST / "raw-documents").glob("EN_CC_*.txt"))
    result = runner.invoke(group, ["narratives", str(article), "--model", str(out)])
    assert result.exit_code == 0, result.output
    payload = json.loads(result.output.splitlines()[0])
    assert payload["id"] == article.stem
    assert payload["narratives"]
    bad = runner.invoke(
        group, ["narratives", str(article), "--model", str(tmp_path / "none.joblib")]
    )
    assert bad.exit_code != 0
    assert "narrascope train" in bad.output
