"""Scoring near-duplicates, story clusters and contradictions against a gold set.

Gold: a directory (or its ``annotations.json``) beside ``articles.jsonl``, one
article per line (``id``, ``outlet``, ``published``, ``title``, ``language``,
``text``). ``annotations.json`` holds ``stories`` (name -> article ids),
``duplicates`` (groups of ids) and ``contradictions``: each a ``kind``, one
statement ``a`` (``doc``, ``text``) and the statements ``b`` it contradicts.

Predictions (``pred_path``, JSON): ``stories`` and ``duplicates`` as lists of
id groups, ``contradictions`` as ``{kind, doc_a, text_a, doc_b, text_b}``. With
no predictions, Narrascope itself is run on the gold articles.

Scores: pairwise precision/recall/F1 of duplicates; B-cubed and pairwise
precision/recall/F1 of stories; contradictions precision/recall/F1, where a
prediction is right when one of its spans overlaps the gold ``a`` statement
and the other overlaps one of its ``b`` statements.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from itertools import combinations
from pathlib import Path
from typing import Any

from narrascope.errors import EvaluationError
from narrascope.models import Document, RawArticle

Groups = list[list[str]]


def load_gold(gold_path: str | Path) -> tuple[list[dict[str, Any]], dict[str, Any]]:
    """Gold articles and annotations."""
    path = Path(gold_path)
    folder = path if path.is_dir() else path.parent
    try:
        articles = [
            json.loads(line)
            for line in (folder / "articles.jsonl").read_text(encoding="utf-8").splitlines()
            if line.strip()
        ]
        annotations = json.loads((folder / "annotations.json").read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise EvaluationError(f"cannot read the stories gold set at {folder}: {exc}") from exc
    for key in ("stories", "duplicates", "contradictions"):
        if key not in annotations:
            raise EvaluationError(f"{folder / 'annotations.json'} lacks {key!r}")
    return articles, annotations


def evaluate(gold_path: str | Path, pred_path: str | Path | None = None) -> dict[str, float]:
    """Precision, recall and F1 of duplicates, stories and contradictions."""
    articles, gold = load_gold(gold_path)
    if pred_path is None:
        pred = predict(articles)
    else:
        try:
            pred = json.loads(Path(pred_path).read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            raise EvaluationError(f"cannot read predictions {pred_path}: {exc}") from exc
    return score(gold, pred, [a["id"] for a in articles])


def score(gold: dict[str, Any], pred: dict[str, Any], ids: list[str]) -> dict[str, float]:
    """Scores of predictions against annotations over the article ``ids``."""
    result: dict[str, float] = {}
    result.update(
        _prf("duplicates", _pairs(gold["duplicates"]), _pairs(pred.get("duplicates", [])))
    )
    gold_stories = list(gold["stories"].values())
    pred_stories = pred.get("stories", [])
    result.update(_prf("stories_pairwise", _pairs(gold_stories), _pairs(pred_stories)))
    result.update(bcubed(gold_stories, pred_stories, ids))
    result.update(_contradiction_scores(gold["contradictions"], pred.get("contradictions", [])))
    return result


def _pairs(groups: Iterable[Iterable[str]]) -> set[tuple[str, str]]:
    return {tuple(sorted(p)) for g in groups for p in combinations(sorted(set(g)), 2)}  # type: ignore[misc]


def _prf(name: str, gold: set[Any], pred: set[Any]) -> dict[str, float]:
    hits = len(gold & pred)
    return _f(name, hits / len(pred) if pred else 1.0, hits / len(gold) if gold else 1.0)


def _f(name: str, precision: float, recall: float) -> dict[str, float]:
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {f"{name}_precision": precision, f"{name}_recall": recall, f"{name}_f1": f1}


def bcubed(gold: Groups, pred: Groups, ids: list[str]) -> dict[str, float]:
    """B-cubed precision/recall/F1 (documents in no predicted group count as singletons)."""
    gold_of = {d: set(g) for g in gold for d in g}
    pred_of = {d: set(g) for g in pred for d in g}
    precision = recall = 0.0
    for doc in ids:
        g, p = gold_of.get(doc, {doc}), pred_of.get(doc, {doc})
        precision += len(g & p) / len(p)
        recall += len(g & p) / len(g)
    n = max(len(ids), 1)
    return _f("stories_bcubed", precision / n, recall / n)


def _same(statement: dict[str, Any], doc: str, text: str) -> bool:
    gold_text = " ".join(str(statement["text"]).split())
    pred_text = " ".join(text.split())
    return (
        statement["doc"] == doc
        and bool(pred_text)
        and (gold_text in pred_text or pred_text in gold_text)
    )


def _matches(item: dict[str, Any], pred: dict[str, Any]) -> bool:
    sides = [(pred["doc_a"], pred["text_a"]), (pred["doc_b"], pred["text_b"])]
    for (doc_1, text_1), (doc_2, text_2) in (sides, sides[::-1]):
        if _same(item["a"], doc_1, text_1) and any(_same(b, doc_2, text_2) for b in item["b"]):
            return True
    return False


def _contradiction_scores(
    gold: list[dict[str, Any]], pred: list[dict[str, Any]]
) -> dict[str, float]:
    right = sum(any(_matches(item, p) for item in gold) for p in pred)
    found = sum(any(_matches(item, p) for p in pred) for item in gold)
    precision = right / len(pred) if pred else 1.0
    recall = found / len(gold) if gold else 1.0
    return {**_f("contradictions", precision, recall), "contradictions_predicted": float(len(pred))}


def gold_documents(articles: list[dict[str, Any]]) -> list[Document]:
    """Clean and analyse the gold articles with Narrascope (``source`` = ``gold:ID``)."""
    from narrascope.clean import clean_article
    from narrascope.extract import extract_documents, link_entities

    raws = [
        RawArticle(
            source=f"gold:{a['id']}",
            content=a["text"],
            title=a.get("title"),
            outlet=a.get("outlet"),
            published=a.get("published"),
            language=a.get("language"),
        )
        for a in articles
    ]
    docs = list(extract_documents([clean_article(raw) for raw in raws]))
    link_entities(docs)
    return docs


def predict(articles: list[dict[str, Any]]) -> dict[str, Any]:
    """Run Narrascope on gold articles; predictions keyed by gold ids."""
    from narrascope.stories import connect

    docs = gold_documents(articles)
    stories, contradictions = connect(docs)
    return predictions_from(docs, stories, contradictions)


def predictions_from(docs: list[Document], stories: Any, contradictions: Any) -> dict[str, Any]:
    """Predictions in the evaluation format, keyed by gold ids (``gold:ID`` sources)."""
    gold_id = {d.id: d.source.split(":", 1)[1] if ":" in d.source else d.source for d in docs}
    groups: dict[str, list[str]] = {}
    for doc in docs:
        if doc.duplicate_of is not None:
            groups.setdefault(doc.duplicate_of, [gold_id[doc.duplicate_of]]).append(gold_id[doc.id])
    return {
        "stories": [[gold_id[d] for d in s.documents if d in gold_id] for s in stories],
        "duplicates": list(groups.values()),
        "contradictions": [
            {
                "kind": c.kind,
                "doc_a": gold_id[c.doc_a],
                "text_a": c.span_a.text,
                "doc_b": gold_id[c.doc_b],
                "text_b": c.span_b.text,
            }
            for c in contradictions
        ],
    }
