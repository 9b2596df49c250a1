"""Runners: run the per-document pipeline serially, over a process pool, or on Ray.

Every runner takes an iterable of cleaned documents and yields them analysed, in
order, batch by batch, so that memory does not grow with the corpus. Stage
failures are collected in ``runner.failures`` instead of aborting the batch.
"""

from __future__ import annotations

import multiprocessing as mp
from collections import deque
from collections.abc import Iterable, Iterator
from multiprocessing.pool import AsyncResult
from typing import Protocol

from narrascope.config import Settings
from narrascope.errors import StageError
from narrascope.models import Document, Failure
from narrascope.pipeline import Pipeline
from narrascope.workers import (
    StageModule,
    build_pipeline,
    import_stage_modules,
    stage_modules,
)

__all__ = [
    "PoolRunner",
    "Runner",
    "SerialRunner",
    "StageModule",
    "build_pipeline",
    "create_runner",
    "import_stage_modules",
    "pipeline_version",
    "stage_modules",
]


def pipeline_version(settings: Settings) -> str:
    """A string that changes when the analysis would change (package + stages)."""
    from narrascope import __version__

    return f"{__version__}|{','.join(settings.stages)}"


def _batches(docs: Iterable[Document], size: int) -> Iterator[list[Document]]:
    batch: list[Document] = []
    for doc in docs:
        batch.append(doc)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


class Runner(Protocol):
    """Runs the per-document pipeline over a stream of documents."""

    failures: list[Failure]

    def run(self, docs: Iterable[Document]) -> Iterator[list[Document]]:
        """Yield analysed documents batch by batch, in input order."""
        ...

    def close(self) -> None: ...


class SerialRunner:
    """One process; the models load once."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.pipeline = build_pipeline(settings)
        self.failures = self.pipeline.failures

    def run(self, docs: Iterable[Document]) -> Iterator[list[Document]]:
        """Analyse batch by batch."""
        size = self.settings.batch_size
        for batch in _batches(docs, size):
            yield list(self.pipeline.pipe(batch, batch_size=size))

    def close(self) -> None:
        """Nothing to release."""


_WORKER_PIPELINE: Pipeline | None = None
_WORKER_ERROR: str | None = None


def _init_worker(settings: Settings, modules: tuple[StageModule, ...]) -> None:
    global _WORKER_PIPELINE, _WORKER_ERROR
    try:
        import_stage_modules(modules)
        _WORKER_PIPELINE = build_pipeline(settings)
    except Exception as exc:  # reported by _work: a failing initializer would respawn forever
        _WORKER_ERROR = f"{type(exc).__name__}: {exc}"


def _work(batch: list[Document]) -> tuple[list[Document], list[Failure]]:
    if _WORKER_PIPELINE is None:
        raise StageError(f"worker could not build the pipeline: {_WORKER_ERROR}")
    pipeline = _WORKER_PIPELINE
    pipeline.failures.clear()
    done = list(pipeline.pipe(batch, batch_size=len(batch)))
    return done, list(pipeline.failures)


class PoolRunner:
    """Several worker processes, each loading the models once.

    At most ``2 * workers`` batches are in flight, so memory does not grow with
    the input (``Pool.imap`` would read the whole input ahead).
    """

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.failures: list[Failure] = []
        ctx = mp.get_context("spawn" if settings.strict else "forkserver")
        self._pool = ctx.Pool(
            settings.worker_count,
            initializer=_init_worker,
            initargs=(settings, stage_modules(settings)),
        )

    def run(self, docs: Iterable[Document]) -> Iterator[list[Document]]:
        """Analyse batches on the pool, keeping the input order."""
        size = max(1, self.settings.batch_size // 2)
        pending: deque[AsyncResult[tuple[list[Document], list[Failure]]]] = deque()
        for batch in _batches(docs, size):
            pending.append(self._pool.apply_async(_work, (batch,)))
            if len(pending) >= 2 * self.settings.worker_count:
                yield self._collect(pending.popleft())
        while pending:
            yield self._collect(pending.popleft())

    def _collect(self, result: AsyncResult[tuple[list[Document], list[Failure]]]) -> list[Document]:
        done, failures = result.get()
        self.failures.extend(failures)
        return done

    def close(self) -> None:
        """Stop the workers."""
        self._pool.close()
        self._pool.join()


def create_runner(settings: Settings) -> Runner:
    """The runner named by ``settings.engine`` and ``settings.worker_count``."""
    if settings.engine == "ray":
        from narrascope.distributed import RayRunner

        return RayRunner(settings)
    if settings.worker_count > 1:
        return PoolRunner(settings)
    return SerialRunner(settings)
