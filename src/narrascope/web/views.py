"""What the pages, the API and the reports show, assembled from the store.

The functions here read the store only (bounded, SQL aggregates where the
corpus is large) and return plain dataclasses; rendering is elsewhere.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Any

from narrascope.models import Contradiction, Document, Entity, Quote, Story
from narrascope.store import DocumentFilter, Store
from narrascope.store import aggregates as agg
from narrascope.stories.keys import outlet_of

MAX_STORY_DOCS = 200
MAX_ENTITY_DOCS = 200


@dataclass
class Overview:
    """Corpus overview: counts, narratives by outlet, most-quoted people, stories."""

    counts: dict[str, int]
    outlets: list[tuple[str, int]]
    narratives: list[tuple[str, str, int]]  # outlet, coarse label, documents
    speakers: list[tuple[str, str | None, int]]
    stories: list[Story]
    latest: list[Document]


def overview(store: Store, *, n_stories: int = 10, n_latest: int = 10) -> Overview:
    """The corpus overview (aggregated in SQL; bounded lists)."""
    counts = {
        "documents": store.count_documents(),
        "entities": agg.count_entities(store),
        "stories": agg.count_stories(store),
        "contradictions": agg.count_contradictions(store),
    }
    outlets = agg.outlet_counts(store, limit=200)
    counts["outlets"] = len(outlets)
    return Overview(
        counts=counts,
        outlets=outlets,
        narratives=agg.narratives_by_outlet(store, "coarse"),
        speakers=agg.top_speakers(store, limit=10),
        stories=latest_stories(store, n_stories),
        latest=agg.latest_documents(store, limit=n_latest),
    )


def latest_stories(store: Store, n: int) -> list[Story]:
    """The ``n`` stories with the most recent dates (among the 500 largest)."""
    stories = store.list_stories(limit=500)
    stories.sort(key=lambda s: (max(s.dates) if s.dates else "", len(s.documents)), reverse=True)
    return stories[:n]


def narrative_matrix(rows: list[tuple[str, str, int]], top: int = 8) -> dict[str, dict[str, int]]:
    """``outlet -> label -> documents`` keeping the ``top`` labels, the rest as "Other"."""
    totals: Counter[str] = Counter()
    for _, label, n in rows:
        totals[label] += n
    keep = {label for label, _ in totals.most_common(top)}
    table: defaultdict[str, Counter[str]] = defaultdict(Counter)
    for outlet, label, n in rows:
        table[outlet or "(unknown outlet)"][label if label in keep else "Other"] += n
    return {outlet: dict(counts) for outlet, counts in table.items()}


# stories ------------------------------------------------------------------------------


@dataclass
class StoryView:
    """A story with its documents, comparison of outlets and contradictions."""

    story: Story
    docs: list[Document]
    truncated: bool
    comparison: Any  # narrascope.stories.StoryComparison, when available
    contradictions: list[Contradiction]
    titles: dict[str, Document] = field(default_factory=dict)

    @property
    def by_outlet(self) -> dict[str, list[Document]]:
        """Documents grouped by outlet, outlets in name order."""
        table: defaultdict[str, list[Document]] = defaultdict(list)
        for doc in self.docs:
            table[outlet_of(doc)].append(doc)
        return dict(sorted(table.items()))


def story_view(store: Store, story_id: str) -> StoryView:
    """A story with up to :data:`MAX_STORY_DOCS` documents and their comparison."""
    story = store.get_story(story_id)
    ids = list(story.documents[:MAX_STORY_DOCS])
    docs = [store.get_document(doc_id) for doc_id in ids if store.has_document(doc_id)]
    contradictions = store.list_contradictions(story_id=story_id, limit=200)
    return StoryView(
        story=story,
        docs=docs,
        truncated=len(story.documents) > MAX_STORY_DOCS,
        comparison=compare(story, docs),
        contradictions=contradictions,
        titles={doc.id: doc for doc in docs} | _contradiction_docs(store, contradictions, docs),
    )


def _contradiction_docs(
    store: Store, items: list[Contradiction], docs: list[Document]
) -> dict[str, Document]:
    known = {doc.id for doc in docs}
    wanted = {c.doc_a for c in items} | {c.doc_b for c in items}
    return {i: store.get_document(i) for i in wanted - known if store.has_document(i)}


def compare(story: Story, docs: list[Document]) -> Any:
    """``narrascope.stories.compare_story`` when that stage is installed, else ``None``."""
    try:
        from narrascope.stories import compare_story
    except ImportError:
        return None
    return compare_story(story, docs)


def quote_matrix(docs: list[Document]) -> dict[str, dict[str, list[tuple[Document, Quote]]]]:
    """``speaker -> outlet -> [(document, quote)]`` for the documents of a story."""
    table: defaultdict[str, defaultdict[str, list[tuple[Document, Quote]]]] = defaultdict(
        lambda: defaultdict(list)
    )
    for doc in docs:
        for quote in doc.quotes:
            who = quote.speaker_label
            table[who][outlet_of(doc)].append((doc, quote))
    ranked = sorted(table.items(), key=lambda kv: (-sum(map(len, kv[1].values())), kv[0]))
    return {who: dict(cols) for who, cols in ranked}


# entities ------------------------------------------------------------------------------


@dataclass
class EntityView:
    """An entity with its roles by outlet and the quotes by and about it."""

    entity: Entity
    roles: dict[str, Counter[str]]  # outlet -> main role -> count
    quotes_by: list[tuple[Document, Quote]]
    quotes_about: list[tuple[Document, Quote]]
    documents: list[Document]
    n_documents: int


def entity_view(store: Store, entity_id: str) -> EntityView:
    """An entity and what the documents that mention it say (up to 200 documents)."""
    entity = store.get_entity(entity_id)
    flt = DocumentFilter(entity=entity_id)
    docs = list(_take(store.iter_documents(flt, batch_size=100), MAX_ENTITY_DOCS))
    names = {entity.name, *entity.aliases}
    roles: defaultdict[str, Counter[str]] = defaultdict(Counter)
    by: list[tuple[Document, Quote]] = []
    about: list[tuple[Document, Quote]] = []
    for doc in docs:
        outlet = outlet_of(doc)
        for role in doc.roles:
            if role.entity_id == entity_id or role.entity in names:
                roles[outlet][role.main_role] += 1
        spans = _mention_spans(doc, entity_id)
        for q in doc.quotes:
            if q.speaker_entity_id == entity_id or q.speaker_name == entity.name:
                by.append((doc, q))
            elif any(q.start <= s and e <= q.end for s, e in spans):
                about.append((doc, q))
    return EntityView(entity, dict(roles), by, about, docs[:50], store.count_documents(flt))


def _mention_spans(doc: Document, entity_id: str) -> list[tuple[int, int]]:
    return [
        (m.start, m.end)
        for ent in doc.entities
        for m in ent.mentions
        if ent.id == entity_id or m.entity_id == entity_id
    ]


def _take(items: Any, n: int) -> Any:
    for i, item in enumerate(items):
        if i >= n:
            return
        yield item
