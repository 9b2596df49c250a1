"""The stage contract: build-time requires/assigns checks, registry, batch error isolation."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

import pytest

from narrascope.errors import StageError
from narrascope.models import Document
from narrascope.pipeline import BaseStage, Pipeline, create_stage, register_stage, registered_stages


def _doc(i: int, text: str = "Some text.") -> Document:
    return Document(id=f"d{i}", source=f"s{i}", raw=text, text=text)


class Upper(BaseStage):
    name = "upper"
    requires = ("text",)
    assigns = ("explanation",)

    def __call__(self, doc: Document) -> Document:
        if "boom" in doc.text:
            raise ValueError("cannot handle boom")
        doc.explanation = doc.text.upper()
        return doc


class NeedsExplanation(BaseStage):
    name = "needs"
    requires = ("explanation",)

    def __call__(self, doc: Document) -> Document:
        return doc


class BatchFails(Upper):
    name = "batch"

    def pipe(self, docs: Iterable[Document], batch_size: int = 64) -> Iterator[Document]:
        docs = list(docs)
        for doc in docs:
            self(doc)  # the whole batch fails when one document does
        yield from docs


def test_pipeline_checks_requires_at_build_time() -> None:
    with pytest.raises(StageError, match="requires"):
        Pipeline([NeedsExplanation()])
    Pipeline([Upper(), NeedsExplanation()])  # fine once something assigns it


def test_pipeline_isolates_bad_document_in_batch() -> None:
    pipeline = Pipeline([BatchFails()])
    docs = [_doc(1), _doc(2, "boom here"), _doc(3)]
    out = list(pipeline.pipe(docs, batch_size=3))
    assert [d.id for d in out] == ["d1", "d2", "d3"]
    assert out[0].explanation == "SOME TEXT."
    assert out[1].explanation is None
    assert len(pipeline.failures) == 1
    assert pipeline.failures[0].source == "s2"
    assert "boom" in pipeline.failures[0].reason


def test_pipeline_registry_rejects_unknown_and_duplicates() -> None:
    with pytest.raises(StageError, match="unknown stage"):
        create_stage("narrascope.nothing.v0")
    register_stage("tests.upper.v1")(Upper)
    assert "tests.upper.v1" in registered_stages()
    with pytest.raises(StageError, match="already registered"):
        register_stage("tests.upper.v1")(NeedsExplanation)


def test_pipeline_builtin_stages_are_registered() -> None:
    names = registered_stages()
    assert "narrascope.extract.v1" in names
    assert "narrascope.characterise.v1" in names
