"""The Python API: analyze() on the bundled examples, failures, resume."""

from __future__ import annotations

from pathlib import Path

import narrascope
from narrascope.analysis import analyse_stored, ingest_paths
from narrascope.config import Settings
from narrascope.store import open_store


def test_analysis_api_returns_corpus_with_all_documents(examples_dir: Path) -> None:
    corpus = narrascope.analyze(examples_dir)
    assert len(corpus.documents) == 6  # 4 files + 2 JSONL lines
    assert not corpus.failures
    outlets = {doc.outlet for doc in corpus.documents}
    assert {"Daily Meridian", "Green Horizon"} <= outlets  # given in the JSONL
    for doc in corpus.documents:
        assert doc.text
        assert doc.language == "en"


def test_analysis_bad_file_is_recorded_and_batch_goes_on(
    examples_dir: Path, tmp_path: Path
) -> None:
    bad = tmp_path / "truncated.jsonl"
    bad.write_text(
        '{"text": "A complete line about the talks in Geneva that ended."}\n{"text": "cut'
    )
    corpus = narrascope.analyze([examples_dir, bad])
    assert len(corpus.documents) == 7
    assert [f.source for f in corpus.failures] == [f"{bad}:2"]


def test_analysis_resume_analyses_only_missing_documents(
    examples_dir: Path, tmp_path: Path
) -> None:
    settings = Settings(db=str(tmp_path / "r.db"), stages=("narrascope.extract.v1",))
    store = open_store(settings.db)
    try:
        report = ingest_paths([examples_dir], store, settings)
        assert report.added == 6
        first = analyse_stored(store, settings, ids=report.seen[:2])
        assert first.analysed == 2
        rest = analyse_stored(store, settings)
        assert rest.analysed == 4
        again = analyse_stored(store, settings)
        assert again.analysed == 0
        assert store.count_documents() == 6
    finally:
        store.close()


def test_analysis_examples_connect_story_and_planted_contradiction(examples_dir: Path) -> None:
    corpus = narrascope.analyze(examples_dir)
    by_size = sorted(corpus.stories, key=lambda s: len(s.documents), reverse=True)
    swap, climate = by_size[0], by_size[1]
    assert len(swap.documents) == 5
    assert {"Northwire", "Voice of Eurasia", "Kyiv Ledger"} <= set(swap.outlets)
    assert climate.outlets == ("Green Horizon",)
    syndicated = [doc for doc in corpus.documents if doc.duplicate_of]
    assert [doc.outlet for doc in syndicated] == ["Daily Meridian"]
    dates = [c for c in corpus.contradictions if c.kind == "date"]
    assert dates, "the planted arrival-date contradiction (June 9 vs June 10) is missing"
    for item in dates:
        assert "June 10" in item.span_a.text + item.span_b.text
        assert "June 9" in item.span_a.text + item.span_b.text
    assert all(c.kind != "number" for c in corpus.contradictions)
