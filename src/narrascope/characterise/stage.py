"""``CharacteriseStage``: the pipeline stage registered as ``narrascope.characterise.v1``."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from narrascope.characterise.core import CharacteriseOptions, Characteriser
from narrascope.models import Document
from narrascope.stage_registry import BaseStage


class CharacteriseStage(BaseStage):
    """Assigns narratives, roles, techniques, tone and the dominant-narrative explanation.

    Models load on first use, so the stage pickles cheaply to worker processes.
    """

    name = "characterise"
    requires = ("text",)
    assigns = ("narratives", "roles", "techniques", "tone", "explanation")

    def __init__(
        self,
        *,
        taxonomy: str | None = None,
        model_dir: str | None = None,
        embedder: str = "static",
        max_entities: int = 5,
        **_: Any,
    ) -> None:
        self.options = CharacteriseOptions(
            taxonomies=(taxonomy,) if taxonomy else (),
            model=model_dir if model_dir else "auto",
            embedder=embedder,
            max_entities=max_entities,
        )
        self._engine: Characteriser | None = None

    @property
    def engine(self) -> Characteriser:
        """The loaded characteriser."""
        if self._engine is None:
            self._engine = Characteriser(self.options)
        return self._engine

    def __getstate__(self) -> dict[str, Any]:
        return {"options": self.options, "_engine": None}

    def __call__(self, doc: Document) -> Document:
        return self.engine.characterise([doc])[0]

    def pipe(self, docs: Iterable[Document], batch_size: int = 64) -> Iterator[Document]:
        batch: list[Document] = []
        for doc in docs:
            batch.append(doc)
            if len(batch) >= batch_size:
                yield from self.engine.characterise(batch)
                batch = []
        if batch:
            yield from self.engine.characterise(batch)
