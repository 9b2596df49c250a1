"""Scoring the cleaner against a gold set of annotated scraped articles.

Gold JSONL (``tests/data/gold/cleaning/*.jsonl``), one article a line:
``id``, ``raw``, ``article_lines`` (text that must stay), ``chrome_lines`` (lines
that must go), ``kicker_lines`` (raw lines whose kicker prefix must go),
``title``/``author``/``published``/``outlet``/``language`` (``null`` = unknown)
and optional ``url``.

Predictions JSONL (optional, e.g. from another tool): ``id``, ``text`` and any
of the metadata fields. Without predictions, Narrascope cleans the gold ``raw``
texts itself (given only the ``url``).

Line-level scoring, robust to how a tool joins paragraphs: an article line is
kept when its text occurs in the prediction; a chrome line counts as kept when
it is a line of the prediction, or, for lines of 30 characters or more, occurs
in it; a kicker is removed when its whole raw line no longer occurs.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from narrascope.errors import CleaningError, EvaluationError
from narrascope.models import RawArticle

METADATA_FIELDS = ("title", "author", "published", "outlet", "language")
_SENTENCE = re.compile(r"(?<=[.!?…”\"])\s+(?=[A-Z“\"‘(])")
LONG_CHROME = 30


def evaluate(gold_path: str | Path, pred_path: str | Path | None = None) -> dict[str, float]:
    """Chrome P/R/F1 (line level), article line and sentence recall, metadata accuracy."""
    gold = list(_read_jsonl(Path(gold_path)))
    preds = _read_predictions(Path(pred_path)) if pred_path else _run_cleaner(gold)
    tally = _Tally()
    for article in gold:
        pred = preds.get(str(article["id"]), {})
        tally.add(article, pred)
    return tally.scores()


def _norm(text: str) -> str:
    return " ".join(text.split()).casefold()


@dataclass
class _Tally:
    chrome_total: int = 0
    chrome_removed: int = 0
    article_total: int = 0
    article_kept: int = 0
    sentences_total: int = 0
    sentences_kept: int = 0
    articles: int = 0
    meta_right: dict[str, int] = field(default_factory=lambda: dict.fromkeys(METADATA_FIELDS, 0))
    date_right: int = 0

    def add(self, article: dict[str, Any], pred: dict[str, Any]) -> None:
        text = _norm(str(pred.get("text") or ""))
        pred_lines = {_norm(line) for line in str(pred.get("text") or "").splitlines()}
        self.articles += 1
        for line in article["article_lines"]:
            self.article_total += 1
            self.article_kept += _norm(line) in text
            for sentence in _SENTENCE.split(line):
                if sentence.strip():
                    self.sentences_total += 1
                    self.sentences_kept += _norm(sentence) in text
        for line in article["chrome_lines"]:
            self.chrome_total += 1
            self.chrome_removed += not _chrome_kept(_norm(line), pred_lines, text)
        for line in article.get("kicker_lines", []):
            self.chrome_total += 1
            self.chrome_removed += _norm(line) not in text
        for name in METADATA_FIELDS:
            self.meta_right[name] += _same(name, article.get(name), pred.get(name))
        self.date_right += _same("date", article.get("published"), pred.get("published"))

    def scores(self) -> dict[str, float]:
        lost_article_lines = self.article_total - self.article_kept
        removed = self.chrome_removed + lost_article_lines
        precision = self.chrome_removed / removed if removed else 1.0
        recall = self.chrome_removed / self.chrome_total if self.chrome_total else 1.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        n = max(self.articles, 1)
        result = {
            "n_articles": float(self.articles),
            "chrome_precision": precision,
            "chrome_recall": recall,
            "chrome_f1": f1,
            "article_line_recall": self.article_kept / max(self.article_total, 1),
            "sentence_recall": self.sentences_kept / max(self.sentences_total, 1),
        }
        result.update({f"{k}_accuracy": v / n for k, v in self.meta_right.items()})
        result["published_date_accuracy"] = self.date_right / n
        return {k: round(v, 4) for k, v in result.items()}


def _chrome_kept(line: str, pred_lines: set[str], text: str) -> bool:
    return line in pred_lines or (len(line) >= LONG_CHROME and line in text)


def _same(name: str, gold: Any, pred: Any) -> bool:
    if gold is None or pred is None:
        return gold is None and pred is None
    if name == "date":
        return str(gold)[:10] == str(pred)[:10]
    if name in ("title", "author", "outlet"):
        return _norm(str(gold)).strip(" .") == _norm(str(pred)).strip(" .")
    return str(gold) == str(pred)


def _read_jsonl(path: Path) -> Iterator[dict[str, Any]]:
    try:
        with path.open(encoding="utf-8") as handle:
            for number, line in enumerate(handle, 1):
                if line.strip():
                    yield _record(path, number, line)
    except OSError as exc:
        raise EvaluationError(f"{path}: cannot read ({exc.strerror})") from exc


def _record(path: Path, number: int, line: str) -> dict[str, Any]:
    try:
        record = json.loads(line)
    except json.JSONDecodeError as exc:
        raise EvaluationError(f"{path}:{number}: not JSON ({exc.msg})") from exc
    if not isinstance(record, dict) or "id" not in record:
        raise EvaluationError(f"{path}:{number}: expected an object with an 'id'")
    return record


def _read_predictions(path: Path) -> dict[str, dict[str, Any]]:
    return {str(record["id"]): record for record in _read_jsonl(path)}


def _run_cleaner(gold: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    from narrascope.clean import clean_article  # the scorer works without the cleaner

    preds: dict[str, dict[str, Any]] = {}
    for article in gold:
        raw = RawArticle(
            source=str(article["id"]), content=str(article["raw"]), url=article.get("url")
        )
        try:
            doc = clean_article(raw)
        except CleaningError:
            preds[raw.source] = {"text": ""}
            continue
        preds[raw.source] = {"text": doc.text, **{k: getattr(doc, k) for k in METADATA_FIELDS}}
    return preds
