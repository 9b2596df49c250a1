"""Chrome inside a line: widget and form text run into article sentences.

Scraped text often glues a site's widgets to the paragraph beside them: "take our
poll - story continues below" and the poll's question after a sentence of the
article, or a sign-up form's sentences ("This field is for validation purposes
and should be left unchanged. … You may opt out at any time.") before the next
paragraph's first sentence. Three rules, each on shape and shared cues
(``cues.json``), never on a site:

- a line that is article text as a whole may open or end with sentences of a
  form, newsletter, cookie or comment box: they are cut off;
- an interstitial marker ("story continues below") ends the article text of its
  line when little follows it;
- the short lines after a marker, up to the form that closes the widget (at most
  :data:`MAX_WIDGET_LINES` lines on), are the widget (a poll's question and options).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from narrascope.clean.lexicon import Lexicon
from narrascope.clean.lines import Line
from narrascope.clean.rules import has_cues, sentence_reason

SENTENCE_CATEGORIES = frozenset({"form", "newsletter", "cookie-banner", "comment-box"})
CLOSING_REASONS = SENTENCE_CATEGORIES | {"social-button"}  # "Email *" is a form field
INLINE_REASONS = frozenset({"interstitial", "widget", "form"})  # inside the article's run
MAX_WIDGET_LINES = 4
MAX_WIDGET_WORDS = 60
_MARKER = re.compile(
    r"\b(?:take our poll|(?:the )?(?:story|article|text) continues below|continue reading below)\b",
    re.IGNORECASE,
)
_SENTENCE = re.compile(r"\S.*?(?:[.!?…]+[\"'”’)\]]*(?=\s|$)|$)")


@dataclass(slots=True)
class InlineCuts:
    """Chrome found inside kept lines: leading and trailing cuts, with their reasons."""

    heads: dict[int, tuple[int, str]] = field(default_factory=dict)  # index -> (chars, reason)
    tails: dict[int, tuple[int, str]] = field(default_factory=dict)  # index -> (kept, reason)


def sentences(text: str) -> list[tuple[int, int]]:
    """Character spans of the sentences of a line (split after . ! ? …)."""
    return [m.span() for m in _SENTENCE.finditer(text)]


def find_inline(lines: list[Line], reasons: list[str | None], lexicon: Lexicon) -> InlineCuts:
    """Mark widget lines in ``reasons`` and return the cuts inside kept lines."""
    found = InlineCuts()
    for line in lines:
        if reasons[line.index] is None:
            _trim(line, reasons, lexicon, found)
    _mark_widgets(lines, reasons, found)
    return found


def _trim(line: Line, reasons: list[str | None], lexicon: Lexicon, found: InlineCuts) -> None:
    marker = _MARKER.search(line.text)
    if marker is not None and len(line.text[marker.start() :].split()) <= MAX_WIDGET_WORDS:
        if len(line.text[: marker.start()].split()) < 3:
            reasons[line.index] = "interstitial"
            return
        found.tails[line.index] = (marker.start(), "interstitial")
    if not has_cues(line.norm, lexicon, SENTENCE_CATEGORIES):
        return
    spans = sentences(line.text[: found.tails.get(line.index, (len(line.text), ""))[0]])
    if not spans:
        return
    flags = [sentence_reason(line.text[a:b], lexicon, SENTENCE_CATEGORIES) for a, b in spans]
    lead = next((k for k, flag in enumerate(flags) if flag is None), len(flags))
    if lead == len(flags):
        reasons[line.index] = flags[0]
        found.tails.pop(line.index, None)
        return
    if lead:
        found.heads[line.index] = (spans[lead][0], flags[0] or "form")
    trail = next((k for k, flag in enumerate(reversed(flags)) if flag is None), 0)
    if trail and line.index not in found.tails:
        found.tails[line.index] = (spans[-trail - 1][1], flags[-1] or "form")


def _closes_widget(line: Line, reasons: list[str | None], found: InlineCuts) -> bool:
    reason = reasons[line.index]
    return reason in CLOSING_REASONS or line.index in found.heads


def _opens_widget(line: Line, reasons: list[str | None], found: InlineCuts) -> bool:
    tail = found.tails.get(line.index)
    if tail is not None:
        return tail[1] == "interstitial"
    return reasons[line.index] in INLINE_REASONS and _MARKER.search(line.text) is not None


def _mark_widgets(lines: list[Line], reasons: list[str | None], found: InlineCuts) -> None:
    for line in lines:
        if not _opens_widget(line, reasons, found):
            continue
        after = lines[line.index + 1 : line.index + 1 + MAX_WIDGET_LINES]
        end = next((x.index for x in after if _closes_widget(x, reasons, found)), None)
        if end is None:
            continue
        for inner in lines[line.index + 1 : end]:
            if reasons[inner.index] is None and inner.words <= MAX_WIDGET_WORDS:
                reasons[inner.index] = "widget"
