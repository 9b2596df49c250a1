"""Names one story's articles share: found by the recogniser in one article, looked for
in the others, where a short model misses them in a headline or an odd sentence.

A name qualifies when it is capitalised and the recogniser found it in one article of
the story, or, for a one-word name, in ``MIN_DOCUMENTS`` (one sighting of a single word
may be a recogniser error); so does the surname of the one person of that surname. It
is looked for as written, whole words only, not inside a longer capitalised name
(except on a title-case headline line), and never over a mention already there. A
found name joins the article's entity that already holds that name, or makes a new one.
Then one name has one type in the story (:func:`vote_types`).
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import replace

from narrascope.extract import names
from narrascope.extract.canonical import document_entities
from narrascope.extract.entities import headline_at, inside_name
from narrascope.models import Document, Entity, Mention

MIN_DOCUMENTS = 2
_KINDS = frozenset({"PERSON", "ORG", "FAC", "GPE", "LOC", "PRODUCT", "WORK_OF_ART", "EVENT"})


def story_names(docs: Sequence[Document]) -> dict[str, str]:
    """Name -> its most frequent label, for the names the story's articles share."""
    seen: dict[str, set[int]] = defaultdict(set)
    labels: dict[str, Counter[str]] = defaultdict(Counter)
    for i, doc in enumerate(docs):
        for entity in doc.entities:
            for m in entity.mentions:
                if m.label in _KINDS and _qualifies(m.text):
                    seen[m.text].add(i)
                    labels[m.text][m.label] += 1
    shared = {
        name: labels[name].most_common(1)[0][0]
        for name, where in seen.items()
        if len(where) >= (MIN_DOCUMENTS if len(names.words(name)) == 1 else 1)
    }
    return shared | _surnames(shared)


def _surnames(shared: dict[str, str]) -> dict[str, str]:
    """The surname of each person with a full name, when no other full name shares it."""
    people: dict[str, set[str]] = defaultdict(set)
    for name, label in shared.items():
        toks = names.words(name)
        if label == "PERSON" and len(toks) >= 2 and len(toks[-1]) >= 4:
            people[toks[-1]].add(toks[0])
    return {s: "PERSON" for s, firsts in people.items() if len(firsts) == 1 and s not in shared}


def _qualifies(text: str) -> bool:
    toks = names.words(text)
    return (
        len(toks) >= 1
        and len(text) >= 4
        and not names.is_acronym(text)
        and all(t[:1].isupper() or t.lower() in names.PARTICLES or t[:1].isdigit() for t in toks)
        and "\n" not in text
    )


def share_story_names(docs: Sequence[Document]) -> None:
    """Before linking one story's articles: the names one article's recogniser found
    added where another's missed them, then one type per name (:func:`vote_types`)."""
    add_story_names(docs)
    vote_types(docs)


def add_story_names(docs: Sequence[Document]) -> int:
    """Add the shared names each article's recogniser missed; the count added."""
    shared = story_names(docs)
    if not shared:
        return 0
    pattern = re.compile(
        r"(?<![\w-])(?:"
        + "|".join(re.escape(n) for n in sorted(shared, key=len, reverse=True))
        + r")(?![\w-])"
    )
    added = 0
    for doc in docs:
        found = _missed(doc, pattern, shared)
        if found:
            doc.entities = _with_mentions(doc, found)
            added += len(found)
    return added


def _missed(doc: Document, pattern: re.Pattern[str], shared: dict[str, str]) -> list[Mention]:
    taken = [(m.start, m.end) for e in doc.entities for m in e.mentions]
    out: list[Mention] = []
    for match in pattern.finditer(doc.text):
        start, end = match.span()
        if any(s < end and start < e for s, e in taken):
            continue
        if not headline_at(doc.text, start) and inside_name(doc.text, start, end):
            continue
        out.append(Mention(match.group(), start, end, shared[match.group()]))
        taken.append((start, end))
    return out


def _with_mentions(doc: Document, found: list[Mention]) -> list[Entity]:
    """The article's entities with ``found`` added: to the entity holding the same
    name, else as new entities (existing ids are kept, so quotes stay linked)."""
    by_alias = {(a, e.type): e.id for e in doc.entities for a in e.aliases}
    extra: dict[str, list[Mention]] = defaultdict(list)
    fresh: list[Mention] = []
    for m in found:
        owner = by_alias.get((m.text, m.label))
        if owner is None:
            fresh.append(m)
        else:
            extra[owner].append(replace(m, entity_id=owner))
    entities = [
        replace(e, mentions=tuple(sorted(e.mentions + tuple(extra[e.id]), key=_span)))
        if e.id in extra
        else e
        for e in doc.entities
    ]
    known = {e.id for e in entities}
    new, _ = document_entities(doc.id, fresh)
    for entity in new:
        if entity.id in known:  # same label and name as one already there
            entities = [
                replace(e, mentions=tuple(sorted(e.mentions + entity.mentions, key=_span)))
                if e.id == entity.id
                else e
                for e in entities
            ]
        else:
            entities.append(entity)
    return sorted(entities, key=lambda e: min((m.start for m in e.mentions), default=0))


TYPE_MARGIN = 1.5  # a story's label for a name outvotes an article's by this factor


def vote_types(docs: Sequence[Document]) -> int:
    """One name, one type within a story: an article's entity whose names the story's
    other mentions label otherwise, ``TYPE_MARGIN`` times as often, takes that label
    (the short recogniser calls a team a person in one article, an organisation in
    the next). Returns the number of entities retyped."""
    votes: dict[str, Counter[str]] = defaultdict(Counter)
    for doc in docs:
        for e in doc.entities:
            for m in e.mentions:
                votes[m.text][m.label] += 1
    changed = 0
    for doc in docs:
        out = []
        for e in doc.entities:
            tally: Counter[str] = Counter()
            for m in e.mentions:
                tally.update(votes[m.text])
            own = Counter(m.label for m in e.mentions)
            tally.subtract(own)  # the story's other mentions only
            best, n = max(tally.items(), key=lambda kv: kv[1], default=(e.type, 0))
            if (
                best != e.type
                and n >= TYPE_MARGIN * max(tally[e.type], 1)
                and n > sum(own.values())
            ):
                mentions = tuple(replace(m, label=best) for m in e.mentions)
                e = replace(e, type=best, mentions=mentions)
                changed += 1
            out.append(e)
        doc.entities = out
    return changed


def _span(m: Mention) -> tuple[int, int]:
    return (m.start, m.end)
