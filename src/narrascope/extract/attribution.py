"""An attribution before entity ids are known, and the span helpers the quote finders share."""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Span

from narrascope.extract.quotemarks import MarkedSpan
from narrascope.extract.speakers import Speaker, SpeakerContext
from narrascope.models import Mention, Quote, QuoteKind

EDGE_PUNCT = " \n\t,;:.–—-\"“”‘’'"


OPENERS = " \t\u00a0\"“‘'«„"


@dataclass(frozen=True, slots=True)
class Attribution:
    """A quote before entity ids are known, with the mention its speaker points to."""

    quote: Quote
    mention: Mention | None


def quoted_tokens(span: MarkedSpan, ctx: SpeakerContext) -> Span | None:
    """The tokens inside a quotation; ``None`` when it holds none (only spaces: "„ »")."""
    inside = ctx.sdoc.char_span(span.start, span.end, alignment_mode="expand")
    return inside if inside is not None and len(inside) else None


_DATELINE = re.compile(
    r"^[A-Z][A-Z .'’-]{2,}(?:,[^–—\n]{0,40}?)?\s*(?:\([^)\n]{1,40}\))?\s*[–—-]+\s+"
)


def trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    """Offsets without edge punctuation and without a leading dateline ("MOSCOW, May 3 (X) –")."""
    dateline = _DATELINE.match(text[start:end])
    if dateline:
        start += dateline.end()
    while start < end and text[start] in EDGE_PUNCT:
        start += 1
    while end > start and text[end - 1] in " \n\t,;:–—-\"“”‘’'":
        end -= 1
    return start, end


def make_attribution(
    text: str, start: int, end: int, kind: QuoteKind, cue: str | None, speaker: Speaker | None
) -> Attribution:
    quote = Quote(
        text=text[start:end],
        start=start,
        end=end,
        kind=kind,
        cue=cue,
        speaker=speaker.text if speaker else None,
        speaker_start=speaker.start if speaker else None,
        speaker_end=speaker.end if speaker else None,
        reason=speaker.reason if speaker else "no speech cue or speaker near the quote",
    )
    return Attribution(quote, speaker.mention if speaker else None)


def overlaps(start: int, end: int, spans: list[tuple[int, int]]) -> bool:
    return any(s < end and start < e for s, e in spans)


def whole_quotation(ctx: SpeakerContext, start: int, end: int) -> int:
    """``end`` moved past a quotation the span opens but does not close, its closing
    mark included ("called the plan “a waste of money.”")."""
    end = max([end, *(e for s, e in ctx.quoted if start <= s < end < e)])
    opened = any(start <= s < end <= e for s, e in ctx.quoted)  # still open at the end
    tail = re.match(r"[.,!?]?[”\"’]", ctx.text[end : end + 2])
    return end + tail.end() if opened and tail else end


def crosses(start: int, end: int, direct: list[tuple[int, int]], text: str) -> bool:
    """A direct quote overlaps the clause and is not a part of a longer clause
    ('said “it makes me angry” every time he reads ...' reports the whole clause)."""
    for s, e in direct:
        if s < end and start < e:
            inside = start <= s and e <= end
            rest = len(text[start:s].split()) + len(text[e:end].split())
            if not inside or rest < 3:
                return True
    return False
