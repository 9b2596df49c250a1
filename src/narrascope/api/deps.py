"""Shared request dependencies: the store, the settings, pagination and page envelopes."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Annotated, Any

from fastapi import Depends, Query, Request

from narrascope.config import Settings
from narrascope.store import Store

MAX_LIMIT = 500
MAX_OFFSET = 10_000_000


def get_store(request: Request) -> Store:
    """The store the app serves."""
    store: Store = request.app.state.store
    return store


def get_settings(request: Request) -> Settings:
    """The app's settings."""
    settings: Settings = request.app.state.settings
    return settings


@dataclass(frozen=True, slots=True)
class Page:
    """``limit``/``offset`` of a list request."""

    limit: int
    offset: int

    def envelope(self, items: Sequence[Any], total: int) -> dict[str, Any]:
        """The JSON of one page: items plus ``limit``, ``offset`` and ``total``."""
        return {"items": list(items), "limit": self.limit, "offset": self.offset, "total": total}


def page_params(
    limit: Annotated[int, Query(ge=1, le=MAX_LIMIT, description="Items per page.")] = 50,
    offset: Annotated[int, Query(ge=0, le=MAX_OFFSET, description="Items to skip.")] = 0,
) -> Page:
    """Pagination parameters shared by every list endpoint."""
    return Page(limit, offset)


StoreDep = Annotated[Store, Depends(get_store)]
SettingsDep = Annotated[Settings, Depends(get_settings)]
PageDep = Annotated[Page, Depends(page_params)]
