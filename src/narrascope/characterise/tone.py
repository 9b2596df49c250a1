"""Tone of an article and towards its main entities, in [-1, 1] (VADER).

Each sentence is scored with VADER's compound valence; an article's tone is
the mean over its sentences, an entity's tone the mean over the sentences that
mention it. Evidence is the most strongly valenced sentences of that sign.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from narrascope.models import Span, Tone

NEUTRAL_BAND = 0.05  # VADER's conventional neutral band
EVIDENCE = 2


@lru_cache(maxsize=1)
def _analyzer() -> Any:
    from narrascope.characterise.vader_fast import fast_analyzer

    return fast_analyzer()


def sentence_valences(sentences: list[Span]) -> list[float]:
    """VADER compound valence of each sentence, in [-1, 1]."""
    analyzer = _analyzer()
    return [float(analyzer.polarity_scores(s.text)["compound"]) for s in sentences]


def tone_label(score: float) -> str:
    """``negative``, ``neutral`` or ``positive``."""
    if score <= -NEUTRAL_BAND:
        return "negative"
    if score >= NEUTRAL_BAND:
        return "positive"
    return "neutral"


def make_tone(
    sentences: list[Span], valences: list[float], indices: list[int], target: str | None
) -> Tone:
    """Tone over the sentences at ``indices`` (all of them when empty)."""
    chosen = indices or list(range(len(sentences)))
    if not chosen:
        return Tone(0.0, "neutral", target)
    score = sum(valences[i] for i in chosen) / len(chosen)
    score = max(-1.0, min(1.0, score))
    label = tone_label(score)
    sign = -1.0 if label == "negative" else 1.0
    ranked = sorted(chosen, key=lambda i: -sign * valences[i])
    evidence = tuple(sentences[i] for i in sorted(ranked[:EVIDENCE]) if label != "neutral")
    return Tone(round(score, 4), label, target, evidence)  # type: ignore[arg-type]
