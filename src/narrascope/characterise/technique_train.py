"""Training and cross-validation of the technique model (SemEval-2023 Task 3, subtask 3).

Rebuild the shipped default (needs the training split, see docs/datasets.md)::

    python -m narrascope.evaluation.techniques --write

Embeddings are cached under ``<NARRASCOPE_DATA>/work-18/`` (keys are SHA-1
digests of the texts, so the cache holds no article text).
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from narrascope.characterise.technique_data import CLASSES, Paragraph, read_all
from narrascope.characterise.technique_model import (
    DIM,
    TechniqueModel,
    TextEmbedder,
    Unit,
    default_embedder,
    embed_unique,
    features,
)

ALPHA = 40.0  # ridge penalty, chosen by 5-fold CV over 10..250
EVIDENCE_ALPHA = 10.0  # ridge penalty of the static-embedding sentence ranker
FOLDS = 5
ISO = {"en": "en", "fr": "fr", "ge": "de", "it": "it", "po": "pl", "ru": "ru"}


@dataclass
class Dataset:
    """Feature matrix, gold matrix and the paragraphs they come from."""

    paragraphs: list[Paragraph]
    x: np.ndarray
    y: np.ndarray  # (n, labels) of 0/1

    @property
    def groups(self) -> np.ndarray:
        """Article of each row (folds never split an article)."""
        return np.array([f"{p.lang}:{p.article}" for p in self.paragraphs])

    @property
    def langs(self) -> np.ndarray:
        """ISO language of each row."""
        return np.array([ISO.get(p.lang, p.lang) for p in self.paragraphs])


def cache_path() -> Path:
    """``<NARRASCOPE_DATA>/work-18/usem3-paragraphs.npz``."""
    base = os.environ.get("NARRASCOPE_DATA") or str(Path.home() / ".cache" / "narrascope-data")
    return Path(base).expanduser() / "work-18" / "usem3-paragraphs.npz"


def _digest(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()


class CachedVectors:
    """Text vectors memoised in an ``.npz`` file keyed by text digests."""

    def __init__(self, path: Path, embed: TextEmbedder) -> None:
        self.path, self.embed = path, embed
        self.table: dict[str, np.ndarray] = {}
        if path.is_file():
            with np.load(path, allow_pickle=False) as data:
                self.table = dict(zip(data["keys"].tolist(), data["vectors"], strict=True))

    def __call__(self, texts: Sequence[str]) -> np.ndarray:
        keys = [_digest(t) if t else "" for t in texts]
        missing = sorted({t for t, k in zip(texts, keys, strict=True) if t and k not in self.table})
        if missing:
            for text, row in zip(missing, embed_unique(missing, self.embed), strict=True):
                self.table[_digest(text)] = row.astype(np.float16)
            self._save()
        zero = np.zeros(DIM, np.float32)
        return np.stack([self.table[k].astype(np.float32) if k else zero for k in keys])

    def _save(self) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        keys = list(self.table)
        tmp = self.path.with_suffix(".tmp.npz")
        np.savez(tmp, keys=np.array(keys), vectors=np.stack([self.table[k] for k in keys]))
        tmp.replace(self.path)


def unit_of(p: Paragraph) -> Unit:
    """The classifier's view of a training paragraph."""
    return Unit(p.text, p.title, p.prev, p.next, is_title=p.line == 1)


def load_dataset(root: str | Path | None = None, embed: TextEmbedder | None = None) -> Dataset:
    """Features and labels of every present language's training split."""
    paragraphs = read_all(root)
    vectors = CachedVectors(cache_path(), embed or default_embedder)
    x = features([unit_of(p) for p in paragraphs], vectors)
    y = np.array([[c in p.labels for c in CLASSES] for p in paragraphs], dtype=np.float32)
    return Dataset(paragraphs, x, y)


def fit(x: np.ndarray, y: np.ndarray, alpha: float = ALPHA) -> tuple[np.ndarray, np.ndarray]:
    """Ridge weights ``(labels, features)`` and intercepts of all labels at once."""
    from sklearn.linear_model import Ridge

    model = Ridge(alpha=alpha).fit(x, y)
    return np.asarray(model.coef_, np.float32), np.asarray(model.intercept_, np.float32)


def oof_scores(
    x: np.ndarray, y: np.ndarray, groups: np.ndarray, folds: int = FOLDS, alpha: float = ALPHA
) -> np.ndarray:
    """Out-of-fold scores, folds by article."""
    from sklearn.model_selection import GroupKFold

    out = np.zeros(y.shape, np.float32)
    for train, test in GroupKFold(folds).split(x, y, groups):
        coef, bias = fit(x[train], y[train], alpha)
        out[test] = x[test] @ coef.T + bias
    return out


def micro_thresholds(scores: np.ndarray, y: np.ndarray, passes: int = 3) -> np.ndarray:
    """Per-label thresholds that maximise pooled micro-F1 (coordinate ascent).

    A label never positive in ``y`` gets an infinite threshold (never predicted).
    """
    n, labels = y.shape
    tps, fps, cuts, pos = [], [], [], []
    for j in range(labels):
        order = np.argsort(-scores[:, j], kind="stable")
        hits = y[order, j].astype(np.int64)
        tp = np.concatenate([[0], np.cumsum(hits)])
        tps.append(tp)
        fps.append(np.arange(n + 1) - tp)
        cuts.append(np.concatenate([[np.inf], scores[order, j]]))
        pos.append(int(hits.sum()))
    keep = [0] * labels  # number of top-scored rows predicted positive, per label
    for _ in range(passes):
        for j in range(labels):
            tp_o = sum(int(tps[i][keep[i]]) for i in range(labels) if i != j)
            fp_o = sum(int(fps[i][keep[i]]) for i in range(labels) if i != j)
            fn_o = sum(pos[i] - int(tps[i][keep[i]]) for i in range(labels) if i != j)
            tp = tps[j]
            f1 = (
                2
                * (tp_o + tp)
                / np.maximum(1, 2 * (tp_o + tp) + fp_o + fps[j] + fn_o + pos[j] - tp)
            )
            keep[j] = int(np.argmax(f1)) if pos[j] else 0
    return np.array([cuts[j][keep[j]] for j in range(labels)], dtype=np.float32)


def learn_thresholds(
    scores: np.ndarray, y: np.ndarray, langs: np.ndarray
) -> tuple[np.ndarray, dict[str, np.ndarray]]:
    """Overall thresholds and one set per language (each micro-F1 optimal)."""
    overall = micro_thresholds(scores, y)
    per = {
        str(lang): micro_thresholds(scores[langs == lang], y[langs == lang])
        for lang in np.unique(langs)
    }
    return overall, per


def apply_thresholds(
    scores: np.ndarray, langs: np.ndarray, overall: np.ndarray, per: dict[str, np.ndarray]
) -> np.ndarray:
    """Decisions with each row's language thresholds."""
    out = np.zeros(scores.shape, dtype=bool)
    for row, lang in enumerate(langs):
        out[row] = scores[row] >= per.get(str(lang), overall)
    return out


def cross_validate(ds: Dataset, folds: int = FOLDS, alpha: float = ALPHA) -> np.ndarray:
    """Out-of-fold decisions; thresholds learned by an inner CV on each training part."""
    from sklearn.model_selection import GroupKFold

    groups, langs = ds.groups, ds.langs
    pred = np.zeros(ds.y.shape, dtype=bool)
    for train, test in GroupKFold(folds).split(ds.x, ds.y, groups):
        inner = oof_scores(ds.x[train], ds.y[train], groups[train], folds - 1, alpha)
        overall, per = learn_thresholds(inner, ds.y[train], langs[train])
        coef, bias = fit(ds.x[train], ds.y[train], alpha)
        pred[test] = apply_thresholds(ds.x[test] @ coef.T + bias, langs[test], overall, per)
    return pred


def train_model(
    ds: Dataset, alpha: float = ALPHA, meta: dict[str, object] | None = None
) -> TechniqueModel:
    """The model on all rows, thresholds from 5-fold out-of-fold scores."""
    overall, per = learn_thresholds(oof_scores(ds.x, ds.y, ds.groups, FOLDS, alpha), ds.y, ds.langs)
    coef, bias = fit(ds.x, ds.y, alpha)
    from narrascope.embeddings import get_embedder

    static = get_embedder("static").embed([p.text for p in ds.paragraphs])
    evidence, _ = fit(static, ds.y, EVIDENCE_ALPHA)
    info: dict[str, object] = {
        "trained_on": "SemEval-2023 Task 3 subtask 3, training split (en fr de it pl ru)",
        "paragraphs": len(ds.paragraphs),
        "articles": len(set(ds.groups.tolist())),
        "alpha": alpha,
        **(meta or {}),
    }
    return TechniqueModel(CLASSES, coef, bias, overall, per, meta=info, evidence_coef=evidence)
