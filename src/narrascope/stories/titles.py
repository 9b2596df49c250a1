"""Titles and roles given to people: "Foreign Minister Jane Doe", "Jane Doe, the army chief".

A title is read from the words before a PERSON mention that hang on it in the
parse (compound / amod modifiers) or from an apposition after it, and kept only
when it contains an office word. Titles qualified as former, acting-elect and
the like say nothing about the present, so they are dropped.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from narrascope.models import Claim
from narrascope.stories.lexicon import NOT_CURRENT_WORDS, OFFICE_VARIANTS, OFFICE_WORDS
from narrascope.stories.parsing import ParsedDoc, lemma, make_claim

PRE_DEPS = frozenset({"compound", "amod", "nmod", "npadvmod", "nummod"})
DROP_TYPES = frozenset({"GPE", "NORP", "ORG", "LOC", "PERSON"})


def title_claims(ctx: ParsedDoc) -> Iterator[Claim]:
    """``title|PERSON`` claims for every titled PERSON mention."""
    for m_start, m_end, key, etype in ctx.mentions:
        if etype != "PERSON":
            continue
        span = ctx.parsed.char_span(m_start, m_end, alignment_mode="expand")
        if span is None:
            continue
        for tokens in (_pre_title(span), _appositive_title(span)):
            title = _normalise(ctx, tokens)
            if title:
                start = min(tokens[0].idx, m_start)
                end = max(tokens[-1].idx + len(tokens[-1].text), m_end)
                yield make_claim(ctx.doc, f"title|{key}", ctx.span(start, end), title, key)


def _pre_title(span: Any) -> list[Any]:
    """Tokens right before a name that modify it ("NATO Secretary General")."""
    doc = span.doc
    members = {t.i for t in span}
    tokens: list[Any] = []
    i = span.start - 1
    while i >= 0 and doc[i].dep_ in PRE_DEPS and doc[i].head.i in members:
        members.add(doc[i].i)
        tokens.insert(0, doc[i])
        i -= 1
    if i >= 0 and lemma(doc[i]) in NOT_CURRENT_WORDS:
        return []
    return tokens


def _appositive_title(span: Any) -> list[Any]:
    """The apposition after a name ("..., the director of the department,")."""
    for child in span.root.children:
        if child.dep_ == "appos" and child.i > span.root.i:
            return [t for t in child.subtree if t.dep_ not in ("relcl", "punct")][:10]
    return []


def _normalise(ctx: ParsedDoc, tokens: list[Any]) -> str | None:
    """Lower-case lemma form of a title, without determiners and proper names."""
    words = [t.lower_ for t in tokens]
    if not any(w in OFFICE_WORDS for w in words) or any(w in NOT_CURRENT_WORDS for w in words):
        return None
    kept = []
    for token, word in zip(tokens, words, strict=True):
        if token.pos_ in ("DET", "PUNCT", "PART", "ADP", "CCONJ") or token.ent_type_ in DROP_TYPES:
            continue
        if _hyphened(token):  # "Oslo-based attorney": "based" says where, not what
            continue
        if token.tag_ in ("VBN", "VBD", "VBG") and word not in OFFICE_WORDS:
            continue  # "the accused judge", "the embattled minister": said of, not an office
        if ctx.entity_at(token.idx, token.idx + len(token.text)):
            continue
        kept.append(OFFICE_VARIANTS.get(word, word))
    return " ".join(kept) or None


def _hyphened(token: Any) -> bool:
    """The second half of a hyphenated modifier ("based" in "Oslo-based")."""
    doc = token.doc
    i = token.i
    return i >= 1 and doc[i - 1].text == "-" and not doc[i - 1].whitespace_
