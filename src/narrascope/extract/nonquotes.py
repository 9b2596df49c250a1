"""Quoted text that is no quote: titles of works and shows, scare-quoted terms."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from narrascope.extract import resources
from narrascope.extract.attribution import EDGE_PUNCT, quoted_tokens
from narrascope.extract.quotemarks import MarkedSpan
from narrascope.extract.speakers import SpeakerContext
from narrascope.models import QuoteKind

if TYPE_CHECKING:
    from spacy.tokens import Token

_MINOR = frozenset(
    [
        "a",
        "an",
        "and",
        "as",
        "at",
        "but",
        "by",
        "for",
        "from",
        "in",
        "into",
        "nor",
        "of",
        "on",
        "or",
        "the",
        "to",
        "with",
        "vs",
        "v",
    ]
)


MAX_TITLE_WORDS = 8


def _title_case(words: list[str]) -> bool:
    """Every word capitalised but the minor ones, and at least one capitalised."""
    alpha = [w for w in words if w[:1].isalpha()]
    caps = [w for w in alpha if w[:1].isupper()]
    return bool(caps) and all(w[:1].isupper() or w.lower() in _MINOR for w in alpha)


def is_title(text: str, start: int, end: int) -> bool:
    """A quoted title of a work or a show ("Meet the Press"), not a quote: a short
    title-case phrase in a sentence that is not itself a title-case headline."""
    words = re.findall(r"[\w’'.-]+", text[start:end])
    if not words or len(words) > MAX_TITLE_WORDS or len(words) < 2 or not _title_case(words):
        return False
    if text[start:end].rstrip(" ,”\"’'").endswith(("!", "?")):
        return False  # a chant or a cry: "Four More Years!"
    if text[:start].rstrip(" \t“\"‘'").endswith(":"):
        return False  # 'He said: "We Will Win."'
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    line = text[line_start : len(text) if line_end < 0 else line_end]
    outside = re.sub(r"[“\"‘][^“”\"‘’]*[”\"’]", " ", line)
    return not _title_case(re.findall(r"[\w’'.-]+", outside))


ADDRESSEE = frozenset({"told", "tell", "tells", "telling", "asked", "ask", "asks", "asking"})


_UTTERED = frozenset(
    {"dobj", "ccomp", "xcomp", "attr", "oprd", "dep", "appos", "npadvmod", "acomp", "advcl"}
)


def uttering_verb(span: MarkedSpan, ctx: SpeakerContext) -> Token | None:
    """The cue verb that takes the quoted phrase as what was said or written ("chanted
    “Lock Her Up”", "typed “urgent”"), if any."""
    inside = quoted_tokens(span, ctx)
    if inside is None:
        return None
    cue = resources.cues()
    verbs = cue.speech_verbs | cue.indirect_verbs | cue.framing_verbs | cue.uttering_verbs
    for tok in inside:
        while tok.dep_ == "conj" and tok.head.i < tok.i:  # “losers” and “sad”
            tok = tok.head
        head = tok.head
        if head.lower_ in verbs - ADDRESSEE and tok.dep_ in _UTTERED and not ctx.in_quote(head.idx):
            return head
    return None


def uttered(span: MarkedSpan, ctx: SpeakerContext) -> bool:
    """A cue verb takes the quoted phrase as what was said ("chanted “Lock Her Up”")."""
    return uttering_verb(span, ctx) is not None


_COMPOSED = frozenset({"write", "writes", "wrote", "written", "writing"})


def voiced_title(span: MarkedSpan, ctx: SpeakerContext) -> bool:
    """A title-case quotation a cue verb takes as words said, sung or chanted ("chanting
    “No More Cuts”"); one that was written is the title of a work ("wrote “Salt Roads”")."""
    verb = uttering_verb(span, ctx)
    return verb is not None and verb.lower_ not in _COMPOSED


_WORK_BEFORE = re.compile(
    r"(?:['’]s|\b(?:show|program|programme|book|film|movie|series|novel|song|album|"
    r"documentary|podcast|column|segment|newsletter|play|magazine|autobiography|memoir|"
    r"biography|collection|anthology|essay|poem|anthem|hymn|musical|opera|"
    r"(?:co-)?author of|on)(?:\s+(?:titled|entitled|called|named))?)[\s,]*(?:''|[“\"‘'])?$",
    re.I,
)


SCARE_WORDS = 2  # a quoted term this short is a scare quote unless a cue verb takes it


def named_work(text: str, start: int, end: int) -> bool:
    """A capitalised name right after "’s" or a noun such as "show" or "book", or after
    "on": "the network’s “Evening Desk”", "appeared on “Harbour Talk”", "the author of
    “Salt Roads: A History of the Coast”" (a subtitle after a colon)."""
    title, _, subtitle = text[start:end].partition(":")
    words = re.findall(r"[\w’'.-]+", title)
    more = re.findall(r"[\w’'.-]+", subtitle)
    if not words or len(words) > MAX_TITLE_WORDS or len(more) > MAX_TITLE_WORDS:
        return False
    if not _title_case(words) or (more and not _title_case(more)):
        return False
    return bool(_WORK_BEFORE.search(text, max(0, start - 30), start))


def scare_quote(span: MarkedSpan, ctx: SpeakerContext, kind: QuoteKind) -> bool:
    """One or two quoted words used as a term ("the “undercard” debate"), not said: no
    speech verb in the sentence, and no cue verb takes them."""
    content = ctx.text[span.start : span.end].strip(EDGE_PUNCT)
    return kind == "partial" and len(content.split()) <= SCARE_WORDS and not uttered(span, ctx)
