"""Status claims: whether an article presents a person as holding an office now or no more.

``status|PERSON`` claims (value ``former:OFFICE``, ``current:OFFICE`` or
``current:*``) come from three general patterns of the parse:

* *former*: "former President X", "ex-minister X", "X, a former minister of ...";
* *current, office named*: a title without such a qualifier ("President X");
* *current, office implied*: the person's name heading an institution they
  lead now: "the X administration", "X's government", "the X presidency".

Two articles of one story (one event, one time) that give a person ``former``
and ``current`` status for the same office (or an implied one) contradict each
other: :mod:`narrascope.stories.contradictions` reports it as kind ``status``.
"Late", "then", "outgoing" or "elect" are not read: they date the title rather
than deny it.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from narrascope.models import Claim
from narrascope.stories.lexicon import NOT_CURRENT_WORDS, OFFICE_VARIANTS, OFFICE_WORDS
from narrascope.stories.parsing import ParsedDoc, lemma, make_claim

FORMER_WORDS = frozenset({"former", "ex", "erstwhile", "onetime", "one-time"})
LED_INSTITUTIONS = frozenset(
    {"administration", "government", "presidency", "premiership", "cabinet"}
)
PRE_DEPS = frozenset({"compound", "amod", "nmod", "npadvmod"})


def status_claims(ctx: ParsedDoc) -> Iterator[Claim]:
    """``status|PERSON`` claims of every PERSON mention with a readable status (and of
    names tagged ORG that head a led institution: the parser often reads "the X
    administration" as an organisation; entity keys do not depend on the type)."""
    for m_start, m_end, key, etype in ctx.mentions:
        if etype not in ("PERSON", "ORG"):  # "the X administration" is often tagged ORG
            continue
        span = ctx.parsed.char_span(m_start, m_end, alignment_mode="expand")
        if span is None:
            continue
        found = _status(span, person=etype == "PERSON")
        if found is None:
            continue
        value, tokens = found
        start = min([m_start, *(t.idx for t in tokens)])
        end = max([m_end, *(t.idx + len(t.text) for t in tokens)])
        yield make_claim(ctx.doc, f"status|{key}", ctx.span(start, end), value, key)


def _status(span: Any, person: bool) -> tuple[str, list[Any]] | None:
    root = span.root
    head = root.head
    if root.dep_ in ("compound", "poss") and head.i >= span.end and lemma(head) in LED_INSTITUTIONS:
        return "current:*", [head]
    if not person:
        return None
    before = _words_before(span)
    after = _apposition(span)
    for tokens in (before, after):
        words = [t.lower_.strip("-") for t in tokens]
        offices = [OFFICE_VARIANTS.get(w, w) for w in words if w in OFFICE_WORDS]
        if not offices:
            continue
        if any(w in FORMER_WORDS or w.startswith("ex-") for w in words):
            return f"former:{offices[-1]}", tokens
        if not any(w in NOT_CURRENT_WORDS for w in words):
            return f"current:{offices[-1]}", tokens
    return None


def _words_before(span: Any) -> list[Any]:
    """The modifiers right before a name that hang on it, with a qualifier just before them."""
    doc = span.doc
    members = {t.i for t in span}
    tokens: list[Any] = []
    i = span.start - 1
    while i >= 0 and doc[i].dep_ in PRE_DEPS and doc[i].head.i in members:
        members.add(doc[i].i)
        tokens.insert(0, doc[i])
        i -= 1
    if tokens and i >= 0 and doc[i].lower_.strip("-") in NOT_CURRENT_WORDS:
        tokens.insert(0, doc[i])
    elif tokens and i >= 1 and doc[i].text == "-" and doc[i - 1].lower_ in NOT_CURRENT_WORDS:
        tokens[:0] = [doc[i - 1], doc[i]]  # "then-president X", split at the hyphen
    return tokens


def _apposition(span: Any) -> list[Any]:
    """The apposition after a name ("X, a former minister of culture,")."""
    for child in span.root.children:
        if child.dep_ == "appos" and child.i > span.root.i:
            return [t for t in child.subtree if t.dep_ not in ("relcl", "punct")][:8]
    return []


def statuses_conflict(a: str, b: str) -> bool:
    """Whether ``former:O`` and ``current:O`` (or ``current:*``) meet, in either order."""
    (state_a, office_a), (state_b, office_b) = a.split(":", 1), b.split(":", 1)
    if {state_a, state_b} != {"former", "current"}:
        return False
    return office_a == office_b or "*" in (office_a, office_b)
