"""Documents: filtered lists, one document with all findings, deletion."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Path, Query, Request

from narrascope.api.deps import PageDep, StoreDep
from narrascope.api.errors import ERROR_RESPONSES
from narrascope.api.security import require_write
from narrascope.api.shapes import doc_full, doc_summary
from narrascope.store import DocumentFilter
from narrascope.store.aggregates import latest_documents

router = APIRouter(prefix="/api", tags=["documents"], responses=ERROR_RESPONSES)

DATE = r"^(\d{4}(-\d{2}(-\d{2})?)?)?$"
DocId = Annotated[str, Path(min_length=1, max_length=200, description="Document id.")]
Text = Annotated[str | None, Query(max_length=500)]
Date = Annotated[
    str | None, Query(pattern=DATE, description="ISO date (YYYY, YYYY-MM or YYYY-MM-DD).")
]


def document_filter(
    outlet: Text = None,
    language: Annotated[str | None, Query(max_length=12)] = None,
    date_from: Date = None,
    date_to: Date = None,
    narrative: Text = None,
    entity: Text = None,
) -> DocumentFilter:
    """Filters shared by the document list and the web pages; empty values mean no filter."""
    return DocumentFilter(
        outlet=outlet or None,
        language=language or None,
        date_from=date_from or None,
        date_to=date_to or None,
        narrative=narrative or None,
        entity=entity or None,
    )


FilterDep = Annotated[DocumentFilter, Depends(document_filter)]


@router.get("/documents", summary="List documents, newest first")
def list_documents(store: StoreDep, page: PageDep, flt: FilterDep) -> dict[str, Any]:
    """A page of documents (without text or findings) matching the filters."""
    docs = latest_documents(store, flt, limit=page.limit, offset=page.offset)
    return page.envelope([doc_summary(d) for d in docs], store.count_documents(flt))


@router.get("/documents/{doc_id}", summary="One document with every finding")
def get_document(
    store: StoreDep,
    doc_id: DocId,
    raw: Annotated[bool, Query(description="Include the raw text and offset map.")] = True,
) -> dict[str, Any]:
    """Clean text, boilerplate, entities, quotes, events, narratives, roles, techniques, tone."""
    return doc_full(store.get_document(doc_id), raw=raw)


@router.delete(
    "/documents/{doc_id}", summary="Delete a document", dependencies=[Depends(require_write)]
)
def delete_document(request: Request, store: StoreDep, doc_id: DocId) -> dict[str, Any]:
    """Delete a document and its findings (needs the token when the server is exposed)."""
    store.delete_document(doc_id)
    request.app.state.cache.clear()
    return {"ok": True, "deleted": doc_id}
