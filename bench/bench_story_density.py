"""Story clustering at high story density, scored against the generator's stories.

The 100 000-page run found 1 446 stories where ``make_corpus.py`` wrote 7 000: at that
density (about 92 pages a day) stories of one kind fall in the same week and share most
of their template text. This benchmark rebuilds that density on a small corpus: ``--n``
pages whose events lie within ``--span-days`` days (5 000 pages over 54 days = the
density of 100 000 over three years). It analyses the corpus once (``narrascope analyze
--workers 2``, model time not re-paid by later runs: ``--reuse``), then re-runs only the
stories step on copies of the store, once per clustering variant, and scores each with
B-cubed precision/recall/F1 (``narrascope.evaluation.stories.bcubed``) against the
generator's page -> story table (``.stories.tsv``).

    python bench/bench_story_density.py --n 5000 --span-days 54 --work /work/benchrun \\
        --variant '{}' --variant '{"text_alone": 0.8}'

Each variant is a JSON object of ``ClusterOptions`` fields (``{}``: the defaults).
"""

from __future__ import annotations

import argparse
import contextlib
import csv
import json
import shutil
import subprocess
import sys
import time
from collections import defaultdict
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from make_corpus import TRUTH, write_corpus  # noqa: E402

from narrascope.config import Settings  # noqa: E402
from narrascope.evaluation.stories import bcubed  # noqa: E402
from narrascope.runner import pipeline_version  # noqa: E402
from narrascope.store import open_store  # noqa: E402
from narrascope.stories import ClusterOptions  # noqa: E402
from narrascope.stories.streaming import connect_store  # noqa: E402


def analyse(corpus: Path, db: Path, reuse: bool) -> float:
    """Analyse the corpus into ``db`` (unless reusing it); returns the seconds spent."""
    if reuse and db.exists():
        return 0.0
    for suffix in ("", "-wal", "-shm"):
        Path(f"{db}{suffix}").unlink(missing_ok=True)
    start = time.perf_counter()
    command = [sys.executable, "-m", "narrascope", "analyze", str(corpus), "--db", str(db)]
    subprocess.run([*command, "-q", "--workers", "2"], check=False)
    return time.perf_counter() - start


def truth_of(corpus: Path) -> dict[str, str]:
    with (corpus / TRUTH).open(encoding="utf-8") as handle:
        return {row["page"]: row["story"] for row in csv.DictReader(handle, delimiter="\t")}


def score(db: Path, work: Path, options: dict[str, object], truth: dict[str, str]) -> dict[str, object]:
    """Re-run the stories step on a copy of ``db`` with ``options``; B-cubed against truth."""
    copy = work / "density-variant.db"
    for suffix in ("", "-wal", "-shm"):
        Path(f"{copy}{suffix}").unlink(missing_ok=True)
    shutil.copy(db, copy)
    store = open_store(copy)
    try:
        version = pipeline_version(Settings())
        start = time.perf_counter()
        connect_store(
            store,
            save=lambda docs: store.save_analyses(docs, version),
            cluster_options=ClusterOptions(**options),  # type: ignore[arg-type]
        )
        seconds = time.perf_counter() - start
        page_of = {d.id: Path(d.source).name for d in store.iter_documents(with_findings=False)}
        stories = store.list_stories(limit=10**7)
    finally:
        store.close()
    pred = [[page_of[doc_id] for doc_id in story.documents] for story in stories]
    gold_groups: dict[str, list[str]] = defaultdict(list)
    for page, story in truth.items():
        gold_groups[story].append(page)
    ids = sorted(page_of.values())
    result = bcubed(list(gold_groups.values()), pred, ids)
    return {"options": options, "stories": len(stories), "true_stories": len(gold_groups),
            "seconds": round(seconds, 1), **{k: round(v, 3) for k, v in result.items()}}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--n", type=int, default=5000)
    parser.add_argument("--span-days", type=int, default=54)
    parser.add_argument("--work", type=Path, default=Path(".bench"))
    parser.add_argument("--reuse", action="store_true", help="keep an analysed store")
    parser.add_argument("--variant", action="append", default=[],
                        help="ClusterOptions fields as JSON (repeatable; default: '{}')")
    args = parser.parse_args()
    args.work.mkdir(parents=True, exist_ok=True)
    corpus = write_corpus(args.n, args.work / f"corpus-dense-{args.n}-{args.span_days}",
                          span_days=args.span_days)
    db = args.work / f"dense-{args.n}-{args.span_days}.db"
    seconds = analyse(corpus, db, args.reuse)
    print(json.dumps({"analysed": str(db), "seconds": round(seconds, 1)}), flush=True)
    truth = truth_of(corpus)
    rows = [score(db, args.work, json.loads(v), truth) for v in args.variant or ["{}"]]
    with contextlib.suppress(OSError), (args.work / "density.jsonl").open("a") as out:
        out.writelines(json.dumps({"n": args.n, "span_days": args.span_days, **r}) + "\n"
                       for r in rows)
    print("| variant | stories (true) | B-cubed P | R | F1 | s |")
    print("|---|---:|---:|---:|---:|---:|")
    for r in rows:
        print(f"| `{json.dumps(r['options'])}` | {r['stories']} ({r['true_stories']}) | "
              f"{r['stories_bcubed_precision']} | {r['stories_bcubed_recall']} | "
              f"{r['stories_bcubed_f1']} | {r['seconds']} |")


if __name__ == "__main__":
    main()
