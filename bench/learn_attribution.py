"""Learn the verb-attribution classifier from PolNeAR's train split (never dev or test).

Every candidate of :mod:`narrascope.extract.learned_verbs` (a verb outside quotation
marks with a subject and a complement) in the train articles, parsed by Narrascope's
own spaCy pipeline, is labelled an attribution when an annotated Cue holds the verb and
the candidate's complement covers at least half of that attribution's Content words
(the matching rule of ``narrascope eval attribution``). A logistic regression
(scikit-learn, default regularisation C = 1) is fit on their features; the decision
threshold is 0.5, the point where an attribution is the likelier reading, chosen before
any scoring. Five-fold cross-validation by article on train prints the candidates'
precision and recall. The output holds feature names (word forms, parse labels) and
weights only, no article text:

    .venv/bin/python bench/learn_attribution.py --polnear ~/.cache/narrascope-data/polnear
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import numpy as np
from sklearn.feature_extraction import DictVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import GroupKFold

from narrascope.evaluation.polnear import PolnearArticle, default_root, load_split, words
from narrascope.extract.learned_verbs import MODEL_FILE, Candidate, candidates, features
from narrascope.extract.nlp import load_nlp
from narrascope.extract.quotemarks import find_marked_spans
from narrascope.extract.speakers import SpeakerContext

OUT = Path(__file__).resolve().parents[1] / "src/narrascope/resources/extract" / MODEL_FILE
THRESHOLD = 0.5
MIN_WEIGHT = 1e-4  # smaller weights are dropped from the file


def _attributed(article: PolnearArticle, candidate: Candidate) -> bool:
    covered = set(words(((candidate.start, candidate.end),), article.text))
    at = candidate.verb.idx
    for gold in article.attributions:
        if any(a <= at < b for a, b in gold.cue):
            content = words(gold.content, article.text)
            if content and sum(w in covered for w in content) >= 0.5 * len(content):
                return True
    return False


def examples(
    articles: list[PolnearArticle],
) -> tuple[list[dict[str, float]], list[int], list[int]]:
    """Features, labels and article index of every candidate."""
    nlp = load_nlp()
    feats: list[dict[str, float]] = []
    labels: list[int] = []
    groups: list[int] = []
    for i, (article, sdoc) in enumerate(zip(articles, nlp.pipe(a.text for a in articles), strict=True)):
        marked = [(m.start, m.end) for m in find_marked_spans(article.text)]
        ctx = SpeakerContext(sdoc, [], marked)
        for candidate in candidates(ctx):
            feats.append(features(candidate, ctx))
            labels.append(int(_attributed(article, candidate)))
            groups.append(i)
    return feats, labels, groups


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--polnear", default=str(default_root()))
    parser.add_argument("--out", default=str(OUT))
    args = parser.parse_args()
    articles = load_split(args.polnear, "train")
    feats, labels, groups = examples(articles)
    y = np.array(labels)
    vectorizer = DictVectorizer()
    x = vectorizer.fit_transform(feats)
    print(f"{len(articles)} articles, {len(y)} candidates, {int(y.sum())} attributions")
    for fold, (train, test) in enumerate(GroupKFold(5).split(x, y, groups)):
        fitted = LogisticRegression(C=1.0, max_iter=3000).fit(x[train], y[train])
        chosen = fitted.predict_proba(x[test])[:, 1] >= THRESHOLD
        hits = int((chosen & (y[test] == 1)).sum())
        print(
            f"fold {fold}: precision {hits / max(1, chosen.sum()):.3f}"
            f" recall {hits / max(1, y[test].sum()):.3f}"
        )
    model = LogisticRegression(C=1.0, max_iter=3000).fit(x, y)
    weights = {
        name: round(float(w), 5)
        for name, w in zip(vectorizer.get_feature_names_out(), model.coef_[0], strict=True)
        if abs(w) >= MIN_WEIGHT
    }
    data = {
        "_comment": (
            "Verb-attribution classifier learned from PolNeAR train by "
            "bench/learn_attribution.py: logistic-regression weights by feature name "
            "(word forms and parse labels), no article text."
        ),
        "articles": len(articles),
        "candidates": len(y),
        "attributions": int(y.sum()),
        "threshold": THRESHOLD,
        "intercept": round(float(model.intercept_[0]), 5),
        "weights": dict(sorted(weights.items())),
    }
    Path(args.out).write_text(json.dumps(data, indent=0, ensure_ascii=False) + "\n", "utf-8")
    print(f"wrote {args.out}: {len(weights)} weights")


if __name__ == "__main__":
    main()
