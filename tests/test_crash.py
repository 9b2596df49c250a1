"""Crash safety: SIGKILL a real ``narrascope analyze`` mid-run, then resume it.

After the kill the store opens and is consistent (no duplicate documents, every
analysis batch all-or-nothing); a rerun analyses the rest, each document
exactly once, and leaves what was committed before the kill untouched.
"""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from narrascope.config import Settings
from narrascope.runner import pipeline_version
from narrascope.store import open_store
from spacy_ner_stage import STAGE

SEEDS = Path(__file__).resolve().parent / "data" / "seeds"  # in the repository
TESTS = Path(__file__).resolve().parent
N_ARTICLES = 240
BATCH = 16


def write_corpus(folder: Path) -> None:
    """Invented bulletins recombining lines of the seed articles, one file each."""
    lines = [
        line.strip()
        for path in sorted(SEEDS.glob("*.txt"))
        for line in path.read_text(encoding="utf-8").splitlines()
        if len(line.strip()) > 80
    ]
    folder.mkdir()
    for i in range(N_ARTICLES):
        body = [lines[(i * 7 + k * 13) % len(lines)] for k in range(5)]
        text = (f"Bulletin {i}: negotiators meet again\n\n" + "\n\n".join(body)
                + f"\n\nThis is bulletin number {i} of the series.")
        (folder / f"{i:04d}.txt").write_text(text, encoding="utf-8")


def analyze_command(corpus: Path, db: Path, *, quiet: bool = True) -> list[str]:
    """The real CLI, with the test stage registered first (as a plugin module would be)."""
    bootstrap = (f"import sys; sys.path.insert(0, {str(TESTS)!r}); import spacy_ner_stage; "
                 "from narrascope.cli import main; main()")
    return [sys.executable, "-c", bootstrap, "analyze", str(corpus), "--db", str(db),
            "--no-connect", *(["-q"] if quiet else [])]


def environment() -> dict[str, str]:
    env = dict(os.environ)
    env.update(NARRASCOPE_STAGES=STAGE, NARRASCOPE_BATCH_SIZE=str(BATCH))
    return env


def count(db: Path, table: str) -> int:
    try:
        with sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=5) as conn:
            return int(conn.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0])
    except sqlite3.Error:  # not created yet
        return 0


def committed_analyses(db: Path) -> dict[str, tuple[str, str]]:
    with sqlite3.connect(db) as conn:
        rows = conn.execute("SELECT doc_id, version, analysed_at FROM analyses").fetchall()
    return {doc_id: (version, at) for doc_id, version, at in rows}


def kill_mid_analysis(corpus: Path, db: Path) -> None:
    """Start ``analyze`` and SIGKILL it once some, not all, batches are analysed."""
    proc = subprocess.Popen(analyze_command(corpus, db), env=environment(),
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 300
    try:
        while time.monotonic() < deadline and proc.poll() is None:
            if count(db, "analyses") >= 2 * BATCH:
                break
            time.sleep(0.05)
        assert proc.poll() is None, f"analyze ended before the kill: {proc.stderr.read()!r}"
        os.kill(proc.pid, signal.SIGKILL)
    finally:
        proc.wait(timeout=60)
        proc.stderr.close()  # type: ignore[union-attr]
    assert proc.returncode == -signal.SIGKILL


@pytest.mark.slow
@pytest.mark.timeout(900)
def test_crash_sigkill_mid_run_then_resume(tmp_path: Path) -> None:
    corpus, db = tmp_path / "corpus", tmp_path / "store.db"
    write_corpus(corpus)
    kill_mid_analysis(corpus, db)

    with sqlite3.connect(db) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    version = pipeline_version(Settings(stages=(STAGE,)))
    store = open_store(db)
    try:
        ids = [doc.id for doc in store.iter_documents(with_findings=False)]
        # analysis starts with the first stored batch, so ingest may be unfinished too
        assert len(ids) == len(set(ids)) == store.count_documents() <= N_ARTICLES
        assert len(ids) % BATCH == 0  # ingest commits whole batches too
        before = committed_analyses(db)
        assert 0 < len(before) < N_ARTICLES
        assert set(before) <= set(ids)
        # every batch is one transaction: whole or absent (the worker pool analyses and
        # stores half batches, one process whole ones)
        assert len(before) % (BATCH // 2) == 0
        assert {v for v, _ in before.values()} == {version}
        assert all(store.get_document(doc_id).entities for doc_id in before)
    finally:
        store.close()

    done = subprocess.run(analyze_command(corpus, db, quiet=False), env=environment(),
                          capture_output=True, text=True, timeout=600, check=False)
    assert done.returncode == 0, done.stderr
    # only what the kill left undone is analysed; --no-connect still links entities, which
    # rewrites (not re-analyses) documents whose entity ids change
    new = N_ARTICLES - len(ids)
    assert f"{new} new, {N_ARTICLES - len(before)} analysed, 0 failure(s)" in done.stderr

    after = committed_analyses(db)
    assert set(after) >= set(ids)
    assert {doc_id: after[doc_id][0] for doc_id in before} == {  # same pipeline version
        doc_id: version for doc_id, (version, _) in before.items()
    }
    store = open_store(db)
    try:
        assert store.count_documents() == N_ARTICLES
        streamed = [doc.id for doc in store.iter_documents()]
        assert len(streamed) == len(set(streamed)) == N_ARTICLES
        assert set(streamed) >= set(ids)  # what was stored before the kill is kept
        assert store.analysed_ids(version) == set(streamed) == set(after)
        assert all(doc.entities for doc in store.iter_documents())
    finally:
        store.close()
