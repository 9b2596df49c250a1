"""Persuasion techniques (SemEval-2023 Task 3) as spans with their sentence.

Two signals per sentence and technique: lexical cues (the regular expressions
in the technique taxonomy, plus VADER's strongly valenced words for Loaded
Language) and the embedding similarity of the sentence to the technique's
examples, minus its similarity to neutral news. A cue that the sentence's
meaning does not contradict gives a span on the cue; a very close embedding
match without a cue gives a span over the whole sentence.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from narrascope.characterise.prototypes import PrototypeIndex
from narrascope.characterise.taxonomy import Taxonomy
from narrascope.embeddings import Embedder
from narrascope.models import Span, Technique

LOADED = "Loaded Language"
LOADED_VALENCE = 2.5  # |VADER valence| of a strongly loaded word
_WORD = re.compile(r"[A-Za-z][A-Za-z'-]+")


@dataclass(frozen=True)
class TechniqueCalibration:
    """Decision thresholds (margin scale); no technique gold set is shipped."""

    cue_margin: float = -0.08
    embedding_margin: float = 0.22
    per_sentence: int = 2


@lru_cache(maxsize=1)
def _loaded_words() -> frozenset[str]:
    from narrascope.characterise.tone import _analyzer

    lexicon: dict[str, float] = _analyzer().lexicon
    return frozenset(w for w, v in lexicon.items() if abs(v) >= LOADED_VALENCE and w.isalpha())


def _combined(cues: tuple[str, ...]) -> re.Pattern[str] | None:
    """One case-insensitive pattern for all cues of a technique."""
    parts = [f"(?:{c})" for c in cues]
    return re.compile("|".join(parts), re.IGNORECASE) if parts else None


def _loaded_span(text: str) -> tuple[int, int] | None:
    """The first strongly valenced word of ``text`` (VADER lexicon), if any."""
    loaded = _loaded_words()
    for word in _WORD.finditer(text):
        if word.group().lower() in loaded:
            return word.start(), word.end()
    return None


class TechniqueDetector:
    """Finds persuasion-technique spans in sentences."""

    def __init__(
        self,
        taxonomy: Taxonomy,
        embedder: Embedder,
        *,
        calibration: TechniqueCalibration | None = None,
    ) -> None:
        self.labels = taxonomy.leaves
        self.calibration = calibration or TechniqueCalibration()
        self.index = PrototypeIndex(self.labels, embedder)
        self.cues = [_combined(label.cues) for label in self.labels]
        self._loaded_col = next((i for i, lb in enumerate(self.labels) if lb.name == LOADED), -1)

    def detect(
        self, sentences: list[Span], vectors: np.ndarray, background: np.ndarray
    ) -> list[Technique]:
        """Technique spans of an article (offsets into the article text)."""
        if not sentences:
            return []
        margins = self.index.label_sims(vectors) - (vectors @ background.T).max(axis=1)[:, None]
        found: list[Technique] = []
        for row, sentence in enumerate(sentences):
            found.extend(self._sentence(sentence, margins[row]))
        return found

    def _sentence(self, sentence: Span, margins: np.ndarray) -> list[Technique]:
        cal = self.calibration
        hits: list[Technique] = []
        for col, label in enumerate(self.labels):
            margin = float(margins[col])
            # a cue counts only above cue_margin: below it, no need to search for one
            match = self._cue(col, sentence.text) if margin >= cal.cue_margin else None
            if match is not None:
                start, end = sentence.start + match[0], sentence.start + match[1]
                hits.append(self._make(label.name, start, end, sentence, 0.5 + margin, "cue"))
            elif margin >= cal.embedding_margin:
                hits.append(
                    self._make(
                        label.name, sentence.start, sentence.end, sentence, margin, "similarity"
                    )
                )
        hits.sort(key=lambda t: -t.score)
        return hits[: cal.per_sentence]

    def _cue(self, col: int, text: str) -> tuple[int, int] | None:
        pattern = self.cues[col]
        match = pattern.search(text) if pattern is not None else None
        if match:
            return match.start(), match.end()
        return _loaded_span(text) if col == self._loaded_col else None

    @staticmethod
    def _make(name: str, start: int, end: int, sentence: Span, score: float, why: str) -> Technique:
        text = sentence.text[start - sentence.start : end - sentence.start]
        return Technique(
            technique=name,
            start=start,
            end=end,
            text=text,
            score=round(min(1.0, score), 4),
            sentence=sentence,
            explanation=f"{why} match",
        )
