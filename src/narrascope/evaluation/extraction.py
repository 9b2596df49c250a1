"""Scoring extraction against a hand-annotated gold set.

Gold: a folder of JSON articles (or one such file), each with ``text``,
``published``, ``entities`` (clusters of surface forms with a global id),
``quotes`` (text, kind, speaker entity id or null) and ``timex`` (text, value,
precision). Annotations are anchored by their text (``occurrence`` picks the
n-th match). Predictions: JSONL of serialised Documents (entity ids corpus-level);
without them, Narrascope runs on the gold articles.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from itertools import combinations
from pathlib import Path
from typing import Any

from narrascope import serde
from narrascope.errors import EvaluationError
from narrascope.models import Document

_EDGE = " \n\t,;:.!?–—-\"“”‘’'"


@dataclass(frozen=True, slots=True)
class GoldQuote:
    start: int
    end: int
    kind: str
    speaker: str | None


@dataclass(frozen=True, slots=True)
class GoldTimex:
    start: int
    end: int
    value: str


@dataclass(slots=True)
class GoldArticle:
    id: str
    text: str
    published: str | None
    outlet: str | None
    title: str | None
    quotes: list[GoldQuote]
    timexes: list[GoldTimex]
    clusters: dict[str, list[str]]  # entity id -> surface forms in this article


def load_gold(path: str | Path) -> list[GoldArticle]:
    """Gold articles from a file or (recursively) a folder of ``*.json``."""
    root = Path(path)
    files = sorted(root.rglob("*.json")) if root.is_dir() else [root]
    if not files:
        raise EvaluationError(f"no gold articles (*.json) under {root}")
    return [_article(f, json.loads(f.read_text("utf-8"))) for f in files]


def _anchor(text: str, piece: str, occurrence: int, where: str) -> tuple[int, int]:
    pos = -1
    for _ in range(occurrence + 1):
        pos = text.find(piece, pos + 1)
        if pos < 0:
            raise EvaluationError(f"{where}: {piece[:60]!r} (occurrence {occurrence}) not in text")
    return pos, pos + len(piece)


def _article(path: Path, data: dict[str, Any]) -> GoldArticle:
    try:
        text = data["text"]
        quotes = [
            GoldQuote(
                *_anchor(text, q["text"], q.get("occurrence", 0), str(path)),
                q["kind"],
                q.get("speaker"),
            )
            for q in data.get("quotes", [])
        ]
        timexes = [
            GoldTimex(*_anchor(text, t["text"], t.get("occurrence", 0), str(path)), t["value"])
            for t in data.get("timex", [])
        ]
        clusters = {e["id"]: list(e["mentions"]) for e in data.get("entities", [])}
        for forms in clusters.values():
            for form in forms:
                _anchor(text, form, 0, str(path))
        return GoldArticle(
            data["id"],
            text,
            data.get("published"),
            data.get("outlet"),
            data.get("title"),
            quotes,
            timexes,
            clusters,
        )
    except KeyError as exc:
        raise EvaluationError(f"{path}: missing field {exc}") from None


def evaluate(gold_path: str | Path, pred_path: str | Path | None = None) -> dict[str, float]:
    """Quote speaker P/R/F1, quote span exact/overlap F1, entity pairwise and B-cubed F1,
    date-value accuracy and the unknown-speaker rate."""
    gold = load_gold(gold_path)
    preds = _predictions(gold) if pred_path is None else _read_predictions(pred_path)
    missing = [g.id for g in gold if g.id not in preds]
    if missing:
        raise EvaluationError(f"predictions lack documents {missing[:5]}")
    scores = _quote_scores(gold, preds)
    scores.update(_entity_scores(gold, preds))
    scores.update(_date_scores(gold, preds))
    scores["articles"] = float(len(gold))
    return scores


def _predictions(gold: list[GoldArticle]) -> dict[str, Document]:
    from narrascope.extract import extract_documents, link_entities

    docs = [
        Document(
            id=g.id,
            source=f"gold:{g.id}",
            raw=g.text,
            text=g.text,
            published=g.published,
            outlet=g.outlet,
            title=g.title,
        )
        for g in gold
    ]
    docs = list(extract_documents(docs))
    link_entities(docs)
    return {d.id: d for d in docs}


def _read_predictions(path: str | Path) -> dict[str, Document]:
    out = {}
    for n, line in enumerate(Path(path).read_text("utf-8").splitlines(), 1):
        if line.strip():
            try:
                doc = serde.from_dict(Document, json.loads(line))
            except (ValueError, KeyError, TypeError) as exc:
                raise EvaluationError(f"{path}:{n}: not a serialised Document ({exc})") from None
            out[doc.id] = doc
    return out


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start] in _EDGE:
        start += 1
    while end > start and text[end - 1] in _EDGE:
        end -= 1
    return start, end


def _f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


def _ratio(a: float, b: float) -> float:
    return a / b if b else 0.0


def _match(gold: list[tuple[int, int]], pred: list[tuple[int, int]]) -> dict[int, int]:
    """One-to-one greedy matching by overlap size: gold index -> pred index."""
    pairs = []
    for gi, (gs, ge) in enumerate(gold):
        for pi, (ps, pe) in enumerate(pred):
            overlap = min(ge, pe) - max(gs, ps)
            if overlap > 0:
                pairs.append((overlap, gi, pi))
    used_g: dict[int, int] = {}
    used_p: set[int] = set()
    for _, gi, pi in sorted(pairs, reverse=True):
        if gi not in used_g and pi not in used_p:
            used_g[gi] = pi
            used_p.add(pi)
    return used_g


def _speaker_ok(g: GoldArticle, gold_speaker: str, doc: Document, entity_id: str | None) -> bool:
    if entity_id is None:
        return False
    forms = {f.casefold() for f in g.clusters.get(gold_speaker, [])}
    entity = next((e for e in doc.entities if e.id == entity_id), None)
    said = {entity.name.casefold(), *(a.casefold() for a in entity.aliases)} if entity else set()
    return bool(forms & said)


def _quote_scores(gold: list[GoldArticle], preds: dict[str, Document]) -> dict[str, float]:
    c: dict[str, int] = defaultdict(int)
    for g in gold:
        doc = preds[g.id]
        gspans = [_trim(g.text, q.start, q.end) for q in g.quotes]
        pspans = [_trim(doc.text, q.start, q.end) for q in doc.quotes]
        matched = _match(gspans, pspans)
        c["gold"] += len(gspans)
        c["pred"] += len(pspans)
        c["overlap"] += len(matched)
        c["exact"] += sum(gspans[gi] == pspans[pi] for gi, pi in matched.items())
        c["gold_spk"] += sum(q.speaker is not None for q in g.quotes)
        c["pred_spk"] += sum(q.speaker_entity_id is not None for q in doc.quotes)
        for gi, pi in matched.items():
            gq, pq = g.quotes[gi], doc.quotes[pi]
            if gq.speaker is None:
                continue
            c["matched_spk"] += 1
            c["unknown"] += pq.speaker_entity_id is None
            c["correct"] += _speaker_ok(g, gq.speaker, doc, pq.speaker_entity_id)
    p, r = _ratio(c["correct"], c["pred_spk"]), _ratio(c["correct"], c["gold_spk"])
    return {
        "quotes_gold": float(c["gold"]),
        "quote_speaker_precision": p,
        "quote_speaker_recall": r,
        "quote_speaker_f1": _f1(p, r),
        "quote_speaker_accuracy_matched": _ratio(c["correct"], c["matched_spk"]),
        "quote_unknown_speaker_rate": _ratio(c["unknown"], c["matched_spk"]),
        "quote_span_exact_f1": _f1(_ratio(c["exact"], c["pred"]), _ratio(c["exact"], c["gold"])),
        "quote_span_overlap_f1": _f1(
            _ratio(c["overlap"], c["pred"]), _ratio(c["overlap"], c["gold"])
        ),
    }


def _predicted_cluster(doc: Document, form: str) -> str | None:
    wanted = form.casefold()
    for e in doc.entities:
        for m in e.mentions:
            if m.text.casefold() == wanted:
                return e.id
    for e in doc.entities:
        if wanted in (a.casefold() for a in e.aliases):
            return e.id
    return None


def _entity_scores(gold: list[GoldArticle], preds: dict[str, Document]) -> dict[str, float]:
    items: list[tuple[str, str]] = []  # (gold cluster, predicted cluster)
    for g in gold:
        for cluster, forms in g.clusters.items():
            for form in forms:
                found = _predicted_cluster(preds[g.id], form)
                items.append((cluster, found or f"missing:{g.id}:{form}"))
    return {**_pairwise(items), **_bcubed(items), "entity_mentions_gold": float(len(items))}


def _pairwise(items: list[tuple[str, str]]) -> dict[str, float]:
    tp = fp = fn = 0
    for (g1, p1), (g2, p2) in combinations(items, 2):
        same_g, same_p = g1 == g2, p1 == p2
        tp += same_g and same_p
        fp += same_p and not same_g
        fn += same_g and not same_p
    p, r = _ratio(tp, tp + fp), _ratio(tp, tp + fn)
    return {
        "entity_pairwise_precision": p,
        "entity_pairwise_recall": r,
        "entity_pairwise_f1": _f1(p, r),
    }


def _bcubed(items: list[tuple[str, str]]) -> dict[str, float]:
    by_g: dict[str, list[int]] = defaultdict(list)
    by_p: dict[str, list[int]] = defaultdict(list)
    for i, (g, p) in enumerate(items):
        by_g[g].append(i)
        by_p[p].append(i)
    prec = rec = 0.0
    for g, p in items:
        shared = len(set(by_g[g]) & set(by_p[p]))
        prec += shared / len(by_p[p])
        rec += shared / len(by_g[g])
    n = len(items) or 1
    return {"entity_bcubed_f1": _f1(prec / n, rec / n)}


def _date_scores(gold: list[GoldArticle], preds: dict[str, Document]) -> dict[str, float]:
    total = correct = found = pred_total = pred_hit = 0
    for g in gold:
        events = preds[g.id].events
        gspans = [(t.start, t.end) for t in g.timexes]
        pspans = [(e.date_start, e.date_end) for e in events]
        matched = _match(gspans, pspans)
        total += len(gspans)
        found += len(matched)
        correct += sum(g.timexes[gi].value == events[pi].value for gi, pi in matched.items())
        pred_total += len(pspans)
        pred_hit += len(matched)
    return {
        "timex_gold": float(total),
        "date_value_accuracy": _ratio(correct, total),
        "date_detection_recall": _ratio(found, total),
        "date_detection_precision": _ratio(pred_hit, pred_total),
    }


def split_paths(root: str | Path) -> Iterable[tuple[str, Path]]:
    """The ``dev`` and ``test`` (held-out) folders of a gold root."""
    base = Path(root)
    return [(name, base / name) for name in ("dev", "test") if (base / name).is_dir()]
