"""Sources side by side: near-duplicates, story clusters, claims, comparison, contradictions.

>>> from narrascope.stories import connect
>>> stories, contradictions = connect(documents)  # doctest: +SKIP
"""

from __future__ import annotations

from narrascope.stories.api import claims_by_document, compare_stored, connect
from narrascope.stories.claims import extract_claims
from narrascope.stories.cluster import ClusterOptions, StoryIndex, cluster_stories
from narrascope.stories.compare import StoryComparison, compare_story
from narrascope.stories.contradictions import find_contradictions
from narrascope.stories.dedup import DedupOptions, find_duplicates

__all__ = [
    "ClusterOptions",
    "DedupOptions",
    "StoryComparison",
    "StoryIndex",
    "claims_by_document",
    "cluster_stories",
    "compare_stored",
    "compare_story",
    "connect",
    "extract_claims",
    "find_contradictions",
    "find_duplicates",
]
