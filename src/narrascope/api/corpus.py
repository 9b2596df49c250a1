"""Corpus-wide figures: counts, outlets, narratives by outlet, failures."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter, Query, Request

from narrascope.api.deps import PageDep, StoreDep
from narrascope.api.errors import ERROR_RESPONSES
from narrascope.store import aggregates as agg
from narrascope.web.views import overview

router = APIRouter(prefix="/api", tags=["corpus"], responses=ERROR_RESPONSES)


@router.get("/overview", summary="Corpus counts and highlights")
def get_overview(request: Request) -> dict[str, Any]:
    """Counts, outlets, most-quoted speakers and the latest stories."""
    store = request.app.state.store
    view = request.app.state.cache.get("overview", lambda: overview(store))
    return {
        "counts": view.counts,
        "outlets": [{"outlet": o, "documents": n} for o, n in view.outlets],
        "speakers": [{"speaker": s, "entity_id": e, "quotes": n} for s, e, n in view.speakers],
        "stories": [
            {"id": s.id, "label": s.label, "documents": len(s.documents)} for s in view.stories
        ],
    }


@router.get("/outlets", summary="Outlets by number of documents")
def get_outlets(store: StoreDep, page: PageDep) -> dict[str, Any]:
    """Outlets and their document counts ("" for documents without an outlet)."""
    rows = agg.outlet_counts(store, limit=10**6)
    chunk = rows[page.offset : page.offset + page.limit]
    return page.envelope([{"outlet": o, "documents": n} for o, n in chunk], len(rows))


@router.get("/narratives/by-outlet", summary="Narrative distribution by outlet")
def narratives_by_outlet(
    request: Request,
    page: PageDep,
    level: Annotated[Literal["coarse", "fine"], Query()] = "coarse",
) -> dict[str, Any]:
    """``(outlet, label, documents)`` rows, most frequent first."""
    store = request.app.state.store
    rows = request.app.state.cache.get(
        ("narratives", level), lambda: agg.narratives_by_outlet(store, level)
    )
    chunk = rows[page.offset : page.offset + page.limit]
    items = [{"outlet": o, "label": lab, "documents": n} for o, lab, n in chunk]
    return page.envelope(items, len(rows))


@router.get("/failures", summary="Recent failures")
def get_failures(store: StoreDep, page: PageDep) -> dict[str, Any]:
    """Inputs or stages that failed, most recent first."""
    rows = store.list_failures(limit=page.offset + page.limit)
    chunk = rows[page.offset :]
    items = [{"source": f.source, "stage": f.stage, "reason": f.reason} for f in chunk]
    return page.envelope(items, agg.count_failures(store))
