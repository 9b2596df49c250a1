"""The subject of a cue verb: who a reporting verb's sentence says is speaking."""

from __future__ import annotations

from spacy.tokens import Token

from narrascope.extract import resources
from narrascope.extract.speakers import document_issuer, hyphen_pieces

_NOMINAL = frozenset({"NOUN", "PROPN"})
_CLIMB = frozenset({"xcomp", "advcl", "conj", "pcomp", "prep", "relcl", "acl", "ccomp", "acomp"})


def subject_of(verb: Token) -> Token | None:
    """The subject of a cue verb, climbing through "quoted as saying", conjuncts and clauses.

    The subject of a passive cue is not its source ("the talks are expected to ...",
    "he is said to ..."): only the agent ("was told by X") is, unless the passive verb
    was reached by climbing from the speech verb it governs ("X was quoted as saying").
    """
    for step in range(4):
        passive = any(c.dep_ == "auxpass" for c in verb.children)
        kinds = {"nsubj"} if step == 0 and passive else {"nsubj", "nsubjpass"}
        subjects = [c for c in verb.children if c.dep_ in kinds and not _address_tail(c)]
        owned = [c for c in subjects if not _possessor(c)]  # "said U2’s Bono": Bono
        subjects = owned or subjects
        if subjects:  # the nearest one: "MOSCOW – A senior official stated"
            child = _dateline_source(
                hyphen_pieces(min(subjects, key=lambda c: abs(c.i - verb.i)))[-1]
            )
            if child.lower_ in {"who", "which", "that"} and verb.dep_ == "relcl":
                return verb.head
            if child.lower_ == "who":
                return _clefted(verb) or child
            return child
        for child in verb.children:
            if child.dep_ == "agent":  # "was told by X"
                objs = [c for c in child.children if c.dep_ == "pobj"]
                if objs:
                    return objs[0]
        if verb.tag_ == "VBG":
            agent = _participle_agent(verb)
            if agent is not None:
                return agent
        if verb.dep_ not in _CLIMB or verb.head is verb:
            return None
        verb = verb.head
    return None


def _possessor(tok: Token) -> bool:
    """A name right before "’s" ("U2’s Bono"; a pronoun's "’s" is "is" or "has")."""
    doc = tok.doc
    return tok.pos_ == "PROPN" and tok.i + 1 < len(doc) and doc[tok.i + 1].text in {"’s", "'s"}


_PLACE_OR_TIME = frozenset({"GPE", "LOC", "DATE", "TIME"})


def _dateline_source(subject: Token) -> Token:
    """The person or organisation a place or date subject stands beside: "CLEVELAND,
    July 19 — Former Attorney General X told …" parses the dateline as the subject and
    the source as its apposition."""
    if subject.ent_type_ not in _PLACE_OR_TIME:
        return subject
    named = [c for c in subject.children if c.dep_ == "appos" and c.ent_type_ in {"PERSON", "ORG"}]
    return named[-1] if named else subject


def nobody(subject: Token) -> bool:
    """ "No one could have envisioned ...", "nobody said ...", "one would expect ...", "it
    appears that ...", "let's say ...", "you think ...", "that said, ...": no source."""
    if subject.lower_ in {"nobody", "none", "nothing", "noone"}:
        return True
    if subject.lower_ in {"you", "'s", "’s", "us"} and subject.dep_ == "nsubj":
        return True  # the reader ("you think …") or the writer and reader ("let's say …")
    if subject.pos_ == "PRON" and subject.lower_ == "one":  # generic "one"
        return True
    if subject.tag_ == "DT" and subject.lower_ in {"that", "this"}:  # "That said, …"
        return True
    if subject.dep_ == "expl":
        return True
    return any(c.dep_ == "det" and c.lower_ == "no" for c in subject.children)


def _participle_agent(verb: Token) -> Token | None:
    """Who does what a participle with no subject says: the noun it hangs on ("protesters
    chanting …"), or the noun right before it that is seen or heard ("footage of X
    saying …", "heard X saying …")."""
    head = verb.head
    if verb.dep_ == "acl" and head.pos_ in _NOMINAL and head.i < verb.i:
        return document_issuer(head) or (head if _seen(head) else None)
    before = verb.doc[verb.i - 1] if verb.i else None
    if before is not None and before.pos_ in _NOMINAL and before.dep_ in ("dobj", "pobj"):
        return document_issuer(before) or (before if _seen(before) else None)
    return None


def _seen(noun: Token) -> bool:
    """Not the object of a preposition ("a letter to lawmakers saying …" is the letter's,
    "the board of directors urging …" the board's), but a name after "of" ("footage of X
    saying …"); not a document someone issued ("X issued a statement saying …" is X's)."""
    if noun.pos_ not in _NOMINAL or noun.lower_ in resources.cues().document_nouns:
        return False
    return noun.dep_ != "pobj" or (noun.head.lower_ == "of" and noun.pos_ == "PROPN")


_PLACES = frozenset({"GPE", "LOC"})


def _address_tail(tok: Token) -> bool:
    """ "in Tehran, Iran chanting …": the country after a city and a comma, which the
    parse may take for the subject of what follows, is part of the address."""
    doc = tok.doc
    return (
        tok.ent_type_ in _PLACES
        and tok.i >= 2
        and doc[tok.i - 1].text == ","
        and doc[tok.i - 2].ent_type_ in _PLACES
    )


def _clefted(verb: Token) -> Token | None:
    """ "It was X who said …": the one the cleft sentence puts first."""
    head = verb.head
    if verb.dep_ != "ccomp" or head.lower_ not in {"was", "is", "'s", "’s", "were"}:
        return None
    return next((c for c in head.children if c.dep_ == "attr" and c.i < verb.i), None)

