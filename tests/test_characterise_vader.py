"""The VADER fast path gives VADER's own scores, sentence for sentence."""

from __future__ import annotations

import re
from importlib import resources

from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

from narrascope.characterise.tone import sentence_valences
from narrascope.characterise.vader_fast import fast_analyzer
from narrascope.models import Span


def _example_sentences() -> list[str]:
    folder = resources.files("narrascope.examples")
    texts = [f.read_text("utf-8") for f in folder.iterdir() if f.name.endswith((".txt", ".html"))]
    return [s for t in texts for s in re.split(r"(?<=[.!?])\s+|\n+", t) if s.strip()]


EDGE_CASES = [
    "",
    "   ",
    "The plan is NOT good at all!!!",
    "It was kind of great, but the ending was awful.",
    "No problem, he said 😊 and left.",
    "Great 👍👍 news for the harbour :) !",
    "The deal was sort of okay?",
    "He said no good deed goes unpunished.",
    "  Leading and trailing spaces matter not.  ",
]


def test_fast_analyzer_scores_equal_vader() -> None:
    stock, fast = SentimentIntensityAnalyzer(), fast_analyzer()
    sentences = _example_sentences() + EDGE_CASES
    assert len(sentences) > 80
    for text in sentences:
        assert fast.polarity_scores(text) == stock.polarity_scores(text), text


def test_fast_path_is_taken_on_plain_text() -> None:
    fast = fast_analyzer()
    assert type(fast).__name__ == "EmojiAwareAnalyzer"
    assert fast.emoji_chars.isdisjoint("A plain sentence, with “quotes” and — dashes.")
    assert not fast.emoji_chars.isdisjoint("A sentence 😊")


def test_sentence_valences_use_the_compound_score() -> None:
    text = "The harbour reopened to great relief. The storm destroyed three homes."
    spans = [Span(0, 37, text[:37]), Span(38, len(text), text[38:])]
    positive, negative = sentence_valences(spans)
    assert positive > 0.3
    assert negative < -0.3
