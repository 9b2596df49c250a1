"""Who said what on PolNeAR: Narrascope's quotes beside textacy's direct quotations.

Matching rules (one run scores both systems the same way):

- a predicted content span *matches* a gold attribution when it covers at least half of
  the gold content's words, together with the other predictions of the same speaker that
  lie inside that content (the pieces of an interrupted quotation); gold and predictions
  are paired one to one, best coverage first; a further prediction lying mostly inside a
  matched content with a correct speaker (the second piece of "“A,” she said, “B.”") is
  neither a hit nor a false alarm;
- the *speaker is correct* when the predicted speaker's offsets overlap the gold source,
  or the last word of the predicted speaker's name (canonical name, else as written) is
  a word of the gold source; a gold attribution without a source needs no speaker;
- *end-to-end* counts a gold attribution as found when it is matched with a correct
  speaker: recall over gold attributions, precision over predictions. The *named* variant
  keeps gold attributions whose source holds a proper noun (CoreNLP parse of the corpus)
  and, on the prediction side, those matched to them plus unmatched ones with a named
  speaker;
- *quoted content*: words inside quotation marks (paired marks in one paragraph). Recall:
  gold contents mostly inside marks whose quoted words a prediction (with the pieces of the
  same speaker, as above) covers by half or more;
  precision: predictions mostly inside marks with half or more of their words inside a
  gold content.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from narrascope.evaluation.polnear import (
    GoldAttribution,
    PolnearArticle,
    default_root,
    load_split,
    words,
)
from narrascope.models import Document

MATCH = 0.5
_PRONOUNS = frozenset(
    [
        "i",
        "me",
        "we",
        "us",
        "you",
        "he",
        "him",
        "she",
        "her",
        "it",
        "they",
        "them",
        "his",
        "hers",
        "its",
        "their",
        "theirs",
        "our",
        "my",
        "your",
        "who",
    ]
)
_MARKS = re.compile(r"“[^“”\n]*”|\"[^\"\n]*\"")


@dataclass(frozen=True, slots=True)
class Predicted:
    """One predicted attribution, system-neutral."""

    start: int
    end: int
    speaker_span: tuple[int, int] | None
    names: tuple[str, ...]  # canonical name first, then as written
    named: bool


Predictor = Callable[[list[PolnearArticle]], list[list[Predicted]]]


def narrascope_predictions(articles: list[PolnearArticle]) -> list[list[Predicted]]:
    """Narrascope's extraction (entities, quotes) on the articles."""
    from narrascope.extract import extract_documents

    docs = [
        Document(id=a.name, source=f"polnear:{a.name}", raw=a.text, text=a.text) for a in articles
    ]
    out = []
    for doc in extract_documents(docs):
        preds = []
        for q in doc.quotes:
            span = (
                (q.speaker_start, q.speaker_end)
                if q.speaker_start is not None and q.speaker_end is not None
                else None
            )
            names = tuple(n for n in (q.speaker_name, q.speaker) if n)
            named = q.speaker_entity_id is not None and bool(q.speaker_name)
            preds.append(Predicted(q.start, q.end, span, names, named))
        out.append(preds)
    return out


def textacy_predictions(articles: list[PolnearArticle]) -> list[list[Predicted]]:
    """textacy's ``direct_quotations`` on the full spaCy pipeline (it reads lemmas)."""
    import spacy
    from textacy.extract.triples import direct_quotations

    from narrascope.extract.nlp import MODEL

    nlp = spacy.load(MODEL)
    nlp.max_length = max(nlp.max_length, 2_000_000)
    out = []
    for doc in nlp.pipe((a.text for a in articles), batch_size=16):
        preds = []
        try:
            triples = list(direct_quotations(doc))
        except (ValueError, IndexError):  # textacy gives up on unbalanced marks
            triples = []
        for t in triples:
            speaker = list(t.speaker)
            span = (speaker[0].idx, speaker[-1].idx + len(speaker[-1])) if speaker else None
            name = " ".join(tok.text for tok in speaker)
            named = any(tok.pos_ == "PROPN" for tok in speaker)
            preds.append(Predicted(t.content.start_char, t.content.end_char, span, (name,), named))
        out.append(preds)
    return out


def _quoted_words(text: str) -> set[tuple[int, int]]:
    inside: set[tuple[int, int]] = set()
    for m in _MARKS.finditer(text):
        inside.update(words(((m.start(), m.end()),), text))
    return inside


def _covered(ws: Sequence[tuple[int, int]], start: int, end: int) -> int:
    return sum(1 for a, b in ws if start <= a and b <= end)


def _last_word(name: str) -> str:
    found = re.findall(r"\w+", name.casefold())
    found = [w for w in found if w not in {"s", "jr", "sr"}]
    return found[-1] if found else ""


def speaker_correct(gold: GoldAttribution, pred: Predicted, text: str) -> bool:
    """The predicted speaker points at the gold source or shares its head word."""
    if not gold.source:
        return True
    span = pred.speaker_span
    if span is not None and any(a < span[1] and span[0] < b for a, b in gold.source):
        return True
    gold_words = {w.casefold() for w in re.findall(r"\w+", gold.source_text)}
    for name in pred.names:
        head = _last_word(name)
        if head and head not in _PRONOUNS and head in gold_words:
            return True
    return False


def _same_speaker(p: Predicted, q: Predicted) -> bool:
    return bool(p.names or p.speaker_span) and (p.speaker_span, p.names) == (
        q.speaker_span,
        q.names,
    )


def _covered_with_pieces(
    ws: Sequence[tuple[int, int]], p: Predicted, preds: Sequence[Predicted], lo: int, hi: int
) -> int:
    """Gold words covered by ``p`` and by the other pieces of the same quotation: the
    predictions of the same speaker lying inside the gold content's extent ("“A,” she
    said, “B.”" annotated as one content)."""
    spans = [(p.start, p.end)] + [
        (q.start, q.end)
        for q in preds
        if q is not p and lo <= q.start and q.end <= hi and _same_speaker(p, q)
    ]
    return sum(1 for a, b in ws if any(s <= a and b <= e for s, e in spans))


def _pairs(
    gold: Sequence[GoldAttribution], preds: Sequence[Predicted], text: str
) -> dict[int, int]:
    """Gold index -> prediction index, one to one, best word coverage first."""
    cands = []
    for gi, g in enumerate(gold):
        ws = words(g.content, text)
        if not ws:
            continue
        lo, hi = g.content[0][0], g.content[-1][1]
        for pi, p in enumerate(preds):
            share = _covered_with_pieces(ws, p, preds, lo, hi) / len(ws)
            if share >= MATCH:
                cands.append(
                    (
                        share,
                        -abs((p.end - p.start) - len(text[g.content[0][0] : g.content[-1][1]])),
                        gi,
                        pi,
                    )
                )
    out: dict[int, int] = {}
    used: set[int] = set()
    for _, _, gi, pi in sorted(cands, reverse=True):
        if gi not in out and pi not in used:
            out[gi] = pi
            used.add(pi)
    return out


def _pieces(
    gold: Sequence[GoldAttribution], preds: Sequence[Predicted], pairs: dict[int, int], text: str
) -> set[int]:
    """Unmatched predictions that are further pieces of a matched attribution ("“A,” she
    said, “B.”" is one attribution of two fragments): mostly inside its content, with a
    correct speaker. They are neither a hit nor a false alarm."""
    used = set(pairs.values())
    out: set[int] = set()
    for pi, p in enumerate(preds):
        if pi in used:
            continue
        ws = words(((p.start, p.end),), text)
        for gi in pairs:
            g = gold[gi]
            inside = sum(1 for a, b in ws if any(s <= a and b <= e for s, e in g.content))
            if ws and inside * 2 >= len(ws) and speaker_correct(g, p, text):
                out.add(pi)
                break
    return out


def _prf(tp: float, n_pred: float, n_gold: float, prefix: str) -> dict[str, float]:
    p = tp / n_pred if n_pred else 0.0
    r = tp / n_gold if n_gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {f"{prefix}_precision": p, f"{prefix}_recall": r, f"{prefix}_f1": f}


def score(
    articles: Iterable[PolnearArticle], predictions: Iterable[list[Predicted]]
) -> dict[str, float]:
    """All figures of one system."""
    c: dict[str, int] = defaultdict(int)
    for art, preds in zip(articles, predictions, strict=True):
        text, gold = art.text, art.attributions
        pairs = _pairs(gold, preds, text)
        matched_preds = set(pairs.values())
        absorbed = _pieces(gold, preds, pairs, text)
        matched_preds |= absorbed
        c["gold"] += len(gold)
        c["pred"] += len(preds) - len(absorbed)
        c["matched"] += len(pairs)
        c["gold_named"] += sum(g.named for g in gold)
        c["pred_named"] += sum(
            1 for pi, p in enumerate(preds) if pi not in matched_preds and p.named
        ) + sum(1 for gi in pairs if gold[gi].named)
        for gi, pi in pairs.items():
            ok = speaker_correct(gold[gi], preds[pi], text)
            c["e2e"] += ok
            if gold[gi].named:
                c["matched_named"] += 1
                c["e2e_named"] += ok
        quoted = _quoted_words(text)
        gold_spans = [f for g in gold for f in g.content]
        for g in gold:
            ws = words(g.content, text)
            qws = [w for w in ws if w in quoted]
            if ws and len(qws) * 2 > len(ws):
                c["q_gold"] += 1
                lo, hi = g.content[0][0], g.content[-1][1]
                hit = max((_covered_with_pieces(qws, p, preds, lo, hi) for p in preds), default=0)
                c["q_found"] += hit * 2 >= len(qws)
        for p in preds:
            ws = words(((p.start, p.end),), text)
            if ws and sum(w in quoted for w in ws) * 2 > len(ws):
                c["q_pred"] += 1
                inside = max((_covered(ws, a, b) for a, b in gold_spans), default=0)
                c["q_correct"] += inside * 2 >= len(ws)
    out = {
        "gold_attributions": float(c["gold"]),
        "gold_named": float(c["gold_named"]),
        "predicted": float(c["pred"]),
        "speaker_accuracy_named": c["e2e_named"] / c["matched_named"]
        if c["matched_named"]
        else 0.0,
        "quoted_content_recall": c["q_found"] / c["q_gold"] if c["q_gold"] else 0.0,
        "quoted_content_precision": c["q_correct"] / c["q_pred"] if c["q_pred"] else 0.0,
        "gold_quoted": float(c["q_gold"]),
    }
    out.update(_prf(c["matched"], c["pred"], c["gold"], "content"))
    out.update(_prf(c["e2e"], c["pred"], c["gold"], "e2e_all"))
    out.update(_prf(c["e2e_named"], c["pred_named"], c["gold_named"], "e2e_named"))
    return out


SYSTEMS: dict[str, Predictor] = {
    "narrascope": narrascope_predictions,
    "textacy": textacy_predictions,
}


def evaluate_polnear(
    root: str | Path | None = None,
    split: str = "dev",
    *,
    systems: Sequence[str] = ("narrascope", "textacy"),
    limit: int | None = None,
) -> dict[str, float]:
    """Scores of each system on a PolNeAR split, keys prefixed by the system name."""
    articles = load_split(root or default_root(), split, limit)
    out: dict[str, float] = {"articles": float(len(articles))}
    for name in systems:
        for key, value in score(articles, SYSTEMS[name](articles)).items():
            out[f"{name}.{key}"] = value
    return out


def evaluate(gold: str | Path, pred: str | Path | None = None) -> dict[str, float]:
    """``narrascope eval attribution --gold DIR``: the dev split of a PolNeAR root."""
    del pred
    return evaluate_polnear(gold, "dev")
