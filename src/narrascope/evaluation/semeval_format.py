"""SemEval-2025 Task 10 files: the gold layout, label rows, reading and writing them.

The data format only (no scoring, no model), so that what produces predictions
(:mod:`narrascope.characterise`) and what scores them
(:mod:`narrascope.evaluation.semeval`) both depend on it and not on each other.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

from narrascope.errors import EvaluationError

SUBTASK2_FILE = "subtask-2-annotations.txt"
SUBTASK1_FILE = "subtask-1-annotations.txt"
RAW_DIR = "raw-documents"
OTHER = "Other"


@dataclass(frozen=True, slots=True)
class NarrativeRow:
    """One document of a subtask-2 file."""

    doc_id: str
    coarse: frozenset[str]
    fine: frozenset[str]


@dataclass(frozen=True, slots=True)
class RoleRow:
    """One entity mention of a subtask-1 file."""

    doc_id: str
    entity: str
    start: int
    end: int
    main_role: str
    fine_roles: frozenset[str]

    @property
    def key(self) -> tuple[str, int, int]:
        """Matching key: document id and offsets."""
        return (self.doc_id, self.start, self.end)


def doc_key(name: str) -> str:
    """Document id without directories or a ``.txt`` suffix."""
    name = name.strip().replace("\\", "/").rsplit("/", 1)[-1]
    return name[:-4] if name.endswith(".txt") else name


def _split_labels(cell: str) -> frozenset[str]:
    return frozenset(part.strip() for part in cell.split(";") if part.strip())


def _rows(path: Path) -> list[list[str]]:
    try:
        with path.open(encoding="utf-8", newline="") as fh:
            return [row for row in csv.reader(fh, delimiter="\t", quoting=csv.QUOTE_NONE) if row]
    except OSError as exc:
        raise EvaluationError(f"{path}: cannot read: {exc.strerror}") from None


def read_subtask2(path: str | Path) -> dict[str, NarrativeRow]:
    """Parse ``id<TAB>narratives<TAB>subnarratives`` (labels ``;``-separated)."""
    out: dict[str, NarrativeRow] = {}
    for n, row in enumerate(_rows(Path(path)), 1):
        if len(row) < 3:
            raise EvaluationError(f"{path}:{n}: expected 3 tab-separated columns, got {len(row)}")
        key = doc_key(row[0])
        if key in out:
            raise EvaluationError(f"{path}:{n}: document {key!r} appears twice")
        out[key] = NarrativeRow(key, _split_labels(row[1]), _split_labels(row[2]))
    return out


def read_subtask1(path: str | Path) -> dict[tuple[str, int, int], RoleRow]:
    """Parse ``id<TAB>entity<TAB>start<TAB>end<TAB>main_role<TAB>fine_role...``."""
    out: dict[tuple[str, int, int], RoleRow] = {}
    for n, row in enumerate(_rows(Path(path)), 1):
        if len(row) < 5:
            raise EvaluationError(f"{path}:{n}: expected at least 5 tab-separated columns")
        try:
            start, end = int(row[2]), int(row[3])
        except ValueError:
            raise EvaluationError(f"{path}:{n}: offsets must be integers") from None
        fine = frozenset(cell.strip() for cell in row[5:] if cell.strip())
        item = RoleRow(doc_key(row[0]), row[1], start, end, row[4].strip(), fine)
        out[item.key] = item
    return out


def write_subtask2(rows: list[NarrativeRow], path: str | Path) -> None:
    """Write predictions in the subtask-2 format."""
    lines = [
        f"{r.doc_id}.txt\t{';'.join(sorted(r.coarse))}\t{';'.join(sorted(r.fine))}" for r in rows
    ]
    Path(path).write_text("\n".join(lines) + "\n", encoding="utf-8")


def write_subtask1(rows: list[RoleRow], path: str | Path) -> None:
    """Write predictions in the subtask-1 format."""
    lines = [
        "\t".join(
            [
                f"{r.doc_id}.txt",
                r.entity,
                str(r.start),
                str(r.end),
                r.main_role,
                *sorted(r.fine_roles),
            ]
        )
        for r in rows
    ]
    Path(path).write_text("\n".join(lines) + "\n", encoding="utf-8")
