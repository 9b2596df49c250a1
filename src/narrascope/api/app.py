"""The application: REST API under ``/api``, web pages, static assets, local API docs."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from importlib import resources
from pathlib import Path

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles

from narrascope.api import (
    corpus,
    documents,
    entities,
    exports,
    ingest,
    quotes,
    search,
    stories,
    timeline,
)
from narrascope.api.cache import AggregateCache
from narrascope.api.docs import install_docs
from narrascope.api.errors import install_error_handlers
from narrascope.api.jobs import JobQueue
from narrascope.api.security import Security, SecurityMiddleware
from narrascope.config import Settings
from narrascope.store import Store, open_store

ROUTERS = (corpus, documents, search, entities, quotes, timeline, stories, ingest, exports)
DESCRIPTION = """Narrascope's REST API: documents and their findings, full-text search,
entities, quotes, timeline, stories and their comparison across outlets, contradictions,
ingest jobs and exports. Every list takes `limit` and `offset` and returns `total`;
every error is `{"ok": false, "error": message, "status": code}`."""


def static_dir() -> Path:
    """The folder of the web UI's CSS and JS (shipped in the package)."""
    return Path(str(resources.files("narrascope.web").joinpath("static")))


def create_app(
    settings: Settings,
    store: Store | None = None,
    *,
    host: str = "127.0.0.1",
    token: str | None = None,
) -> FastAPI:
    """The FastAPI app serving ``store`` (opened from ``settings.db`` when not given).

    ``host`` is the address the server binds to: on a non-loopback address, write
    endpoints need ``token`` (or ``$NARRASCOPE_TOKEN``) and are refused without one.
    """
    from narrascope import __version__
    from narrascope.web.routes import router as web_router

    owned = store is None
    the_store = store if store is not None else open_store(settings.db)
    security = Security.build(host, token)
    cache = AggregateCache(the_store)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        yield
        app.state.jobs.close()
        if owned:
            the_store.close()

    app = FastAPI(
        title="Narrascope",
        version=__version__,
        description=DESCRIPTION,
        docs_url=None,
        redoc_url=None,
        lifespan=lifespan,
    )
    app.state.settings = settings
    app.state.store = the_store
    app.state.security = security
    app.state.cache = cache
    app.state.jobs = JobQueue(the_store, settings, on_change=cache.clear)
    install_error_handlers(app)
    app.add_middleware(SecurityMiddleware, security=security)
    for module in ROUTERS:
        app.include_router(module.router)
    app.include_router(web_router)
    app.mount("/static", StaticFiles(directory=static_dir()), name="static")
    install_docs(app)
    return app
