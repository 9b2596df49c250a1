"""Ingest over HTTP: upload files or post JSON articles; a background job does the rest."""

from __future__ import annotations

import re
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, File, HTTPException, Path, Request, UploadFile
from pydantic import BaseModel, Field

from narrascope.api.deps import SettingsDep
from narrascope.api.errors import ERROR_RESPONSES
from narrascope.api.jobs import JobQueue
from narrascope.api.security import require_write
from narrascope.config import Settings
from narrascope.errors import IngestError
from narrascope.models import Failure, RawArticle

router = APIRouter(prefix="/api", tags=["ingest"], responses=ERROR_RESPONSES)

MAX_FILES = 50
MAX_ARTICLES = 1000
_UNSAFE = re.compile(r"[^\w.\-]+")


class ArticleIn(BaseModel):
    """One article posted as JSON."""

    content: str = Field(min_length=1, max_length=5_000_000, description="Text or HTML.")
    fmt: Literal["text", "html"] = "text"
    title: str | None = Field(None, max_length=1000)
    outlet: str | None = Field(None, max_length=300)
    url: str | None = Field(None, max_length=2000)
    author: str | None = Field(None, max_length=300)
    published: str | None = Field(None, max_length=40, description="ISO 8601 date.")
    language: str | None = Field(None, max_length=12)
    id: str | None = Field(None, max_length=300, description="Your own id, kept for reference.")

    def to_raw(self, index: int) -> RawArticle:
        """The article as ingest output; its source names the request."""
        return RawArticle(
            source=f"api:{index}",
            content=self.content,
            fmt=self.fmt,
            url=self.url,
            title=self.title,
            outlet=self.outlet,
            author=self.author,
            published=self.published,
            language=self.language,
            external_id=self.id,
        )


class ArticlesIn(BaseModel):
    """Articles posted as JSON."""

    articles: list[ArticleIn] = Field(min_length=1, max_length=MAX_ARTICLES)


def safe_name(name: str | None) -> str:
    """A client file name reduced to a harmless label (never used as a path)."""
    base = re.split(r"[\\/]", name or "")[-1]
    cleaned = _UNSAFE.sub("_", base).strip("._")[:120]
    return cleaned or "upload"


def jobs_of(request: Request) -> JobQueue:
    """The app's job queue."""
    queue: JobQueue = request.app.state.jobs
    return queue


async def read_uploads(files: list[UploadFile], max_bytes: int) -> list[tuple[str, bytes]]:
    """Names and bytes of the uploads; 413 when one is larger than ``max_bytes``."""
    if len(files) > MAX_FILES:
        raise HTTPException(400, f"at most {MAX_FILES} files per upload")
    out = []
    for upload in files:
        data = await upload.read(max_bytes + 1)
        name = safe_name(upload.filename)
        if len(data) > max_bytes:
            raise HTTPException(413, f"{name}: larger than {max_bytes} bytes")
        out.append((name, data))
    return out


def parse_uploads(
    uploads: list[tuple[str, bytes]], settings: Settings
) -> tuple[list[RawArticle], list[Failure]]:
    """Articles of each upload; a bad file becomes a failure, the others go on."""
    from narrascope.ingest import IngestOptions, parse_bytes

    options = IngestOptions(max_bytes=settings.max_bytes)
    articles: list[RawArticle] = []
    failures: list[Failure] = []
    for name, data in uploads:
        try:
            articles.extend(parse_bytes(data, name, options=options))
        except IngestError as exc:
            failures.append(Failure(name, "ingest", exc.reason))
    return articles, failures


@router.post(
    "/ingest/files",
    status_code=202,
    summary="Upload article files",
    dependencies=[Depends(require_write)],
)
async def ingest_files(
    request: Request, settings: SettingsDep, files: Annotated[list[UploadFile], File()]
) -> dict[str, Any]:
    """Text, HTML, JSON, JSONL or feed files; returns a job to poll at ``/api/jobs/{id}``."""
    uploads = await read_uploads(files, settings.max_bytes)
    job = jobs_of(request).submit(lambda: parse_uploads(uploads, settings))
    return job.to_dict()


@router.post(
    "/ingest/articles",
    status_code=202,
    summary="Post articles as JSON",
    dependencies=[Depends(require_write)],
)
def ingest_articles(request: Request, body: ArticlesIn) -> dict[str, Any]:
    """Articles as JSON objects; returns a job to poll at ``/api/jobs/{id}``."""
    raws = [a.to_raw(i) for i, a in enumerate(body.articles)]
    job = jobs_of(request).submit(lambda: (raws, []))
    return job.to_dict()


@router.get("/jobs/{job_id}", summary="Status of an ingest job")
def get_job(request: Request, job_id: Annotated[str, Path(max_length=64)]) -> dict[str, Any]:
    """queued / running / done / failed, with the documents added and the failures."""
    return jobs_of(request).get(job_id).to_dict()
