"""The headline's entity mentions, linked to the identities of the article body.

Cleaning moves the headline into ``Document.title``; its names are found with the
same recogniser and rules as the body's and joined with the body's mentions, as if
the headline were the text's first line: a name the recogniser found on one side is
looked for on the other (a title-case headline gives the recogniser no capitals to go
by), a one-word name that repeats a person's name part is that person ("Hugh
Jackman" in the headline, "Jackman" tagged a place in the body), and a full name in
the headline names the entity the body calls by surname. A headline mention keeps
offsets into the title. A name only the headline gives is an entity of the article
(with no mention in the text) when the headline is written in sentence case; in a
title-case headline ("Mayor Ann Roe Opens New Bridge") capitals cannot tell a name's
edges, so only names the body also gives are kept there.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import replace

from narrascope.extract.canonical import document_entities
from narrascope.extract.entities import headline_at, propagate, relabel
from narrascope.models import Entity, Mention

GAP = 2  # one side's offsets are placed this far past the end of the other while linking


def _shifted(mentions: Iterable[Mention], by: int) -> list[Mention]:
    return [replace(m, start=m.start + by, end=m.end + by) for m in mentions]


def link_with_headline(
    doc_id: str, body: Sequence[Mention], headline: Sequence[Mention], text: str, title: str
) -> tuple[list[Entity], list[Mention], list[Mention]]:
    """Entities of the body and headline mentions together.

    Returns the entities (body mentions only, names chosen from both), the body
    mentions with entity ids (``body`` and the names the headline's recogniser found
    again in the text) and the headline mentions that joined a body entity (offsets
    into ``title``).
    """
    if not title.strip():
        entities, linked = document_entities(doc_id, body)
        return entities, linked, []
    past_text, past_title = len(text) + GAP, len(title) + GAP
    body = [*body, *propagate(text, [*body, *_shifted(headline, past_text)])]
    body.sort(key=lambda m: (m.start, m.end))
    again = propagate(title, _shifted(body, past_title))  # the body's names, in the headline
    title_case = headline_at(title, 0)
    if title_case:  # one capitalised word there may be any word: only a name the body gives
        given = {m.text for m in body} | {m.text.split()[-1] for m in body if m.label == "PERSON"}
        headline = [m for m in headline if " " in m.text.strip() or m.text in given]
    headline = [
        *again,
        *(m for m in headline if not any(a.start < m.end and m.start < a.end for a in again)),
    ]
    both = relabel([*body, *_shifted(headline, past_text)])
    entities, linked = document_entities(doc_id, both)
    named = {m.entity_id for m in linked[: len(body)]}
    if not title_case:  # a sentence-case headline: its own names count too
        named |= {m.entity_id for m in linked[len(body) :]}
    title_mentions = sorted(
        (m for m in _shifted(linked[len(body) :], -past_text) if m.entity_id in named),
        key=lambda m: (m.start, m.end),
    )
    kept = [
        replace(e, mentions=tuple(m for m in e.mentions if m.start < past_text))
        for e in entities
        if e.id in named
    ]
    return kept, linked[: len(body)], title_mentions
