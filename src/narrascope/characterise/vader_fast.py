"""VADER's valence without its per-character emoji pass on sentences that hold no emoji.

``SentimentIntensityAnalyzer.polarity_scores`` rebuilds every text character by
character to swap emojis for their descriptions: about a third of its cost on news,
which rarely holds one. A text with no emoji character skips that pass and runs the
rest of VADER's own steps, so the scores are the same
(``tests/test_characterise_vader.py`` compares both on real sentences).
"""

from __future__ import annotations

from typing import Any


def fast_analyzer() -> Any:
    """A VADER analyzer with the emoji fast path, or VADER's own where its internals differ."""
    from vaderSentiment import vaderSentiment as vader  # noqa: N813

    base = vader.SentimentIntensityAnalyzer
    needed = ("sentiment_valence", "_but_check", "score_valence", "make_emoji_dict")
    if not all(hasattr(base, n) for n in needed) or not hasattr(vader, "SentiText"):
        return base()
    boosters, senti_text = getattr(vader, "BOOSTER_DICT", {}), vader.SentiText

    class EmojiAwareAnalyzer(base):  # type: ignore[misc, valid-type]
        """Skips the emoji pass when no character of the text is an emoji."""

        def __init__(self) -> None:
            super().__init__()
            self.emoji_chars = frozenset(k for k in self.emojis if len(k) == 1)

        def polarity_scores(self, text: str) -> dict[str, float]:
            if not self.emoji_chars.isdisjoint(text):
                scores: dict[str, float] = super().polarity_scores(text)
                return scores
            text = text.strip()
            sentitext = senti_text(text)
            words = sentitext.words_and_emoticons
            sentiments: list[float] = []
            for i, item in enumerate(words):
                low = item.lower()
                if low in boosters or (
                    low == "kind" and i < len(words) - 1 and words[i + 1].lower() == "of"
                ):
                    sentiments.append(0)
                    continue
                sentiments = self.sentiment_valence(0, sentitext, item, i, sentiments)
            sentiments = self._but_check(words, sentiments)
            out: dict[str, float] = self.score_valence(sentiments, text)
            return out

    return EmojiAwareAnalyzer()
