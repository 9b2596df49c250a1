"""Fitting and cross-validating the learned role model (subtask 1).

Folds group mentions by article (a document's mentions never straddle train and
test). The fine-role threshold is tuned on an inner cross-validation of the
training folds. Baselines in the same folds: the majority main role and the
most frequent fine-role set of the training folds.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

import numpy as np

from narrascope.characterise.fit import fit_heads, fit_logistic, fit_multiclass
from narrascope.characterise.learned_roles import BASE_DIM, RoleModel, expand
from narrascope.characterise.taxonomy import Taxonomy

ALPHA_MAIN = 3000.0
ALPHA_FINE = 3000.0
C_MAIN = 0.0  # > 0: a logistic regression for the main role instead of ridge
THRESHOLDS = (0.2, 0.3, 0.4, 0.5, 0.6, 0.7)
BIASES = (-0.2, -0.15, -0.1, -0.05, 0.0, 0.05, 0.1, 0.15, 0.2)
LANGUAGE_BIASES = tuple(round(0.05 * k, 2) for k in range(-10, 11))
LANGUAGE_WEIGHTS = {"EN": 1.0}
OTHER_WEIGHT = 0.2
NAME_WEIGHT = 0.3  # the hashed entity-name columns against the embedded ones
SEED = 13


def group_folds(groups: list[str], k: int, seed: int = SEED) -> list[np.ndarray]:
    """Test indices of ``k`` folds that keep each group (article) whole."""
    names = sorted(set(groups))
    order = np.random.default_rng(seed).permutation(len(names))
    fold_of = {names[j]: n % k for n, j in enumerate(order)}
    return [np.asarray([i for i, g in enumerate(groups) if fold_of[g] == f]) for f in range(k)]


def build_roles(
    x: np.ndarray, mains: list[str], fines: list[frozenset[str]], taxonomy: Taxonomy
) -> RoleModel:
    """Fit the main head and the fine heads (default threshold). Columns of ``x`` after
    ``BASE_DIM`` are hashed names, penalised as one block (``NAME_WEIGHT``)."""
    roots = tuple(lb.name for lb in taxonomy.roots)
    leaves = tuple(lb.name for lb in taxonomy.leaves)
    parents = {lb.name: str(lb.parent) for lb in taxonomy.leaves}
    z = expand(x)
    name_dim = x.shape[1] - BASE_DIM
    dense = z.shape[1] - name_dim if name_dim else None
    main = (
        fit_logistic(z, mains, roots, C_MAIN)
        if C_MAIN
        else fit_multiclass(z, mains, roots, ALPHA_MAIN, dense, NAME_WEIGHT)
    )
    targets = np.asarray([[n in f for n in leaves] for f in fines], dtype=int)
    fine = fit_heads(z, targets, leaves, ALPHA_FINE, dense, NAME_WEIGHT)
    return RoleModel(main, fine, parents, products=True, name_dim=name_dim)


def _exact(model: RoleModel, x: np.ndarray, fines: list[frozenset[str]], langs: list[str]) -> float:
    pred = model.predict(x, langs)
    return float(np.mean([frozenset(p[1]) == f for p, f in zip(pred, fines, strict=True)]))


def fit_roles_tuned(
    x: np.ndarray, mains: list[str], fines: list[frozenset[str]], groups: list[str],
    taxonomy: Taxonomy, inner: int = 3, langs: list[str] | None = None,
) -> RoleModel:  # fmt: skip
    """A model on all of ``x``; main-role offsets and the fine threshold tuned out of fold.

    The pooled offsets maximise main-role accuracy with English mentions weighted 1 and
    others ``OTHER_WEIGHT`` (what a language the release lacks gets); each language of
    the release then gets its own offsets, tuned on its mentions alone (on a wider grid:
    the share of each role differs by language). The threshold maximises fine-role
    exact match.
    """
    langs = langs or ["EN"] * len(mains)
    held: list[tuple[RoleModel, np.ndarray]] = []
    for test in group_folds(groups, inner, SEED + 1):
        train = np.setdiff1d(np.arange(len(mains)), test)
        part = build_roles(x[train], [mains[i] for i in train], [fines[i] for i in train], taxonomy)
        held.append((part, test))
    logits = np.zeros((len(mains), len(held[0][0].main.labels)))
    for m, test in held:
        logits[test] = m.main_logits(x[test])
    pooled = np.asarray([LANGUAGE_WEIGHTS.get(lang, OTHER_WEIGHT) for lang in langs])
    bias = _tune_bias(logits, held[0][0].main.labels, mains, pooled, BIASES)
    per_language = {
        lang: _tune_bias(logits, held[0][0].main.labels, mains, np.asarray(
            [float(other == lang) for other in langs]), LANGUAGE_BIASES) - bias
        for lang in sorted(set(langs))
    }  # fmt: skip
    best_t, best_v = THRESHOLDS[0], -1.0
    for t in THRESHOLDS:
        total = 0.0
        for m, test in held:
            m.fine_threshold = t
            m.main.intercept = m.main.intercept + bias
            m.language_bias = per_language
            total += _exact(m, x[test], [fines[i] for i in test], [langs[i] for i in test]) * len(
                test
            )
            m.main.intercept = m.main.intercept - bias
        if total > best_v:
            best_t, best_v = t, total
    model = build_roles(x, mains, fines, taxonomy)
    model.main.intercept = (model.main.intercept + bias).astype(np.float32)
    model.language_bias = {k: v.astype(np.float32) for k, v in per_language.items()}
    model.fine_threshold = best_t
    return model


def _tune_bias(
    logits: np.ndarray,
    classes: tuple[str, ...],
    mains: list[str],
    weights: np.ndarray,
    grid: tuple[float, ...],
) -> np.ndarray:
    """Per-main-role offsets of out-of-fold scores maximising weighted accuracy."""
    gold = np.asarray([classes.index(y) if y in classes else -1 for y in mains])
    best, best_v = np.zeros(len(classes)), -1.0
    for b1 in grid:
        for b2 in grid:
            bias = np.asarray([0.0, b1, b2][: len(classes)])
            v = float(np.dot(weights, np.argmax(logits + bias, axis=1) == gold))
            if v > best_v + 1e-9:
                best, best_v = bias, v
    return best.astype(np.float32)


def crossval_roles(
    x: np.ndarray, mains: list[str], fines: list[frozenset[str]], groups: list[str],
    langs: list[str], taxonomy: Taxonomy, k: int = 5,
) -> dict[str, Any]:  # fmt: skip
    """Out-of-fold main accuracy and exact match, per language and overall, with baselines."""
    pred: list[tuple[str, frozenset[str]]] = [("", frozenset())] * len(mains)
    base: list[tuple[str, frozenset[str]]] = [("", frozenset())] * len(mains)
    for test in group_folds(groups, k):
        train = np.setdiff1d(np.arange(len(mains)), test)
        model = fit_roles_tuned(
            x[train], [mains[i] for i in train], [fines[i] for i in train],
            [groups[i] for i in train], taxonomy, langs=[langs[i] for i in train],
        )  # fmt: skip
        majority = Counter(mains[i] for i in train).most_common(1)[0][0]
        common = Counter(fines[i] for i in train).most_common(1)[0][0]
        test_langs = [langs[i] for i in test]
        for i, (main, fine, _) in zip(
            test.tolist(), model.predict(x[test], test_langs), strict=True
        ):
            pred[i] = (main, frozenset(fine))
            base[i] = (majority, common)
    out: dict[str, Any] = {}
    for lang in [*sorted(set(langs)), "ALL"]:
        idx = [i for i, lg in enumerate(langs) if lang in ("ALL", lg)]
        out[lang] = {
            "mentions": len(idx),
            "main_accuracy": _rate([pred[i][0] == mains[i] for i in idx]),
            "exact_match": _rate([pred[i][1] == fines[i] for i in idx]),
            "majority_main_accuracy": _rate([base[i][0] == mains[i] for i in idx]),
            "majority_exact_match": _rate([base[i][1] == fines[i] for i in idx]),
        }
    return out


def _rate(hits: list[bool]) -> float:
    return round(float(np.mean(hits)), 4) if hits else 0.0
