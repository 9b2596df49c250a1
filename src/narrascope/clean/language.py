"""Language of the clean text, detected once per article with py3langid."""

from __future__ import annotations

import re

import py3langid

_LETTER = re.compile(r"[^\W\d_]")
MIN_LETTERS = 20  # below this the detector is guessing


def detect_language(text: str, sample_chars: int) -> str | None:
    """ISO 639-1 code of ``text`` (its first ``sample_chars`` characters), or ``None``
    when there is too little text to tell."""
    sample = text[:sample_chars]
    if len(_LETTER.findall(sample)) < MIN_LETTERS:
        return None
    code, _score = py3langid.classify(sample)
    return str(code)
