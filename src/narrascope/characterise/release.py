"""Read the SemEval-2025 Task 10 training release (every language folder).

Layout: ``<root>/<LANG>/raw-documents/<id>.txt`` with
``subtask-2-annotations.txt`` (narratives) and ``subtask-1-annotations.txt``
(entity roles). The release is research-use only and never redistributed: it is
read from ``$NARRASCOPE_DATA/semeval2025-task10/target_4_December_release`` (see
``docs/datasets.md``).
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from narrascope.errors import ConfigError
from narrascope.evaluation.semeval import (
    RAW_DIR,
    SUBTASK1_FILE,
    SUBTASK2_FILE,
    NarrativeRow,
    RoleRow,
    read_subtask1,
    read_subtask2,
)

LANGUAGES = ("EN", "BG", "HI", "PT", "RU")
RELEASE = Path("semeval2025-task10") / "target_4_December_release"


@dataclass(frozen=True)
class Article:
    """One labelled article of the release."""

    lang: str
    doc_id: str
    text: str
    labels: NarrativeRow | None
    mentions: tuple[RoleRow, ...]


def data_root() -> Path:
    """``$NARRASCOPE_DATA`` or ``~/.cache/narrascope-data``."""
    return Path(os.environ.get("NARRASCOPE_DATA") or Path.home() / ".cache" / "narrascope-data")


def default_release() -> Path:
    """Where the training release is expected."""
    return data_root() / RELEASE


def language_dirs(root: str | Path) -> list[tuple[str, Path]]:
    """``(language, folder)`` pairs: a release root with language folders, or one folder."""
    root = Path(root)
    if (root / SUBTASK2_FILE).is_file() or (root / SUBTASK1_FILE).is_file():
        return [(root.name.upper(), root)]
    found = (
        [(p.name.upper(), p) for p in sorted(root.iterdir()) if p.is_dir()] if root.is_dir() else []
    )
    found = [(lang, p) for lang, p in found if (p / RAW_DIR).is_dir()]
    if not found:
        raise ConfigError(f"{root}: no SemEval language folders (see docs/datasets.md)")
    return found


def read_release(root: str | Path) -> list[Article]:
    """Every article of every language folder under ``root``, sorted by language and id."""
    out: list[Article] = []
    for lang, folder in language_dirs(root):
        narr = read_subtask2(folder / SUBTASK2_FILE) if (folder / SUBTASK2_FILE).is_file() else {}
        roles = read_subtask1(folder / SUBTASK1_FILE) if (folder / SUBTASK1_FILE).is_file() else {}
        by_doc: dict[str, list[RoleRow]] = {}
        for row in roles.values():
            by_doc.setdefault(row.doc_id, []).append(row)
        for key in sorted(set(narr) | set(by_doc)):
            path = folder / RAW_DIR / f"{key}.txt"
            if not path.is_file():
                continue
            text = path.read_text(encoding="utf-8")
            mentions = tuple(sorted(by_doc.get(key, []), key=lambda r: r.start))
            out.append(Article(lang, key, text, narr.get(key), mentions))
    return out
