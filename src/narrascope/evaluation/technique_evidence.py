"""How often the evidence sentence of a technique lies on an annotated span.

For labelled English training paragraphs of SemEval-2023 Task 3 with several
sentences, and each technique they carry: does the chosen sentence overlap a
gold span of that technique (``train-labels-subtask-3-spans``)? The static
ranker is trained here on every other language and half of the English
articles, and scored on the other half; the first sentence and a random one
are the baselines of the same run::

    python -m narrascope.evaluation.technique_evidence
"""

from __future__ import annotations

import json
import random
from pathlib import Path

import numpy as np

from narrascope.characterise.sentences import split_sentences
from narrascope.characterise.technique_data import CLASSES, Paragraph, data_root, read_all
from narrascope.characterise.technique_train import EVIDENCE_ALPHA, fit

Spans = dict[str, list[tuple[str, int, int]]]


def read_spans(folder: Path) -> Spans:
    """``article -> [(code, start, end)]`` from a span-labels folder."""
    out: Spans = {}
    for path in sorted(folder.glob("*.txt")):
        for row in path.read_text("utf-8").splitlines():
            cells = row.split("\t")
            if len(cells) >= 4 and cells[2].isdigit() and cells[3].isdigit():
                out.setdefault(cells[0], []).append((cells[1], int(cells[2]), int(cells[3])))
    return out


def _line_offset(root: Path, p: Paragraph, cache: dict[str, list[str]]) -> int:
    if p.article not in cache:
        path = root / "en" / "train-articles-subtask-3" / f"article{p.article}.txt"
        cache[p.article] = path.read_text("utf-8").split("\n")
    return sum(len(line) + 1 for line in cache[p.article][: p.line - 1])


def evaluate(root: str | Path | None = None, seed: int = 1) -> dict[str, float]:
    """Hit rates of the static ranker, the first and a random sentence."""
    from narrascope.embeddings import get_embedder

    base = data_root(root)
    paras = read_all(base)
    articles = sorted({p.article for p in paras if p.lang == "en"})
    held = set(articles[::2])
    test = np.array([p.lang == "en" and p.article in held for p in paras])
    y = np.array([[c in p.labels for c in CLASSES] for p in paras], np.float32)
    static = get_embedder("static")
    coef, _ = fit(static.embed([p.text for p in paras])[~test], y[~test], EVIDENCE_ALPHA)
    spans = read_spans(base / "en" / "train-labels-subtask-3-spans")
    rng, cache = random.Random(seed), dict[str, list[str]]()
    hits = {"static_ranker": 0, "first_sentence": 0, "random_sentence": 0}
    pairs = 0
    for i in np.flatnonzero(test).tolist():
        p = paras[i]
        sentences = split_sentences(p.text)
        if len(sentences) < 2 or not p.labels:
            continue
        off = _line_offset(base, p, cache)
        ranks = static.embed([s.text for s in sentences]) @ coef.T
        for code in p.labels:
            gold = [(a, z) for c, a, z in spans.get(p.article, []) if c == code]
            picks = {
                "static_ranker": int(np.argmax(ranks[:, CLASSES.index(code)])),
                "first_sentence": 0,
                "random_sentence": rng.randrange(len(sentences)),
            }
            for name, k in picks.items():
                s = sentences[k]
                hits[name] += any(a < off + s.end and z > off + s.start for a, z in gold)
            pairs += 1
    return {"pairs": float(pairs), **{k: v / max(1, pairs) for k, v in hits.items()}}


if __name__ == "__main__":
    print(json.dumps(evaluate(), indent=1, sort_keys=True))
