"""Label prototypes: embedded descriptions and examples, scored against text."""

from __future__ import annotations

import numpy as np

from narrascope.characterise.taxonomy import Label
from narrascope.embeddings import Embedder


class PrototypeIndex:
    """The embedded prototypes of a list of labels.

    ``label_sims(vectors)`` gives, for each input row and label, the highest
    cosine similarity between the row and any prototype of that label.
    """

    def __init__(self, labels: tuple[Label, ...], embedder: Embedder) -> None:
        self.labels = labels
        self.names = tuple(label.name for label in labels)
        texts: list[str] = []
        starts: list[int] = []
        for label in labels:
            starts.append(len(texts))
            texts.extend(label.prototypes)
        self._starts = np.asarray(starts, dtype=np.intp)
        self.matrix = embedder.embed(texts) if texts else np.zeros((0, 1), dtype=np.float32)

    def label_sims(self, vectors: np.ndarray) -> np.ndarray:
        """``[len(vectors), len(labels)]`` max-over-prototypes cosine similarities."""
        if len(vectors) == 0 or len(self.labels) == 0:
            return np.zeros((len(vectors), len(self.labels)), dtype=np.float32)
        sims = vectors @ self.matrix.T
        return np.maximum.reduceat(sims, self._starts, axis=1)

    def index(self, name: str) -> int:
        """Column of label ``name``."""
        return self.names.index(name)
