"""Runners: run the per-document pipeline serially, over a process pool, or on Ray.

Every runner takes an iterable of cleaned documents and yields them analysed, in
order, batch by batch, so that memory does not grow with the corpus. Stage
failures are collected in ``runner.failures`` instead of aborting the batch.
"""

from __future__ import annotations

import importlib
import multiprocessing as mp
import sys
from collections import deque
from collections.abc import Iterable, Iterator
from multiprocessing.pool import AsyncResult
from pathlib import Path
from typing import Protocol

from narrascope.config import Settings
from narrascope.errors import StageError
from narrascope.models import Document, Failure
from narrascope.pipeline import Pipeline, create_stage, registered_stages


def build_pipeline(settings: Settings) -> Pipeline:
    """The per-document pipeline named by ``settings.stages``."""
    stages = [create_stage(name, **_stage_options(name, settings)) for name in settings.stages]
    if settings.strict:

        def reraise(doc: Document, stage: str, exc: Exception) -> None:
            raise StageError(f"{doc.source}: stage {stage} failed: {exc}") from exc

        return Pipeline(stages, on_error=reraise)
    return Pipeline(stages)


def _stage_options(name: str, settings: Settings) -> dict[str, object]:
    if name.startswith("narrascope.characterise"):
        return {"taxonomy": settings.taxonomy, "model_dir": settings.model_dir}
    return {}


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


StageModule = tuple[str, str | None]  # (module name, the sys.path folder it came from)


def stage_modules(settings: Settings) -> tuple[StageModule, ...]:
    """Modules that register the stages of ``settings`` (imported again in every worker).

    Built-in stages register in :mod:`narrascope.registrations`; a user's stage
    registered by its own module works in worker processes and on Ray because
    the worker imports that module (from the same folder) before building the
    pipeline.
    """
    factories = registered_stages()
    names = {factories[name].__module__ for name in settings.stages if name in factories}
    return tuple(sorted((name, _import_root(name)) for name in names if name != "__main__"))


def _import_root(module: str) -> str | None:
    path = getattr(sys.modules.get(module), "__file__", None)
    if path is None:
        return None
    root = Path(path).resolve().parent
    if Path(path).name == "__init__.py":
        root = root.parent
    for _ in range(module.count(".")):
        root = root.parent
    return str(root)


def import_stage_modules(modules: Iterable[StageModule]) -> None:
    """Import the modules named by :func:`stage_modules` (in a worker)."""
    for name, root in modules:
        if root is not None and root not in sys.path and Path(root).is_dir():
            sys.path.append(root)
        importlib.import_module(name)


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
            settings.workers,
            initializer=_init_worker,
            initargs=(settings, stage_modules(settings)),
        )

    def run(self, docs: Iterable[Document]) -> Iterator[list[Document]]:
        """Analyse batches on the pool, keeping the input order."""
        size = max(1, self.settings.batch_size // 2)
        pending: deque[AsyncResult[tuple[list[Document], list[Failure]]]] = deque()
        for batch in _batches(docs, size):
            pending.append(self._pool.apply_async(_work, (batch,)))
            if len(pending) >= 2 * self.settings.workers:
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
    """The runner named by ``settings.engine`` and ``settings.workers``."""
    if settings.engine == "ray":
        from narrascope.distributed import RayRunner

        return RayRunner(settings)
    if settings.workers > 1:
        return PoolRunner(settings)
    return SerialRunner(settings)
