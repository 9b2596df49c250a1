"""Full-pipeline benchmark: Narrascope vs the peer stack vs bare spaCy, same pages, same session.

For each corpus size it writes (or reuses) a synthetic corpus (``make_corpus.py``),
then runs every system as a subprocess and samples the resident memory of the
whole process tree (workers included) every 0.2 s:

    narrascope     narrascope analyze CORPUS --db fresh.db        (serial)
    narrascope-w2  ... --workers 2                                 (process pool)
    ray-1, ray-2   ... --engine ray --workers 1|2                  (local Ray)
    peer           bench/peer_stack.py peer   (trafilatura+spaCy+textacy+MiniLM+sklearn)
    spacy          bench/peer_stack.py spacy  (bare nlp.pipe, 2 processes)

    python bench/bench_pipeline.py --sizes 1000 10000 --systems narrascope-w2 peer spacy

Results are appended as JSON lines to ``.bench/results.jsonl`` and printed as a
Markdown table (articles/s, peak RSS, ratios against narrascope-w2). Each run also
writes ``SYSTEM-SIZE.rss.csv``, the tree's resident memory every 10 s, which shows
whether memory grows over a long run (ingest and analysis, then connect).
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import resource
import shutil
import subprocess
import sys
import time
from pathlib import Path

import psutil

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))
from make_corpus import write_corpus  # noqa: E402

NARRASCOPE = [sys.executable, "-m", "narrascope", "analyze"]
SYSTEMS: dict[str, list[str]] = {
    "narrascope": [],
    "narrascope-w2": ["--workers", "2"],
    "ray-1": ["--engine", "ray", "--workers", "1"],
    "ray-2": ["--engine", "ray", "--workers", "2"],
}


def _tree_sample(proc: psutil.Process, cpu: dict[int, float]) -> int:
    """Resident memory of the process tree now; records each member's CPU seconds."""
    total = 0
    for p in [proc, *proc.children(recursive=True)]:
        try:
            with p.oneshot():
                total += p.memory_info().rss
                times = p.cpu_times()
                cpu[p.pid] = times.user + times.system
        except psutil.Error:
            continue
    return total


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def measure(command: list[str], log: Path) -> tuple[float, float, int, int]:
    """Wall seconds, CPU seconds of the whole tree, peak tree RSS and exit code.

    CPU is the larger of the waited-for children's rusage and the sum over every
    process seen in the tree (pool and Ray workers are not waited for by us).
    """
    cpu0 = _children_cpu()
    seen: dict[int, float] = {}
    start = time.perf_counter()
    trace = log.with_suffix(".rss.csv")  # elapsed s, tree RSS MB: memory over the run
    with log.open("w") as out, trace.open("w") as rss:
        rss.write("seconds,rss_mb\n")
        proc = subprocess.Popen(command, stdout=out, stderr=subprocess.STDOUT, cwd=ROOT)
        ps = psutil.Process(proc.pid)
        peak, next_trace = 0, 0.0
        while proc.poll() is None:
            now = 0
            with contextlib.suppress(psutil.Error):
                now = _tree_sample(ps, seen)
            peak = max(peak, now)
            elapsed = time.perf_counter() - start
            if elapsed >= next_trace and now:
                rss.write(f"{elapsed:.0f},{now / 2**20:.0f}\n")
                rss.flush()
                next_trace = elapsed + 10
            time.sleep(0.2)
    waited = _children_cpu() - cpu0
    return time.perf_counter() - start, max(waited, sum(seen.values())), peak, proc.returncode


def command_for(system: str, corpus: Path, work: Path) -> list[str]:
    if system in SYSTEMS:
        db = work / f"{system}.db"
        for suffix in ("", "-wal", "-shm"):
            Path(f"{db}{suffix}").unlink(missing_ok=True)
        return [*NARRASCOPE, str(corpus), "--db", str(db), "-q", *SYSTEMS[system]]
    return [sys.executable, str(HERE / "peer_stack.py"), system, str(corpus)]


def _store_counts(db: Path) -> dict[str, int]:
    """What a Narrascope run stored: documents, analyses, entities, stories, contradictions."""
    import sqlite3

    tables = ("documents", "analyses", "entities", "stories", "contradictions")
    with contextlib.closing(sqlite3.connect(db)) as conn:
        return {t: int(conn.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0]) for t in tables}


def run(sizes: list[int], systems: list[str], work: Path) -> list[dict[str, object]]:
    work.mkdir(parents=True, exist_ok=True)
    rows: list[dict[str, object]] = []
    for size in sizes:
        corpus = write_corpus(size, work / f"corpus-{size}")
        for system in systems:
            log = work / f"{system}-{size}.log"
            seconds, cpu, peak, code = measure(command_for(system, corpus, work), log)
            row = {"system": system, "articles": size, "seconds": round(seconds, 1),
                   "articles_per_s": round(size / seconds, 2), "cpu_s": round(cpu, 1),
                   "load_avg": round(os.getloadavg()[0], 1),
                   "peak_rss_mb": round(peak / 2**20), "exit_code": code}
            if system in SYSTEMS:
                row.update(_store_counts(work / f"{system}.db"))
            rows.append(row)
            with (work / "results.jsonl").open("a") as out:
                out.write(json.dumps(row) + "\n")
            print(json.dumps(row), flush=True)
    return rows


def table(rows: list[dict[str, object]]) -> str:
    """Markdown: per size and system, throughput, memory, and the two ratios of issue #7."""
    lines = ["| articles | system | wall s | articles/s | CPU s | peak RSS (MB) "
             "| cost vs bare spaCy (wall) | peer stack wall / this |",
             "|---:|---|---:|---:|---:|---:|---:|---:|"]
    def wall(size: object, system: str) -> float | None:
        found = [float(r["seconds"]) for r in rows  # type: ignore[arg-type]
                 if r["articles"] == size and r["system"] == system]
        return found[-1] if found else None
    for r in rows:
        seconds = float(r["seconds"])  # type: ignore[arg-type]
        spacy, peer = wall(r["articles"], "spacy"), wall(r["articles"], "peer")
        vs_spacy = f"{seconds / spacy:.2f}×" if spacy else ""
        vs_peer = f"{peer / seconds:.2f}×" if peer else ""
        lines.append(f"| {r['articles']} | {r['system']} | {r['seconds']} | "
                     f"{r['articles_per_s']} | {r['cpu_s']} | {r['peak_rss_mb']} | "
                     f"{vs_spacy} | {vs_peer} |")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10_000])
    parser.add_argument("--systems", nargs="+", default=["narrascope-w2", "peer", "spacy"],
                        choices=[*SYSTEMS, "peer", "spacy"])
    parser.add_argument("--work", type=Path, default=ROOT / ".bench")
    parser.add_argument("--clean", action="store_true", help="Delete the corpora afterwards.")
    args = parser.parse_args()
    rows = run(args.sizes, args.systems, args.work)
    print(table(rows))
    if args.clean:
        for size in args.sizes:
            shutil.rmtree(args.work / f"corpus-{size}", ignore_errors=True)


if __name__ == "__main__":
    main()
