"""Web pages: server-rendered from the same library functions as the REST API."""

from __future__ import annotations

import re
from importlib import resources
from pathlib import Path
from typing import Annotated, Any

from fastapi import APIRouter, File, Form, Query, Request, UploadFile
from fastapi import Path as PathParam
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from fastapi.templating import Jinja2Templates

from narrascope.api.deps import Page, PageDep, StoreDep
from narrascope.api.documents import FilterDep
from narrascope.api.ingest import jobs_of, parse_uploads, read_uploads
from narrascope.api.security import check_write, presented_token
from narrascope.api.stories import cached_story
from narrascope.extract.timeline import claim_value_label, date_label
from narrascope.languages import EXTRACT, analyses
from narrascope.store import aggregates as agg
from narrascope.stories.keys import outlet_of
from narrascope.web import charts, highlight
from narrascope.web.views import entity_view, narrative_matrix, overview, quote_matrix

router = APIRouter(include_in_schema=False)
Id = Annotated[str, PathParam(min_length=1, max_length=200)]
Q = Annotated[str | None, Query(max_length=500)]


def template_dir() -> Path:
    """The folder of the page templates (shipped in the package)."""
    return Path(str(resources.files("narrascope.web").joinpath("templates")))


def is_http_url(value: object) -> bool:
    """Jinja test: only http(s) links are rendered (no ``javascript:`` or ``data:``)."""
    return isinstance(value, str) and value.lower().startswith(("http://", "https://"))


templates = Jinja2Templates(directory=template_dir())


def unquote(text: str) -> str:
    """Jinja filter: a quote's text without its own quotation marks and trailing comma."""
    return text.strip().strip(",").strip("\"'“”‘’«»„").strip().rstrip(",")


_NESTED = str.maketrans({"“": "‘", "”": "’", '"': "'"})


def in_quotes(text: str) -> str:
    """Jinja filter: a passage between quotation marks, unless it opens with its own; its
    own double marks become single ones inside ours ("a ‘witch hunt.’")."""
    text = text.strip()
    return text if text[:1] in "\"“«„‘'" else f"“{text.translate(_NESTED)}”"


templates.env.tests["http_url"] = is_http_url
templates.env.filters["in_quotes"] = in_quotes
templates.env.filters["unquote"] = unquote
templates.env.filters["date_label"] = date_label
templates.env.filters["claim_value"] = claim_value_label
templates.env.filters["basename"] = lambda source: re.split(r"[\\/]", str(source))[-1]


def page(request: Request, name: str, **context: Any) -> HTMLResponse:
    """Render template ``name`` with ``context``."""
    return templates.TemplateResponse(
        request, name, {"security": request.app.state.security, **context}
    )


def pager(request: Request, pg: Page, total: int) -> dict[str, Any]:
    """Links to the previous and next pages, keeping the other query parameters."""
    prev = max(pg.offset - pg.limit, 0)
    nxt = pg.offset + pg.limit
    return {
        "first": pg.offset + 1 if total else 0,
        "last": min(nxt, total),
        "total": total,
        "prev": str(request.url.include_query_params(offset=prev)) if pg.offset > 0 else None,
        "next": str(request.url.include_query_params(offset=nxt)) if nxt < total else None,
    }


@router.get("/", response_class=HTMLResponse)
def overview_page(request: Request) -> HTMLResponse:
    """Counts, narratives by outlet, most-quoted people, latest stories and articles."""
    store = request.app.state.store
    view = request.app.state.cache.get("overview", lambda: overview(store))
    matrix = narrative_matrix(view.narratives)
    labels = sorted(
        {lab for row in matrix.values() for lab in row}, key=lambda lab: (lab == "Other", lab)
    )
    speakers = [(name, n) for name, _, n in view.speakers]
    links = [f"/entities/{eid}" if eid else None for _, eid, _ in view.speakers]
    return page(
        request,
        "overview.html",
        view=view,
        narrative_chart=charts.stacked_shares(matrix, labels),
        speaker_chart=charts.bars(speakers, href=links),
        outlet_chart=charts.bars([(o or "(unknown outlet)", n) for o, n in view.outlets[:15]]),
    )


@router.get("/documents", response_class=HTMLResponse)
def documents_page(request: Request, store: StoreDep, pg: PageDep, flt: FilterDep) -> HTMLResponse:
    """A filtered, paginated list of articles."""
    docs = agg.latest_documents(store, flt, limit=pg.limit, offset=pg.offset)
    total = store.count_documents(flt)
    return page(request, "documents.html", docs=docs, flt=flt, pager=pager(request, pg, total))


@router.get("/documents/{doc_id}", response_class=HTMLResponse)
def article_page(request: Request, store: StoreDep, doc_id: Id) -> HTMLResponse:
    """The clean text with findings highlighted; raw text and removed chrome on demand."""
    doc = store.get_document(doc_id)
    return page(
        request,
        "article.html",
        doc=doc,
        heading=highlight.render(doc.title, highlight.title_marks(doc)) if doc.title else None,
        headline_ids={m.entity_id for m in doc.title_mentions},
        entity_names={e.id: e.name for e in doc.entities},
        body=highlight.render(doc.text, highlight.document_marks(doc)),
        raw=highlight.render(doc.raw, highlight.raw_marks(doc)),
        layers=[layer for layer in highlight.LAYERS if layer != "chrome"],
        extracted=analyses(EXTRACT, doc.language),
    )


@router.get("/stories", response_class=HTMLResponse)
def stories_page(request: Request, store: StoreDep, pg: PageDep) -> HTMLResponse:
    """Stories, largest first."""
    stories = store.list_stories(limit=pg.limit, offset=pg.offset)
    return page(
        request, "stories.html", stories=stories, pager=pager(request, pg, agg.count_stories(store))
    )


@router.get("/stories/{story_id}", response_class=HTMLResponse)
def story_page(request: Request, story_id: Id) -> HTMLResponse:
    """Outlets side by side, claims x outlets, quotes by speaker x outlet, contradictions."""
    view = cached_story(request, story_id)
    points = [
        charts.Point(ev.value, outlet_of(doc), ev.sentence.text, f"/documents/{doc.id}")
        for doc in view.docs
        for ev in doc.events
    ]
    outlets = sorted(view.by_outlet)
    return page(
        request,
        "story.html",
        view=view,
        outlets=outlets,
        quotes=quote_matrix(view.docs),
        timeline=charts.timeline(points),
        links=True,
    )


@router.get("/timeline", response_class=HTMLResponse)
def timeline_page(
    request: Request,
    store: StoreDep,
    story: Annotated[str | None, Query(max_length=200)] = None,
    outlet: Annotated[str | None, Query(max_length=300)] = None,
    limit: Annotated[int, Query(ge=1, le=2000)] = 300,
    offset: Annotated[int, Query(ge=0, le=10_000_000)] = 0,
) -> HTMLResponse:
    """Events in date order on a chart coloured by outlet, with the list below."""
    ids = list(store.get_story(story).documents) if story else None
    items, total = agg.list_events(
        store, doc_ids=ids, outlet=outlet or None, limit=limit, offset=offset
    )
    points = [
        charts.Point(
            i.event.value,
            i.outlet or "(unknown outlet)",
            i.event.sentence.text,
            f"/documents/{i.doc_id}",
        )
        for i in items
    ]
    return page(
        request,
        "timeline.html",
        items=items,
        chart=charts.timeline(points),
        story=story,
        outlet=outlet,
        pager=pager(request, Page(limit, offset), total),
    )


@router.get("/entities", response_class=HTMLResponse)
def entities_page(request: Request, store: StoreDep, pg: PageDep, q: Q = None) -> HTMLResponse:
    """Canonical entities, searchable by name or alias."""
    items = store.list_entities(query=q or None, limit=pg.limit, offset=pg.offset)
    total = agg.count_entities(store, q or None)
    return page(request, "entities.html", items=items, q=q or "", pager=pager(request, pg, total))


@router.get("/entities/{entity_id}", response_class=HTMLResponse)
def entity_page(request: Request, store: StoreDep, entity_id: Id) -> HTMLResponse:
    """Aliases, roles by outlet, quotes by and about the entity."""
    return page(request, "entity.html", view=entity_view(store, entity_id))


@router.get("/search", response_class=HTMLResponse)
def search_page(request: Request, store: StoreDep, pg: PageDep, q: Q = None) -> HTMLResponse:
    """Full-text search with highlighted snippets."""
    hits = store.search(q, limit=pg.limit, offset=pg.offset) if q else []
    total = agg.count_search(store, q) if q else 0
    return page(
        request,
        "search.html",
        q=q or "",
        pager=pager(request, pg, total),
        hits=[(h, highlight.snippet(h.snippet)) for h in hits],
    )


@router.get("/upload", response_class=HTMLResponse)
def upload_page(request: Request) -> HTMLResponse:
    """The upload form."""
    return page(request, "upload.html")


@router.post("/upload")
async def upload(
    request: Request,
    files: Annotated[list[UploadFile], File()],
    token: Annotated[str | None, Form(max_length=500)] = None,
) -> Response:
    """Start an ingest job for the uploaded files and show its status."""
    check_write(request.app.state.security, token or presented_token(request))
    settings = request.app.state.settings
    uploads = await read_uploads(files, settings.max_bytes)
    job = jobs_of(request).submit(lambda: parse_uploads(uploads, settings))
    return RedirectResponse(f"/jobs/{job.id}", status_code=303)


@router.get("/jobs/{job_id}", response_class=HTMLResponse)
def job_page(request: Request, job_id: Annotated[str, PathParam(max_length=64)]) -> HTMLResponse:
    """An ingest job's status (the page reloads itself while the job runs)."""
    return page(request, "job.html", job=jobs_of(request).get(job_id))
