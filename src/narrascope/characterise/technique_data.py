"""Reader of the SemEval-2023 Task 3 subtask-3 training data (paragraph-level techniques).

Layout (one folder per language under ``<data>/semeval2023-task3/data/``)::

    train-articles-subtask-3/article<ID>.txt   one paragraph per line, line 1 the title
    train-labels-subtask-3.txt                 <ID> TAB <line> TAB <code,code,...>

Only the training split is read; the dev and test splits are reserved.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

LANGUAGES = ("en", "fr", "ge", "it", "po", "ru")

# The 23 technique codes of the task, and the names of Narrascope's taxonomy.
CODES: dict[str, str] = {
    "Appeal_to_Authority": "Appeal to Authority",
    "Appeal_to_Popularity": "Appeal to Popularity",
    "Appeal_to_Values": "Appeal to Values",
    "Appeal_to_Fear-Prejudice": "Appeal to Fear, Prejudice",
    "Flag_Waving": "Flag Waving",
    "Causal_Oversimplification": "Causal Oversimplification",
    "False_Dilemma-No_Choice": "False Dilemma or No Choice",
    "Consequential_Oversimplification": "Consequential Oversimplification (slippery slope)",
    "Straw_Man": "Misrepresentation of Someone's Position (straw man)",
    "Red_Herring": "Introducing Irrelevant Information (red herring)",
    "Whataboutism": "Switching Topic (whataboutism)",
    "Slogans": "Slogans",
    "Appeal_to_Time": "Appeal to Time",
    "Conversation_Killer": "Conversation Killer",
    "Loaded_Language": "Loaded Language",
    "Repetition": "Repetition",
    "Exaggeration-Minimisation": "Exaggeration or Minimisation",
    "Obfuscation-Vagueness-Confusion": "Obfuscation, Intentional Vagueness, Confusion",
    "Name_Calling-Labeling": "Name Calling or Labelling",
    "Doubt": "Casting Doubt",
    "Guilt_by_Association": "Guilt by Association",
    "Appeal_to_Hypocrisy": "Appeal to Hypocrisy (tu quoque)",
    "Questioning_the_Reputation": "Questioning the Reputation",
}
CLASSES: tuple[str, ...] = tuple(CODES)
BASELINE_CODE = "Loaded_Language"


@dataclass(frozen=True, slots=True)
class Paragraph:
    """One labelled line of a training article."""

    lang: str
    article: str
    line: int  # 1-based line number, as in the labels file
    text: str
    labels: frozenset[str]
    title: str  # the article's first line
    prev: str  # the previous non-empty line ("" for the first)
    next: str  # the next non-empty line ("" for the last)

    @property
    def key(self) -> str:
        """The scorer's id of this paragraph."""
        return f"{self.article}_{self.line}"


def data_root(path: str | Path | None = None) -> Path:
    """``<NARRASCOPE_DATA>/semeval2023-task3/data`` (or ``path`` itself)."""
    if path is not None:
        return Path(path).expanduser()
    base = os.environ.get("NARRASCOPE_DATA") or str(Path.home() / ".cache" / "narrascope-data")
    return Path(base).expanduser() / "semeval2023-task3" / "data"


def available(root: str | Path | None = None, lang: str = "en") -> bool:
    """Whether the training split of ``lang`` is present."""
    folder = data_root(root) / lang
    return (folder / "train-labels-subtask-3.txt").is_file()


def _clean_code(code: str) -> str | None:
    code = code.strip()
    if code in CODES:
        return code
    # one label of the release has a stray character: match by prefix
    return next((c for c in CLASSES if code.startswith(c[:20])), None) if code else None


def read_labels(path: Path) -> dict[tuple[str, int], frozenset[str]]:
    """``(article, line) -> codes`` from a subtask-3 labels file."""
    out: dict[tuple[str, int], frozenset[str]] = {}
    for row in path.read_text("utf-8").splitlines():
        cells = row.split("\t")
        if len(cells) < 2 or not cells[1].strip().isdigit():
            continue
        codes = (_clean_code(c) for c in (cells[2].split(",") if len(cells) > 2 else []))
        out[(cells[0].strip(), int(cells[1]))] = frozenset(c for c in codes if c)
    return out


def _neighbour(lines: list[str], index: int, step: int) -> str:
    index += step
    while 0 <= index < len(lines):
        if lines[index].strip():
            return lines[index].strip()
        index += step
    return ""


def read_language(lang: str, root: str | Path | None = None) -> list[Paragraph]:
    """The labelled paragraphs of one language's training split, in file order."""
    folder = data_root(root) / lang
    labels = read_labels(folder / "train-labels-subtask-3.txt")
    articles: dict[str, list[str]] = {}
    out: list[Paragraph] = []
    for (article, line), codes in labels.items():
        if article not in articles:
            path = folder / "train-articles-subtask-3" / f"article{article}.txt"
            articles[article] = path.read_text("utf-8").splitlines() if path.is_file() else []
        lines = articles[article]
        if not 0 < line <= len(lines):
            continue
        title = lines[0].strip() if lines else ""
        out.append(
            Paragraph(
                lang,
                article,
                line,
                lines[line - 1].strip(),
                codes,
                title,
                _neighbour(lines, line - 1, -1),
                _neighbour(lines, line - 1, 1),
            )
        )
    return out


def read_all(root: str | Path | None = None, langs: tuple[str, ...] = LANGUAGES) -> list[Paragraph]:
    """The labelled paragraphs of every present language."""
    return [p for lang in langs if available(root, lang) for p in read_language(lang, root)]
