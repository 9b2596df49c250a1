"""Zero-shot narrative classification: sentences against label prototypes.

Each sentence is embedded and compared with the description and example
sentences of every label; a neutral "background" set of news sentences is
subtracted so that plain factual reporting scores low. A label's article
score is the mean of its best ``top_k`` sentence margins. Labels are chosen
top-down (coarse, then fine) with thresholds calibrated on labelled articles;
``"<coarse>: Other"`` stands in when no fine label passes, ``"Other"`` when
nothing passes. A trained model (see :mod:`narrascope.characterise.train`)
replaces the scores with probabilities stacked on the zero-shot scores.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, fields
from functools import lru_cache
from importlib import resources
from typing import Any, Literal, Protocol, cast

import numpy as np

from narrascope.characterise.prototypes import PrototypeIndex
from narrascope.characterise.taxonomy import OTHER, Taxonomy, other_label
from narrascope.embeddings import Embedder
from narrascope.errors import ConfigError
from narrascope.models import NarrativeLabel, Span

EVIDENCE_PER_LABEL = 2
Level = Literal["coarse", "fine"]


@dataclass(frozen=True, kw_only=True)
class Calibration:
    """Decision thresholds of the zero-shot classifier (margin scale)."""

    coarse_threshold: float = 0.12
    fine_threshold: float = 0.12
    coarse_relative: float = 0.05
    fine_relative: float = 0.04
    max_coarse: int = 3
    max_fine: int = 2
    background_weight: float = 1.0
    top_k: int = 2

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Calibration:
        """Build from a mapping, rejecting unknown keys."""
        known = {f.name for f in fields(cls)}
        unknown = sorted(set(data) - known)
        if unknown:
            raise ConfigError(f"unknown calibration key(s): {', '.join(unknown)}")
        return cls(**data)

    def to_dict(self) -> dict[str, Any]:
        """Plain mapping (for JSON)."""
        return asdict(self)


def default_calibration(embedder_kind: str) -> Calibration:
    """The calibration shipped for ``embedder_kind`` (``static`` or ``minilm``)."""
    values = shipped_calibration(embedder_kind)
    return Calibration.from_dict(values) if values else Calibration()


@lru_cache(maxsize=8)
def shipped_calibration(key: str) -> dict[str, Any]:
    """One entry of the shipped ``calibration.json`` (empty when absent)."""
    path = resources.files("narrascope") / "resources" / "taxonomies" / "calibration.json"
    if not path.is_file():
        return {}
    data: dict[str, dict[str, Any]] = json.loads(path.read_text("utf-8"))
    return dict(data.get(key, {}))


@lru_cache(maxsize=1)
def background_sentences() -> tuple[str, ...]:
    """Neutral news sentences that carry no narrative."""
    path = resources.files("narrascope") / "resources" / "taxonomies" / "background.json"
    return tuple(json.loads(path.read_text("utf-8"))["sentences"])


class LabelModel(Protocol):
    """A trained scorer: label probabilities from stacked features."""

    labels: tuple[str, ...]
    threshold: float

    def predict(self, features: np.ndarray) -> np.ndarray: ...


@dataclass(frozen=True)
class Scored:
    """Article-level label scores and the sentence margins behind them."""

    scores: np.ndarray  # [n_labels]
    margins: np.ndarray  # [n_sentences, n_labels]


class NarrativeClassifier:
    """Multi-label, two-level narrative classifier with evidence."""

    def __init__(
        self,
        taxonomy: Taxonomy,
        embedder: Embedder,
        *,
        calibration: Calibration | None = None,
        model: LabelModel | None = None,
    ) -> None:
        self.taxonomy = taxonomy
        self.embedder = embedder
        self.calibration = calibration or default_calibration(embedder.kind)
        self.index = PrototypeIndex(taxonomy.labels, embedder)
        self.background = embedder.embed(list(background_sentences()))
        self.model = model
        self._domain = np.asarray([taxonomy.domains.index(lb.domain) for lb in taxonomy.labels])

    def score(self, vectors: np.ndarray) -> Scored:
        """Zero-shot scores of every label for one article's sentence vectors."""
        n_labels = len(self.taxonomy.labels)
        if len(vectors) == 0:
            return Scored(np.full(n_labels, -1.0, dtype=np.float32), np.zeros((0, n_labels)))
        sims = self.index.label_sims(vectors)
        bg = (vectors @ self.background.T).max(axis=1)
        margins = sims - self.calibration.background_weight * bg[:, None]
        k = min(self.calibration.top_k, len(vectors))
        top = -np.sort(-margins, axis=0)[:k]
        scores = top.mean(axis=0)
        for i, label in enumerate(self.taxonomy.labels):  # a parent is at least its best child
            if label.parent is None:
                kids = [self.index.index(c.name) for c in self.taxonomy.children(label.name)]
                if kids:
                    scores[i] = max(scores[i], float(scores[kids].max()))
        return Scored(scores.astype(np.float32), margins)

    def features(self, vectors: np.ndarray) -> np.ndarray:
        """Stacking features for a trained model: zero-shot scores + mean vector."""
        mean = vectors.mean(axis=0) if len(vectors) else np.zeros(self.index.matrix.shape[1])
        return np.concatenate([self.score(vectors).scores, mean]).astype(np.float32)

    def classify(self, sentences: list[Span], vectors: np.ndarray) -> list[NarrativeLabel]:
        """Coarse and fine labels of an article, each with evidence sentences."""
        scored = self.score(vectors)
        if self.model is not None:
            probs = self.model.predict(self.features(vectors)[None, :])[0]
            chosen = self._decide_trained(probs, self._domain_mask(probs))
            values = probs
        else:
            chosen = self._decide(scored.scores)
            values = scored.scores
        return self._labels(chosen, values, scored.margins, sentences)

    def labels_for(
        self, chosen: list[tuple[str, str, float]], sentences: list[Span], vectors: np.ndarray
    ) -> list[NarrativeLabel]:
        """Labels decided elsewhere (the learned model), with evidence sentences from here."""
        margins = self.score(vectors).margins
        out: list[NarrativeLabel] = []
        for name, level, score in chosen:
            base = name.rsplit(": ", 1)[0] if name.endswith(f": {OTHER}") else name
            evidence: tuple[Span, ...] = ()
            if name != OTHER and base in self.taxonomy and len(margins):
                evidence = _evidence(margins[:, self.index.index(base)], sentences)
            out.append(NarrativeLabel(name, cast(Level, level), round(score, 4), evidence))
        return out

    def _domain_mask(self, scores: np.ndarray) -> np.ndarray:
        best = int(np.argmax(scores))
        return np.asarray(self._domain == self._domain[best])

    def _decide(self, scores: np.ndarray) -> list[tuple[str, int | None]]:
        cal = self.calibration
        mask = self._domain_mask(scores)
        roots = [i for i, lb in enumerate(self.taxonomy.labels) if lb.parent is None and mask[i]]
        return self._pick(
            scores,
            roots,
            cal.coarse_threshold,
            cal.coarse_relative,
            cal.fine_threshold,
            cal.fine_relative,
        )

    def _decide_trained(self, probs: np.ndarray, mask: np.ndarray) -> list[tuple[str, int | None]]:
        assert self.model is not None
        roots = [i for i, lb in enumerate(self.taxonomy.labels) if lb.parent is None and mask[i]]
        t = self.model.threshold
        return self._pick(probs, roots, t, 1.0, t, 1.0)

    def _pick(
        self,
        scores: np.ndarray,
        roots: list[int],
        t_coarse: float,
        rel_coarse: float,
        t_fine: float,
        rel_fine: float,
    ) -> list[tuple[str, int | None]]:
        """``(label, column)`` pairs; column None for implicit Other labels."""
        cal = self.calibration
        best = max((float(scores[i]) for i in roots), default=-1.0)
        keep = [i for i in roots if scores[i] >= t_coarse and scores[i] >= best - rel_coarse]
        keep = sorted(keep, key=lambda i: -scores[i])[: cal.max_coarse]
        if not keep:
            return [(OTHER, None)]
        chosen: list[tuple[str, int | None]] = []
        for i in keep:
            name = self.taxonomy.labels[i].name
            chosen.append((name, i))
            kids = [self.index.index(c.name) for c in self.taxonomy.children(name)]
            top = max((float(scores[k]) for k in kids), default=-1.0)
            fine = [k for k in kids if scores[k] >= t_fine and scores[k] >= top - rel_fine]
            fine = sorted(fine, key=lambda k: -scores[k])[: cal.max_fine]
            chosen.extend((self.taxonomy.labels[k].name, k) for k in fine)
            if not fine:
                chosen.append((other_label(name), None))
        return chosen

    def _labels(
        self,
        chosen: list[tuple[str, int | None]],
        values: np.ndarray,
        margins: np.ndarray,
        sentences: list[Span],
    ) -> list[NarrativeLabel]:
        out: list[NarrativeLabel] = []
        for name, col in chosen:
            if name == OTHER:
                out.append(NarrativeLabel(OTHER, "coarse", 1.0))
                out.append(NarrativeLabel(OTHER, "fine", 1.0))
                continue
            level = (
                "coarse"
                if name in self.taxonomy and self.taxonomy.get(name).parent is None
                else "fine"
            )
            source = col if col is not None else self.index.index(name.rsplit(": ", 1)[0])
            score = float(values[col]) if col is not None else float(values[source])
            evidence = _evidence(margins[:, source], sentences) if len(margins) else ()
            out.append(NarrativeLabel(name, cast(Level, level), round(score, 4), evidence))
        return out


def _evidence(column: np.ndarray, sentences: list[Span]) -> tuple[Span, ...]:
    order = np.argsort(-column)[:EVIDENCE_PER_LABEL]
    return tuple(sentences[i] for i in sorted(order.tolist()) if i < len(sentences))
