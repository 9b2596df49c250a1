"""Quotes across the corpus, filtered by speaker, outlet or document."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query

from narrascope.api.deps import PageDep, StoreDep
from narrascope.api.errors import ERROR_RESPONSES
from narrascope.api.shapes import doc_quote_dict
from narrascope.store.aggregates import QuoteFilter, count_speakers, list_quotes, top_speakers

router = APIRouter(prefix="/api", tags=["quotes"], responses=ERROR_RESPONSES)

Text = Annotated[str | None, Query(min_length=1, max_length=300)]


@router.get("/quotes", summary="List quotes")
def get_quotes(
    store: StoreDep,
    page: PageDep,
    speaker: Text = None,
    outlet: Text = None,
    doc_id: Text = None,
) -> dict[str, Any]:
    """Quotes with their speakers, newest documents first.

    ``speaker`` matches the speaker's entity id, canonical name or name as written.
    """
    flt = QuoteFilter(speaker=speaker, outlet=outlet, doc_id=doc_id)
    items, total = list_quotes(store, flt, limit=page.limit, offset=page.offset)
    return page.envelope([doc_quote_dict(i) for i in items], total)


@router.get("/speakers", summary="Most-quoted speakers")
def get_speakers(store: StoreDep, page: PageDep) -> dict[str, Any]:
    """Named speakers by number of quotes."""
    rows = top_speakers(store, limit=page.offset + page.limit)[page.offset :]
    items = [{"speaker": n, "entity_id": e, "quotes": c} for n, e, c in rows]
    return page.envelope(items, count_speakers(store))
