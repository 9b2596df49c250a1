"""``StoryVectorStage``: the story embedding of each document, computed with the analysis.

Embedding title and lead is the costly part of story clustering. Done as a
per-document stage it runs in the worker processes (or Ray actors) next to
extraction, and is stored with the findings, so connecting a corpus (again, or
after new articles arrive) reads vectors instead of recomputing them.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from narrascope.models import Document
from narrascope.stage_registry import BaseStage
from narrascope.stories.vectors import document_text, encode_vector, use_embedder


class StoryVectorStage(BaseStage):
    """Sets ``Document.story_vector`` (USE v3 of title and lead, float16, base64)."""

    name = "storyvec"
    requires = ("text",)
    assigns = ("story_vector",)

    def __init__(self, *, threads: int = 1, **_: Any) -> None:
        self.threads = threads  # one BLAS thread: workers already fill the cores

    def __call__(self, doc: Document) -> Document:
        return next(iter(self.pipe([doc])))

    def pipe(self, docs: Iterable[Document], batch_size: int = 64) -> Iterator[Document]:
        batch: list[Document] = []
        for doc in docs:
            batch.append(doc)
            if len(batch) >= batch_size:
                yield from self._embed(batch)
                batch = []
        if batch:
            yield from self._embed(batch)

    def _embed(self, docs: list[Document]) -> list[Document]:
        vectors = use_embedder([document_text(doc) for doc in docs], threads=self.threads)
        for doc, vector in zip(docs, vectors, strict=True):
            doc.story_vector = encode_vector(vector)
        return docs
