"""Where the content of reported speech ends: what a cue verb's clause, object or
prepositional phrase says, and where the narration takes over again."""

from __future__ import annotations

from spacy.tokens import Token

from narrascope.extract import resources
from narrascope.extract.speakers import SpeakerContext


def content_end(verb: Token, clause: Token, ctx: SpeakerContext) -> Token:
    """The last token of what "X said that …" reports: the clause runs on to the end of
    the sentence ("that waterboarding is “peanuts,” compared to what …", where the parse
    hangs the tail on the verb), unless the narration takes over first:

    - a clause coordinated to the cue verb or to a verb above it ("…, and then left";
      "Y attacked X, saying …, and reminded …"), or a participle aside ("…, telling Z");
    - a verb joined to the reported clause without a subject of its own, in the cue
      verb's form rather than the clause's ("X denies that it was … and goes on to …");
    - the main clause of the sentence, when the cue sits in a clause before it ("While X
      claimed that …, experts say …");
    - a quotation of the verb's own sentence.
    """
    sent = ctx.sent_of(verb)
    stop = sent.end
    after = verb.right_edge.i + 1
    if sent.root.i > after and ctx.sdoc[after].text == ",":
        stop = min(stop, after)
    for head in (verb, *verb.ancestors):
        for child in head.children:
            if child.i > clause.right_edge.i and (
                (child.dep_ == "cc" and head is verb)
                or (child.dep_ == "conj" and (head is verb or child.tag_ == head.tag_))
                or _participle_after_comma(child)
                or child.lower_ == "according"  # "…, according to the poll": its source
            ):
                stop = min(stop, child.left_edge.i)
    for tok in clause.subtree:  # "said he saw no need, telling reporters that …"
        if tok.i > clause.i and _participle_after_comma(tok) and tok.lower_ in _SAYING:
            stop = min(stop, tok.left_edge.i)
    for child in clause.children:
        if child.lower_ == "according" and child.i > clause.i:  # "…, according to the poll"
            stop = min(stop, child.left_edge.i)
        if _new_sentence(child, clause):
            stop = min(stop, child.left_edge.i)
        if _narration_verb(child, verb, clause):
            joint = [c for c in clause.children if c.dep_ == "cc" and c.i < child.i]
            stop = min(stop, joint[-1].i if joint else child.left_edge.i)
    for tok in ctx.sdoc[clause.right_edge.i + 1 : stop]:
        if ctx.in_quote(tok.idx) and not ctx.in_quote(clause.right_edge.idx):
            stop = tok.i - 1  # before the quotation and its opening mark
            break
    i = max(clause.i, stop - 1)
    while i > clause.i and _trailing(ctx.sdoc[i]):
        i -= 1
    return ctx.sdoc[i]


_SAYING = frozenset({"saying", "telling", "adding", "noting", "writing", "arguing", "insisting"})


def _trailing(tok: Token) -> bool:
    """Punctuation, space or a conjunction left at the end of a cut clause."""
    return tok.is_punct or tok.is_space or tok.dep_ == "cc"


def _participle_after_comma(tok: Token) -> bool:
    """ "…, telling reporters that …": a participle clause set off by a comma."""
    return (
        tok.dep_ == "advcl"
        and tok.tag_ == "VBG"
        and tok.i > 0
        and tok.doc[tok.left_edge.i - 1].text == ","
    )


def _narration_verb(child: Token, verb: Token, clause: Token) -> bool:
    """A verb coordinated to the reported clause that continues the narration instead:
    no subject of its own, and inflected like the cue verb but not like the clause
    (its first auxiliary counts: "insists the party must be …, and has championed …")."""
    return (
        child.dep_ == "conj"
        and child.pos_ in ("VERB", "AUX")
        and _form(child) == _form(verb)
        and _form(child) != clause.tag_
        and not any(c.dep_ in ("nsubj", "nsubjpass", "expl") for c in child.children)
    )


def _new_sentence(child: Token, clause: Token) -> bool:
    """ "…, but for the rivals it is …": a clause joined to the report by a comma and a
    conjunction, with a subject of its own and no "that", is the writer's again."""
    if child.dep_ != "conj" or not any(c.dep_ in ("nsubj", "nsubjpass") for c in child.children):
        return False
    if any(c.dep_ == "mark" for c in child.children):
        return False
    doc = child.doc
    joint = [c for c in clause.children if c.dep_ == "cc" and c.i < child.i]
    return bool(joint) and joint[-1].i > 0 and doc[joint[-1].i - 1].text == ","


def _form(verb: Token) -> str:
    """The tag of a verb's first auxiliary, else its own: what shows its tense."""
    aux = [c for c in verb.children if c.dep_ in ("aux", "auxpass") and c.i < verb.i]
    return aux[0].tag_ if aux else verb.tag_


# "described the plan as a mistake", "blamed the mayor for the delay"
OBJECT_TAIL = frozenset({"as", "with", "for", "of"})


# prepositions whose phrase after an object frames the act, not what was said
_ADJUNCT_PREPS = frozenset(
    {"despite", "after", "before", "during", "amid", "amidst", "since", "until", "while"}
)


# where and how something was said: "in an interview", "at a rally", "in a statement"
_VENUES = frozenset(
    {"interview", "speech", "debate", "rally", "hearing", "appearance", "conference", "event"}
)


def frames_the_act(prep: Token) -> bool:
    """A prepositional phrase after a cue's content that tells when, where or in what the
    thing was said ("on Monday", "in a statement", "despite the cost"), not more of it."""
    if prep.lower_ in _ADJUNCT_PREPS:
        return True
    cue = resources.cues()
    for obj in prep.children:
        if obj.dep_ == "pobj" and (
            obj.ent_type_ in {"DATE", "TIME"}
            or obj.lower_ in cue.document_nouns
            or obj.lower_ in cue.speech_nouns
            or obj.lower_ in _VENUES
        ):
            return True
    return False


def opening_mark(clause: Token) -> Token | None:
    """The marker opening a clause ("for" in "for the state to act"), if any."""
    first = clause.left_edge
    return first if first.dep_ == "mark" and first.head.i == clause.i else None
