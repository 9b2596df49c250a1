"""Invented articles with hand-made findings for the API, web and report tests.

Outlets, people and events are invented; findings are placed by searching the
text, so offsets are always right. ``HOSTILE`` carries script payloads.
"""

from __future__ import annotations

from narrascope.models import (
    Boilerplate,
    Contradiction,
    Document,
    Entity,
    Event,
    Mention,
    NarrativeLabel,
    OffsetMap,
    Quote,
    RoleAssignment,
    Span,
    Story,
    Technique,
    Tone,
)
from narrascope.store import Store

CHROME = "Home | World | Subscribe now\nCookie settings\n"
NARR_A = "URW: Blaming the war on others rather than the invader"
NARR_B = "URW: Negative consequences for the West"
HOSTILE = (
    '<script>window.__pwned=1;document.title="pwned"</script><img src=x onerror="window.__pwned=2">'
)

ARTICLES = [
    (
        "d1",
        "Northern Ledger",
        "2024-05-14",
        "Valcourt says harbour talks will resume on Monday",
        "Foreign minister Irena Valcourt said on Tuesday that the harbour talks would resume on "
        'Monday. "We are ready to sign a fair accord," Valcourt told reporters in Lisvik. '
        "The delegation of Ostmark walked out in March 2024, blaming western advisers for the "
        "collapse. Twelve negotiators will attend.",
    ),
    (
        "d2",
        "Daily Meridian",
        "2024-05-15",
        "Ostmark rejects Valcourt's timetable",
        "Ostmark's envoy Tomas Brandt rejected the timetable on Wednesday. \"Nobody in Lisvik "
        'speaks for the harbour towns," Brandt said. According to Brandt, twenty negotiators '
        "will attend and the talks cannot resume before June 2024. Western sanctions are "
        "ruining the region, the envoy claimed.",
    ),
    (
        "d3",
        "Coastline Post",
        "2024-05-16",
        "Harbour towns fear another winter " + HOSTILE,
        "Residents of the harbour towns fear another winter without trade. Irena Valcourt "
        'promised aid on 16 May 2024. "Help is coming," she said. ' + HOSTILE + " Traders "
        "blame Tomas Brandt for the delay.",
    ),
]


def span(text: str, phrase: str, nth: int = 0) -> Span:
    """The ``nth`` occurrence of ``phrase`` in ``text`` as a span."""
    start = -1
    for _ in range(nth + 1):
        start = text.index(phrase, start + 1)
    return Span(start, start + len(phrase), phrase)


def at(text: str, phrase: str) -> tuple[int, int]:
    """``(start, end)`` of the first occurrence of ``phrase``."""
    s = span(text, phrase)
    return s.start, s.end


def _mentions(text: str, name: str, label: str, eid: str) -> list[Mention]:
    out, start = [], text.find(name)
    while start >= 0:
        out.append(Mention(name, start, start + len(name), label, eid))
        start = text.find(name, start + 1)
    return out


PEOPLE = [
    ("e-valcourt", "Irena Valcourt", ("Valcourt",)),
    ("e-brandt", "Tomas Brandt", ("Brandt",)),
]
PLACES = [("e-ostmark", "Ostmark", "GPE"), ("e-lisvik", "Lisvik", "GPE")]


def _entities(text: str) -> list[Entity]:
    ents = []
    for eid, name, aliases in PEOPLE:
        mentions = [m for alias in (name, *aliases) for m in _mentions(text, alias, "PERSON", eid)]
        seen = {(m.start, m.end) for m in mentions if m.text == name}
        mentions = [
            m for m in mentions if m.text == name or not any(s <= m.start < e for s, e in seen)
        ]
        if mentions:
            ents.append(Entity(eid, name, "PERSON", aliases, tuple(mentions)))
    for eid, name, label in PLACES:
        mentions = _mentions(text, name, label, eid)
        if mentions:
            ents.append(Entity(eid, name, label, (), tuple(mentions)))
    return ents


def _quote(text: str, said: str, speaker: str, who: tuple[str, str]) -> Quote:
    q = span(text, said)
    s = span(text, speaker)
    return Quote(q.text, q.start, q.end, "direct", "said", speaker, s.start, s.end, who[0], who[1])


def _event(text: str, phrase: str, value: str, precision: str) -> Event:
    d = span(text, phrase)
    sentence_start = text.rfind(". ", 0, d.start) + 2 if ". " in text[: d.start] else 0
    sentence_end = text.find(".", d.end) + 1 or len(text)
    sent = Span(sentence_start, sentence_end, text[sentence_start:sentence_end])
    return Event(d.text, d.start, d.end, value, precision, sent)  # type: ignore[arg-type]


def build_documents() -> list[Document]:
    """The three invented articles with findings."""
    docs = []
    for doc_id, outlet, published, title, text in ARTICLES:
        raw = CHROME + text
        doc = Document(
            id=doc_id,
            source=f"{doc_id}.txt",
            raw=raw,
            text=text,
            title=title,
            outlet=outlet,
            published=published,
            language="en",
            url=f"https://example.org/{doc_id}",
            boilerplate=[Boilerplate(CHROME, 0, len(CHROME), "navigation")],
            offsets=OffsetMap(((0, len(CHROME), len(text)),)),
        )
        doc.entities = _entities(text)
        doc.title_mentions = [m for e in _entities(title) for m in e.mentions]
        docs.append(doc)
    _findings_d1(docs[0])
    _findings_d2(docs[1])
    _findings_d3(docs[2])
    return docs


VAL = ("e-valcourt", "Irena Valcourt")
BRA = ("e-brandt", "Tomas Brandt")


def _findings_d1(doc: Document) -> None:
    t = doc.text
    doc.quotes = [_quote(t, '"We are ready to sign a fair accord,"', "Valcourt", VAL)]
    doc.events = [
        _event(t, "on Monday", "2024-05-20", "day"),
        _event(t, "in March 2024", "2024-03", "month"),
    ]
    ev = span(t, "blaming western advisers for the collapse")
    doc.narratives = [NarrativeLabel(NARR_A, "coarse", 0.81, (ev,), "Blames outsiders.")]
    doc.techniques = [
        Technique(
            "Appeal_to_Values",
            *at(t, "a fair accord"),
            "a fair accord",
            0.6,
            explanation="Appeals to fairness.",
        )
    ]
    doc.roles = [
        RoleAssignment(
            "Irena Valcourt",
            "Protagonist",
            ("Peacemaker",),
            0.7,
            "e-valcourt",
            *at(t, "Irena Valcourt"),
        )
    ]
    doc.tone = [Tone(0.3, "positive"), Tone(0.5, "positive", "e-valcourt")]
    doc.explanation = "The article presents the minister as ready for an accord."


def _findings_d2(doc: Document) -> None:
    t = doc.text
    doc.quotes = [_quote(t, '"Nobody in Lisvik speaks for the harbour towns,"', "Brandt", BRA)]
    doc.events = [_event(t, "June 2024", "2024-06", "month")]
    ev = span(t, "Western sanctions are ruining the region")
    doc.narratives = [NarrativeLabel(NARR_B, "coarse", 0.77, (ev,), "Sanctions hurt.")]
    doc.techniques = [Technique("Loaded_Language", *at(t, "ruining"), "ruining", 0.7)]
    doc.roles = [RoleAssignment("Tomas Brandt", "Protagonist", ("Guardian",), 0.6, "e-brandt")]
    doc.tone = [Tone(-0.4, "negative")]


def _findings_d3(doc: Document) -> None:
    t = doc.text
    doc.quotes = [_quote(t, '"Help is coming,"', "she", VAL)]
    doc.events = [_event(t, "16 May 2024", "2024-05-16", "day")]
    ev = span(t, "Traders blame Tomas Brandt for the delay")
    doc.narratives = [NarrativeLabel(NARR_A, "coarse", 0.55, (ev,), "Blame " + HOSTILE)]
    doc.techniques = [
        Technique("Name_Calling " + HOSTILE, *at(t, "blame"), "blame", 0.5, explanation=HOSTILE)
    ]
    doc.roles = [RoleAssignment("Tomas Brandt", "Antagonist", ("Saboteur",), 0.6, "e-brandt")]
    doc.tone = [Tone(-0.2, "negative")]


def corpus_entities(docs: list[Document]) -> list[Entity]:
    """Corpus-level identities: the document entities merged by id."""
    merged: dict[str, Entity] = {}
    for doc in docs:
        for ent in doc.entities:
            old = merged.get(ent.id)
            mentions = (old.mentions if old else ()) + ent.mentions
            documents = (old.documents if old else ()) + (doc.id,)
            merged[ent.id] = Entity(ent.id, ent.name, ent.type, ent.aliases, mentions, documents)
    return list(merged.values())


def fill(store: Store) -> list[Document]:
    """Store the invented corpus: documents, entities, one story, one contradiction."""
    docs = build_documents()
    store.add_documents(docs)
    store.save_entities(corpus_entities(docs))
    story = Story(
        "s1",
        "Harbour talks",
        tuple(d.id for d in docs),
        tuple(d.outlet or "" for d in docs),
        ("e-valcourt", "e-brandt"),
        ("2024-05-14", "2024-05-16"),
    )
    store.save_stories([story])
    a, b = docs[0].text, docs[1].text
    store.save_contradictions(
        [
            Contradiction(
                "c1",
                "number",
                "12 vs 20 negotiators",
                0.9,
                "d1",
                span(a, "Twelve negotiators will attend"),
                "d2",
                span(b, "twenty negotiators will attend"),
                "s1",
            )
        ]
    )
    return docs
