"""What ``narrascope train`` saves and ``Characteriser`` loads: the trained model.

Apart from :mod:`narrascope.characterise.train` (which fits it and uses the
``Characteriser`` for features) so that loading a model does not import training.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from narrascope.errors import ConfigError

FORMAT_VERSION = 1
PRIOR = 10.0  # pseudo-count: a label with n positives gets blend weight n / (n + PRIOR)
SQUASH = 0.03  # width of the zero-shot sigmoid around its threshold


def _sigmoid(x: np.ndarray) -> np.ndarray:
    return np.asarray(1.0 / (1.0 + np.exp(-x)))


@dataclass
class TrainedNarratives:
    """Per-label classifiers over stacked features, blended with zero-shot scores."""

    labels: tuple[str, ...]
    roots: frozenset[str]
    thresholds: tuple[float, float]  # zero-shot coarse, fine
    estimators: dict[int, Any] = field(default_factory=dict)
    positives: dict[int, int] = field(default_factory=dict)
    threshold: float = 0.5

    def predict(self, features: np.ndarray) -> np.ndarray:
        """Label probabilities ``[n, len(labels)]``."""
        n = len(self.labels)
        zs = features[:, :n]
        centre = np.asarray(
            [self.thresholds[0] if lb in self.roots else self.thresholds[1] for lb in self.labels]
        )
        probs = _sigmoid((zs - centre) / SQUASH)
        for col, estimator in self.estimators.items():
            trained = estimator.predict_proba(features)[:, 1]
            weight = self.positives.get(col, 0) / (self.positives.get(col, 0) + PRIOR)
            probs[:, col] = weight * trained + (1 - weight) * probs[:, col]
        return probs


@dataclass
class TrainedRoles:
    """Main-role and fine-role classifiers over role features."""

    main: Any
    fine: dict[str, Any]
    parents: dict[str, str]

    def predict_roles(self, features: np.ndarray) -> list[tuple[str, tuple[str, ...], float]]:
        """``(main_role, fine_roles, score)`` for each feature row."""
        out = []
        main_probs = self.main.predict_proba(features)
        for row, probs in enumerate(main_probs):
            best = int(np.argmax(probs))
            main = str(self.main.classes_[best])
            scored = [
                (name, float(est.predict_proba(features[row : row + 1])[0, 1]))
                for name, est in self.fine.items()
                if self.parents.get(name) == main
            ]
            scored.sort(key=lambda item: -item[1])
            fine = tuple(name for name, p in scored if p >= 0.5)[:2] or tuple(
                n for n, _ in scored[:1]
            )
            out.append((main, fine, float(probs[best])))
        return out


@dataclass
class TrainedModel:
    """What ``narrascope train`` saves."""

    embedder: str
    narratives: TrainedNarratives | None
    roles: TrainedRoles | None
    version: int = FORMAT_VERSION


def load_model(path: Path, embedder_kind: str) -> TrainedModel:
    """Load a trained model and check it matches the embedder in use."""
    import joblib

    try:
        model = joblib.load(path)
    except Exception as exc:  # joblib raises many kinds on a bad file
        raise ConfigError(f"{path}: cannot load the characterisation model: {exc}") from None
    if not isinstance(model, TrainedModel) or model.version != FORMAT_VERSION:
        raise ConfigError(
            f"{path}: not a narrascope characterisation model of version {FORMAT_VERSION}"
        )
    if model.embedder != embedder_kind:
        raise ConfigError(
            f"{path}: trained with the {model.embedder!r} embedder, not {embedder_kind!r}"
        )
    return model
