"""Defaults that fit the machine: workers from the cores, quiet model loads, --no-connect."""

from __future__ import annotations

import json
import logging
import os
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from tqdm import tqdm

import narrascope.analysis as analysis
import narrascope.config as config
from narrascope.analysis import analyse_stored
from narrascope.cli import cli
from narrascope.config import Settings, available_cores
from narrascope.ids import content_id
from narrascope.models import Document
from narrascope.quiet import quiet_third_party
from narrascope.runner import PoolRunner, SerialRunner
from narrascope.store import open_store
from spacy_ner_stage import STAGE


def test_available_cores_is_the_affinity_not_the_machine() -> None:
    assert available_cores() == len(os.sched_getaffinity(0))
    assert Settings(workers=3).worker_count == 3
    assert Settings().worker_count == available_cores()


def _docs(n: int) -> list[Document]:
    texts = [f"Report {i}: the council of Port Alder met Dana Whitlow on Monday." for i in range(n)]
    return [Document(id=content_id(t), source=f"s{i}", raw=t, text=t) for i, t in enumerate(texts)]


@pytest.mark.parametrize(("n_docs", "runner"), [(3, SerialRunner), (9, PoolRunner)])
def test_auto_workers_use_a_pool_only_when_the_input_pays_for_it(
    n_docs: int, runner: type, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(config, "available_cores", lambda: 2)
    chosen: list[Any] = []
    real = analysis.create_runner

    def spy(settings: Settings) -> Any:
        made = real(settings)
        chosen.append(made)
        return made

    monkeypatch.setattr(analysis, "create_runner", spy)
    settings = Settings(db=str(tmp_path / "w.db"), stages=(STAGE,), batch_size=2, connect=False)
    store = open_store(settings.db)
    try:
        store.add_documents(_docs(n_docs))
        report = analyse_stored(store, settings)
        assert report.analysed == n_docs
        assert all(doc.entities for doc in store.iter_documents())
    finally:
        store.close()
    assert [type(r) for r in chosen] == [runner]


def test_quiet_third_party_hides_load_reports_and_bars(capsys: pytest.CaptureFixture[str]) -> None:
    from transformers.utils import logging as hf_logging

    before = hf_logging.get_verbosity()
    with quiet_third_party():
        hf_logging.get_logger("transformers.modeling_utils").warning("BertModel LOAD REPORT")
        logging.getLogger("model2vec.distill").warning("chatter")
        for _ in tqdm(range(50), desc="Encoding tokens"):
            pass
    captured = capsys.readouterr()
    assert "LOAD REPORT" not in captured.err
    assert "Encoding tokens" not in captured.err
    assert hf_logging.get_verbosity() == before
    assert logging.getLogger("model2vec").level != logging.ERROR


def test_no_connect_keeps_the_corpus_entities(examples_dir: Path, tmp_path: Path) -> None:
    out = tmp_path / "r.json"
    args = ["analyze", str(examples_dir), "--db", str(tmp_path / "n.db"), "--out", str(out),
            "--no-connect", "-q"]
    result = CliRunner().invoke(cli, args, catch_exceptions=False)
    assert result.exit_code == 0, result.output
    data = json.loads(out.read_text())
    assert data["entities"]
    assert data["stories"] == []
    assert data["contradictions"] == []
    ids = {e["id"] for e in data["entities"]}
    linked = {e["id"] for d in data["documents"] for e in d["entities"]}
    assert linked <= ids
