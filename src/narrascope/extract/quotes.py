"""Attributed quotes: direct, partial and reported speech, each with its speaker."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import replace

from spacy.tokens import Doc, Span, Token

from narrascope.extract import resources
from narrascope.extract.attribution import (
    Attribution,
    crosses,
    make_attribution,
    overlaps,
    quoted_tokens,
    trimmed,
    whole_quotation,
)
from narrascope.extract.doctext import doc_text
from narrascope.extract.labelled_lines import headline_verbs, label_speaker, labelled_lines
from narrascope.extract.learned_verbs import learned_attributions
from narrascope.extract.nonquotes import (
    ADDRESSEE,
    is_title,
    named_work,
    scare_quote,
    uttering_verb,
    voiced_title,
)
from narrascope.extract.quotemarks import MarkedSpan, find_marked_spans, opener_width
from narrascope.extract.reported_extent import (
    OBJECT_TAIL,
    content_end,
    frames_the_act,
    opening_mark,
)
from narrascope.extract.speakers import Speaker, SpeakerContext, resolve_token
from narrascope.extract.subjects import nobody, subject_of
from narrascope.models import Mention, Quote, QuoteKind

HEAD_TOKENS = 8  # a cue this close to the start of the next sentence still attributes


MIN_PARTIAL_TOKENS = 4  # shorter quoted phrases with no speech cue are scare quotes


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
            if attribution.quote.speaker_start is not None:  # named or not ("a witness")
                ctx.last_speaker = _speaker_of(attribution)
    reported = _outermost(_unrepeated(_reported(sdoc, ctx, marked), found, text))
    reported = _outside_nonquotes(reported, marked, found)
    found = [_inside_report(a, reported) for a in found]
    found.extend(reported)
    found = labelled_lines(ctx, found)
    found.extend(headline_verbs(ctx, found))
    learned = learned_attributions(ctx, found, vetoed=_reports_nothing)
    found.extend(_clear_of_nonquotes(learned, marked, found))
    return sorted(found, key=lambda a: (a.quote.start, a.quote.end))


_LEAD_IN = re.compile(r"(?:(?:the|a|an)\s+)?[“\"‘']?\s*", re.IGNORECASE)


def _restates(report: Quote, quotation: Quote, text: str) -> bool:
    """The report starts where the quotation does, or just before it with no more than an
    article and the opening mark ("says the “Trump administration gave …”")."""
    if quotation.start - 2 <= report.start:
        return True
    lead = text[report.start : quotation.start]
    return report.start < quotation.start and _LEAD_IN.fullmatch(lead) is not None


def _unrepeated(
    reported: list[Attribution], marked: list[Attribution], text: str
) -> list[Attribution]:
    """Reported speech that only restates a quotation ('saying that “…”') is that
    quotation: dropped, its cue and speaker given to the quotation when it had none."""
    out = []
    for a in reported:
        inside = next(
            (
                i
                for i, m in enumerate(marked)
                if _restates(a.quote, m.quote, text) and a.quote.end <= m.quote.end + 2
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


def _outside_nonquotes(
    reported: list[Attribution], marked: list[MarkedSpan], found: list[Attribution]
) -> list[Attribution]:
    """Reported speech whose content lies inside quotation marks that hold no quote (a
    title: "said on the podcast “Here’s the Thing”") is no report."""
    silent = _silent(marked, found)
    return [
        a
        for a in reported
        if not any(m.start - 1 <= a.quote.start and a.quote.end <= m.end + 1 for m in silent)
    ]


def _silent(marked: list[MarkedSpan], found: list[Attribution]) -> list[MarkedSpan]:
    """Quotation marks that hold no quote: titles, scare quotes, terms."""
    return [
        m
        for m in marked
        if not any(m.start <= a.quote.end and a.quote.start <= m.end for a in found)
    ]


def _clear_of_nonquotes(
    learned: list[Attribution], marked: list[MarkedSpan], found: list[Attribution]
) -> list[Attribution]:
    """A learned attribution whose content holds quotation marks that are no quote (a
    title: "published a collection called “…”") is about a work, not a stance."""
    silent = _silent(marked, found)
    return [
        a
        for a in learned
        if not any(a.quote.start <= m.start and m.end <= a.quote.end + 1 for m in silent)
    ]


def _outermost(reported: list[Attribution]) -> list[Attribution]:
    """A report inside what someone else reports is part of that claim, not a quote of its
    own: in "X said that Y had called the plan a failure", that Y called it so is X's
    word, so only X's report is kept. A source that relays a report ("voters said …,
    according to exit polls") keeps the report it relays."""

    def voice(a: Attribution) -> tuple[int, int] | str | None:
        m = a.mention
        return (m.start, m.end) if m is not None else a.quote.speaker

    out = []
    for a in reported:
        q = a.quote
        if not any(
            o is not a
            and o.quote.start <= q.start
            and q.end <= o.quote.end
            and o.quote.end - o.quote.start > q.end - q.start
            and voice(o) != voice(a)
            and o.quote.cue != "according to"
            for o in reported
        ):
            out.append(a)
    return out


def _inside_report(quote: Attribution, reported: list[Attribution]) -> Attribution:
    """A partial quotation inside reported speech, credited only to its sentence's
    subject or to no one, is the report's speaker's ("X’s claim that there were
    “thousands of shootings”")."""
    q = quote.quote
    if q.kind != "partial" or (q.cue not in (None, "subject of the sentence") and q.speaker):
        return quote
    for a in reported:
        r = a.quote
        if r.start <= q.start and q.end <= r.end and r.speaker is not None:
            given = replace(
                q, cue=r.cue, speaker=r.speaker, speaker_start=r.speaker_start,
                speaker_end=r.speaker_end, reason=f"inside the report: {r.reason}",
            )  # fmt: skip
            return Attribution(given, a.mention)
    return quote


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
        or "\n" in text[len(before) : opener]  # the quotation opens a paragraph
        or before.endswith(("said", "says"))
    ):
        return "direct"
    if text[max(0, opener - 1) : opener].isspace() and before.rstrip("”\"’»")[-1:] in ".!?":
        return "direct"  # the quote opens a sentence: 'he said. "Enough is enough."'
    if content[:1].isupper() and (n_words >= 6 or (n_words >= 4 and content[-1:] in ".,!?…")):
        return "direct"
    return "partial"


def _marked_quote(span: MarkedSpan, ctx: SpeakerContext) -> Attribution | None:
    noun = _speech_noun(span, ctx)
    if noun is None and (
        named_work(ctx.text, span.start, span.end)
        or (is_title(ctx.text, span.start, span.end) and not voiced_title(span, ctx))
    ):
        return None
    kind = _kind(ctx.text, span)
    signed = _signoff(span, ctx)
    if signed is not None:
        start, end = trimmed(ctx.text, span.start, span.end)
        return make_attribution(ctx.text, start, end, kind, "―", signed)
    frame = _frame(span, ctx)
    cue, speaker = _cue_speaker(frame, span, ctx, partial=kind == "partial")
    if speaker is None and noun is not None:
        cue, speaker = noun.text, _noun_source(noun, ctx)
    if speaker is None and kind == "direct":
        speaker = label_speaker(span, ctx)
        cue = ":" if speaker is not None else None
    if speaker is None and kind == "direct":
        cue, speaker = _nearby_speaker(span, ctx)
    if speaker is None and kind == "partial":
        speaker = _sentence_speaker(span, ctx)
        if speaker is not None:
            cue = "subject of the sentence"
    if speaker is None and cue is None and kind == "partial":
        cue = _unvoiced_cue(span, ctx)
    if cue in {None, "subject of the sentence", "according to"} and scare_quote(span, ctx, kind):
        return None
    start, end = trimmed(ctx.text, span.start, span.end)
    if kind == "partial" and cue is None and len(ctx.text[start:end].split()) < MIN_PARTIAL_TOKENS:
        return None
    return make_attribution(ctx.text, start, end, kind, cue, speaker)


_NAMING = frozenset(
    {"called", "named", "known", "call", "calls", "name", "names", "dubbed", "titled"}
)


def _unvoiced_cue(span: MarkedSpan, ctx: SpeakerContext) -> str | None:
    """The verb that takes a quoted phrase as the words used when no one is named as using
    them ("it was labeled “Mostly True”", "and calls people “losers”", "a box labeled
    “urgent”"): the quote is kept with its cue and no speaker. A thing's name is not ("a
    group called “Fair Votes”", "a plan dubbed “Green Port”")."""
    verb = uttering_verb(span, ctx)
    if verb is None:
        return None
    if verb.lower_ in _NAMING and (
        verb.dep_ in ("acl", "amod") or is_title(ctx.text, span.start, span.end)
    ):
        return None
    return verb.text


_SIGNOFF = re.compile(r"[”\"’]?[ \t\xa0]*[―—–][ \t\xa0]*")
_SIGNOFF_TAIL = 60  # characters after the name: a handle, a date, a place


def _signoff(span: MarkedSpan, ctx: SpeakerContext) -> Speaker | None:
    """ "“…” ― Ana Ruiz": a quotation signed with a dash and a name that ends the line."""
    text = ctx.text
    dash = _SIGNOFF.match(text, span.end)
    if dash is None or dash.end() == span.end:
        return None
    mention = ctx.mention_at(dash.end(), dash.end() + 1)
    if mention is None or mention.start != dash.end() or mention.label not in ("PERSON", "ORG"):
        return None
    line_end = text.find("\n", mention.end)
    line_end = len(text) if line_end < 0 else line_end
    if line_end - mention.end > _SIGNOFF_TAIL:
        return None
    name = text[mention.start : mention.end]
    return Speaker(name, mention.start, mention.end, mention, "named after a dash")


def _speech_noun(span: MarkedSpan, ctx: SpeakerContext) -> Token | None:
    """A noun naming an utterance that the quotation is the wording of: "the slogan
    “…”", "chants of “…”", "X’s “…” comment"."""
    inside = quoted_tokens(span, ctx)
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


def _frame(span: MarkedSpan, ctx: SpeakerContext) -> list[Token]:
    """Tokens of the sentences the quote touches, outside every quotation."""
    sdoc = ctx.sdoc
    first = quoted_tokens(span, ctx)
    if first is None:
        return []
    lo, hi = ctx.sent_of(first[0]).start, ctx.sent_of(first[-1]).end
    return [t for t in sdoc[lo:hi] if not ctx.in_quote(t.idx) and not t.is_punct]


def _cue_speaker(
    frame: list[Token], span: MarkedSpan, ctx: SpeakerContext, *, partial: bool
) -> tuple[str | None, Speaker | None]:
    cue = resources.cues()
    takers = (cue.framing_verbs if partial else frozenset()) | cue.uttering_verbs
    cands = [
        t
        for t in frame
        if (t.lower_ in cue.speech_verbs or _as_put_it(t) or _frames(t, takers, span))
        and _acts_as_verb(t)
        and not _introduces_next(t, span)
        and not _aside_before_colon(t, span)
    ]
    cands.sort(key=lambda t: (not _governs(t, span), _distance(t, span)))
    for verb in cands:
        subject = subject_of(verb) or _stray_subject(verb, ctx)
        if subject is None:
            continue
        speaker = resolve_token(subject, ctx)
        if verb.lower_ in takers and subject.lower_ in _GENERIC:
            continue  # "you can’t yell “fire” in a theater": no one's words
        if span.start <= subject.idx < span.end and not _named_outside(speaker, span):
            continue  # the quoted words themselves ("“several sources” told her") say nothing
        return verb.text, speaker
    for tok in frame:
        according = _according_object(tok)
        if according is not None:
            return "according to", resolve_token(according, ctx)
    return None, None


_GENERIC = frozenset({"you", "one"})  # subjects of what anyone might say


def _stray_subject(verb: Token, ctx: SpeakerContext) -> Token | None:
    """ "In announcing the rally, Ana Ruiz, chair of the board, warned, “…”": a cue verb
    left without a subject by the parse (the name hung on the phrase before) takes the
    last person named before it in its sentence, when no verb comes between them; after
    the quotation ("“…,” asks the colonel."), the noun phrase ending the sentence."""
    if verb.dep_ != "ROOT" or any(c.dep_ in ("nsubj", "nsubjpass", "expl") for c in verb.children):
        return None
    sent = ctx.sent_of(verb)
    before = [t for t in ctx.sdoc[sent.start : verb.i] if not t.is_punct and not t.is_space]
    objects = [c for c in verb.children if c.dep_ == "dobj" and c.i > verb.i]
    if objects and all(ctx.in_quote(t.idx) for t in before):  # "“…,” asks the colonel."
        tail = ctx.sdoc[objects[0].right_edge.i + 1 : sent.end]
        return objects[0] if all(t.is_punct or t.is_space for t in tail) else None
    for tok in reversed(ctx.sdoc[sent.start : verb.i]):
        if tok.pos_ in ("VERB", "AUX"):
            return None
        found = ctx.mention_at(tok.idx, tok.idx + len(tok.text))
        if found is not None and found.label == "PERSON" and not ctx.in_quote(tok.idx):
            return tok
    return None


def _as_put_it(tok: Token) -> bool:
    """ "…, as one analyst put it, “…”": the quotation's words are how the subject put it."""
    children = list(tok.children)
    return (
        tok.lower_ in ("put", "puts", "putting")
        and any(c.dep_ == "dobj" and c.lower_ == "it" for c in children)
        and any(c.dep_ == "mark" and c.lower_ == "as" for c in children)
    )


def _named_outside(speaker: Speaker, span: MarkedSpan) -> bool:
    """The speaker resolves to a name outside the quotation."""
    found = speaker.mention
    return found is not None and not span.start <= found.start < span.end


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


def _aside_before_colon(verb: Token, span: MarkedSpan) -> bool:
    """ "she attacked the man who called attention to it: “…”": a cue in a relative clause
    before the colon that opens the quotation is about someone else; the colon belongs
    to the main clause."""
    if verb.dep_ != "relcl" or verb.idx >= span.start:
        return False
    doc = verb.doc
    before = (t for t in reversed(doc[verb.i : verb.sent.end]) if t.idx < span.start)
    colon = next((t for t in before if not t.is_quote), None)
    return colon is not None and colon.text == ":" and colon.head.i != verb.i


def _sentence_speaker(span: MarkedSpan, ctx: SpeakerContext) -> Speaker | None:
    """A partial quote with no speech verb: the named person the sentence is about
    ("X rejected the demands as “detached from reality”")."""
    inside = quoted_tokens(span, ctx)
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


def _frames(verb: Token, takers: frozenset[str], span: MarkedSpan) -> bool:
    """A verb that names or voices the words ("dubbed", "typed") frames only what it takes."""
    return verb.lower_ in takers and _takes(verb, span)


def _takes(verb: Token, span: MarkedSpan) -> bool:
    """A word of the quotation (not only its marks) hangs on the verb."""
    return any(not t.is_punct and span.start <= t.idx < span.end for t in verb.children)


def _distance(tok: Token, span: MarkedSpan) -> int:
    return min(abs(tok.idx - span.end), abs(tok.idx - span.start))


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
    inside = quoted_tokens(span, ctx)
    if inside is None:
        return None, None
    first_sent, last_sent = ctx.sent_of(inside[0]), ctx.sent_of(inside[-1])
    opener = inside[0].i - 1
    while opener > 0 and (sdoc[opener].is_space or ctx.in_quote(sdoc[opener].idx)):
        opener -= 1  # the mark opening the quotation, then what comes before it
    introduced = opener > 0 and sdoc[opener].text in "“\"‘'" and sdoc[opener - 1].text == ":"
    if introduced:
        found = _document_cue(ctx.sent_of(sdoc[opener - 1]), ctx)
        if found is not None:
            return found
    if first_sent.start > 0:
        previous = ctx.sent_of(sdoc[first_sent.start - 1])
        found = None
        if previous.text.rstrip().endswith(":"):
            found = _sentence_cue(previous, span, ctx) or _document_cue(previous, ctx)
        if found is not None:
            return found
    if last_sent.end < len(sdoc):  # "...,” / Ana Silva remarked, adding ..."
        following = ctx.sent_of(sdoc[last_sent.end])
        same_paragraph = "\n" not in ctx.text[span.end : following.start_char]
        found = _sentence_cue(following[:HEAD_TOKENS], span, ctx) if same_paragraph else None
        if found is not None:
            return found
    if introduced and _clause_before(sdoc[opener - 1], ctx):
        return None, None  # "The fans are urged: “…”": put to them by no one named
    last = ctx.last_speaker
    if last is not None and span.start - last.end < 1200:
        return None, Speaker(
            last.text, last.start, last.end, last.mention, "continues the previous quote"
        )
    return None, None


def _clause_before(colon: Token, ctx: SpeakerContext) -> bool:
    """The words before ``colon`` in its sentence make a passive clause with no agent
    ("The fans are urged:"): what follows is put to its subject by no one named."""
    sent = ctx.sent_of(colon)
    words = [t for t in ctx.sdoc[sent.start : colon.i] if not ctx.in_quote(t.idx)]
    return any(t.dep_ == "nsubjpass" for t in words) and not any(t.dep_ == "agent" for t in words)


def _document_cue(sent: Span, ctx: SpeakerContext) -> tuple[str | None, Speaker | None] | None:
    """ "Here is how the CNN report began: “…”": a sentence ending in a colon whose
    subject is a document introduces the document's words."""
    nouns = resources.cues().document_nouns
    for tok in sent:
        if tok.dep_ == "nsubj" and tok.lower_ in nouns and not ctx.in_quote(tok.idx):
            return ":", resolve_token(tok, ctx)
    return None


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
    belief_cues = resources.belief_cue_forms()
    plan_cues = resources.plan_cue_forms()
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
                or (tok.lower_ in belief_cues and _others_view(tok))
                or (tok.lower_ in plan_cues and _named_plan(tok))
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
            elif tok.pos_ == "NOUN" and tok.lower_ in _CLAIM_NOUNS | cue.speech_nouns:
                clauses.extend(_noun_clause_quote(tok, ctx, direct))
        out.extend(clauses)
        relayed = bool(clauses) or any(
            t.lower_ in cue.speech_verbs and t.pos_ == "VERB" and not ctx.in_quote(t.idx)
            for t in sent
        )
        for tok, obj in according:  # with a report inside, the source it was relayed by
            out.extend(_according_quote(sent, tok, obj, ctx, direct, relayed=relayed))
    return out


# nouns of saying that take what was said as a "that" clause ("X's claim that …")
_CLAIM_NOUNS = frozenset(
    {"statement", "statements", "allegation", "allegations", "accusation", "accusations",
     "argument", "contention", "insistence", "suggestion", "denial", "prediction",
     "assurance", "assurances", "announcement", "assertions", "claims", "warnings"}
)  # fmt: skip


def _noun_clause_quote(
    noun: Token, ctx: SpeakerContext, direct: list[tuple[int, int]]
) -> list[Attribution]:
    """ "X’s claim that there have been thousands of shootings": the clause is what the
    possessor said (a named possessor only)."""
    owners = [c for c in noun.children if c.dep_ == "poss"]
    clauses = [
        c
        for c in noun.children
        if c.dep_ in ("acl", "ccomp")
        and c.i > noun.i
        and (mark := opening_mark(c)) is not None
        and mark.lower_ == "that"
        and mark.i == noun.i + 1
    ]
    if not owners or not clauses:
        return []
    speaker = resolve_token(owners[0], ctx)
    if speaker.mention is None or speaker.mention.label not in ("PERSON", "ORG", "GPE", "NORP"):
        return []
    clause = clauses[0]
    first = ctx.sdoc[clause.left_edge.i + 1]  # after "that"
    start, end = trimmed(ctx.text, first.idx, clause.right_edge.idx + len(clause.right_edge.text))
    end = whole_quotation(ctx, start, end)
    if end - start < 12 or crosses(start, end, direct, ctx.text):
        return []
    return [make_attribution(ctx.text, start, end, "indirect", noun.text, speaker)]


_SELF = frozenset({"i", "we", "you"})


def _others_view(verb: Token) -> bool:
    """ "The senator believes that …": a verb of belief with a clause, whose subject is
    someone other than the writer or the reader."""
    subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    return (
        subject is not None
        and subject.lower_ not in _SELF
        and any(c.dep_ == "ccomp" and c.i > verb.i for c in verb.children)
    )


def _named_plan(verb: Token) -> bool:
    """ "X plans to run": a named subject and a "to" complement."""
    subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    return (
        subject is not None
        and subject.pos_ == "PROPN"
        and any(
            c.dep_ == "xcomp" and any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children)
            for c in verb.children
        )
    )


def _relative(clause: Token) -> bool:
    """ "…, some of whom are victims": a relative clause the parse hung on a verb as its
    complement (it opens with a subject holding "whom" or "which"), not something said."""
    opening = clause.doc[clause.left_edge.i : clause.left_edge.i + 3]  # "some of whom"
    return any(
        t.tag_ in ("WP", "WDT") and t.dep_ == "pobj" and t.head.head.dep_ in ("nsubj", "nsubjpass")
        for t in opening
    )


def _own_report(clause: Token, verb: Token) -> bool:
    """ "“…,” she said, but …, Melanie said yes": a complement before the verb that is
    itself a speech verb with a subject of its own reports its own words, not the verb's."""
    return (
        clause.i < verb.i
        and clause.lower_ in resources.cues().speech_verbs
        and any(c.dep_ == "nsubj" for c in clause.children)
    )


def _passive_without_agent(verb: Token) -> bool:
    """A passive cue with no "by X" names no source of its own."""
    children = list(verb.children)
    return any(c.dep_ == "auxpass" for c in children) and not any(
        c.dep_ == "agent" for c in children
    )


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
    """ "It is safe to say that ...", "it is fair to say ...": the writer's own hedge (but
    "X was quick to point out that ..." is X's)."""
    head = verb.head
    adjective = head.pos_ == "ADJ" or any(c.dep_ == "acomp" for c in head.children)
    if not (
        verb.dep_ == "xcomp"
        and adjective
        and any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)
    ):
        return False
    subject = subject_of(verb)
    return subject is None or subject.dep_ == "expl" or subject.lower_ in {"it", "this", "that"}


def _clause_quote(
    verb: Token, ctx: SpeakerContext, direct: list[tuple[int, int]]
) -> list[Attribution]:
    if _addressed(verb) or verb.lower_ in _RAISING or _impersonal(verb):
        return []
    clauses = [c for c in verb.children if c.dep_ == "ccomp" and c.tag_ != "POS"]  # not "X’s"
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
    if not clauses or subject is None or nobody(subject):
        return []
    clause = clauses[0]
    if _relative(clause) or _own_report(clause, verb):
        return []
    tokens = [
        t
        for t in clause.subtree  # "that" opening the clause is no part of what was said
        if not (t.dep_ == "mark" and t.i == clause.left_edge.i and t.head.i == clause.i)
    ]
    last = content_end(verb, clause, ctx) if clause.i > verb.i else tokens[-1]
    start, end = trimmed(ctx.text, tokens[0].idx, last.idx + len(last.text))
    end = whole_quotation(ctx, start, end)
    shortest = _MIN_STANCE_CHARS if clause.dep_ == "xcomp" else _MIN_CLAUSE_CHARS
    if (
        end - start < shortest
        or crosses(start, end, direct, ctx.text)
        or start <= subject.idx < end
    ):
        return []
    speaker = resolve_token(subject, ctx)
    return [make_attribution(ctx.text, start, end, "indirect", verb.text, speaker)]


_MIN_CLAUSE_CHARS = 12  # a clause reported must say something
_MIN_STANCE_CHARS = 6  # "declined to comment", "vowed to win": a stance in a few words


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


def _before_aside(obj: Token) -> Token:
    """The last word of an object before a relative clause set off by a comma: in "X
    endorsed Y, who says he is honored", what Y says is Y's, not part of X's stance."""
    doc = obj.doc
    for child in obj.children:
        first = child.left_edge
        if (
            child.dep_ == "relcl"
            and first.i >= 2
            and first.tag_ in ("WP", "WDT", "WP$")
            and doc[first.i - 1].text == ","
        ):
            return doc[first.i - 2]
    return obj.right_edge


def _object_quote(
    verb: Token, subject: Token | None, ctx: SpeakerContext, direct: list[tuple[int, int]]
) -> list[Attribution]:
    """A cue verb whose direct object is what it attributes: "X criticized the plan",
    "X described the plan as a mistake" (the verbs learned from PolNeAR train), or any
    cue verb naming its object: "X called the plan “a disgrace”"."""
    objects = [c for c in verb.children if c.dep_ == "dobj"]
    if not objects or subject is None or nobody(subject) or _reason_aside(verb):
        return []
    obj = objects[0]
    last = _before_aside(obj)
    tail = False
    for child in verb.rights:
        if child.i <= last.i:
            continue
        if child.dep_ == "oprd" or (child.dep_ == "prep" and child.lower_ in OBJECT_TAIL):
            last, tail = child.right_edge, True
        elif child.dep_ == "prep":
            if frames_the_act(child):
                break
            last = child.right_edge  # "praised his finish in the caucus": the content runs on
    first = obj.left_edge
    if ctx.in_quote(last.idx) and _quoted_label(verb, obj, ctx):
        return []  # "rejected the plan as “detached from reality”": the quotation says it
    if not tail and last.i - first.i + 1 < _MIN_OBJECT_WORDS:
        return []  # "blasted council bosses": a target, not something said
    start, end = trimmed(ctx.text, first.idx, last.idx + len(last.text))
    end = whole_quotation(ctx, start, end)
    if (
        end - start < _MIN_STANCE_CHARS
        or crosses(start, end, direct, ctx.text)
        or start <= subject.idx < end
    ):
        return []
    speaker = resolve_token(subject, ctx)
    if speaker.mention is None:  # "the move angered many": a named source only
        return []
    return [make_attribution(ctx.text, start, end, "indirect", verb.text, speaker)]


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
    if subject is None or nobody(subject):
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
                    if frames_the_act(later):
                        break
                    last = later.right_edge
        elif prep.dep_ == "advcl" and (mark := opening_mark(prep)) and mark.lower_ in preps:
            first, last = prep.doc[mark.i + 1], prep.right_edge  # "called for X to do Y"
        else:
            continue
        start, end = trimmed(ctx.text, first.idx, last.idx + len(last.text))
        end = whole_quotation(ctx, start, end)
        if end - start < 3 or crosses(start, end, direct, ctx.text) or start <= subject.idx < end:
            return []
        speaker = resolve_token(subject, ctx)
        if speaker.mention is None:
            return []
        return [make_attribution(ctx.text, start, end, "indirect", verb.text, speaker)]
    return []


_WITHHOLD = frozenset(
    {"decline", "declined", "declines", "declining", "refuse", "refused", "refuses", "refusing"}
)


def _reports_nothing(verb: Token) -> bool:
    """What the rules know reports nothing whatever the verb: a question put to the
    subject, a raising verb, the writer's hedge, a participle giving a reason, a passive
    with no agent, a relative clause parsed as a complement."""
    return (
        _addressed(verb)
        or verb.lower_ in _RAISING
        or _impersonal(verb)
        or _reason_aside(verb)
        or _passive_without_agent(verb)
        or any(c.dep_ == "ccomp" and _relative(c) for c in verb.children)
    )


def _withheld(verb: Token) -> bool:
    """ "X declined to comment on the reports", "X did not speak about it": nothing said."""
    if any(c.dep_ == "neg" for c in verb.children):
        return True
    return verb.dep_ == "xcomp" and verb.head.lower_ in _WITHHOLD


def _parenthetical(verb: Token, ctx: SpeakerContext) -> list[Attribution]:
    """ "The harbour, Roe said, will reopen in May": the sentence around a speech verb
    set off by commas is what was said."""
    subject = subject_of(verb)
    if subject is None or nobody(subject) or subject.head != verb or not (
        verb.dep_ == "parataxis" or _closing_conj(verb, ctx)
    ):
        return []
    own = ("ccomp", "xcomp") if verb.lower_ in ADDRESSEE else ("ccomp", "xcomp", "dobj")
    if any(c.dep_ in own for c in verb.children):  # "told X" names whom it was told
        return []  # "note well: the letter said that ...": the verb says its own content
    aside = {t.i for t in verb.subtree}
    rest = [t for t in ctx.sent_of(verb) if t.i not in aside and not t.is_space and not t.is_punct]
    if not rest or _beside_quotation(rest, aside, ctx):
        return []  # '“This plan,” she said, “is new.”' is a quotation, read as such
    start, end = trimmed(ctx.text, rest[0].idx, rest[-1].idx + len(rest[-1].text))
    if end - start < 12:
        return []
    speaker = resolve_token(subject, ctx)
    return [make_attribution(ctx.text, start, end, "indirect", verb.text, speaker)]


def _beside_quotation(rest: list[Token], aside: set[int], ctx: SpeakerContext) -> bool:
    """The words right before or after the aside are quoted (a quotation the aside
    interrupts), or the sentence opens with a quotation."""
    first, last = min(aside), max(aside)
    before = [t for t in rest if t.i < first]
    after = [t for t in rest if t.i > last]
    return any(
        ctx.in_quote(t.idx) for t in (before[-1:] + after[:1] + rest[:1])
    )


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
    start, end = trimmed(ctx.text, rest[0].idx, rest[-1].idx + len(rest[-1].text))
    if min(phrase) > rest[0].i:  # "..., according to X." : the clause before it
        last = max(t.idx + len(t.text) for t in rest if t.i < min(phrase))
        start, end = trimmed(ctx.text, rest[0].idx, last)
    if end - start < 12 or (overlaps(start, end, direct) and not relayed):
        return []
    if relayed and start > 0 and ctx.text[start - 1] in "“\"‘":  # the quotation whole
        start -= 1
    speaker = resolve_token(obj, ctx)
    return [make_attribution(ctx.text, start, end, "indirect", "according to", speaker)]
