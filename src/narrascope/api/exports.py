"""Exports of every table as JSONL, CSV or Parquet downloads."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Query
from fastapi import Path as PathParam
from fastapi.responses import FileResponse
from starlette.background import BackgroundTask

from narrascope.api.deps import StoreDep
from narrascope.api.errors import ERROR_RESPONSES
from narrascope.export import FORMATS, TABLES, export_table

router = APIRouter(prefix="/api", tags=["exports"], responses=ERROR_RESPONSES)

Table = Literal[TABLES]  # type: ignore[valid-type]
Format = Literal[FORMATS]  # type: ignore[valid-type]
MEDIA = {
    "jsonl": "application/x-ndjson",
    "csv": "text/csv",
    "parquet": "application/vnd.apache.parquet",
}


@router.get("/exports", summary="Tables and formats that can be exported")
def list_exports() -> dict[str, Any]:
    """The table names and formats of ``/api/exports/{table}``."""
    return {"tables": list(TABLES), "formats": list(FORMATS)}


@router.get("/exports/{table}", summary="Download one table", response_class=FileResponse)
def export(
    store: StoreDep,
    table: Annotated[Table, PathParam(description="Table name.")],
    format: Annotated[Format, Query(description="File format.")] = "csv",
) -> FileResponse:
    """One table as a file; the names come from a fixed list, never from the client."""
    folder = Path(tempfile.mkdtemp(prefix="narrascope-export-"))
    path = folder / f"{table}.{format}"
    try:
        export_table(store, str(table), str(format), path)
    except BaseException:
        shutil.rmtree(folder, ignore_errors=True)
        raise
    return FileResponse(
        path,
        media_type=MEDIA[str(format)],
        filename=path.name,
        background=BackgroundTask(shutil.rmtree, folder, ignore_errors=True),
    )
