"""Attributions the cue rules miss, decided by a classifier learned from PolNeAR train.

News attributes far more than speech: "X endorsed Y", "X lashed out at Y", "X wants
voters to know …" are what X stands for, and the cue lists cannot name every such verb.
A *candidate* is a verb outside quotation marks with a subject and a complement after
it; its content is the complement (object, clause, prepositional phrase). A logistic
regression over sparse features of the verb (its form and tag, its dependents, what its
complement is, who its subject is) gives the chance that an annotator would call it an
attribution; the weights are learned from PolNeAR's train split by
``bench/learn_attribution.py`` and ship as feature names (word forms and parse labels,
no article text) with their weights. Only candidates the rules left alone are added,
and only with a named speaker (a name, or a pronoun resolved to one).
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from functools import cache

from spacy.tokens import Token

from narrascope.extract import resources
from narrascope.extract.attribution import Attribution, make_attribution, trimmed, whole_quotation
from narrascope.extract.reported_extent import frames_the_act
from narrascope.extract.speakers import SpeakerContext, resolve_token
from narrascope.extract.subjects import nobody, subject_of

MODEL_FILE = "attribution_verbs.json"
COMPLEMENTS = frozenset({"dobj", "ccomp", "xcomp", "prep", "oprd", "attr", "acomp", "dative"})
_MIN_OBJECT_WORDS = 4
_PLAIN_WORD = re.compile(r"[a-z][a-z'’.-]{0,30}")
_MODIFIERS = frozenset({"acl", "amod"})
_PRONOUNS = frozenset({"he", "she", "they", "we", "i", "it", "you"})


@dataclass(frozen=True, slots=True)
class Candidate:
    """A verb with a subject and what it may attribute to it (character offsets)."""

    verb: Token
    subject: Token
    start: int
    end: int


def candidates(ctx: SpeakerContext) -> Iterator[Candidate]:
    """Verbs outside quotation marks with a subject and a complement after them (not a
    participle modifying a noun: "a collection called …" says nothing of its own)."""
    for verb in ctx.sdoc:
        if verb.pos_ != "VERB" or verb.dep_ in _MODIFIERS or ctx.in_quote(verb.idx):
            continue
        subject = subject_of(verb)
        if subject is None or nobody(subject):
            continue
        complements = _complements(verb)
        if not complements:
            continue
        first, last = complements[0].left_edge, complements[-1].right_edge
        start, end = trimmed(ctx.text, first.idx, last.idx + len(last.text))
        if end <= start or start <= subject.idx < end:
            continue
        if _bare_target(complements, ctx.text[start:end]):
            continue
        yield Candidate(verb, subject, start, end)


def _complements(verb: Token) -> list[Token]:
    """The verb's complements after it, without the phrases that only frame the act ("on
    Monday", "in a statement"): what follows one is no longer what was said."""
    out: list[Token] = []
    for child in verb.rights:
        if child.dep_ == "prep" and frames_the_act(child):
            if out:
                break
            continue
        if child.dep_ in COMPLEMENTS:
            out.append(child)
    return out


def _word(token: Token) -> str:
    """The lowercased form as a feature value; "#" for anything not a plain word (markup
    and numbers carry no cue and must not name a feature)."""
    form = token.lower_
    return form if _PLAIN_WORD.fullmatch(form) else "#"


def _bare_target(complements: list[Token], content: str) -> bool:
    """A short common-noun object alone names a target, not a stance ("blasted council
    bosses"); a name is whom the subject takes sides on ("endorsed Ana Ruiz")."""
    return (
        all(c.dep_ == "dobj" for c in complements)
        and len(content.split()) < _MIN_OBJECT_WORDS
        and complements[0].pos_ != "PROPN"
    )


def features(candidate: Candidate, ctx: SpeakerContext) -> dict[str, float]:
    """Sparse features of a candidate, the same at training and at run time."""
    verb, subject = candidate.verb, candidate.subject
    form = _word(verb)
    words = len(ctx.text[candidate.start : candidate.end].split())
    sent = verb.sent
    found: dict[str, float] = {
        f"form={form}": 1.0,
        f"tag={verb.tag_}": 1.0,
        f"dep={verb.dep_}": 1.0,
        f"subject_pronoun={subject.lower_ if subject.lower_ in _PRONOUNS else '-'}": 1.0,
        f"subject_entity={subject.ent_type_ or '-'}": 1.0,
        f"subject_dep={subject.dep_}": 1.0,
        f"words={min(5, words // 3)}": 1.0,
        "subject_proper": float(any(t.pos_ == "PROPN" for t in subject.subtree)),
        "negated": float(any(c.dep_ == "neg" for c in verb.children)),
        "quote_in_sentence": float(
            any(sent.start_char <= a < sent.end_char for a, _ in ctx.quoted)
        ),
    }
    if words < _MIN_OBJECT_WORDS:  # how short a content this verb takes ("endorsed X")
        found[f"form_short={form}"] = 1.0
    if subject.pos_ == "NOUN":
        found[f"subject_noun={_word(subject)}"] = 1.0
    opening = verb.doc.char_span(candidate.start, candidate.end, alignment_mode="expand")
    if opening is not None and len(opening):
        found[f"opening={_word(opening[0])}"] = 1.0
    found["quotation_inside"] = float(
        any(candidate.start <= a < candidate.end for a, _ in ctx.quoted)
    )
    if verb.dep_ != "ROOT":
        found[f"head={_word(verb.head)}"] = 1.0
    for child in verb.children:
        found[f"child={child.dep_}"] = 1.0
        if child.dep_ == "aux":
            found[f"aux={_word(child)}"] = 1.0
        elif child.dep_ == "prep":
            found[f"prep={_word(child)}"] = 1.0
            found[f"form_prep={form}_{_word(child)}"] = 1.0
        elif child.dep_ == "prt":
            found[f"particle={form}_{_word(child)}"] = 1.0
        if child.dep_ in COMPLEMENTS and child.i > verb.i:
            found[f"complement={child.dep_}"] = 1.0
            found[f"form_complement={form}_{child.dep_}"] = 1.0
            found[f"complement_head={child.dep_}_{_head_kind(child)}"] = 1.0
    return found


def _head_kind(complement: Token) -> str:
    """What heads a complement: its part of speech, with the entity type of a name or the
    object of a preposition ("endorsed Cruz", "lashed out at the press")."""
    head = complement
    if complement.dep_ == "prep":
        objects = [c for c in complement.children if c.dep_ == "pobj"]
        head = objects[0] if objects else complement
    return f"{head.pos_}_{head.ent_type_ or '-'}"


@dataclass(frozen=True, slots=True)
class VerbModel:
    """Logistic-regression weights by feature name, the intercept and the decision threshold."""

    weights: dict[str, float]
    intercept: float
    threshold: float

    def probability(self, found: dict[str, float]) -> float:
        """The chance that the candidate is an attribution."""
        z = self.intercept + sum(self.weights.get(k, 0.0) * v for k, v in found.items())
        return 1.0 / (1.0 + math.exp(-z))


@cache
def verb_model() -> VerbModel:
    """The shipped model (``resources/extract/attribution_verbs.json``)."""
    data = resources.json_object(MODEL_FILE)
    return VerbModel(
        {str(k): float(v) for k, v in data["weights"].items()},
        float(data["intercept"]),
        float(data["threshold"]),
    )


def learned_attributions(
    ctx: SpeakerContext, found: list[Attribution], *, vetoed: Callable[[Token], bool]
) -> list[Attribution]:
    """Candidates the model accepts, outside every attribution already found, with a
    named speaker; ``vetoed`` verbs (what the rules know reports nothing) are skipped."""
    model = verb_model()
    taken = [(a.quote.start, a.quote.end) for a in found]
    out: list[Attribution] = []
    for candidate in candidates(ctx):
        start, verb_at = candidate.start, candidate.verb.idx
        end = whole_quotation(ctx, start, candidate.end)
        if (
            any((a < end and start < b) or a <= verb_at < b for a, b in taken)
            or vetoed(candidate.verb)
        ):
            continue
        chance = model.probability(features(candidate, ctx))
        if chance < model.threshold:
            continue
        speaker = resolve_token(candidate.subject, ctx)
        if speaker.mention is None and candidate.subject.pos_ != "NOUN":
            continue
        made = make_attribution(ctx.text, start, end, "indirect", candidate.verb.text, speaker)
        reason = f"{made.quote.reason}; cue learned from PolNeAR ({chance:.2f})"
        out.append(Attribution(replace(made.quote, reason=reason), made.mention))
        taken.append((start, end))
    return out
