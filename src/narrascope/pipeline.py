"""The stage contract, the stage registry and the per-document pipeline.

Every per-document stage meets one contract (as spaCy's pipes do): a ``name``,
the :class:`~narrascope.models.Document` fields it ``requires`` and ``assigns``,
``__call__(doc) -> doc`` and ``pipe(docs, batch_size) -> docs``. Stages register
under versioned names (``"narrascope.extract.v1"``) and the :class:`Pipeline`
checks ``requires``/``assigns`` when it is built, not halfway through a batch.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from typing import Any

from narrascope.errors import StageError
from narrascope.models import Document, Failure
from narrascope.stage_registry import (
    _REGISTRY,
    BaseStage,
    Stage,
    StageFactory,
    register_stage,
)

__all__ = [
    "CLEAN_FIELDS",
    "BaseStage",
    "Pipeline",
    "Stage",
    "StageFactory",
    "create_stage",
    "register_stage",
    "registered_stages",
]

# Fields that cleaning fills; every later stage may require them.
CLEAN_FIELDS = (
    "text",
    "raw",
    "title",
    "outlet",
    "author",
    "published",
    "language",
    "boilerplate",
    "offsets",
)


def registered_stages() -> dict[str, StageFactory]:
    """All registered stage factories, by name (built-ins loaded lazily)."""
    _load_builtins()
    return dict(_REGISTRY)


def create_stage(name: str, **options: Any) -> Stage:
    """Build a registered stage."""
    _load_builtins()
    try:
        factory = _REGISTRY[name]
    except KeyError:
        known = ", ".join(sorted(_REGISTRY)) or "none"
        raise StageError(f"unknown stage {name!r}; registered: {known}") from None
    return factory(**options)


def _load_builtins() -> None:
    from narrascope import registrations  # noqa: F401  (registers built-in stages)


ErrorHandler = Callable[[Document, str, Exception], None]


class Pipeline:
    """An ordered list of stages, checked at construction."""

    def __init__(self, stages: list[Stage], *, on_error: ErrorHandler | None = None) -> None:
        available = set(CLEAN_FIELDS)
        for stage in stages:
            missing = [f for f in stage.requires if f not in available]
            if missing:
                raise StageError(
                    f"stage {stage.name!r} requires {missing}, which no earlier stage assigns"
                )
            available.update(stage.assigns)
        self.stages = stages
        self.on_error = on_error
        self.failures: list[Failure] = []

    @property
    def names(self) -> list[str]:
        """Names of the stages in order."""
        return [stage.name for stage in self.stages]

    def __call__(self, doc: Document) -> Document:
        for stage in self.stages:
            doc = self._guarded(stage, doc)
        return doc

    def pipe(self, docs: Iterable[Document], batch_size: int = 64) -> Iterator[Document]:
        """Run every stage over a stream of documents, batch by batch."""
        stream: Iterable[Document] = docs
        for stage in self.stages:
            stream = self._guarded_pipe(stage, stream, batch_size)
        yield from stream

    def _guarded(self, stage: Stage, doc: Document) -> Document:
        try:
            return stage(doc)
        except Exception as exc:  # a batch error handler, as spaCy's
            self._record(doc, stage.name, exc)
            return doc

    def _guarded_pipe(
        self, stage: Stage, docs: Iterable[Document], batch_size: int
    ) -> Iterator[Document]:
        batch: list[Document] = []
        for doc in docs:
            batch.append(doc)
            if len(batch) >= batch_size:
                yield from self._run_batch(stage, batch, batch_size)
                batch = []
        if batch:
            yield from self._run_batch(stage, batch, batch_size)

    def _run_batch(self, stage: Stage, batch: list[Document], batch_size: int) -> list[Document]:
        try:
            return list(stage.pipe(batch, batch_size=batch_size))
        except Exception:
            return [self._guarded(stage, doc) for doc in batch]  # isolate the bad document

    def _record(self, doc: Document, stage: str, exc: Exception) -> None:
        failure = Failure(source=doc.source, stage=stage, reason=f"{type(exc).__name__}: {exc}")
        self.failures.append(failure)
        if self.on_error is not None:
            self.on_error(doc, stage, exc)
