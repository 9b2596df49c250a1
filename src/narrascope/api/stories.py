"""Stories, their comparison across outlets, and contradictions."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Path, Query, Request

from narrascope.api.deps import PageDep, StoreDep
from narrascope.api.errors import ERROR_RESPONSES
from narrascope.api.shapes import doc_summary
from narrascope.serde import to_dict
from narrascope.store.aggregates import count_contradictions, count_stories, document_summaries
from narrascope.web.views import StoryView, story_view

router = APIRouter(prefix="/api", tags=["stories"], responses=ERROR_RESPONSES)

MAX_SUMMARIES = 500
StoryId = Annotated[str, Path(min_length=1, max_length=200)]


def cached_story(request: Request, story_id: str) -> StoryView:
    """The story view, computed once per data version (claims need a parse)."""
    store = request.app.state.store
    view: StoryView = request.app.state.cache.get(
        ("story", story_id), lambda: story_view(store, story_id)
    )
    return view


@router.get("/stories", summary="List stories, largest first")
def list_stories(store: StoreDep, page: PageDep) -> dict[str, Any]:
    """Stories: id, label, documents, outlets, key entities, dates."""
    items = store.list_stories(limit=page.limit, offset=page.offset)
    return page.envelope(to_dict(items), count_stories(store))


@router.get("/stories/{story_id}", summary="One story with its documents")
def get_story(store: StoreDep, story_id: StoryId) -> dict[str, Any]:
    """The story and a summary of each of its documents (up to 500)."""
    story = store.get_story(story_id)
    docs = document_summaries(store, story.documents[:MAX_SUMMARIES])
    return {
        **to_dict(story),
        "document_summaries": [doc_summary(d) for d in docs],
        "truncated": len(story.documents) > MAX_SUMMARIES,
    }


@router.get("/stories/{story_id}/comparison", summary="Outlets of a story compared")
def get_comparison(request: Request, story_id: StoryId) -> dict[str, Any]:
    """Claims x outlets, quotes by speaker x outlet, narratives, roles, timeline, contradictions."""
    view = cached_story(request, story_id)
    data: dict[str, Any] = (
        view.comparison.to_dict()
        if view.comparison is not None
        else {"story_id": view.story.id, "label": view.story.label}
    )
    data["contradictions"] = to_dict(view.contradictions)
    data["truncated"] = view.truncated
    return data


@router.get("/contradictions", summary="List contradictions")
def list_contradictions(
    store: StoreDep,
    page: PageDep,
    story: Annotated[
        str | None, Query(min_length=1, max_length=200, description="Story id.")
    ] = None,
) -> dict[str, Any]:
    """Contradictions (both passages with offsets), most confident first."""
    items = store.list_contradictions(story_id=story, limit=page.limit, offset=page.offset)
    return page.envelope(to_dict(items), count_contradictions(store, story))
