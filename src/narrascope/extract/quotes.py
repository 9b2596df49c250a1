"""Attributed quotes: direct, partial and reported speech, each with its speaker."""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace

from spacy.tokens import Doc, Span, Token

from narrascope.extract import resources
from narrascope.extract.doctext import doc_text
from narrascope.extract.entities import headline_at
from narrascope.extract.quotemarks import MarkedSpan, find_marked_spans, opener_width
from narrascope.extract.speakers import Speaker, SpeakerContext, hyphen_pieces, resolve_token
from narrascope.models import Mention, Quote, QuoteKind

_CLIMB = frozenset({"xcomp", "advcl", "conj", "pcomp", "prep", "relcl", "acl", "ccomp"})
_EDGE_PUNCT = " \n\t,;:.–—-\"“”‘’'"
_OPENERS = " \t\u00a0\"“‘'«„"
HEAD_TOKENS = 8  # a cue this close to the start of the next sentence still attributes
MIN_PARTIAL_TOKENS = 4  # shorter quoted phrases with no speech cue are scare quotes


@dataclass(frozen=True, slots=True)
class Attribution:
    """A quote before entity ids are known, with the mention its speaker points to."""

    quote: Quote
    mention: Mention | None


def find_quotes(sdoc: Doc, mentions: list[Mention]) -> list[Attribution]:
    """Direct, partial and indirect quotes of a parsed document, in text order."""
    text = doc_text(sdoc)
    marked = find_marked_spans(text)
    ctx = SpeakerContext(sdoc, list(mentions), [(m.start, m.end) for m in marked])
    found: list[Attribution] = []
    for span in marked:
        attribution = _marked_quote(span, ctx)
        if attribution is not None:
            found.append(attribution)
            if attribution.quote.speaker_start is not None and attribution.mention is not None:
                ctx.last_speaker = _speaker_of(attribution)
    found.extend(_unrepeated(_reported(sdoc, ctx, marked), found))
    found = _labelled_lines(ctx, found)
    found.extend(_headline_verbs(ctx, found))
    return sorted(found, key=lambda a: (a.quote.start, a.quote.end))


def _unrepeated(reported: list[Attribution], marked: list[Attribution]) -> list[Attribution]:
    """Reported speech that only restates a quotation ('saying that “…”') is that
    quotation: dropped, its cue and speaker given to the quotation when it had none."""
    out = []
    for a in reported:
        inside = next(
            (
                i
                for i, m in enumerate(marked)
                if m.quote.start - 2 <= a.quote.start and a.quote.end <= m.quote.end + 2
            ),
            None,
        )
        if inside is None:
            out.append(a)
            continue
        held = marked[inside]
        if held.quote.speaker is None and a.quote.speaker is not None:
            q = a.quote
            given = replace(
                held.quote, cue=q.cue, speaker=q.speaker, speaker_start=q.speaker_start,
                speaker_end=q.speaker_end, reason=q.reason,
            )  # fmt: skip
            marked[inside] = Attribution(given, a.mention)
    return out


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


def _labelled_lines(ctx: SpeakerContext, found: list[Attribution]) -> list[Attribution]:
    """Lines that name their source before a colon: a headline "Name: what they said"
    ("Name on X:", "Name to Y:" too) and a transcript line "SURNAME: words" whose
    label is the name of a person the article names. A quotation on such a line with no
    speaker of its own is the source's; the rest of the line is its claim when no
    quotation covers it. Returns ``found`` with those speakers and the new claims."""
    out = list(found)
    for line, speaker in _source_lines(ctx):
        start, end = _trimmed(ctx.text, *line.span("what"))
        if end - start < 12:
            continue
        if speaker.reason == TRANSCRIPT_REASON:  # the whole line is the person's words
            end = _until_narration(ctx, start, end, speaker)
            out = [a for a in out if not _own_words(a, start, end)]
            out.append(_attribution(ctx.text, start, end, "direct", ":", speaker))
            continue
        inside = [i for i, a in enumerate(out) if start <= a.quote.start and a.quote.end <= end]
        for i in inside:
            q = out[i].quote
            if (
                q.speaker is None
                or q.speaker.lower() in _FIRST_PERSON
                or q.cue in _WEAK_CUES  # the line's label names its source
            ):
                out[i] = _attribution(ctx.text, q.start, q.end, q.kind, q.cue or ":", speaker)
        marks = [i for i in inside if out[i].quote.kind != "indirect"]
        quoted = sum(len(ctx.text[out[i].quote.start : out[i].quote.end].split()) for i in marks)
        taken = [(a.quote.start, a.quote.end) for i, a in enumerate(out) if i not in inside]
        if quoted * 2 >= len(ctx.text[start:end].split()) or _crosses(start, end, taken, ctx.text):
            continue  # the quotations are the claim
        if len(line["what"].split()) <= MAX_HEADLINE_WORDS:
            reported = set(inside) - set(marks)  # "X: Y's demands show Z" is X's claim whole
            out = [a for i, a in enumerate(out) if i not in reported]
            out.append(_attribution(ctx.text, start, end, "indirect", ":", speaker))
    return out


_LINE = re.compile(r"^[^\n]+$", re.M)
MIN_HEADLINE_CLAIM_WORDS = 3


def _headline_verbs(ctx: SpeakerContext, found: list[Attribution]) -> list[Attribution]:
    """A title-case headline "Name Verb claim" ("Ana Ruiz Hints Levy Will Rise"), where
    the tagger reads the capitalised verb as a name: the named source, a cue verb right
    after its name, and the rest of the line as its claim."""
    cue = resources.cues()
    verbs = cue.speech_verbs | cue.indirect_verbs
    titles = resources.titles()
    out = []
    taken = [(a.quote.start, a.quote.end) for a in found]
    for line in _LINE.finditer(ctx.text):
        if not headline_at(ctx.text, line.start()) or _overlaps(*line.span(), taken):
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
            start, end = _trimmed(ctx.text, m.end + after.start(2), line.end())
            who = Speaker(m.text, m.start, m.end, m, "named before a cue verb in a headline")
            out.append(_attribution(ctx.text, start, end, "indirect", after[1], who))
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
            return _trimmed(ctx.text, start, sent.start_char)[1]
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


def _tokens(span: MarkedSpan, ctx: SpeakerContext) -> Span | None:
    """The tokens inside a quotation; ``None`` when it holds none (only spaces: "„ »")."""
    inside = ctx.sdoc.char_span(span.start, span.end, alignment_mode="expand")
    return inside if inside is not None and len(inside) else None


def _speaker_of(a: Attribution) -> Speaker:
    q = a.quote
    return Speaker(q.speaker or "", q.speaker_start or 0, q.speaker_end or 0, a.mention, "")


def _kind(text: str, span: MarkedSpan) -> QuoteKind:
    content = text[span.start : span.end].strip()
    opener = max(0, span.start - opener_width(text, span.start))
    before = text[:opener].rstrip()
    n_words = len(content.split())
    if (
        span.paragraphs > 1
        or not before
        or before[-1] in ":\n"
        or before.endswith(("said", "says"))
    ):
        return "direct"
    if text[max(0, opener - 1) : opener].isspace() and before[-1] in ".!?":
        return "direct"  # the quote opens a sentence: 'he said. "Enough is enough."'
    if content[:1].isupper() and (n_words >= 6 or (n_words >= 4 and content[-1:] in ".,!?…")):
        return "direct"
    return "partial"


_DATELINE = re.compile(
    r"^[A-Z][A-Z .'’-]{2,}(?:,[^–—\n]{0,40}?)?\s*(?:\([^)\n]{1,40}\))?\s*[–—-]+\s+"
)


def _trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    """Offsets without edge punctuation and without a leading dateline ("MOSCOW, May 3 (X) –")."""
    dateline = _DATELINE.match(text[start:end])
    if dateline:
        start += dateline.end()
    while start < end and text[start] in _EDGE_PUNCT:
        start += 1
    while end > start and text[end - 1] in " \n\t,;:–—-\"“”‘’'":
        end -= 1
    return start, end


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


_ADDRESSEE = frozenset({"told", "tell", "tells", "telling", "asked", "ask", "asks", "asking"})
_UTTERED = frozenset(
    {"dobj", "ccomp", "xcomp", "attr", "oprd", "dep", "appos", "npadvmod", "acomp", "advcl"}
)


def _uttered(span: MarkedSpan, ctx: SpeakerContext) -> bool:
    """A cue verb takes the quoted phrase as what was said ("chanted “Lock Her Up”")."""
    inside = _tokens(span, ctx)
    if inside is None:
        return False
    cue = resources.cues()
    verbs = (cue.speech_verbs | cue.indirect_verbs | cue.framing_verbs) - _ADDRESSEE
    return any(
        t.head.lower_ in verbs and t.dep_ in _UTTERED and not ctx.in_quote(t.head.idx)
        for t in inside
    )


_WORK_BEFORE = re.compile(
    r"(?:['’]s|\b(?:show|program|programme|book|film|movie|series|novel|song|album|"
    r"documentary|podcast|column|segment|newsletter|play|magazine|on))[\s,]*(?:''|[“\"‘'])?$",
    re.I,
)
SCARE_WORDS = 2  # a quoted term this short is a scare quote unless a cue verb takes it


def named_work(text: str, start: int, end: int) -> bool:
    """A capitalised name right after "’s" or a noun such as "show" or "book", or after
    "on": "the network’s “Evening Desk”", "appeared on “Harbour Talk”"."""
    words = re.findall(r"[\w’'.-]+", text[start:end])
    if not words or len(words) > MAX_TITLE_WORDS or not _title_case(words):
        return False
    return bool(_WORK_BEFORE.search(text, max(0, start - 30), start))


def _scare_quote(span: MarkedSpan, ctx: SpeakerContext, kind: QuoteKind) -> bool:
    """One or two quoted words used as a term ("the “undercard” debate"), not said: no
    speech verb in the sentence, and no cue verb takes them."""
    content = ctx.text[span.start : span.end].strip(_EDGE_PUNCT)
    return kind == "partial" and len(content.split()) <= SCARE_WORDS and not _uttered(span, ctx)


def _marked_quote(span: MarkedSpan, ctx: SpeakerContext) -> Attribution | None:
    noun = _speech_noun(span, ctx)
    if noun is None and (
        named_work(ctx.text, span.start, span.end)
        or (is_title(ctx.text, span.start, span.end) and not _uttered(span, ctx))
    ):
        return None
    kind = _kind(ctx.text, span)
    frame = _frame(span, ctx)
    cue, speaker = _cue_speaker(frame, span, ctx, partial=kind == "partial")
    if speaker is None and noun is not None:
        cue, speaker = noun.text, _noun_source(noun, ctx)
    if speaker is None and kind == "direct":
        speaker = _label_speaker(span, ctx)
        cue = ":" if speaker is not None else None
    if speaker is None and kind == "direct":
        cue, speaker = _nearby_speaker(span, ctx)
    if speaker is None and kind == "partial":
        speaker = _sentence_speaker(span, ctx)
        if speaker is not None:
            cue = "subject of the sentence"
    if cue in {None, "subject of the sentence", "according to"} and _scare_quote(span, ctx, kind):
        return None
    start, end = _trimmed(ctx.text, span.start, span.end)
    if kind == "partial" and cue is None and len(ctx.text[start:end].split()) < MIN_PARTIAL_TOKENS:
        return None
    return _attribution(ctx.text, start, end, kind, cue, speaker)


# what may open a quotation's label besides its line start: "Polls agree - Ana Ruiz: “…”"
_LABEL_OPENING = re.compile(r"[ ][-–—][ ]*|\b(?:[Mm]ore[ ])?[Ff]rom[ ]")
MAX_LABEL_CHARS = 60


def _label_speaker(span: MarkedSpan, ctx: SpeakerContext) -> Speaker | None:
    """The source a quotation is labelled with: a name, and nothing else, before a colon
    that opens the quotation ("Ana Ruiz: “…”"), at the start of its line or after a dash."""
    opening = ctx.text.rfind("\n", 0, span.start) + 1
    before = ctx.text[opening : span.start].rstrip(_OPENERS)
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


def _speech_noun(span: MarkedSpan, ctx: SpeakerContext) -> Token | None:
    """A noun naming an utterance that the quotation is the wording of: "the slogan
    “…”", "chants of “…”", "X’s “…” comment"."""
    inside = _tokens(span, ctx)
    if inside is None:
        return None
    nouns = resources.cues().speech_nouns

    def is_noun(tok: Token) -> bool:
        return tok.pos_ == "NOUN" and tok.lower_ in nouns and not ctx.in_quote(tok.idx)

    for tok in inside:  # the quotation hangs on the noun (compound, appos, "of")
        head = tok.head
        if tok.dep_ == "pobj" and head.lower_ == "of" and is_noun(head.head):
            return head.head
        if is_noun(head) and tok.dep_ in {"compound", "amod", "nmod", "appos", "nummod"}:
            return head
    doc = ctx.sdoc
    before = [t for t in doc[max(0, inside.start - 3) : inside.start] if not t.is_punct]
    if before and is_noun(before[-1]) and before[-1].i >= inside.start - 2:
        return before[-1]  # "the slogan “…”", "his motto “…”"
    after = doc[inside.end : inside.end + 2]
    nxt = next((t for t in after if not t.is_punct), None)
    if nxt is not None and is_noun(nxt) and nxt.i <= inside.end + 1:
        return nxt  # "the “not there yet” comment"
    return None


def _noun_source(noun: Token, ctx: SpeakerContext) -> Speaker | None:
    """Who uttered what a speech noun names: its possessor ("X’s comment"), else the
    subject of the clause it belongs to ("X ran on the slogan"); ``None`` if unnamed."""
    for child in noun.children:
        if child.dep_ == "poss":
            return resolve_token(child, ctx)
    head = noun
    for _ in range(3):
        if head.dep_ not in {"pobj", "prep", "dobj", "attr", "appos"} or head.head is head:
            break
        head = head.head
        if head.pos_ in {"VERB", "AUX"}:
            subject = subject_of(head)
            if subject is None:
                return None
            found = resolve_token(subject, ctx)
            return found if found.mention is not None else None
    return None


def _attribution(
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


def _frame(span: MarkedSpan, ctx: SpeakerContext) -> list[Token]:
    """Tokens of the sentences the quote touches, outside every quotation."""
    sdoc = ctx.sdoc
    first = _tokens(span, ctx)
    if first is None:
        return []
    lo, hi = ctx.sent_of(first[0]).start, ctx.sent_of(first[-1]).end
    return [t for t in sdoc[lo:hi] if not ctx.in_quote(t.idx) and not t.is_punct]


def _cue_speaker(
    frame: list[Token], span: MarkedSpan, ctx: SpeakerContext, *, partial: bool
) -> tuple[str | None, Speaker | None]:
    cue = resources.cues()
    verbs = cue.speech_verbs | (cue.framing_verbs if partial else frozenset())
    cands = [
        t for t in frame if t.lower_ in verbs and _acts_as_verb(t) and not _introduces_next(t, span)
    ]
    cands.sort(key=lambda t: (not _governs(t, span), _distance(t, span)))
    for verb in cands:
        subject = subject_of(verb)
        if subject is not None:
            return verb.text, resolve_token(subject, ctx)
    for tok in frame:
        according = _according_object(tok)
        if according is not None:
            return "according to", resolve_token(according, ctx)
    return None, None


def _acts_as_verb(tok: Token) -> bool:
    """A verb, or a cue word the tagger took for a noun while it heads the clause with a
    subject ("…,” the group’s statement read.)."""
    if tok.pos_ in {"VERB", "AUX"}:
        return True
    return tok.dep_ == "ROOT" and any(c.dep_ == "nsubj" for c in tok.children)


def _introduces_next(verb: Token, span: MarkedSpan) -> bool:
    """ "“A.” Y said: “B.”": a cue after the quote ending in a colon introduces the next one."""
    doc = verb.doc
    return verb.idx >= span.end and verb.i + 1 < len(doc) and doc[verb.i + 1].text == ":"


def _sentence_speaker(span: MarkedSpan, ctx: SpeakerContext) -> Speaker | None:
    """A partial quote with no speech verb: the named person the sentence is about
    ("X rejected the demands as “detached from reality”")."""
    inside = _tokens(span, ctx)
    if inside is None:
        return None
    root = ctx.sent_of(inside[0]).root
    subject = subject_of(root) if root.pos_ in {"VERB", "AUX"} else None
    if subject is None:
        return None
    found = resolve_token(subject, ctx)
    if found.mention is None or found.mention.label != "PERSON":
        return None
    return Speaker(
        found.text, found.start, found.end, found.mention, f"{found.reason}; sentence subject"
    )


def _governs(verb: Token, span: MarkedSpan) -> bool:
    return any(span.start <= t.idx < span.end for t in verb.children)


def _distance(tok: Token, span: MarkedSpan) -> int:
    return min(abs(tok.idx - span.end), abs(tok.idx - span.start))


def subject_of(verb: Token) -> Token | None:
    """The subject of a cue verb, climbing through "quoted as saying", conjuncts and clauses.

    The subject of a passive cue is not its source ("the talks are expected to ...",
    "he is said to ..."): only the agent ("was told by X") is, unless the passive verb
    was reached by climbing from the speech verb it governs ("X was quoted as saying").
    """
    for step in range(4):
        passive = any(c.dep_ == "auxpass" for c in verb.children)
        kinds = {"nsubj"} if step == 0 and passive else {"nsubj", "nsubjpass"}
        subjects = [c for c in verb.children if c.dep_ in kinds]
        owned = [c for c in subjects if not _possessor(c)]  # "said U2’s Bono": Bono
        subjects = owned or subjects
        if subjects:  # the nearest one: "MOSCOW – A senior official stated"
            child = _dateline_source(
                hyphen_pieces(min(subjects, key=lambda c: abs(c.i - verb.i)))[-1]
            )
            if child.lower_ in {"who", "which", "that"} and verb.dep_ == "relcl":
                return verb.head
            return child
        for child in verb.children:
            if child.dep_ == "agent":  # "was told by X"
                objs = [c for c in child.children if c.dep_ == "pobj"]
                if objs:
                    return objs[0]
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


def _according_object(tok: Token) -> Token | None:
    if tok.lower_ != "according":
        return None
    for to in tok.children:
        if to.lower_ == "to":
            for obj in to.children:
                if obj.dep_ == "pobj":
                    return obj
    return None


def _nearby_speaker(span: MarkedSpan, ctx: SpeakerContext) -> tuple[str | None, Speaker | None]:
    """A quote with no cue of its own: "X said:" just before, a short "she added." after,
    or the speaker of the quote it continues."""
    sdoc = ctx.sdoc
    inside = _tokens(span, ctx)
    if inside is None:
        return None, None
    first_sent, last_sent = ctx.sent_of(inside[0]), ctx.sent_of(inside[-1])
    if first_sent.start > 0:
        previous = ctx.sent_of(sdoc[first_sent.start - 1])
        found = _sentence_cue(previous, span, ctx) if previous.text.rstrip().endswith(":") else None
        if found is not None:
            return found
    if last_sent.end < len(sdoc):  # "...,” / Ana Silva remarked, adding ..."
        following = ctx.sent_of(sdoc[last_sent.end])
        same_paragraph = "\n" not in ctx.text[span.end : following.start_char]
        found = _sentence_cue(following[:HEAD_TOKENS], span, ctx) if same_paragraph else None
        if found is not None:
            return found
    last = ctx.last_speaker
    if last is not None and span.start - last.end < 1200:
        return None, Speaker(
            last.text, last.start, last.end, last.mention, "continues the previous quote"
        )
    return None, None


def _sentence_cue(
    sent: Span, span: MarkedSpan, ctx: SpeakerContext
) -> tuple[str | None, Speaker | None] | None:
    frame = [t for t in sent if not ctx.in_quote(t.idx)]
    cue, speaker = _cue_speaker(frame, span, ctx, partial=False)
    return (cue, speaker) if speaker is not None else None


def _reported(sdoc: Doc, ctx: SpeakerContext, marked: Iterable[MarkedSpan]) -> list[Attribution]:
    """Reported speech: "X asserted that ...", "..., X said", "according to X, ..."."""
    direct = [(m.start, m.end) for m in marked if _kind(ctx.text, m) == "direct"]
    cue = resources.cues()
    clause_cues = resources.clause_cue_forms()
    prep_cues = resources.prep_cue_forms()
    out: list[Attribution] = []
    for sent in ctx.sents:
        clauses: list[Attribution] = []
        according: list[tuple[Token, Token]] = []
        for tok in sent:
            if ctx.in_quote(tok.idx):
                continue
            if tok.pos_ == "VERB" and (
                tok.lower_ in cue.indirect_verbs
                or (tok.lower_ in clause_cues and any(c.dep_ == "ccomp" for c in tok.children))
            ):
                if _passive_without_agent(tok):  # "the talks are expected to ...": no source
                    continue
                clauses.extend(
                    _clause_quote(tok, ctx, direct)
                    or _parenthetical(tok, ctx)
                    or _prep_quote(tok, prep_cues.get(tok.lower_, frozenset()), ctx, direct)
                )
            elif tok.pos_ == "VERB" and tok.lower_ in prep_cues:
                if not _passive_without_agent(tok):
                    clauses.extend(_prep_quote(tok, prep_cues[tok.lower_], ctx, direct))
            elif (obj := _according_object(tok)) is not None:
                according.append((tok, obj))
        out.extend(clauses)
        relayed = bool(clauses) or any(
            t.lower_ in cue.speech_verbs and t.pos_ == "VERB" and not ctx.in_quote(t.idx)
            for t in sent
        )
        for tok, obj in according:  # with a report inside, the source it was relayed by
            out.extend(_according_quote(sent, tok, obj, ctx, direct, relayed=relayed))
    return out


def _nobody(subject: Token) -> bool:
    """ "No one could have envisioned ...", "nobody said ...", "one would expect ...", "it
    appears that ...", "let's say ...", "you think ...": no source at all."""
    if subject.lower_ in {"nobody", "none", "nothing", "noone"}:
        return True
    if subject.lower_ in {"you", "'s", "’s", "us"} and subject.dep_ == "nsubj":
        return True  # the reader ("you think …") or the writer and reader ("let's say …")
    if subject.pos_ == "PRON" and subject.lower_ == "one":  # generic "one"
        return True
    if subject.dep_ == "expl":
        return True
    return any(c.dep_ == "det" and c.lower_ == "no" for c in subject.children)


def _passive_without_agent(verb: Token) -> bool:
    """A passive cue with no "by X" names no source of its own."""
    children = list(verb.children)
    return any(c.dep_ == "auxpass" for c in children) and not any(
        c.dep_ == "agent" for c in children
    )


def _overlaps(start: int, end: int, spans: list[tuple[int, int]]) -> bool:
    return any(s < end and start < e for s, e in spans)


_RAISING = frozenset(
    {"seem", "seems", "seemed", "appear", "appears", "appeared", "tend", "tends", "tended"}
)


def _addressed(verb: Token) -> bool:
    """'Asked to describe the device, the chief said ...': a clause opened by a past
    participle with no subject of its own says what was put *to* the main clause's
    subject, so neither it nor a verb inside it is something that subject said."""
    for token in (verb, *verb.ancestors):
        if (
            token.tag_ == "VBN"
            and token.dep_ == "advcl"
            and token.i < token.head.i
            and not any(c.dep_ in ("nsubj", "nsubjpass", "auxpass") for c in token.children)
        ):
            return True
    return False


def _impersonal(verb: Token) -> bool:
    """ "It is safe to say that ...", "it is fair to say ...": the writer's own hedge."""
    head = verb.head
    adjective = head.pos_ == "ADJ" or any(c.dep_ == "acomp" for c in head.children)
    return (
        verb.dep_ == "xcomp"
        and adjective
        and any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)
    )


def _clause_quote(
    verb: Token, ctx: SpeakerContext, direct: list[tuple[int, int]]
) -> list[Attribution]:
    if _addressed(verb) or verb.lower_ in _RAISING or _impersonal(verb):
        return []
    clauses = [c for c in verb.children if c.dep_ == "ccomp"]
    after = [c for c in clauses if c.i > verb.i]
    clauses = after or clauses  # "note well: the letter said that ...": what follows the verb
    if not clauses and verb.lower_ not in _RAISING:  # "X vowed to repeal the law"
        clauses = [
            c
            for c in verb.children
            if c.dep_ == "xcomp"
            and (
                any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children)
                or (c.tag_ == "VBG" and verb.lower_ in resources.object_cue_forms())
            )  # "X proposed barring …"
        ]
    subject = subject_of(verb)
    if not clauses and (
        verb.lower_ in resources.object_cue_forms() or any(c.dep_ == "oprd" for c in verb.children)
    ):  # "X criticized the plan", "X called the plan “a disgrace”"
        return _object_quote(verb, subject, ctx, direct)
    if not clauses or subject is None or _nobody(subject):
        return []
    clause = clauses[0]
    tokens = [
        t
        for t in clause.subtree  # "that" opening the clause is no part of what was said
        if not (t.dep_ == "mark" and t.i == clause.left_edge.i and t.head.i == clause.i)
    ]
    last = _content_end(verb, clause, ctx) if clause.i > verb.i else tokens[-1]
    start, end = _trimmed(ctx.text, tokens[0].idx, last.idx + len(last.text))
    end = _whole_quotation(ctx, start, end)
    if end - start < 12 or _crosses(start, end, direct, ctx.text) or start <= subject.idx < end:
        return []
    return [_attribution(ctx.text, start, end, "indirect", verb.text, resolve_token(subject, ctx))]


def _content_end(verb: Token, clause: Token, ctx: SpeakerContext) -> Token:
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
_OBJECT_TAIL = frozenset({"as", "with", "for", "of"})


# prepositions whose phrase after an object frames the act, not what was said
_ADJUNCT_PREPS = frozenset(
    {"despite", "after", "before", "during", "amid", "amidst", "since", "until", "while"}
)
# where and how something was said: "in an interview", "at a rally", "in a statement"
_VENUES = frozenset(
    {"interview", "speech", "debate", "rally", "hearing", "appearance", "conference", "event"}
)


def _frames_the_act(prep: Token) -> bool:
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


_MIN_OBJECT_WORDS = 4  # an object alone must say something, not only name a target


def _quoted_label(verb: Token, obj: Token, ctx: SpeakerContext) -> bool:
    """The "as" phrase of the verb or its object is a quotation: "dismissed X as “…”"."""
    for child in (*verb.rights, *obj.subtree):
        if child.dep_ == "prep" and child.lower_ == "as":
            words = [t for t in child.subtree if t.i > child.i and not t.is_punct]
            return bool(words) and all(ctx.in_quote(t.idx) for t in words)
    return False


def _reason_aside(verb: Token) -> bool:
    """ "X cut its forecast, blaming a shortage of parts": a participle clause after the
    main verb giving its reason, not a second thing said. A participle that names what it
    labels ("hit back, calling him a “loser”") says something of its own."""
    if verb.lower_ in resources.cues().framing_verbs:
        return False
    return verb.tag_ == "VBG" and verb.dep_ == "advcl" and verb.head.i < verb.i


def _object_quote(
    verb: Token, subject: Token | None, ctx: SpeakerContext, direct: list[tuple[int, int]]
) -> list[Attribution]:
    """A cue verb whose direct object is what it attributes: "X criticized the plan",
    "X described the plan as a mistake" (the verbs learned from PolNeAR train), or any
    cue verb naming its object: "X called the plan “a disgrace”"."""
    objects = [c for c in verb.children if c.dep_ == "dobj"]
    if not objects or subject is None or _nobody(subject) or _reason_aside(verb):
        return []
    obj = objects[0]
    last = obj.right_edge
    tail = False
    for child in verb.rights:
        if child.i <= last.i:
            continue
        if child.dep_ == "oprd" or (child.dep_ == "prep" and child.lower_ in _OBJECT_TAIL):
            last, tail = child.right_edge, True
        elif child.dep_ == "prep":
            if _frames_the_act(child):
                break
            last = child.right_edge  # "praised his finish in the caucus": the content runs on
    first = obj.left_edge
    if ctx.in_quote(last.idx) and _quoted_label(verb, obj, ctx):
        return []  # "rejected the plan as “detached from reality”": the quotation says it
    if not tail and last.i - first.i + 1 < _MIN_OBJECT_WORDS:
        return []  # "blasted council bosses": a target, not something said
    start, end = _trimmed(ctx.text, first.idx, last.idx + len(last.text))
    end = _whole_quotation(ctx, start, end)
    if end - start < 12 or _crosses(start, end, direct, ctx.text) or start <= subject.idx < end:
        return []
    speaker = resolve_token(subject, ctx)
    if speaker.mention is None:  # "the move angered many": a named source only
        return []
    return [_attribution(ctx.text, start, end, "indirect", verb.text, speaker)]


def _prep_quote(
    verb: Token, preps: frozenset[str], ctx: SpeakerContext, direct: list[tuple[int, int]]
) -> list[Attribution]:
    """A verb whose prepositional object is what it attributes: "X called for a ban",
    "X spoke about the border" (the verb and preposition pairs learned from PolNeAR
    train). Only with nothing else for content, and a named source."""
    if not preps or _addressed(verb) or verb.lower_ in _RAISING or _withheld(verb):
        return []
    children = list(verb.children)
    if any(c.dep_ in ("dobj", "ccomp", "xcomp", "oprd") for c in children):
        return []
    subject = subject_of(verb)
    if subject is None or _nobody(subject):
        return []
    for prep in children:
        if prep.i < verb.i:
            continue
        if prep.dep_ == "prep" and prep.lower_ in preps:
            objects = [c for c in prep.children if c.dep_ in ("pobj", "pcomp")]
            if not objects:
                continue
            first, last = objects[0].left_edge, prep.right_edge
            for later in verb.rights:  # "called for X following news that …"
                if later.i > last.i and later.dep_ == "prep":
                    if _frames_the_act(later):
                        break
                    last = later.right_edge
        elif prep.dep_ == "advcl" and (mark := _opening_mark(prep)) and mark.lower_ in preps:
            first, last = prep.doc[mark.i + 1], prep.right_edge  # "called for X to do Y"
        else:
            continue
        start, end = _trimmed(ctx.text, first.idx, last.idx + len(last.text))
        end = _whole_quotation(ctx, start, end)
        if end - start < 3 or _crosses(start, end, direct, ctx.text) or start <= subject.idx < end:
            return []
        speaker = resolve_token(subject, ctx)
        if speaker.mention is None:
            return []
        return [_attribution(ctx.text, start, end, "indirect", verb.text, speaker)]
    return []


def _whole_quotation(ctx: SpeakerContext, start: int, end: int) -> int:
    """``end`` moved past a quotation the span opens but does not close, its closing
    mark included ("called the plan “a waste of money.”")."""
    end = max([end, *(e for s, e in ctx.quoted if start <= s < end < e)])
    opened = any(start <= s < end <= e for s, e in ctx.quoted)  # still open at the end
    tail = re.match(r"[.,!?]?[”\"’]", ctx.text[end : end + 2])
    return end + tail.end() if opened and tail else end


_WITHHOLD = frozenset(
    {"decline", "declined", "declines", "declining", "refuse", "refused", "refuses", "refusing"}
)


def _withheld(verb: Token) -> bool:
    """ "X declined to comment on the reports", "X did not speak about it": nothing said."""
    if any(c.dep_ == "neg" for c in verb.children):
        return True
    return verb.dep_ == "xcomp" and verb.head.lower_ in _WITHHOLD


def _opening_mark(clause: Token) -> Token | None:
    """The marker opening a clause ("for" in "for the state to act"), if any."""
    first = clause.left_edge
    return first if first.dep_ == "mark" and first.head.i == clause.i else None


def _crosses(start: int, end: int, direct: list[tuple[int, int]], text: str) -> bool:
    """A direct quote overlaps the clause and is not a part of a longer clause
    ('said “it makes me angry” every time he reads ...' reports the whole clause)."""
    for s, e in direct:
        if s < end and start < e:
            inside = start <= s and e <= end
            rest = len(text[start:s].split()) + len(text[e:end].split())
            if not inside or rest < 3:
                return True
    return False


def _parenthetical(verb: Token, ctx: SpeakerContext) -> list[Attribution]:
    """ "The harbour, Roe said, will reopen in May": the sentence around a speech verb
    set off by commas is what was said."""
    subject = subject_of(verb)
    if subject is None or subject.head != verb or not (
        verb.dep_ == "parataxis" or _closing_conj(verb, ctx)
    ):
        return []
    own = ("ccomp", "xcomp") if verb.lower_ in _ADDRESSEE else ("ccomp", "xcomp", "dobj")
    if any(c.dep_ in own for c in verb.children):  # "told X" names whom it was told
        return []  # "note well: the letter said that ...": the verb says its own content
    aside = {t.i for t in verb.subtree}
    rest = [t for t in ctx.sent_of(verb) if t.i not in aside and not t.is_space and not t.is_punct]
    if not rest or any(ctx.in_quote(t.idx) for t in rest):
        return []  # '“This plan,” she said, “is new.”' is a quotation, read as such
    start, end = _trimmed(ctx.text, rest[0].idx, rest[-1].idx + len(rest[-1].text))
    if end - start < 12:
        return []
    return [_attribution(ctx.text, start, end, "indirect", verb.text, resolve_token(subject, ctx))]


def _closing_conj(verb: Token, ctx: SpeakerContext) -> bool:
    """ "…, his aide told the paper.": a speech verb the parse joins to the sentence it
    reports, after a comma with no conjunction, and ending the sentence."""
    if verb.dep_ != "conj" or verb.head.i > verb.i:
        return False
    if any(c.dep_ == "cc" and c.i < verb.i for c in verb.head.children):
        return False  # "…, and his aide told the paper" is a second thing that happened
    sent = ctx.sent_of(verb)
    return all(t.is_punct or t.is_space for t in ctx.sdoc[verb.right_edge.i + 1 : sent.end])


def _according_quote(
    sent: Span,
    according: Token,
    obj: Token,
    ctx: SpeakerContext,
    direct: list[tuple[int, int]],
    *,
    relayed: bool = False,
) -> list[Attribution]:
    """ "…, according to X": the rest of the sentence is X's. ``relayed``: the sentence
    reports someone else's words itself ("“…,” Y said, according to X"), which X relays
    whole, quotation included."""
    phrase = {t.i for t in according.subtree}
    rest = [t for t in sent if t.i not in phrase]
    if not rest:
        return []
    start, end = _trimmed(ctx.text, rest[0].idx, rest[-1].idx + len(rest[-1].text))
    if min(phrase) > rest[0].i:  # "..., according to X." : the clause before it
        last = max(t.idx + len(t.text) for t in rest if t.i < min(phrase))
        start, end = _trimmed(ctx.text, rest[0].idx, last)
    if end - start < 12 or (_overlaps(start, end, direct) and not relayed):
        return []
    if relayed and start > 0 and ctx.text[start - 1] in "“\"‘":  # the quotation whole
        start -= 1
    speaker = resolve_token(obj, ctx)
    return [_attribution(ctx.text, start, end, "indirect", "according to", speaker)]
