"""Claims: the factual statements of an article, normalised for matching across outlets.

Claims are read from the extraction stage's spaCy parse (``Document.claims``,
entity slots as placeholders resolved after corpus linking); every predicate (root, conjoined,
complement or adverbial verb) gives claims whose ``key`` is built from lemmas,
canonical entity keys (``Document.entities`` mentions) and value slots:

* ``fact|SUBJECT|PREDICATE|THEME``: who did what (value ``None``);
* ``date|SUBJECT|PREDICATE|THEME``: when (value: ISO date from ``Document.events``);
* ``count|SUBJECT|PREDICATE|UNIT``: how many (value ``"40"``, ``"~40"`` if approximate);
* ``occur|EVENT_CLASS|QUALIFIER``: an event of a class (meeting, attack...) happened (value: date);
* ``none|EVENT_CLASS``: no such event since a date, or the *last* one was then (value: date);
* ``title|PERSON``: the title an article gives a person (value: normalised title);
* ``status|PERSON``: in office or former (value ``former:OFFICE``, ``current:OFFICE|*``);
* ``quote|SPEAKER``: an attributed statement (value: its first words, normalised).

Predicates are verb lemmas with synonyms folded ("dispatched" -> send, "took place"
-> occur) and ``not `` in front when negated, so that "Moscow sent twelve negotiators"
and "Russia dispatched 12 negotiators" share a key once the entities are linked.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import replace
from typing import Any

from narrascope.models import Claim, Document, Event, Span
from narrascope.stories.keys import normalise_name
from narrascope.stories.lexicon import (
    EVENT_CLASS_OF,
    EVENT_VERB_CLASS,
    NON_FACTUAL,
    ORDINAL_WORDS,
    VERB_SYNONYMS,
)
from narrascope.stories.numbers import format_value, parse_number, qualifier
from narrascope.stories.parsing import (
    ParsedDoc,
    lemma,
    make_claim,
    parse,
    parsed_doc,
    slot_resolver,
)
from narrascope.stories.status import status_claims
from narrascope.stories.titles import title_claims

PREDICATE_DEPS = frozenset({"ROOT", "conj", "ccomp", "advcl", "relcl"})
NUMBER_LABELS = frozenset({"CARDINAL", "QUANTITY", "MONEY", "PERCENT"})
NUMBER_LIKE = NUMBER_LABELS | {"ORDINAL", "DATE", "TIME"}
CLAIM_LANGUAGES = frozenset({"en"})


def extract_claims(doc: Document, nlp: Any = None) -> list[Claim]:
    """The normalised claims of one document (English text; others give ``[]``).

    Uses the claims the extraction stage stored in ``doc.claims`` (entity slots
    resolved against the document's current, possibly corpus-linked, entities);
    a document without them is parsed here.
    """
    if not _claims_language(doc):
        return []
    frames = doc.claims if doc.claims else parsed_claims(parse(doc, nlp))
    resolve = slot_resolver(doc)
    claims = [
        replace(c, key=_sorted_parts(resolve(c.key)), subject=_resolve_subject(c, resolve))
        for c in frames
    ]
    claims.extend(quote_claims(doc))
    unique = {c.id: c for c in claims}
    return list(unique.values())


def claims_from_parse(doc: Document, parsed: Any) -> list[Claim]:
    """Claims read from spaCy's parse of ``doc.text``, entity slots left as placeholders.

    Called by the extraction stage, so a document is parsed once; the result is
    stored in ``Document.claims`` and resolved by :func:`extract_claims`.
    """
    if not _claims_language(doc):
        return []
    return parsed_claims(parsed_doc(doc, parsed))


def parsed_claims(ctx: ParsedDoc) -> list[Claim]:
    """Sentence and title claims of a parsed document (unresolved entity slots)."""
    claims: list[Claim] = []
    for sent in ctx.parsed.sents:
        claims.extend(_sentence_claims(ctx, sent))
    claims.extend(title_claims(ctx))
    claims.extend(status_claims(ctx))
    return list({c.id: c for c in claims}.values())


def _resolve_subject(claim: Claim, resolve: Callable[[str], str]) -> str | None:
    return _sorted_parts(resolve(claim.subject)) if claim.subject else None


def _sorted_parts(key: str) -> str:
    """Coordinated keys ("a+b") in sorted order, as resolution may have changed it."""
    if "+" not in key:
        return key
    return "|".join(
        "+".join(sorted(set(part.split("+")))) if "+" in part else part for part in key.split("|")
    )


def _claims_language(doc: Document) -> bool:
    return doc.language is None or doc.language in CLAIM_LANGUAGES


def _sentence_claims(ctx: ParsedDoc, sent: Any) -> Iterator[Claim]:
    if _question(sent.text):  # "And why did the agency grant immunity?" asserts nothing
        return
    dates = _attach_dates(ctx, sent)
    numbers = _attach_numbers(ctx, sent)
    span = ctx.span(sent.start_char, sent.end_char)
    event_nouns = _event_nouns(sent)
    for pred in sent:
        if pred.pos_ not in ("VERB", "AUX") or pred.dep_ not in PREDICATE_DEPS:
            continue
        yield from _predicate_claims(
            ctx, pred, span, dates.get(pred.i, []), numbers.get(pred.i, []), event_nouns
        )


def _question(text: str) -> bool:
    """A sentence asking, not stating: it ends with a question mark (before any closing
    quotation marks or brackets)."""
    return text.rstrip().rstrip("”’\"')]").endswith("?")


def _predicate_claims(
    ctx: ParsedDoc,
    pred: Any,
    span: Span,
    dates: list[tuple[Event, bool]],
    numbers: list[tuple[str, str]],
    event_nouns: dict[int, Any],
) -> Iterator[Claim]:
    doc = ctx.doc
    subject, theme = _arguments(ctx, pred)
    name = _predicate_name(pred)
    factual = _factual(pred)
    if not factual:
        name = f"may {name}"
    if subject or theme:
        yield make_claim(doc, f"fact|{subject or '_'}|{name}|{theme or '_'}", span, None, subject)
    if not factual:
        return
    negated = name.startswith("not ")
    event_class, qualifier = _event_class(pred, event_nouns)
    if negated and event_class and not any(since for _, since in dates):
        anchor = _bare_since_anchor(ctx, pred, span)
        if anchor is not None:
            yield make_claim(doc, f"none|{event_class}", span, anchor, subject)
    for event, since in dates:
        if since and negated and event_class:
            yield make_claim(doc, f"none|{event_class}", span, event.value, subject)
        elif not since:
            key = f"date|{subject or '_'}|{name}|{theme or '_'}"
            yield make_claim(doc, key, span, event.value, subject)
            if event_class and not negated:
                yield make_claim(
                    doc, f"occur|{event_class}|{qualifier}", span, event.value, subject
                )
                if qualifier in ("last", "latest"):
                    yield make_claim(doc, f"none|{event_class}", span, event.value, subject)
    for unit, value in numbers:
        yield make_claim(doc, f"count|{subject or '_'}|{name}|{unit}", span, value, subject)


def _attach_dates(ctx: ParsedDoc, sent: Any) -> dict[int, list[tuple[Event, bool]]]:
    """Events dated in a sentence, by the verb that governs their date (and whether 'since')."""
    attached: dict[int, list[tuple[Event, bool]]] = {}
    for event in ctx.doc.events:
        if not sent.start_char <= event.date_start < sent.end_char:
            continue
        token = ctx.parsed.char_span(event.date_start, event.date_end, alignment_mode="expand")
        if token is None:
            continue
        root = token.root
        since = any(t.lower_ == "since" for t in [root, *root.ancestors][:3])
        attached.setdefault(_governing_verb(root).i, []).append((event, since))
    return attached


def _bare_since_anchor(ctx: ParsedDoc, pred: Any, span: Span) -> str | None:
    """For "none has taken place since." with no date: the latest date of the sentence."""
    if not any(c.lower_ == "since" and not list(c.children) for c in pred.children):
        return None
    values = [
        e.value
        for e in ctx.doc.events
        if span.start <= e.date_start < span.end and e.precision in ("day", "time", "month")
    ]
    return max(values) if values else None


def _attach_numbers(ctx: ParsedDoc, sent: Any) -> dict[int, list[tuple[str, str]]]:
    """Numbers in a sentence as ``(unit, value)`` by governing verb (dates excluded)."""
    attached: dict[int, list[tuple[str, str]]] = {}
    for ent in ctx.ents_in(sent):
        if ent.label_ not in NUMBER_LABELS or _inside_event(ctx, ent.start_char, ent.end_char):
            continue
        language = ctx.doc.language
        value = parse_number(ent.text, language)
        if value is None:
            continue
        words = [t.text for t in ent if parse_number(t.text, language) is None]
        words += [t.text for t in ent.doc[max(ent.start - 2, sent.start) : ent.start]]
        unit = _unit(ent)
        formatted = format_value(value, qualifier(words))
        attached.setdefault(_governing_verb(ent.root).i, []).append((unit, formatted))
    return attached


def _inside_event(ctx: ParsedDoc, start: int, end: int) -> bool:
    return any(e.date_start < end and start < e.date_end for e in ctx.doc.events)


def _unit(ent: Any) -> str:
    if ent.label_ == "PERCENT":
        return "percent"
    if ent.label_ == "MONEY":
        return "money"
    # "More than 300,000 students", "only one person": the qualifier's words are no unit
    words = [
        t for t in ent
        if t.is_alpha and parse_number(t.text) is None and t.pos_ in ("NOUN", "PROPN")
    ]  # fmt: skip
    if words:
        return lemma(words[-1])
    head = ent.root.head
    return lemma(head) if head.pos_ in ("NOUN", "PROPN") else "count"


def _governing_verb(token: Any) -> Any:
    node = token
    for _ in range(12):
        if node.pos_ in ("VERB", "AUX") and node.dep_ != "aux":
            return node
        if node.head.i == node.i:
            return node
        node = node.head
    return node


def _arguments(ctx: ParsedDoc, pred: Any) -> tuple[str | None, str | None]:
    """Normalised subject and theme of a predicate (passives turned active)."""
    subject = theme = None
    for child in pred.children:
        if child.dep_ in ("nsubj", "csubj") and subject is None:
            subject = _phrase_key(ctx, child)
        elif child.dep_ == "nsubjpass":
            theme = _phrase_key(ctx, child)
        elif child.dep_ == "agent":
            objs = [c for c in child.children if c.dep_ == "pobj"]
            subject = _phrase_key(ctx, objs[0]) if objs else subject
        elif child.dep_ in ("dobj", "attr", "oprd", "dative") and theme is None:
            theme = None if _is_take_place(pred, child) else _phrase_key(ctx, child)
    if subject is None and pred.dep_ == "conj" and pred.head.pos_ in ("VERB", "AUX"):
        subject = _arguments(ctx, pred.head)[0]
    if theme is None:
        theme = _prepositional_theme(ctx, pred)
    return subject, theme


def _is_take_place(pred: Any, obj: Any) -> bool:
    return lemma(pred) == "take" and lemma(obj) == "place"


def _prepositional_theme(ctx: ParsedDoc, pred: Any) -> str | None:
    for prep in pred.children:
        if prep.dep_ != "prep" or prep.lower_ in ("since", "on", "at", "during", "until", "after"):
            continue
        for obj in prep.children:
            if obj.dep_ == "pobj" and obj.ent_type_ not in ("DATE", "TIME", "CARDINAL"):
                return _phrase_key(ctx, obj)
    return None


def _phrase_key(ctx: ParsedDoc, head: Any) -> str | None:
    """Entity key or lemma of a noun phrase (coordinated heads joined by '+')."""
    if head.pos_ == "PRON":
        return None
    heads = [head, *[c for c in head.children if c.dep_ == "conj"]]
    keys = sorted({k for k in (_single_key(ctx, h) for h in heads) if k})
    return "+".join(keys) or None


def _single_key(ctx: ParsedDoc, token: Any) -> str | None:
    key = ctx.entity_at(token.idx, token.idx + len(token.text))
    if key:
        return key
    if token.pos_ == "PRON":
        return None
    if token.pos_ == "PROPN" or (token.ent_type_ and token.ent_type_ not in NUMBER_LIKE):
        return f"name:{normalise_name(token.text)}"  # "46 percent" is no name
    word = lemma(token)
    if word in _MEASURE_NOUNS:  # "the number of unemployed Xs": what is counted
        counted = [o for p in token.children if p.lower_ == "of" for o in p.children
                   if o.dep_ == "pobj"]  # fmt: skip
        if counted:
            inner = _single_key(ctx, counted[0])
            return f"{word} of {inner}" if inner else word
    kinds = [_restricting(c) for c in token.children if c.i < token.i]
    word = EVENT_CLASS_OF.get(word, word)
    return " ".join([*(k for k in kinds if k), word])


# nouns that measure something else: the key is what they measure
_MEASURE_NOUNS = frozenset(
    {"number", "share", "rate", "percentage", "percent", "proportion", "amount", "level",
     "total", "count", "tally"}
)  # fmt: skip


def _restricting(modifier: Any) -> str | None:
    """A modifier that says which ones ("Hispanic employment", "native-born workers",
    "total employment", "state debt"): a noun, a name or a hyphenated or capitalised
    adjective; not a judgement ("whopping", "new")."""
    if modifier.dep_ == "compound" and modifier.pos_ in ("NOUN", "PROPN"):
        return normalise_name(modifier.text)
    if modifier.dep_ != "amod":
        return None
    whole = modifier.doc[modifier.left_edge.i : modifier.i + 1].text  # "native-born"
    if (
        whole[:1].isupper() or "-" in whole or modifier.ent_type_
        or modifier.lower_ in _SCOPE_ADJECTIVES
    ):  # fmt: skip
        return normalise_name(whole)
    return None


_SCOPE_ADJECTIVES = frozenset({"total", "overall", "net", "gross", "annual", "monthly"})


def _predicate_name(pred: Any) -> str:
    word = lemma(pred)
    children = list(pred.children)
    if word == "take" and any(lemma(c) == "place" for c in children):
        word = "occur"
    word = VERB_SYNONYMS.get(word, word)
    negated = any(c.dep_ == "neg" or c.lower_ in ("nor", "neither") for c in children) or any(
        lemma(d) in ("no", "none") and d.dep_ == "det"
        for c in children
        if c.dep_ in ("nsubj", "nsubjpass")
        for d in c.children
    )
    return f"not {word}" if negated else word


def _factual(pred: Any) -> bool:
    """False for plans, conditions, wishes and modal or future statements."""
    nodes = [pred, *list(pred.ancestors)[:2]]
    for node in nodes:
        if lemma(node) in NON_FACTUAL:
            return False
        if any(
            c.dep_ in ("aux", "mark", "acomp") and lemma(c) in NON_FACTUAL for c in node.children
        ):
            return False
    return True


def _event_class(pred: Any, event_nouns: dict[int, Any]) -> tuple[str | None, str]:
    """Event class named in a predicate's arguments, and its ordinal qualifier."""
    verb_class = EVENT_VERB_CLASS.get(lemma(pred))
    if verb_class:
        return verb_class, _ordinal(pred)
    noun = event_nouns.get(pred.i)
    if noun is not None:
        return EVENT_CLASS_OF[lemma(noun)], _ordinal(noun)
    return None, ""


def _event_nouns(sent: Any) -> dict[int, Any]:
    """The first event noun ("talks", "attack") governed by each verb of a sentence."""
    found: dict[int, Any] = {}
    for token in sent:
        if token.pos_ == "NOUN" and lemma(token) in EVENT_CLASS_OF:
            found.setdefault(_governing_verb(token).i, token)
    return found


def _ordinal(token: Any) -> str:
    """The ordinal qualifier ("first", "last") modifying a token, or ''."""
    for child in token.children:
        if child.dep_ in ("amod", "advmod") and lemma(child) in ORDINAL_WORDS:
            return lemma(child)
    return ""


def quote_claims(doc: Document) -> Iterator[Claim]:
    """Attributed statements "X said Y" from ``Document.quotes``."""
    for quote in doc.quotes:
        speaker = quote.speaker_entity_id or (
            f"name:{normalise_name(quote.speaker)}" if quote.speaker else None
        )
        if speaker is None or not quote.text.strip():
            continue
        value = " ".join(normalise_name(quote.text).split()[:8])
        span = Span(quote.start, quote.end, doc.text[quote.start : quote.end])
        yield make_claim(doc, f"quote|{speaker}", span, value, speaker)
