"""Cross-validated scores of the learned narrative model on the SemEval training release.

Folds are stratified by language and gold domain (seeded, reproducible). In
each fold the model is fit on the other folds only, with its thresholds tuned
on an inner cross-validation of those folds; the held-out articles are scored
with the official samples-F1 next to the every-article-``Other`` baseline on
the same articles, per language and overall.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np

from narrascope.characterise.domain_terms import domain_terms, mentions_domain
from narrascope.characterise.fit import domain_of, fit_tuned, rows_of, stratified_folds
from narrascope.characterise.subject_crosslingual import (
    CrossLingualSubject,
    checks_subject,
    subject_names,
)
from narrascope.characterise.taxonomy import OTHER, Taxonomy, builtin_taxonomy
from narrascope.evaluation.semeval import NarrativeRow, all_other, score_subtask2

SEED = 13
FOLDS = 5


def strata_of(langs: list[str], rows: list[NarrativeRow], taxonomy: Taxonomy) -> list[str]:
    """Language and gold domain of each article, the stratification key."""
    label_domain = {lb.name: str(lb.domain) for lb in taxonomy.labels if lb.domain}
    return [f"{lang}:{domain_of(r, label_domain)}" for lang, r in zip(langs, rows, strict=True)]


def crossval_narratives(
    x: np.ndarray,
    rows: list[NarrativeRow],
    langs: list[str],
    taxonomy: Taxonomy,
    *,
    k: int = FOLDS,
    limit_chars: int = 2400,
    texts: list[str] | None = None,
) -> dict[str, Any]:
    """Out-of-fold predictions scored per language and overall, with the all-Other baseline.

    With ``texts``, predictions go through the subject check ``analyze`` applies
    (:mod:`narrascope.characterise.domain_terms`): a domain the article never names is
    dropped, and an article left with none is ``Other``.
    """
    strata = strata_of(langs, rows, taxonomy)
    pred: list[NarrativeRow | None] = [None] * len(rows)
    for test in stratified_folds(strata, k, SEED):
        train = np.setdiff1d(np.arange(len(rows)), test)
        model = fit_tuned(
            x[train], [rows[i] for i in train], taxonomy, [strata[i] for i in train],
            limit_chars=limit_chars,
        )  # fmt: skip
        for i, row in zip(test.tolist(), rows_of(model, model.scores(x[test])), strict=True):
            pred[i] = row
    if texts is not None:
        pred = _on_subject(pred, texts, langs, taxonomy)
    return report(rows, [p for p in pred if p is not None], langs)


def _on_subject(
    pred: list[NarrativeRow | None], texts: list[str], langs: list[str], taxonomy: Taxonomy
) -> list[NarrativeRow | None]:
    generic = (builtin_taxonomy("roles"), builtin_taxonomy("techniques"))
    terms = domain_terms(taxonomy, generic)
    other_language = CrossLingualSubject(taxonomy, generic)
    label_domain = {lb.name: str(lb.domain) for lb in taxonomy.labels if lb.domain}
    out: list[NarrativeRow | None] = []
    for row, text, lang in zip(pred, texts, langs, strict=True):
        if row is None or not terms or not checks_subject(lang):
            out.append(row)
            continue
        names = subject_names(lang, other_language)
        named = {
            lb for lb in row.coarse | row.fine if _named(lb, text, label_domain, terms, names)
        }  # fmt: skip
        coarse, fine = row.coarse & named, row.fine & named
        if not (coarse - {OTHER}):
            coarse, fine = frozenset({OTHER}), frozenset({OTHER})
        out.append(NarrativeRow(row.doc_id, coarse, fine))
    return out


def report(gold: list[NarrativeRow], pred: list[NarrativeRow], langs: list[str]) -> dict[str, Any]:
    """Samples-F1 (fine, coarse) and the all-Other baseline, per language and overall."""
    out: dict[str, Any] = {}
    for lang in [*sorted(set(langs)), "ALL"]:
        idx = [i for i, lg in enumerate(langs) if lang in ("ALL", lg)]
        g = {str(i): gold[i] for i in idx}
        p = {str(i): pred[i] for i in idx}
        s, b = score_subtask2(g, p), score_subtask2(g, all_other(g))
        out[lang] = {
            "documents": len(idx),
            "f1_fine": round(s["f1_fine"], 4),
            "f1_coarse": round(s["f1_coarse"], 4),
            "other_f1_fine": round(b["f1_fine"], 4),
            "other_f1_coarse": round(b["f1_coarse"], 4),
        }
    return out


def _named(
    label: str,
    text: str,
    label_domain: dict[str, str],
    terms: dict[str, frozenset[str]],
    names: Callable[[str, str], bool] | None,
) -> bool:
    base = label.rsplit(": ", 1)[0] if label.endswith(f": {OTHER}") else label
    domain = label_domain.get(base)
    if domain is None or mentions_domain(text, terms.get(domain, frozenset())):
        return True
    return names is not None and names(text, domain)
