"""Full-text search with snippets."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query

from narrascope.api.deps import PageDep, StoreDep
from narrascope.api.errors import ERROR_RESPONSES
from narrascope.api.shapes import hit_dict
from narrascope.store.aggregates import count_search

router = APIRouter(prefix="/api", tags=["search"], responses=ERROR_RESPONSES)


@router.get("/search", summary="Full-text search")
def search(
    store: StoreDep,
    page: PageDep,
    q: Annotated[str, Query(min_length=1, max_length=500, description='Words or "a phrase".')],
) -> dict[str, Any]:
    """Documents matching every word (quoted phrases stay phrases), best first.

    Query syntax of the database is never passed through: each word is quoted.
    Snippets mark the matches with ``[`` and ``]``.
    """
    hits = store.search(q, limit=page.limit, offset=page.offset)
    return {**page.envelope([hit_dict(h) for h in hits], count_search(store, q)), "query": q}
