"""The dominant-narrative explanation (SemEval subtask 3): at most 80 words.

The explanation names the dominant narrative and quotes the article's own
evidence sentences for it, shortened to fit the word limit, so every claim in
it can be traced to the text.
"""

from __future__ import annotations

from narrascope.characterise.taxonomy import OTHER
from narrascope.models import NarrativeLabel

MAX_WORDS = 80


def dominant(labels: list[NarrativeLabel]) -> NarrativeLabel | None:
    """The highest-scoring specific label: a fine label if any, else a coarse one."""
    specific = [lb for lb in labels if lb.label != OTHER and not lb.label.endswith(f": {OTHER}")]
    fine = [lb for lb in specific if lb.level == "fine"]
    pool = fine or specific
    return max(pool, key=lambda lb: lb.score) if pool else None


def explain(labels: list[NarrativeLabel]) -> str | None:
    """An explanation of the dominant narrative, or None when there is none."""
    label = dominant(labels)
    if label is None:
        return None
    parts = label.label.split(": ")
    claim = parts[-1]
    frame = ": ".join(parts[:-1]) if len(parts) > 1 else ""
    head = f"The article advances the narrative “{claim}”" + (f" ({frame})." if frame else ".")
    quotes = [f"“{span.text}”" for span in label.evidence]
    if not quotes:
        return _clip(head)
    return _clip(f"{head} It says: " + " and ".join(quotes))


def _clip(text: str) -> str:
    words = text.split()
    if len(words) <= MAX_WORDS:
        return text
    clipped = " ".join(words[: MAX_WORDS - 1])
    if clipped.count("“") > clipped.count("”"):
        return clipped + "…”"
    return clipped + "…"
