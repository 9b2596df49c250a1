"""Who a speaker phrase points to: a name, a pronoun, a description or a document's author."""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

from anyascii import anyascii
from spacy.tokens import Doc, Span, Token

from narrascope.extract import names, resources
from narrascope.extract.doctext import doc_text
from narrascope.models import Mention

SPEAKER_LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP"})
_ROLE_SUFFIX = re.compile(r"(?:man|woman|person|ist|er|or|ian|ant|ent)$")
_WINDOW = 1500  # characters searched back for an antecedent


@dataclass(frozen=True, slots=True)
class Speaker:
    """A resolved speaker: the phrase as written and the mention it points to."""

    text: str
    start: int
    end: int
    mention: Mention | None
    reason: str


@dataclass(slots=True)
class SpeakerContext:
    """What speaker resolution reads about one document."""

    sdoc: Doc
    mentions: list[Mention]
    quoted: list[tuple[int, int]]  # spans inside quotation marks
    text: str = ""
    starts: list[int] = field(default_factory=list)
    sents: list[Span] = field(default_factory=list)
    sent_starts: list[int] = field(default_factory=list)
    gender: dict[str, str] = field(default_factory=dict)
    given_gender: dict[str, str] = field(default_factory=dict)  # from given names only
    descriptors: dict[int, frozenset[str]] = field(default_factory=dict)
    last_speaker: Speaker | None = None
    recovered: list[Mention] = field(default_factory=list)  # names the recogniser missed
    _quoted_union: list[tuple[int, int]] = field(default_factory=list)  # merged, sorted
    _quoted_starts: list[int] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.mentions.sort(key=lambda m: m.start)
        for start, end in sorted(self.quoted):
            if self._quoted_union and start <= self._quoted_union[-1][1]:
                last = self._quoted_union[-1]
                self._quoted_union[-1] = (last[0], max(last[1], end))
            else:
                self._quoted_union.append((start, end))
        self._quoted_starts = [s for s, _ in self._quoted_union]
        self.text = doc_text(self.sdoc)  # Doc.text is rebuilt from the tokens on every access
        self.starts = [m.start for m in self.mentions]
        self.sents = list(self.sdoc.sents)  # Token.sent scans the whole doc: look up here
        self.sent_starts = [s.start for s in self.sents]
        self.descriptors = {i: _descriptors(self, m) for i, m in enumerate(self.mentions)}
        self.gender = _genders(self)
        self.given_gender = _given_name_genders(self)

    def mention_at(self, start: int, end: int) -> Mention | None:
        """The mention overlapping ``[start, end)``, if any."""
        i = bisect.bisect_right(self.starts, end - 1) - 1
        while i >= 0 and self.mentions[i].end > start - 60:
            m = self.mentions[i]
            if m.start < end and start < m.end:
                return m
            i -= 1
        return None

    def sent_of(self, tok: Token) -> Span:
        """The sentence of a token (cached; ``Token.sent`` is linear in the document)."""
        return self.sents[bisect.bisect_right(self.sent_starts, tok.i) - 1]

    def in_quote(self, pos: int) -> bool:
        """True when ``pos`` lies inside quotation marks."""
        i = bisect.bisect_right(self._quoted_starts, pos) - 1
        return i >= 0 and pos < self._quoted_union[i][1]

    def before(self, pos: int, labels: frozenset[str]) -> list[tuple[int, Mention]]:
        """Mentions with ``labels`` ending before ``pos``, nearest first, outside quotes."""
        i = bisect.bisect_left(self.starts, pos) - 1
        out = []
        while i >= 0 and self.mentions[i].start > pos - _WINDOW:
            m = self.mentions[i]
            if m.label in labels and m.end <= pos and not self.in_quote(m.start):
                out.append((i, m))
            i -= 1
        extra = [
            (-1, m)
            for m in self.recovered
            if m.label in labels and pos - _WINDOW < m.start and m.end <= pos
        ]
        if extra:  # speakers found by name after the recogniser missed them
            out = sorted(out + extra, key=lambda item: pos - item[1].end)
        return out


def _person_key(mention: Mention) -> str:
    return names.surname(names.person_key(names.strip_titles(mention.text)))


# Abbreviated titles and the role nouns they stand for ("Vermont Sen. X" is "the senator").
_ROLE_WORDS: dict[str, tuple[str, ...]] = {
    "sen": ("senator",),
    "gov": ("governor",),
    "rep": ("representative", "lawmaker"),
    "representative": ("lawmaker",),
    "gen": ("general",),
    "lt": ("lieutenant",),
    "col": ("colonel",),
    "capt": ("captain",),
    "sgt": ("sergeant",),
    "atty": ("attorney",),
    "sec": ("secretary",),
    "amb": ("ambassador",),
}


def _descriptors(ctx: SpeakerContext, mention: Mention) -> frozenset[str]:
    """Role words said of a mention: "Spokeswoman X", "X, the ministry's spokeswoman"."""
    if mention.label != "PERSON":
        return frozenset()
    sdoc = ctx.sdoc
    span = sdoc.char_span(mention.start, mention.end, alignment_mode="expand")
    if span is None:
        return frozenset()
    words: set[str] = set()
    sent_start = ctx.sent_of(span[0]).start
    after_of = False
    for tok in reversed(list(sdoc[max(sent_start, span.start - 6) : span.start])):
        if tok.lower_ == "of":  # "Secretary of State X"
            after_of = True
            continue
        if tok.pos_ not in {"NOUN", "PROPN", "ADJ"} and tok.lower_ not in resources.titles():
            break
        if after_of and tok.pos_ != "PROPN" and tok.lower_ not in resources.titles():
            break  # "a video of young X": what the video shows, not what X is
        words.add(tok.lower_)
        words.update(_ROLE_WORDS.get(tok.lower_.rstrip("."), ()))  # never a gendered word
    head = span.root
    for child in head.children:
        if child.dep_ == "appos":
            words.update(t.lower_ for t in child.subtree if t.pos_ in {"NOUN", "ADJ"})
    if head.dep_ == "appos":
        words.update(t.lower_ for t in head.head.subtree if t.pos_ == "NOUN" and t.i < span.start)
    return frozenset(words)


def _genders(ctx: SpeakerContext) -> dict[str, str]:
    """Gender of people: from role words, and from sentences naming one person
    and using pronouns of one gender."""
    cue = resources.cues()
    out: dict[str, str] = {}
    for i, m in enumerate(ctx.mentions):
        if m.label != "PERSON":
            continue
        desc = ctx.descriptors.get(i, frozenset())
        if desc & cue.female_words:
            out.setdefault(_person_key(m), "f")
        elif desc & cue.male_words:
            out.setdefault(_person_key(m), "m")
    for sent in ctx.sents:
        people = [
            m
            for m in ctx.mentions
            if m.label == "PERSON" and sent.start_char <= m.start < sent.end_char
        ]
        pron = [
            t
            for t in sent
            if t.lower_ in cue.pronouns
            and cue.pronouns[t.lower_] in "mf"
            and t.dep_ in {"nsubj", "nsubjpass", "poss"}  # "met him": not about the subject
            and not ctx.in_quote(t.idx)
        ]
        keys = {_person_key(m) for m in people}
        genders = {cue.pronouns[t.lower_] for t in pron}
        # the pronoun must come after the name: in "He said he would meet Ann Roe" the
        # pronoun is someone else's and says nothing of Ann Roe
        if len(keys) == 1 and len(genders) == 1 and people[0].start < pron[0].idx:
            out.setdefault(keys.pop(), genders.pop())
    return out


def _given_name_genders(ctx: SpeakerContext) -> dict[str, str]:
    """Gender of people named in full by a strongly gendered given name ("Sarah Roe"),
    where every person of that surname the article names agrees (a family of a mother
    and a son stays unknown)."""
    given = resources.first_name_genders()
    seen: dict[str, set[str]] = {}
    for m in ctx.mentions:
        if m.label != "PERSON":
            continue
        words = names.strip_titles(m.text).split()
        if len(words) < 2:
            continue
        gender = given.get(anyascii(words[0]).lower())
        seen.setdefault(_person_key(m), set()).add(gender or "?")
    return {key: found.pop() for key, found in seen.items() if len(found) == 1 and "?" not in found}


_MODIFIER_LABELS = frozenset({"GPE", "NORP", "LOC"})


_DATELINE_LEAD = re.compile(r"[A-Z][\w.,' -]{0,40}\([A-Z][\w.& -]{0,30}\)[ \t]*[-–—]?[ \t]*")


def resolve_token(tok: Token, ctx: SpeakerContext) -> Speaker:
    """Resolve a subject (or ``according to`` object) token to a speaker."""
    start, end = _phrase(tok)
    lead = _DATELINE_LEAD.match(ctx.text, start, tok.idx)
    if lead is not None and (start == 0 or ctx.text[start - 1] == "\n"):
        start = lead.end()  # "Washington (CNN) President X …": the dateline is not the name
    text = ctx.text[start:end]
    mention = ctx.mention_at(tok.idx, tok.idx + len(tok.text))
    if mention is not None and _dateline(tok, ctx):  # "CLEVELAND (AP) — Ann Roe told …"
        named = [c for c in tok.children if c.dep_ == "appos" and c.i > tok.i + 2]
        if named:
            return resolve_token(named[-1], ctx)
    if mention is not None and _bare_body(mention, tok, start):
        lead = _LEADING_DETERMINER.match(ctx.text, start, end)
        first = lead.end() if lead else start
        body = Mention(ctx.text[first : mention.end], first, mention.end, "ORG")
        ctx.recovered.append(body)  # "U.S. Attorney's Office", not "Office"
        return Speaker(text, start, end, body, "named whole")
    if mention is not None:
        return Speaker(text, start, end, mention, "named")
    part = _part_of(tok)
    if part is not None:  # "Much of the legacy media", "some of his aides": a part, unnamed
        whole = ctx.text[start : part.idx + len(part.text)]
        return Speaker(whole, start, part.idx + len(part.text), None, f"unnamed speaker: '{whole}'")
    titled = _name_after_title(tok, ctx)
    if titled is not None:
        whole = ctx.text[start : titled.end]
        return Speaker(whole, start, titled.end, titled, "named after an abbreviated title")
    if tok.pos_ == "PRON" or tok.lower_ in resources.cues().pronouns:
        return _pronoun(tok, ctx, start, end)
    children = sorted(
        (c for piece in hyphen_pieces(tok) for c in piece.children),
        key=lambda c: (
            ("appos", "compound", "poss").index(c.dep_)
            if c.dep_ in {"appos", "compound", "poss"}
            else 3
        ),
    )
    for child in children:  # "the spokeswoman, Maria X," / "the agency TASS" / "X's lawyer"
        if child.dep_ in {"appos", "compound", "poss"}:
            inner = ctx.mention_at(child.idx, child.idx + len(child.text))
            if inner is not None and inner.label in _MODIFIER_LABELS and child.dep_ == "compound":
                continue  # "the influential US daily", "Irish MEP X": a modifier, not the speaker
            if inner is not None and child.dep_ == "compound" and _member_of(tok):
                continue  # "a former Navy sailor" is one of the Navy, not its voice
            if inner is not None and child.dep_ == "poss" and not _speaks_for_owner(tok):
                continue  # "Trump's supporters", "her rivals": not the owner's voice
            if inner is not None and inner.label in SPEAKER_LABELS:
                return Speaker(text, start, end, inner, f"{child.dep_} of '{tok.text}'")
    noun = tok.lower_
    if noun in resources.cues().document_nouns:
        return _document(tok, ctx, start, end)
    if tok.pos_ == "PROPN" and tok.text[:1].isupper():
        name_start = _name_start(tok)
        label = "PERSON"
        number = tok.doc[tok.i - 1] if tok.i else None
        if number is not None and number.dep_ == "nummod" and number.head.i == tok.i:
            name_start, label = number.idx, "ORG"  # "20 Minutes reported": a title, not a person
        elif tok.lower_ in _BODY_NOUNS:  # "The U.S. Attorney's Office said": a body, whole
            lead = _LEADING_DETERMINER.match(ctx.text, start, end)
            name_start, label = (lead.end() if lead else start), "ORG"
        found = Mention(ctx.text[name_start:end], name_start, end, label)
        ctx.recovered.append(found)  # later pronouns may refer to this person
        return Speaker(text, start, end, found, "named (missed by the entity recogniser)")
    return _description(tok, ctx, start, end)


# nouns of people who speak for the organisation named before them ("a Navy spokesman")
_VOICES = frozenset(
    {"spokesman", "spokeswoman", "spokesperson", "spokespeople", "official", "officials",
     "representative", "representatives", "aide", "aides", "adviser", "advisor", "envoy",
     "negotiator", "minister", "secretary", "chief", "head", "leader", "director",
     "chairman", "chairwoman", "chair", "president", "executive", "manager", "commander",
     "lawyer", "lawyers", "attorney", "counsel", "source", "sources", "statement"}
)  # fmt: skip


def _member_of(tok: Token) -> bool:
    """A person noun that is not a voice of the organisation before it ("sailor",
    "engineer", "worker", any plural but "officials" and the like), as opposed to
    "spokesman" or "official"."""
    word = tok.lower_
    if tok.pos_ != "NOUN" or word in _VOICES:
        return False
    if tok.tag_ == "NNS":  # "Navy sailors", "White House hopefuls": members, unless voices
        one = word.removesuffix("s")
        documents = resources.cues().document_nouns  # "WikiLeaks emails" speak for it
        return one not in _VOICES and word not in documents and one not in documents
    return _ROLE_SUFFIX.search(word) is not None


# nouns after a possessive name that speak for its owner ("X's campaign said")
_OWNERS_VOICES = _VOICES | frozenset(
    {"campaign", "camp", "team", "office", "staff", "people", "administration",
     "government", "ministry", "department", "party", "company", "firm", "spokesmen"}
)  # fmt: skip


def _speaks_for_owner(tok: Token) -> bool:
    """Whether a noun after a possessive speaks for the owner ("X's spokesman", "X's
    campaign") rather than for itself ("X's supporters", "X's wife", "X's critics")."""
    return tok.pos_ != "NOUN" or tok.lower_ in _OWNERS_VOICES or tok.lower_ in (
        resources.cues().document_nouns
    )


_QUANTIFIERS = frozenset(
    {"much", "many", "some", "most", "all", "few", "several", "each", "both", "half",
     "none", "one", "two", "three", "dozens", "hundreds", "thousands", "majority", "minority"}
)  # fmt: skip


def _part_of(tok: Token) -> Token | None:
    """The last word of "of X" after a quantifier subject ("Much of the legacy media")."""
    if tok.lower_ not in _QUANTIFIERS:
        return None
    of = next((c for c in tok.children if c.dep_ == "prep" and c.lower_ == "of"), None)
    return of.right_edge if of is not None and of.right_edge.i > of.i else None


def _name_after_title(tok: Token, ctx: SpeakerContext) -> Mention | None:
    """ "…,” said Sgt. Eric Roe": an abbreviated title the parse cut from the name after
    its full stop; the person named right after it."""
    doc = tok.doc
    if tok.lower_ not in resources.titles() or tok.i + 2 >= len(doc) or doc[tok.i + 1].text != ".":
        return None
    if not doc[tok.i + 1].whitespace_:  # "the judge.Robinson has …": a sentence run on
        return None
    after = doc[tok.i + 2]
    found = ctx.mention_at(after.idx, after.idx + len(after.text))
    return found if found is not None and found.label == "PERSON" else None


def _dateline(tok: Token, ctx: SpeakerContext) -> bool:
    """A place in capitals opening a line and followed by a bracket or a dash: the
    dateline, never a speaker."""
    line_start = ctx.text.rfind("\n", 0, tok.idx) + 1
    before = ctx.text[line_start : tok.idx].strip()  # "NEW" of "NEW YORK"
    after = ctx.text[tok.idx + len(tok.text) : tok.idx + len(tok.text) + 3].lstrip(" ,")
    return (
        tok.text.isupper()
        and len(tok.text) > 2
        and (not before or before.isupper())
        and after[:1] in ("(", "—", "–", "-")
    )


def _phrase(tok: Token) -> tuple[int, int]:
    """Offsets of the speaker noun phrase without relative clauses or appositives."""
    pieces = hyphen_pieces(tok)
    left = pieces[0]
    for child in (c for piece in pieces for c in piece.lefts):
        if child.dep_ in {"det", "compound", "amod", "poss", "nummod", "case", "nmod"}:
            left = child if child.i < left.i else left
    first = tok.doc[left.left_edge.i if left is not pieces[0] else left.i]
    return first.idx, tok.idx + len(tok.text)


def hyphen_pieces(tok: Token) -> Span:
    """The pieces of the hyphenated word ``tok`` is in ("co", "-", "founder"), else ``tok``."""
    doc = tok.doc
    lo = hi = tok.i
    while lo > 0 and not doc[lo - 1].whitespace_ and "-" in (doc[lo - 1].text, doc[lo].text):
        lo -= 1
    while hi + 1 < len(doc) and not doc[hi].whitespace_ and "-" in (doc[hi].text, doc[hi + 1].text):
        hi += 1
    return doc[lo : hi + 1]


# the last word of an organisation's name ("Attorney's Office", "Water Board")
_BODY_NOUNS = frozenset(
    {"office", "department", "ministry", "agency", "bureau", "committee", "commission",
     "council", "court", "service", "administration", "authority", "board", "institute",
     "university", "association", "union", "party", "company", "corporation", "foundation"}
)  # fmt: skip
_LEADING_DETERMINER = re.compile(r"(?:the|a|an)\s+", re.IGNORECASE)


def _bare_body(mention: Mention, tok: Token, start: int) -> bool:
    """The recogniser named only the body noun of a longer name ("Office" of "the U.S.
    Attorney's Office"): a one-word organisation after proper nouns of the same phrase."""
    if mention.label != "ORG" or mention.text.lower() not in _BODY_NOUNS or start >= mention.start:
        return False
    return any(t.pos_ == "PROPN" and start <= t.idx < mention.start for t in tok.subtree)


def _name_start(tok: Token) -> int:
    first = tok
    for child in tok.lefts:
        if child.dep_ in {"compound", "flat"} and child.pos_ == "PROPN":
            first = child if child.i < first.i else first
    while first.i < tok.i and first.text.lower().rstrip(".") in resources.titles():
        first = tok.doc[first.i + 1]
    return first.idx


_FIRST_PERSON = frozenset({"i", "we"})


def _pronoun(tok: Token, ctx: SpeakerContext, start: int, end: int) -> Speaker:
    cue = resources.cues()
    gender = cue.pronouns.get(tok.lower_, "")
    if tok.lower_ in _FIRST_PERSON and not ctx.in_quote(tok.idx):
        writer = f"'{tok.text}' outside quotation marks: the writer"
        return Speaker(tok.text, start, end, None, writer)
    bound = _bound_subject(tok, ctx, gender)
    if bound is not None:
        return Speaker(
            tok.text, start, end, bound, f"pronoun '{tok.text}' -> subject of the clause above"
        )
    if gender in {"n", "p"}:
        group = _previous_group(tok, ctx, gender)
        if group is not None:
            return group
        if gender == "p":  # the nearest group named is a guess a reader would not make
            return Speaker(tok.text, start, end, None, f"pronoun '{tok.text}' names no group")
        labels = frozenset({"ORG", "GPE", "NORP"})
        found = [m for _, m in ctx.before(tok.idx, labels) if not _modifier(m, ctx)]
        mention = found[0] if found else None
        reason = (
            f"pronoun '{tok.text}' -> nearest organisation"
            if mention
            else "pronoun with no antecedent"
        )
        return Speaker(tok.text, start, end, mention, reason)
    if gender not in {"m", "f", "s"}:  # "you", "this", "someone": no person to look back for
        return Speaker(tok.text, start, end, None, f"pronoun '{tok.text}' names no one")
    people = ctx.before(tok.idx, frozenset({"PERSON"}))
    if not ctx.in_quote(tok.idx):  # the narration's "he" refers to people it names first
        people = sorted(people, key=lambda p: ctx.in_quote(p[1].start))
    known = [m for _, m in people if ctx.gender.get(_person_key(m)) == gender]
    unknown = [
        m
        for _, m in people
        if _person_key(m) not in ctx.gender
        and ctx.given_gender.get(_person_key(m), gender) == gender  # "he" is not "Sarah Roe"
    ]
    previous = _previous_subject(tok, ctx)
    if previous is not None and any(previous is m for m in known + unknown):
        reason = f"pronoun '{tok.text}' -> subject of the sentence before"
        return Speaker(tok.text, start, end, previous, reason)
    if known:
        return Speaker(tok.text, start, end, known[0], f"pronoun '{tok.text}' -> same gender")
    if unknown:
        return Speaker(tok.text, start, end, unknown[0], f"pronoun '{tok.text}' -> nearest person")
    return Speaker(tok.text, start, end, None, f"pronoun '{tok.text}' has no antecedent")


def _previous_subject(tok: Token, ctx: SpeakerContext) -> Mention | None:
    """A pronoun subject that opens its sentence, quotations aside ("He did not know … and
    said …", "“…,” he told the paper"), takes up the named subject of the sentence
    before's main clause ("X says Y was arrested": X, not Y), also a description of a name
    ("X of Y’s police department"); when that subject is itself a pronoun, the speaker it
    was given there."""
    child = _previous_main_subject(tok, ctx)
    if child is None:
        return None
    if child.pos_ == "PRON":  # "“…,” he told X. “…,” he added": the same speaker
        return _same_pronoun_speaker(child, tok, ctx)
    found = resolve_token(child, ctx).mention  # ("X of Y’s police department")
    return found if found is not None and found.label == "PERSON" else None


def _previous_group(tok: Token, ctx: SpeakerContext, gender: str) -> Speaker | None:
    """ "The health ministry said … . It said …": "it" or "they" opening its sentence is
    the subject of the sentence before's main clause when that is not a person, named or
    not ("it" a singular one), rather than the nearest place named in between."""
    child = _previous_main_subject(tok, ctx)
    if child is None:
        return None
    start, end = tok.idx, tok.idx + len(tok.text)
    reason = f"pronoun '{tok.text}' -> subject of the sentence before"
    if child.pos_ == "PRON":
        same = _same_pronoun_speaker(child, tok, ctx)
        return Speaker(tok.text, start, end, same, reason) if same is not None else None
    if gender == "n" and child.tag_ not in {"NN", "NNP"}:
        return None
    found = resolve_token(child, ctx)
    if found.mention is not None:
        if found.mention.label == "PERSON" or found.mention.label not in SPEAKER_LABELS:
            return None
        return Speaker(tok.text, start, end, found.mention, reason)
    if child.pos_ != "NOUN" or found.text.casefold() in resources.cues().pronouns:
        return None
    return Speaker(found.text, start, end, None, f"{reason}: '{found.text}'")


def _same_pronoun_speaker(child: Token, tok: Token, ctx: SpeakerContext) -> Mention | None:
    last = ctx.last_speaker
    same = child.lower_ == tok.lower_ and last is not None and last.start == child.idx
    return last.mention if same and last is not None else None


def _previous_main_subject(tok: Token, ctx: SpeakerContext) -> Token | None:
    """The subject of the main clause of the sentence before ``tok``'s, when ``tok`` is
    a subject opening its own sentence (the quotation's own sentences passed over)."""
    sent = ctx.sent_of(tok)
    if tok.dep_ not in {"nsubj", "nsubjpass"} or sent.start == 0:
        return None
    opening = [t for t in sent if not ctx.in_quote(t.idx) and not t.is_punct and not t.is_space]
    if not opening or opening[0].i != tok.i:
        return None
    before = ctx.sent_of(tok.doc[sent.start - 1])
    for _ in range(MAX_QUOTED_SENTENCES):  # over the quotation's own sentences ("“A. B,” he said")
        if before.start == 0 or not _all_quoted(before, ctx):
            break
        before = ctx.sent_of(tok.doc[before.start - 1])
    return next((c for c in before.root.children if c.dep_ == "nsubj"), None)


def _modifier(mention: Mention, ctx: SpeakerContext) -> bool:
    """A name used as an adjective ("their Orwellian fantasy") refers to no group."""
    tok = ctx.sdoc.char_span(mention.start, mention.end, alignment_mode="expand")
    return tok is not None and len(tok) == 1 and tok[0].dep_ == "amod"


MAX_QUOTED_SENTENCES = 6


def _all_quoted(sent: Span, ctx: SpeakerContext) -> bool:
    words = [t for t in sent if not t.is_punct and not t.is_space]
    return bool(words) and all(ctx.in_quote(t.idx) for t in words)


def _bound_subject(tok: Token, ctx: SpeakerContext, gender: str) -> Mention | None:
    """ "X said he thought ...": a pronoun subject inside the clause of a verb whose own
    subject names a person of a compatible gender (or a group, for "they") is that one."""
    people = frozenset({"PERSON"}) if gender in {"m", "f"} else SPEAKER_LABELS
    if gender not in {"m", "f", "p"} or tok.dep_ not in {"nsubj", "nsubjpass"}:
        return None
    for verb in tok.head.ancestors:
        for child in verb.children:
            if child.dep_ != "nsubj" or child.i == tok.i:
                continue
            found = ctx.mention_at(child.idx, child.idx + len(child.text))
            if found is None or found.label not in people:
                return None  # the nearest subject above is not a name: leave it
            if gender in {"m", "f"} and ctx.gender.get(_person_key(found), gender) != gender:
                return None
            return found
    return None


def _description(tok: Token, ctx: SpeakerContext, start: int, end: int) -> Speaker:
    """ "The spokeswoman" -> the person last described so; "the ministry" -> that organisation."""
    text = ctx.text[start:end]
    noun = tok.lower_
    stems = {noun, re.sub(r"(?:wo)?man$|person$", "", noun)}
    described = [
        (idx, m)
        for idx, m in enumerate(ctx.mentions)
        if m.label == "PERSON"
        and tok.tag_ != "NNS"  # "Sanders supporters" are many, not the one called so
        and (
            noun in (desc := ctx.descriptors.get(idx, frozenset()))
            or any(re.sub(r"(?:wo)?man$|person$", "", d) in stems for d in desc)
        )
    ]
    for _, m in reversed(described):
        if m.end <= tok.idx:
            return Speaker(text, start, end, m, f"description '{text}' -> person so described")
    later = {_person_key(m) for _, m in described}
    if len(later) == 1:  # "the senator said …" before "Sen. X" is written out: the one so called
        m = described[0][1]
        return Speaker(text, start, end, m, f"description '{text}' -> person so described later")
    for _, m in ctx.before(tok.idx, frozenset({"ORG", "GPE", "NORP"})):
        if noun in m.text.lower().split():  # "the ministry", not "co" in "Congress"
            return Speaker(text, start, end, m, f"description '{text}' -> organisation named so")
    pieces = hyphen_pieces(tok)  # "a co-founder of the blog": "of" hangs on any piece
    for child in (c for piece in pieces for c in piece.children):
        # "analysts at the institute", "a spokesman for the ministry"
        if child.dep_ == "prep" and child.lower_ in {"at", "of", "from", "for", "with", "to"}:
            labels = {"ORG", "GPE", "NORP"}
            if noun in _VOICES and child.lower_ in {"for", "to"}:
                labels.add("PERSON")  # "a spokesman for X", "an aide to X": X's voice
            elif child.lower_ == "to":
                continue
            for obj in child.children:  # the object itself ("a victim of a priest in X": not X)
                found = ctx.mention_at(obj.idx, obj.idx + len(obj.text))
                if found is not None and found.label in labels:
                    return Speaker(text, start, end, found, f"'{text}' -> whom they speak for")
    return Speaker(text, start, end, None, f"unnamed speaker: '{text}'")


def _document(tok: Token, ctx: SpeakerContext, start: int, end: int) -> Speaker:
    """ "The statement read" -> the statement's author."""
    text = ctx.text[start:end]
    author = _author_near(tok, ctx) or _issued_by(tok, ctx)
    if author is not None:
        return Speaker(text, start, end, author, f"document '{tok.text}' -> its author")
    for other in reversed(ctx.sdoc[: tok.i]):
        if other.lower_ == tok.lower_ and not ctx.in_quote(other.idx):
            author = _author_near(other, ctx) or _sentence_subject(other, ctx)
            if author is not None:
                return Speaker(
                    text, start, end, author, f"document '{tok.text}' -> author named earlier"
                )
    last = ctx.last_speaker
    if last is not None and last.mention is not None:
        return Speaker(text, start, end, last.mention, f"document '{tok.text}' -> previous speaker")
    return Speaker(text, start, end, None, f"document '{tok.text}' with no known author")


def _author_near(tok: Token, ctx: SpeakerContext) -> Mention | None:
    for child in tok.children:
        if child.dep_ in {"poss", "compound"}:
            found = _mention_in(child, ctx)
            if found is not None:
                return found
        if child.dep_ == "prep" and child.lower_ in {"from", "by", "of"}:
            for obj in child.children:
                found = _mention_in(obj, ctx)
                if found is not None:
                    return found
    return None


def document_issuer(noun: Token) -> Token | None:
    """ "The council issued a statement calling …": the subject of the verb whose object
    the document is."""
    if noun.lower_ not in resources.cues().document_nouns or noun.dep_ != "dobj":
        return None
    return next((c for c in noun.head.children if c.dep_ == "nsubj"), None)


def _issued_by(tok: Token, ctx: SpeakerContext) -> Mention | None:
    issuer = document_issuer(tok)
    return _mention_in(issuer, ctx) if issuer is not None else None


def _mention_in(tok: Token, ctx: SpeakerContext) -> Mention | None:
    span = tok.doc[tok.left_edge.i : tok.right_edge.i + 1]
    for i in range(bisect.bisect_left(ctx.starts, span.start_char), len(ctx.mentions)):
        m = ctx.mentions[i]
        if m.start >= span.end_char:
            break
        if m.label in SPEAKER_LABELS:
            return m
    return None


def _sentence_subject(tok: Token, ctx: SpeakerContext) -> Mention | None:
    """Who issued the document: "X said in a statement", "X issued a statement", else
    the sentence's first named subject."""
    verb = tok.head.head if tok.dep_ == "pobj" else tok.head
    for child in verb.children:
        if child.dep_ in {"nsubj", "nsubjpass"} and child.i != tok.i:
            found = ctx.mention_at(child.idx, child.idx + len(child.text))
            if found is not None and found.label in SPEAKER_LABELS:
                return found
    for cand in ctx.sent_of(tok):
        if cand.dep_ == "nsubj" and cand.head.pos_ == "VERB" and cand.i != tok.i:
            found = ctx.mention_at(cand.idx, cand.idx + len(cand.text))
            if found is not None and found.label in SPEAKER_LABELS:
                return found
    return None
