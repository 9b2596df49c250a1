"""The one call the analysis runs at the end: duplicates, stories, contradictions."""

from __future__ import annotations

from narrascope.models import Claim, Contradiction, Document, Story
from narrascope.store.base import Store
from narrascope.stories.claims import extract_claims
from narrascope.stories.cluster import StoryIndex, cluster_stories
from narrascope.stories.compare import StoryComparison, compare_story
from narrascope.stories.contradictions import find_contradictions
from narrascope.stories.dedup import find_duplicates
from narrascope.stories.event_stories import event_stories
from narrascope.stories.events import profiles_of


def claims_by_document(docs: list[Document], stories: list[Story]) -> dict[str, list[Claim]]:
    """Claims of every document that shares a story with another document."""
    by_id = {doc.id: doc for doc in docs}
    wanted = [d for s in stories if len(s.documents) > 1 for d in s.documents if d in by_id]
    return {doc_id: extract_claims(by_id[doc_id]) for doc_id in dict.fromkeys(wanted)}


def connect(
    docs: list[Document], index: StoryIndex | None = None
) -> tuple[list[Story], list[Contradiction]]:
    """Mark near-duplicates, cluster stories and find contradictions inside them.

    Sets ``Document.duplicate_of`` on syndicated copies. Stories are event
    clusters (:mod:`narrascope.stories.events`) of ``docs``; pass a loaded
    :class:`StoryIndex` to add to its earlier stories with the centroid index instead.
    """
    find_duplicates(docs)
    if index is not None:
        stories = cluster_stories(docs, index)
    else:
        stories = event_stories(profiles_of(docs))
    claims = claims_by_document(docs, stories)
    return stories, find_contradictions(docs, stories, claims)


def compare_stored(store: Store, story_id: str) -> StoryComparison:
    """Compare the outlets of a stored story (raises ``NotFoundError`` if unknown)."""
    story = store.get_story(story_id)
    docs = [store.get_document(doc_id) for doc_id in story.documents]
    return compare_story(story, docs)
