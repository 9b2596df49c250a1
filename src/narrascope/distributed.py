"""The Ray runner: the per-document pipeline on Ray Data, one actor per worker.

``RayRunner(settings)`` connects to ``settings.ray_address`` or starts a local
Ray with ``settings.workers`` CPUs. Documents flow through
``ray.data.from_items(...).map_batches(_PipelineActor, compute=ActorPoolStrategy(size=workers))``:
each actor builds the pipeline (loads its models) once per dataset, and the
output keeps the input order. The input is cut into windows of ``window``
documents, one dataset each, so memory stays bounded whatever the corpus size;
a larger window loads the models less often.

Needs the ``distributed`` extra: ``pip install 'narrascope[distributed]'``.
"""

from __future__ import annotations

import logging
import pickle
from collections.abc import Iterable, Iterator
from typing import Any

from narrascope.config import Settings
from narrascope.errors import ConfigError, StageError
from narrascope.models import Document, Failure
from narrascope.workers import StageModule, build_pipeline, import_stage_modules, stage_modules

DEFAULT_WINDOW = 4096


class _PipelineActor:
    """A Ray Data actor: builds the pipeline once, then analyses batch after batch."""

    def __init__(self, settings: Settings, modules: tuple[StageModule, ...]) -> None:
        import_stage_modules(modules)
        self.pipeline = build_pipeline(settings)

    def __call__(self, batch: dict[str, Any]) -> dict[str, list[Any]]:
        docs = [pickle.loads(blob) for blob in batch["doc"]]
        self.pipeline.failures.clear()
        done = list(self.pipeline.pipe(docs, batch_size=max(1, len(docs))))
        failures = [pickle.dumps(list(self.pipeline.failures))] + [b""] * (len(done) - 1)
        return {
            "seq": list(batch["seq"]),
            "doc": [pickle.dumps(doc) for doc in done],
            "failures": failures,
        }


class RayRunner:
    """Runs the pipeline on Ray Data; yields analysed batches in input order."""

    def __init__(self, settings: Settings, *, window: int = DEFAULT_WINDOW) -> None:
        try:
            import ray
            import ray.data
        except ImportError as exc:
            raise ConfigError(
                "engine 'ray' needs the 'distributed' extra: pip install 'narrascope[distributed]'"
            ) from exc
        self.settings = settings
        self.window = max(window, settings.batch_size)
        self.failures: list[Failure] = []
        self._modules = stage_modules(settings)
        self._started = False
        if not ray.is_initialized():
            _init_ray(settings)
            self._started = True
        context = ray.data.DataContext.get_current()
        context.execution_options.preserve_order = True
        context.enable_progress_bars = False

    def run(self, docs: Iterable[Document]) -> Iterator[list[Document]]:
        """Analyse window by window; each window is one Ray dataset."""
        window: list[Document] = []
        for doc in docs:
            window.append(doc)
            if len(window) >= self.window:
                yield from self._run_window(window)
                window = []
        if window:
            yield from self._run_window(window)

    def _run_window(self, docs: list[Document]) -> Iterator[list[Document]]:
        import ray.data

        items = [{"seq": i, "doc": pickle.dumps(doc)} for i, doc in enumerate(docs)]
        dataset = ray.data.from_items(items).map_batches(
            _PipelineActor,
            fn_constructor_args=(self.settings, self._modules),
            batch_size=self.settings.batch_size,
            compute=ray.data.ActorPoolStrategy(size=self.settings.worker_count),
            num_cpus=1,
            batch_format="numpy",
        )
        size = self.settings.batch_size
        out: list[Document] = []
        expected = 0
        try:
            for row in dataset.iter_rows():
                if row["seq"] != expected:
                    raise StageError(f"Ray returned document {row['seq']}, expected {expected}")
                expected += 1
                if row["failures"]:
                    self.failures.extend(pickle.loads(row["failures"]))
                out.append(pickle.loads(row["doc"]))
                if len(out) >= size:
                    yield out
                    out = []
        except ray.exceptions.RayError as exc:
            raise StageError(f"Ray runner failed: {exc}") from exc
        if out:
            yield out

    def close(self) -> None:
        """Shut down the local Ray this runner started (a cluster is left alone)."""
        if self._started:
            import ray

            ray.shutdown()
            self._started = False


def _init_ray(settings: Settings) -> None:
    import ray

    if settings.ray_address:
        ray.init(address=settings.ray_address, log_to_driver=False, logging_level=logging.WARNING)
    else:
        ray.init(num_cpus=settings.worker_count, include_dashboard=False, log_to_driver=False,
                 logging_level=logging.WARNING)
