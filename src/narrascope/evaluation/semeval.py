"""SemEval-2025 Task 10 scoring (subtasks 1 and 2), official definitions.

Subtask 2 (narratives): per-document F1 between the predicted and gold label
sets, averaged over gold documents ("samples F1"), separately for coarse and
fine labels. Subtask 1 (entity roles): main-role accuracy and the exact-match
ratio of fine-role sets, over gold mentions. Gold and predictions are matched by
document id (and mention offsets), never by row order; a gold item without a
prediction counts as wrong.

A gold folder follows the task's layout: ``raw-documents/<id>.txt``,
``subtask-2-annotations.txt`` and, optionally, ``subtask-1-annotations.txt``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from narrascope.errors import EvaluationError
from narrascope.evaluation.semeval_format import (
    OTHER,
    RAW_DIR,
    SUBTASK1_FILE,
    SUBTASK2_FILE,
    NarrativeRow,
    RoleRow,
    doc_key,
    read_subtask1,
    read_subtask2,
    write_subtask1,
    write_subtask2,
)

__all__ = [
    "OTHER",
    "RAW_DIR",
    "SUBTASK1_FILE",
    "SUBTASK2_FILE",
    "NarrativeRow",
    "RoleRow",
    "all_other",
    "doc_key",
    "evaluate",
    "read_subtask1",
    "read_subtask2",
    "samples_f1",
    "score_subtask1",
    "score_subtask2",
    "set_f1",
    "write_subtask1",
    "write_subtask2",
]

def set_f1(pred: frozenset[str], gold: frozenset[str]) -> float:
    """F1 between two label sets (1.0 when both are empty)."""
    if not pred and not gold:
        return 1.0
    if not pred or not gold:
        return 0.0
    overlap = len(pred & gold)
    return 2.0 * overlap / (len(pred) + len(gold))


def samples_f1(gold: dict[str, NarrativeRow], pred: dict[str, NarrativeRow], level: str) -> float:
    """Mean over gold documents of the per-document F1 at ``level``."""
    if not gold:
        raise EvaluationError("the gold set is empty")
    total = 0.0
    for key, row in gold.items():
        predicted = pred.get(key)
        pred_set = getattr(predicted, level) if predicted else frozenset()
        total += set_f1(pred_set, getattr(row, level))
    return total / len(gold)


def score_subtask2(
    gold: dict[str, NarrativeRow], pred: dict[str, NarrativeRow]
) -> dict[str, float]:
    """Samples F1, coarse and fine, plus the number of unmatched gold documents."""
    return {
        "f1_coarse": samples_f1(gold, pred, "coarse"),
        "f1_fine": samples_f1(gold, pred, "fine"),
        "documents": float(len(gold)),
        "missing": float(sum(1 for key in gold if key not in pred)),
    }


def score_subtask1(
    gold: dict[tuple[str, int, int], RoleRow], pred: dict[tuple[str, int, int], RoleRow]
) -> dict[str, float]:
    """Main-role accuracy and fine-role exact-match ratio over gold mentions."""
    if not gold:
        raise EvaluationError("the gold role set is empty")
    main = exact = 0
    for key, row in gold.items():
        guess = pred.get(key)
        if guess is None:
            continue
        main += guess.main_role == row.main_role
        exact += guess.fine_roles == row.fine_roles
    n = len(gold)
    return {"main_accuracy": main / n, "emr": exact / n, "mentions": float(n)}


def all_other(gold: dict[str, NarrativeRow]) -> dict[str, NarrativeRow]:
    """The trivial baseline: every document labelled ``Other`` at both levels."""
    other = frozenset({OTHER})
    return {key: NarrativeRow(key, other, other) for key in gold}


def evaluate(
    gold_path: str | Path, pred_path: str | Path | None = None, **opts: Any
) -> dict[str, float]:
    """Score a gold folder (or subtask-2 file) against predictions.

    ``pred_path`` is a subtask-2 file or a folder holding subtask-2 and
    optionally subtask-1 files; when it is ``None`` Narrascope characterises the
    gold set's raw documents itself (options: ``embedder``, ``model``,
    ``taxonomy``). Keys: ``subtask2_f1_fine``, ``subtask2_f1_coarse``,
    ``subtask1_main_accuracy``, ``subtask1_emr`` (when roles are annotated) and
    the all-``Other`` baseline ``baseline_f1_fine`` / ``baseline_f1_coarse``.
    """
    gold_dir, gold2_path = _resolve_gold(Path(gold_path))
    gold2 = read_subtask2(gold2_path)
    gold1_path = gold_dir / SUBTASK1_FILE
    gold1 = read_subtask1(gold1_path) if gold1_path.is_file() else {}
    if pred_path is None:
        from narrascope.characterise.predict import predict_folder

        pred2, pred1 = predict_folder(gold_dir, list(gold1.values()), **opts)
    else:
        pred2, pred1 = _read_predictions(Path(pred_path))
    return _report(gold2, pred2, gold1, pred1)


def _resolve_gold(path: Path) -> tuple[Path, Path]:
    if path.is_dir():
        file = path / SUBTASK2_FILE
        if not file.is_file():
            raise EvaluationError(f"{path}: no {SUBTASK2_FILE} in the gold folder")
        return path, file
    if path.is_file():
        return path.parent, path
    raise EvaluationError(f"{path}: gold path does not exist")


def _read_predictions(
    path: Path,
) -> tuple[dict[str, NarrativeRow], dict[tuple[str, int, int], RoleRow]]:
    if path.is_dir():
        file2, file1 = path / SUBTASK2_FILE, path / SUBTASK1_FILE
        pred2 = read_subtask2(file2) if file2.is_file() else {}
        pred1 = read_subtask1(file1) if file1.is_file() else {}
        return pred2, pred1
    if path.is_file():
        return read_subtask2(path), {}
    raise EvaluationError(f"{path}: prediction path does not exist")


def _report(
    gold2: dict[str, NarrativeRow],
    pred2: dict[str, NarrativeRow],
    gold1: dict[tuple[str, int, int], RoleRow],
    pred1: dict[tuple[str, int, int], RoleRow],
) -> dict[str, float]:
    sub2 = score_subtask2(gold2, pred2)
    base = score_subtask2(gold2, all_other(gold2))
    out = {
        "subtask2_f1_fine": sub2["f1_fine"],
        "subtask2_f1_coarse": sub2["f1_coarse"],
        "subtask2_documents": sub2["documents"],
        "subtask2_missing": sub2["missing"],
        "baseline_f1_fine": base["f1_fine"],
        "baseline_f1_coarse": base["f1_coarse"],
    }
    if gold1:
        sub1 = score_subtask1(gold1, pred1)
        out.update(
            {
                "subtask1_main_accuracy": sub1["main_accuracy"],
                "subtask1_emr": sub1["emr"],
                "subtask1_mentions": sub1["mentions"],
            }
        )
    return out
