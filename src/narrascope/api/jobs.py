"""Background ingest jobs: clean, store, analyse and connect uploaded articles.

One worker thread runs the jobs in order (the store has one writer anyway);
each job's status can be polled while it runs.
"""

from __future__ import annotations

import logging
import threading
import uuid
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any, Literal

from narrascope.config import Settings
from narrascope.errors import CleaningError, NarrascopeError, NotFoundError
from narrascope.models import Document, Failure, RawArticle
from narrascope.store import Store

logger = logging.getLogger(__name__)

Status = Literal["queued", "running", "done", "failed"]
Loader = Callable[[], tuple[list[RawArticle], list[Failure]]]
MAX_JOBS_KEPT = 200


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


@dataclass
class Job:
    """What an ingest job did so far."""

    id: str
    status: Status = "queued"
    created: str = field(default_factory=_now)
    finished: str | None = None
    documents: list[str] = field(default_factory=list)
    added: int = 0
    analysed: int = 0
    failures: list[Failure] = field(default_factory=list)
    error: str | None = None

    def to_dict(self) -> dict[str, Any]:
        """The job as JSON."""
        return {
            "id": self.id,
            "status": self.status,
            "created": self.created,
            "finished": self.finished,
            "documents": self.documents,
            "added": self.added,
            "analysed": self.analysed,
            "error": self.error,
            "failures": [
                {"source": f.source, "stage": f.stage, "reason": f.reason} for f in self.failures
            ],
        }


def _preload() -> None:
    """Import the ingest stages in the caller's thread: imports racing in threads can fail."""
    import narrascope.analysis
    import narrascope.clean
    import narrascope.ingest  # noqa: F401


class JobQueue:
    """Runs ingest jobs one at a time in a background thread."""

    def __init__(self, store: Store, settings: Settings, on_change: Callable[[], None]) -> None:
        self.store = store
        self.settings = settings
        self.on_change = on_change
        self._jobs: dict[str, Job] = {}
        self._lock = threading.Lock()
        self._pool: ThreadPoolExecutor | None = None

    def _executor(self) -> ThreadPoolExecutor:
        with self._lock:
            if self._pool is None:  # started on first use, again after close()
                self._pool = ThreadPoolExecutor(1, thread_name_prefix="narrascope-ingest")
            return self._pool

    def submit(self, load: Loader) -> Job:
        """Queue a job whose articles come from ``load`` (run in the worker)."""
        _preload()
        job = Job(id=uuid.uuid4().hex[:16])
        with self._lock:
            if len(self._jobs) >= MAX_JOBS_KEPT:
                self._forget_oldest_finished()
            self._jobs[job.id] = job
        self._executor().submit(self._run, job, load)
        return job

    def get(self, job_id: str) -> Job:
        """A job by id; raises ``NotFoundError``."""
        with self._lock:
            job = self._jobs.get(job_id)
        if job is None:
            raise NotFoundError(f"no job with id {job_id!r}")
        return job

    def wait(self, timeout: float | None = None) -> None:
        """Block until every queued job has finished (tests, shutdown)."""
        self._executor().submit(lambda: None).result(timeout=timeout)

    def close(self) -> None:
        """Finish the running job and stop the worker (a later submit starts a new one)."""
        with self._lock:
            pool, self._pool = self._pool, None
        if pool is not None:
            pool.shutdown(wait=True, cancel_futures=True)

    def _forget_oldest_finished(self) -> None:
        for job_id, job in list(self._jobs.items()):
            if job.status in ("done", "failed"):
                del self._jobs[job_id]
                return

    def _run(self, job: Job, load: Loader) -> None:
        job.status = "running"
        try:
            articles, failures = load()
            job.failures.extend(failures)
            self._process(job, articles)
            job.status = "done"
        except NarrascopeError as exc:
            job.status, job.error = "failed", str(exc)
        except Exception as exc:  # a bug must fail the job, not kill the worker
            logger.exception("ingest job %s failed", job.id)
            job.status, job.error = "failed", f"unexpected error ({type(exc).__name__}: {exc})"
        finally:
            job.finished = _now()
            self.on_change()

    def _process(self, job: Job, articles: list[RawArticle]) -> None:
        from narrascope.analysis import analyse_stored, connect_stored

        docs = self._clean(job, articles)
        job.documents = [d.id for d in docs]
        job.added = len(self.store.add_documents(docs))
        self.store.record_failures(job.failures)
        if not docs:
            if job.failures:
                raise NarrascopeError("no usable article: " + job.failures[0].reason)
            return
        report = analyse_stored(self.store, self.settings, ids=job.documents)
        job.analysed = report.analysed
        job.failures.extend(report.failures)
        if self.settings.connect:
            job.failures.extend(connect_stored(self.store, self.settings))

    def _clean(self, job: Job, articles: list[RawArticle]) -> list[Document]:
        from narrascope.analysis import DUPLICATE_STAGE
        from narrascope.clean import clean_article

        docs: dict[str, Document] = {}
        for article in articles:
            try:
                doc = clean_article(article)
            except CleaningError as exc:
                job.failures.append(Failure(article.source, "clean", exc.reason))
                continue
            if doc.id in docs:
                reason = f"same content as {docs[doc.id].source} (stored once)"
                job.failures.append(Failure(article.source, DUPLICATE_STAGE, reason))
                continue
            docs[doc.id] = doc
        return list(docs.values())
