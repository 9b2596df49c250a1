"""Run spaCy's dense layers on NumPy's BLAS (OpenBLAS) instead of thinc's bundled BLIS.

thinc's ``NumpyOps`` sends every matrix product of the tok2vec, tagger, parser
and NER layers to BLIS. On the x86 machines we measured, NumPy's OpenBLAS does
the same products about 3x faster (88 vs 29 GFLOP/s single-threaded for the
shapes of ``en_core_web_sm``), which takes about 30 % off the model's time with
the same weights. The parser's and NER's per-step state updates stay on
thinc's own C kernels.

Each product runs on one BLAS thread: the worker processes already fill the
cores, and a single thread keeps results independent of the machine's core
count. Set ``NARRASCOPE_BLAS=blis`` to keep thinc's default.
"""

from __future__ import annotations

import os
from functools import cached_property
from typing import Any

from spacy.language import Language
from thinc.api import NumpyOps

from narrascope.errors import ConfigError

BLAS_ENV = "NARRASCOPE_BLAS"
BACKENDS = ("numpy", "blis")


class NumpyBlasOps(NumpyOps):  # type: ignore[misc]
    """thinc ``NumpyOps`` whose ``gemm`` is NumPy's ``dot``, on one BLAS thread."""

    name = "numpy"

    def __init__(self) -> None:
        super().__init__(use_blis=False)

    @cached_property
    def _one_thread(self) -> Any:
        from threadpoolctl import ThreadpoolController

        return ThreadpoolController().limit

    def gemm(
        self,
        x: Any,
        y: Any,
        *,
        out: Any = None,
        trans1: bool = False,
        trans2: bool = False,
    ) -> Any:
        """``x @ y`` (either side transposed on request), written to ``out`` if given."""
        a = x.T if trans1 else x
        b = y.T if trans2 else y
        with self._one_thread(limits=1, user_api="blas"):
            if out is None:
                return a @ b
            return self.xp.matmul(a, b, out=out)


def blas_backend(requested: str | None = None) -> str:
    """The backend to use: ``requested``, else ``$NARRASCOPE_BLAS``, else ``numpy``."""
    backend = (requested or os.environ.get(BLAS_ENV) or "numpy").strip().lower()
    if backend not in BACKENDS:
        raise ConfigError(f"{BLAS_ENV} must be one of {', '.join(BACKENDS)}, not {backend!r}")
    return backend


def use_numpy_blas(nlp: Language) -> int:
    """Point every thinc layer of ``nlp`` at :class:`NumpyBlasOps`; returns the layer count."""
    ops = NumpyBlasOps()
    count = 0
    for _, component in nlp.pipeline:
        model = getattr(component, "model", None)
        if model is None or not hasattr(model, "walk"):
            continue
        for node in model.walk():
            node.ops = ops
            count += 1
    return count
