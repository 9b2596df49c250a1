"""Lines that name their source: "Name: claim" headlines, transcript lines
("SURNAME: words"), title-case "Name Verb claim" headlines and labelled quotations."""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator

from narrascope.extract import resources
from narrascope.extract.attribution import (
    OPENERS,
    Attribution,
    crosses,
    make_attribution,
    overlaps,
    trimmed,
)
from narrascope.extract.entities import headline_at
from narrascope.extract.quotemarks import MarkedSpan
from narrascope.extract.speakers import Speaker, SpeakerContext
from narrascope.models import Mention

_NAME_WORDS = r"[A-Z][\w.'’&-]*(?:[ ][A-Z][\w.'’&-]*){0,4}"


_HEADLINE_CLAIM = re.compile(  # "Kerry: …", "Clinton camp: …", "Clinton to Planned Parenthood: …"
    rf"^(?P<who>{_NAME_WORDS}(?:[ ][a-z]+)?)(?:[ ](?i:on|to|at|about)[ ][^:\n]{{1,80}})?"
    r"[ ]?:[ ]+(?P<what>[^\n]{12,300})$",
    re.M,
)


_TRANSCRIPT = re.compile(  # "TAPPER: And obviously, …" (an interview transcript)
    r"^(?P<who>[A-Z][A-Z.'’-]+(?:[ ][A-Z][A-Z.'’-]+){0,2}):[ ]+(?P<what>[^\n]{12,})$", re.M
)


MAX_HEADLINE_WORDS = 30


TRANSCRIPT_REASON = "transcript label names a person of the article"


def labelled_lines(ctx: SpeakerContext, found: list[Attribution]) -> list[Attribution]:
    """Lines that name their source before a colon: a headline "Name: what they said"
    ("Name on X:", "Name to Y:" too) and a transcript line "SURNAME: words" whose
    label is the name of a person the article names. A quotation on such a line with no
    speaker of its own is the source's; the rest of the line is its claim when no
    quotation covers it. Returns ``found`` with those speakers and the new claims."""
    out = list(found)
    for line, speaker in _source_lines(ctx):
        start, end = trimmed(ctx.text, *line.span("what"))
        if end - start < 12:
            continue
        if speaker.reason == TRANSCRIPT_REASON:  # the whole line is the person's words
            end = _until_narration(ctx, start, end, speaker)
            out = [a for a in out if not _own_words(a, start, end)]
            out.append(make_attribution(ctx.text, start, end, "direct", ":", speaker))
            continue
        inside = [i for i, a in enumerate(out) if start <= a.quote.start and a.quote.end <= end]
        for i in inside:
            q = out[i].quote
            if (
                q.speaker is None
                or q.speaker.lower() in _FIRST_PERSON
                or q.cue in _WEAK_CUES  # the line's label names its source
            ):
                out[i] = make_attribution(ctx.text, q.start, q.end, q.kind, q.cue or ":", speaker)
        marks = [i for i in inside if out[i].quote.kind != "indirect"]
        quoted = sum(len(ctx.text[out[i].quote.start : out[i].quote.end].split()) for i in marks)
        taken = [(a.quote.start, a.quote.end) for i, a in enumerate(out) if i not in inside]
        if quoted * 2 >= len(ctx.text[start:end].split()) or crosses(start, end, taken, ctx.text):
            continue  # the quotations are the claim
        if len(line["what"].split()) <= MAX_HEADLINE_WORDS:
            reported = set(inside) - set(marks)  # "X: Y's demands show Z" is X's claim whole
            out = [a for i, a in enumerate(out) if i not in reported]
            out.append(make_attribution(ctx.text, start, end, "indirect", ":", speaker))
    return out


_LINE = re.compile(r"^[^\n]+$", re.M)


MIN_HEADLINE_CLAIM_WORDS = 3


def headline_verbs(ctx: SpeakerContext, found: list[Attribution]) -> list[Attribution]:
    """A title-case headline "Name Verb claim" ("Ana Ruiz Hints Levy Will Rise"), where
    the tagger reads the capitalised verb as a name: the named source, a cue verb right
    after its name, and the rest of the line as its claim."""
    cue = resources.cues()
    verbs = cue.speech_verbs | cue.indirect_verbs
    titles = resources.titles()
    out = []
    taken = [(a.quote.start, a.quote.end) for a in found]
    for line in _LINE.finditer(ctx.text):
        if not headline_at(ctx.text, line.start()) or overlaps(*line.span(), taken):
            continue
        first = bisect.bisect_left(ctx.starts, line.start())
        for m in ctx.mentions[first : bisect.bisect_left(ctx.starts, line.end())]:
            if m.end >= line.end():
                continue
            lead = ctx.text[line.start() : m.start].split()
            after = re.match(r"[ ]([A-Z][a-z]+)[ ]+(\S.*)$", ctx.text[m.end : line.end()])
            if any(w.lower() not in titles for w in lead) or after is None:
                continue
            if after[1].lower() not in verbs or len(after[2].split()) < MIN_HEADLINE_CLAIM_WORDS:
                continue
            start, end = trimmed(ctx.text, m.end + after.start(2), line.end())
            who = Speaker(m.text, m.start, m.end, m, "named before a cue verb in a headline")
            out.append(make_attribution(ctx.text, start, end, "indirect", after[1], who))
            break
    return out


def _until_narration(ctx: SpeakerContext, start: int, end: int, speaker: Speaker) -> int:
    """The end of a transcript line's words: before a later sentence of the line that names
    the speaker ("BECK: Ah, I see. Beck did not answer questions."), the writer's."""
    mention = speaker.mention
    surname = mention.text.split()[-1] if mention is not None else speaker.text
    pattern = re.compile(rf"\b{re.escape(surname)}\b", re.IGNORECASE)
    for sent in ctx.sents:
        if start < sent.start_char < end and pattern.search(sent.text):
            return trimmed(ctx.text, start, sent.start_char)[1]
    return end


_FIRST_PERSON = frozenset({"i", "we", "me", "us"})


_WEAK_CUES = frozenset({"subject of the sentence"})


def _own_words(a: Attribution, start: int, end: int) -> bool:
    """A finding inside a transcript line that is only the speaker's own words: reported
    speech of "I", "we", "you" or of nobody ("I think that ..." is still the line's)."""
    q = a.quote
    inside = start <= q.start and q.end <= end
    own = q.speaker is None or q.speaker.lower() in {"i", "we", "you"}
    return inside and own and q.kind == "indirect"


def _source_lines(ctx: SpeakerContext) -> Iterator[tuple[re.Match[str], Speaker]]:
    """Each labelled line with the speaker its label names."""
    titles = resources.titles()
    for m in _HEADLINE_CLAIM.finditer(ctx.text):
        mention = ctx.mention_at(m.start("who"), m.end("who"))
        if mention is None or mention.start < m.start("who") or mention.end > m.end("who"):
            continue
        before = ctx.text[m.start("who") : mention.start].split()
        if any(w.lower() not in titles for w in before):  # "See X’s review: …" names no source
            continue
        if mention.label not in ("PERSON", "ORG") and mention.end < m.end("who"):
            continue  # "Hispanic employment: up 85,000" labels a figure, not a source
        reason = "named before a colon"
        if (
            mention.label == "PERSON"
            and m["who"].strip() == mention.text
            and len(m["what"].split()) > MAX_HEADLINE_WORDS
        ):  # "Ana Ruiz: Well, the thing is, ..." (a transcript, the label in title case)
            reason = TRANSCRIPT_REASON
        yield m, Speaker(m["who"], m.start("who"), m.end("who"), mention, reason)
    people: dict[str, Mention] = {}
    for mention in ctx.mentions:
        if mention.label == "PERSON":
            people.setdefault(mention.text.upper(), mention)
            people.setdefault(mention.text.split()[-1].upper(), mention)
    for m in _TRANSCRIPT.finditer(ctx.text):
        mention = people.get(m["who"].strip(" ."))
        if mention is not None:
            yield m, Speaker(m["who"], m.start("who"), m.end("who"), mention, TRANSCRIPT_REASON)


# what may open a quotation's label besides its line start: "Polls agree - Ana Ruiz: “…”"
_LABEL_OPENING = re.compile(r"[ ][-–—][ ]*|\b(?:[Mm]ore[ ])?[Ff]rom[ ]")


MAX_LABEL_CHARS = 60


def label_speaker(span: MarkedSpan, ctx: SpeakerContext) -> Speaker | None:
    """The source a quotation is labelled with: a name, and nothing else, before a colon
    that opens the quotation ("Ana Ruiz: “…”"), at the start of its line or after a dash."""
    opening = ctx.text.rfind("\n", 0, span.start) + 1
    before = ctx.text[opening : span.start].rstrip(OPENERS)
    if not before.endswith(":"):
        return None
    body = before[:-1].rstrip()
    first = max([0, *(m.end() for m in _LABEL_OPENING.finditer(body))])
    if not body[first:].strip() or len(body) - first > MAX_LABEL_CHARS:
        return None
    start, end = opening + first, opening + len(body)
    mention = ctx.mention_at(start, end)
    if mention is None or mention.label not in {"PERSON", "ORG"}:
        return None
    titles = resources.titles()
    lead = ctx.text[start : mention.start].split()
    if any(w.lower() not in titles for w in lead) or ctx.text[mention.end : end].strip():
        return None  # more than a (titled) name: "The plan’s aim:"
    return Speaker(mention.text, mention.start, mention.end, mention, "named before a colon")
