"""Canonical entities: list, detail (aliases, mentions, roles, quotes), merge and split."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Path, Query, Request
from pydantic import BaseModel, Field

from narrascope.api.deps import PageDep, StoreDep
from narrascope.api.errors import ERROR_RESPONSES
from narrascope.api.security import require_write
from narrascope.api.shapes import entity_summary
from narrascope.serde import to_dict
from narrascope.store import EntityOverride
from narrascope.store.aggregates import count_entities
from narrascope.web.views import entity_view

router = APIRouter(prefix="/api", tags=["entities"], responses=ERROR_RESPONSES)

EntityId = Annotated[str, Path(min_length=1, max_length=200)]


class MergeRequest(BaseModel):
    """Two entities (ids or names) that are one identity."""

    a: str = Field(min_length=1, max_length=300)
    b: str = Field(min_length=1, max_length=300)


class SplitRequest(BaseModel):
    """An alias that does not belong to an entity."""

    entity: str = Field(min_length=1, max_length=300)
    alias: str = Field(min_length=1, max_length=300)


@router.get("/entities", summary="List canonical entities")
def list_entities(
    store: StoreDep,
    page: PageDep,
    q: Annotated[
        str | None, Query(min_length=1, max_length=200, description="Name or alias.")
    ] = None,
) -> dict[str, Any]:
    """Entities, most widely reported first; ``q`` matches names and aliases."""
    items = store.list_entities(query=q, limit=page.limit, offset=page.offset)
    return page.envelope([entity_summary(e) for e in items], count_entities(store, q))


@router.get("/entities/{entity_id}", summary="One entity with roles and quotes")
def get_entity(
    store: StoreDep,
    entity_id: EntityId,
    mentions: Annotated[int, Query(ge=0, le=1000, description="Mentions to include.")] = 50,
) -> dict[str, Any]:
    """Aliases, mentions, roles by outlet, quotes by and about the entity."""
    view = entity_view(store, entity_id)
    ent = view.entity

    def quotes(pairs: list[Any]) -> list[dict[str, Any]]:
        return [{"doc_id": d.id, "outlet": d.outlet, **to_dict(q)} for d, q in pairs[:100]]

    return {
        **entity_summary(ent),
        "mentions": to_dict(list(ent.mentions[:mentions])),
        "documents": list(ent.documents[:200]),
        "roles_by_outlet": {o: dict(c) for o, c in view.roles.items()},
        "quotes_by": quotes(view.quotes_by),
        "quotes_about": quotes(view.quotes_about),
    }


@router.post(
    "/entities/merge", summary="Merge two identities", dependencies=[Depends(require_write)]
)
def merge_entities(request: Request, store: StoreDep, body: MergeRequest) -> dict[str, Any]:
    """Record that ``a`` and ``b`` are one identity; applied by the next analysis run."""
    store.add_override(EntityOverride("merge", body.a, body.b))
    request.app.state.cache.clear()
    return {"ok": True, "override": {"kind": "merge", "a": body.a, "b": body.b}}


@router.post(
    "/entities/split",
    summary="Split an alias off an identity",
    dependencies=[Depends(require_write)],
)
def split_entity(request: Request, store: StoreDep, body: SplitRequest) -> dict[str, Any]:
    """Record that ``alias`` does not belong to ``entity``; applied by the next analysis run."""
    store.add_override(EntityOverride("split", body.entity, body.alias))
    request.app.state.cache.clear()
    return {"ok": True, "override": {"kind": "split", "a": body.entity, "b": body.alias}}


@router.get("/overrides", summary="List merge/split decisions")
def list_overrides(store: StoreDep, page: PageDep) -> dict[str, Any]:
    """Every recorded merge/split decision, oldest first."""
    items = store.list_overrides()
    chunk = items[page.offset : page.offset + page.limit]
    return page.envelope([{"kind": o.kind, "a": o.a, "b": o.b} for o in chunk], len(items))
