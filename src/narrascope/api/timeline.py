"""The timeline: dated events in date order, for the corpus, an outlet or one story."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query

from narrascope.api.deps import PageDep, StoreDep
from narrascope.api.errors import ERROR_RESPONSES
from narrascope.api.shapes import doc_event_dict
from narrascope.store.aggregates import list_events

router = APIRouter(prefix="/api", tags=["timeline"], responses=ERROR_RESPONSES)


@router.get("/timeline", summary="Dated events in date order")
def get_timeline(
    store: StoreDep,
    page: PageDep,
    story: Annotated[
        str | None, Query(min_length=1, max_length=200, description="Story id.")
    ] = None,
    outlet: Annotated[str | None, Query(min_length=1, max_length=300)] = None,
) -> dict[str, Any]:
    """Events (date, precision, sentence, participants) with the document that reports them."""
    ids = list(store.get_story(story).documents) if story else None
    items, total = list_events(
        store, doc_ids=ids, outlet=outlet, limit=page.limit, offset=page.offset
    )
    return page.envelope([doc_event_dict(i) for i in items], total)
