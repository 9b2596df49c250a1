"""Runners: serial, a process pool (``--workers 2``) and Ray give identical results.

The stage under test (``spacy_ner_stage.py``) runs the real spaCy model over real
text; the runners re-import the module that registered it in every worker (as
they do for any user stage), so the same stage runs in every process.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from narrascope.analysis import analyse_stored
from narrascope.config import Settings
from narrascope.errors import StageError
from narrascope.ids import content_id
from narrascope.models import Document
from narrascope.runner import PoolRunner, SerialRunner, create_runner
from narrascope.serde import to_dict
from narrascope.store import open_store
from spacy_ner_stage import BAD_MARK, STAGE

SEEDS = Path(__file__).resolve().parent / "data" / "seeds"  # in the repository


def corpus() -> list[Document]:
    """Paragraphs of the seed articles as documents, plus two poisoned ones."""
    paragraphs: list[str] = []
    for path in sorted(SEEDS.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        paragraphs += [line.strip() for line in text.splitlines() if len(line.strip()) > 80]
    paragraphs = paragraphs[:48]
    paragraphs[7] += f" {BAD_MARK}"
    paragraphs[31] += f" {BAD_MARK}"
    return [
        Document(id=content_id(text), source=f"seed-paragraph-{i}", raw=text, text=text)
        for i, text in enumerate(paragraphs)
    ]


def settings_for(db: Path, **overrides: Any) -> Settings:
    values: dict[str, Any] = {"db": str(db), "stages": (STAGE,), "batch_size": 8,
                              "connect": False}
    values.update(overrides)
    return Settings(**values)


def analyse_with(tmp_path: Path, name: str, **overrides: Any) -> tuple[list[Any], set[Any]]:
    """Store the corpus, analyse it with the runner, return stored documents and failures."""
    settings = settings_for(tmp_path / f"{name}.db", **overrides)
    store = open_store(settings.db)
    try:
        store.add_documents(corpus())
        report = analyse_stored(store, settings)
        docs = [to_dict(doc) for doc in store.iter_documents(batch_size=7)]
        stored_failures = set(store.list_failures(limit=100))
    finally:
        store.close()
    assert report.analysed == len(docs)
    assert set(report.failures) == stored_failures
    return docs, stored_failures


@pytest.fixture(scope="module")
def serial_result(tmp_path_factory: pytest.TempPathFactory) -> tuple[list[Any], set[Any]]:
    return analyse_with(tmp_path_factory.mktemp("serial"), "serial")


def test_runners_serial_finds_entities_and_failures(
    serial_result: tuple[list[Any], set[Any]],
) -> None:
    docs, failures = serial_result
    assert len(docs) == 48
    assert sum(1 for doc in docs if doc["entities"]) > 30
    assert {f.source for f in failures} == {"seed-paragraph-7", "seed-paragraph-31"}
    assert all(f.stage == "test_spacy_ner" for f in failures)


def test_runners_pool_matches_serial(
    tmp_path: Path, serial_result: tuple[list[Any], set[Any]]
) -> None:
    assert analyse_with(tmp_path, "pool", workers=2) == serial_result


@pytest.mark.ray
@pytest.mark.slow
def test_runners_ray_matches_serial(
    tmp_path: Path, serial_result: tuple[list[Any], set[Any]]
) -> None:
    pytest.importorskip("ray")
    assert analyse_with(tmp_path, "ray", engine="ray", workers=2) == serial_result


@pytest.mark.ray
@pytest.mark.slow
def test_runners_ray_small_windows_keep_order(tmp_path: Path) -> None:
    pytest.importorskip("ray")
    from narrascope.distributed import RayRunner

    docs = corpus()[:20]
    runner = RayRunner(settings_for(tmp_path / "x.db", workers=2, batch_size=3), window=10)
    try:
        batches = list(runner.run(docs))
    finally:
        runner.close()
    assert [d.id for batch in batches for d in batch] == [d.id for d in docs]
    assert all(len(batch) <= 3 for batch in batches)
    assert [f.source for f in runner.failures] == ["seed-paragraph-7"]


def test_runners_pool_does_not_read_input_ahead(tmp_path: Path) -> None:
    consumed = itertools.count()

    def stream() -> Iterator[Document]:
        for doc in itertools.cycle(corpus()[:6]):
            next(consumed)
            yield doc

    runner = PoolRunner(settings_for(tmp_path / "x.db", workers=2, batch_size=4))
    try:
        out = runner.run(stream())
        first = next(out)
        assert len(first) == 2  # pool batches are half the batch size
        assert next(consumed) <= 2 * 2 * 2 + 2  # 2 * workers batches in flight, plus one
    finally:
        runner.close()


@pytest.mark.timeout(120)
def test_runners_pool_worker_build_error_is_raised(tmp_path: Path) -> None:
    runner = create_runner(settings_for(tmp_path / "x.db", workers=2, stages=("no.such.v1",)))
    try:
        with pytest.raises(StageError, match="could not build the pipeline"):
            list(runner.run(corpus()[:2]))
    finally:
        runner.close()


def test_runners_serial_strict_raises(tmp_path: Path) -> None:
    runner = SerialRunner(settings_for(tmp_path / "x.db", strict=True))
    with pytest.raises(StageError, match="poisoned"):
        list(runner.run(corpus()[:10]))
