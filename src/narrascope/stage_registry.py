"""The stage contract and the registry of stage factories.

Its own module so that the built-in stage modules (and a user's) depend on it and
not on :mod:`narrascope.pipeline`, which loads the built-ins lazily.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from typing import Protocol, runtime_checkable

from narrascope.errors import StageError
from narrascope.models import Document


@runtime_checkable
class Stage(Protocol):
    """A per-document processing step."""

    name: str
    requires: tuple[str, ...]
    assigns: tuple[str, ...]

    def __call__(self, doc: Document) -> Document: ...

    def pipe(self, docs: Iterable[Document], batch_size: int = 64) -> Iterator[Document]: ...


class BaseStage:
    """Convenience base: ``pipe`` calls ``__call__`` one document at a time."""

    name: str = "stage"
    requires: tuple[str, ...] = ("text",)
    assigns: tuple[str, ...] = ()

    def __call__(self, doc: Document) -> Document:  # pragma: no cover - abstract
        raise NotImplementedError

    def pipe(self, docs: Iterable[Document], batch_size: int = 64) -> Iterator[Document]:
        for doc in docs:
            yield self(doc)


StageFactory = Callable[..., Stage]
_REGISTRY: dict[str, StageFactory] = {}


def register_stage(name: str) -> Callable[[StageFactory], StageFactory]:
    """Register a stage factory under a versioned name."""

    def decorator(factory: StageFactory) -> StageFactory:
        if name in _REGISTRY and _REGISTRY[name] is not factory:
            raise StageError(f"stage {name!r} is already registered")
        _REGISTRY[name] = factory
        return factory

    return decorator
