"""``narrascope eval techniques``: SemEval-2023 Task 3 subtask-3 scores.

Metrics as the official subtask-3 scorer computes them: every gold paragraph
(``<article>_<line>``) becomes a 23-dimensional binary row (scikit-learn's
``MultiLabelBinarizer`` over the task's classes) and micro- and macro-F1 come
from ``f1_score(..., zero_division=1)``. A paragraph without a prediction
counts as predicted empty.

Without ``--pred`` it reports 5-fold cross-validated figures (folds by article,
thresholds learned inside each training part) of the learned model on the
training split, overall, for English and per language, next to the
all-"Loaded Language" baseline scored in the same run.
"""

from __future__ import annotations

import argparse
import json
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from narrascope.characterise.technique_data import (
    BASELINE_CODE,
    CLASSES,
    available,
    data_root,
    read_labels,
)
from narrascope.errors import EvaluationError

if TYPE_CHECKING:
    from narrascope.characterise.technique_train import Dataset


def official_f1(
    gold: Iterable[Iterable[str]], pred: Iterable[Iterable[str]]
) -> tuple[float, float]:
    """``(micro_f1, macro_f1)`` of aligned label sets, as the official scorer."""
    from sklearn.metrics import f1_score
    from sklearn.preprocessing import MultiLabelBinarizer

    binarizer = MultiLabelBinarizer(classes=list(CLASSES))
    binarizer.fit([list(CLASSES)])
    g = binarizer.transform([[c for c in row if c in CLASSES] for row in gold])
    p = binarizer.transform([[c for c in row if c in CLASSES] for row in pred])
    micro = float(f1_score(g, p, average="micro", zero_division=1))
    macro = float(f1_score(g, p, average="macro", zero_division=1))
    return micro, macro


def score_files(
    gold: Mapping[str, frozenset[str]], pred: Mapping[str, frozenset[str]]
) -> dict[str, float]:
    """Scores of predictions against gold, keyed ``<article>_<line>``, with the baseline."""
    keys = sorted(gold)
    micro, macro = official_f1([gold[k] for k in keys], [pred.get(k, frozenset()) for k in keys])
    b_micro, b_macro = official_f1([gold[k] for k in keys], [[BASELINE_CODE]] * len(keys))
    return {
        "paragraphs": float(len(keys)),
        "micro_f1": micro,
        "macro_f1": macro,
        "baseline_loaded_language_micro_f1": b_micro,
        "baseline_loaded_language_macro_f1": b_macro,
    }


def cv_report(ds: Dataset, pred: np.ndarray) -> dict[str, float]:
    """Official scores of out-of-fold decisions, overall and per language, with the baseline."""
    langs = ds.langs
    gold = [p.labels for p in ds.paragraphs]
    rows = [[CLASSES[j] for j in np.flatnonzero(r)] for r in pred]
    out: dict[str, float] = {}
    for lang in ["all", *sorted(set(langs.tolist()))]:
        idx = range(len(gold)) if lang == "all" else np.flatnonzero(langs == lang)
        g = [gold[i] for i in idx]
        micro, macro = official_f1(g, [rows[i] for i in idx])
        b_micro, b_macro = official_f1(g, [[BASELINE_CODE]] * len(g))
        out[f"{lang}_paragraphs"] = float(len(g))
        out[f"{lang}_micro_f1"], out[f"{lang}_macro_f1"] = micro, macro
        out[f"{lang}_baseline_micro_f1"], out[f"{lang}_baseline_macro_f1"] = b_micro, b_macro
    return out


def _labels_file(path: Path) -> Path:
    if path.is_dir():
        path = path / "train-labels-subtask-3.txt"
    if not path.is_file():
        raise EvaluationError(f"{path}: no subtask-3 labels file")
    return path


def _keyed(path: Path) -> dict[str, frozenset[str]]:
    return {f"{a}_{line}": codes for (a, line), codes in read_labels(path).items()}


def evaluate(gold: str | None, pred: str | None = None) -> dict[str, float]:
    """Score ``pred`` (a subtask-3 labels file) against ``gold``, or cross-validate.

    ``gold`` is a labels file or a language folder when ``pred`` is given;
    otherwise the ``semeval2023-task3/data`` folder (default: under
    ``$NARRASCOPE_DATA``), whose training splits are cross-validated.
    """
    if pred is not None:
        if gold is None:
            raise EvaluationError("--gold is needed to score a predictions file")
        return score_files(_keyed(_labels_file(Path(gold))), _keyed(Path(pred)))
    root = data_root(gold) if gold else data_root()
    if not available(root):
        raise EvaluationError(
            f"{root}: SemEval-2023 Task 3 training data not found: see docs/datasets.md"
        )
    from narrascope.characterise.technique_train import cross_validate, load_dataset

    ds = load_dataset(root)
    return cv_report(ds, cross_validate(ds))


def main(argv: list[str] | None = None) -> None:
    """Cross-validate, then (``--write``) train on everything and save the default model."""
    from narrascope.characterise.technique_model import RESOURCE
    from narrascope.characterise.technique_train import (
        ALPHA,
        FOLDS,
        cross_validate,
        load_dataset,
        train_model,
    )

    parser = argparse.ArgumentParser(description="Cross-validate and rebuild the technique model.")
    parser.add_argument("--data", default=None, help="semeval2023-task3/data folder")
    parser.add_argument("--out", default=str(RESOURCE))
    parser.add_argument("--alpha", type=float, default=ALPHA)
    parser.add_argument("--write", action="store_true", help="save the model to --out")
    args = parser.parse_args(argv)

    ds = load_dataset(data_root(args.data))
    report = cv_report(ds, cross_validate(ds, FOLDS, args.alpha))
    print(json.dumps(report, indent=1, sort_keys=True))
    if args.write:
        cv = {k: round(v, 4) for k, v in report.items() if k.endswith(("micro_f1", "macro_f1"))}
        path = train_model(ds, args.alpha, {"cv": cv}).save(args.out)
        print(f"wrote {path} ({path.stat().st_size / 1e6:.2f} MB)")


if __name__ == "__main__":
    main()
