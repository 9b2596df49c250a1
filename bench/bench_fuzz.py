"""Fuzz bench: mutated real-looking articles through every stage and connect; crashes counted.

Each case is one mutated article (``tests/mutations.py``: numbers in every locale,
malformed and huge numbers, impossible and far dates, Unicode controls and bidi
marks, right-to-left words, unbalanced quotes and brackets, long tokens, repeats,
truncation). Cases go in groups (a corpus: mutants of one article and of others,
so duplicates, stories and contradictions are exercised): cleaned, analysed by
every default stage, stored in SQLite and connected. A crash is an exception a
step let out or a failure a stage or connect recorded (cleaning may refuse an
article with a ``NarrascopeError``: counted as refused, not as a crash).
``--rules`` cases exercise the rule layers alone (numbers, dates, cleaning), faster.

    .venv/bin/python bench/bench_fuzz.py --n 100000 --workers 16
    .venv/bin/python bench/bench_fuzz.py --n 1000 --rules 20000 --out fuzz.json
"""

from __future__ import annotations

import argparse
import contextlib
import json
import math
import multiprocessing as mp
import platform
import random
import sys
import time
from collections import Counter
from datetime import date
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))  # the shared mutations

import mutations  # noqa: E402
from narrascope.config import Settings, available_cores  # noqa: E402

_PIPELINE: Any = None
SETTINGS = Settings(db=":memory:", workers=1, batch_size=16)


def _group_texts(rng: random.Random, size: int) -> list[str]:
    base = rng.choice(mutations.articles())
    same = [mutations.mutate(rng, base, rng.randint(1, 3)) for _ in range(size // 2)]
    return same + [mutations.mutate(rng) for _ in range(size - len(same))]


def full_group(args: tuple[int, int]) -> tuple[int, list[str]]:
    """Cases of one group through every stage and connect: (cases, crashes)."""
    global _PIPELINE
    seed, size = args
    if _PIPELINE is None:
        from narrascope.workers import build_pipeline

        _PIPELINE = build_pipeline(SETTINGS)
    texts = _group_texts(random.Random(seed), size)
    try:
        return len(texts), mutations.analyse_mutants(texts, _PIPELINE, SETTINGS)
    except Exception as exc:
        return len(texts), [f"group {seed}: {type(exc).__name__}: {exc}"]


def rules_case(seed: int) -> list[str]:
    """One case of the rule layers: a number, the dates of a mutant, its cleaning."""
    from narrascope.clean import clean_article
    from narrascope.errors import NarrascopeError
    from narrascope.extract.dates import find_timexes
    from narrascope.models import RawArticle
    from narrascope.stories.numbers import MAX_VALUE, parse_number

    rng = random.Random(seed)
    crashes = []
    text = mutations.mutate(rng)
    try:
        value = parse_number(mutations.number(rng), rng.choice([None, *mutations.LOCALES]))
        if value is not None and not (math.isfinite(value) and abs(value) <= MAX_VALUE):
            crashes.append(f"numbers: out of range {value}")
        for timex in find_timexes(text, rng.choice([None, "2025-05-01"])):
            if timex.precision in ("day", "time"):
                date.fromisoformat(timex.value[:10])
        fmt = rng.choice(["text", "html"])
        with contextlib.suppress(NarrascopeError):
            clean_article(RawArticle(source="mutant", content=text, fmt=fmt))  # type: ignore[arg-type]
    except Exception as exc:
        crashes.append(f"rules: {type(exc).__name__}: {exc}")
    return crashes


def _pool(workers: int) -> Any:
    return mp.get_context("forkserver").Pool(workers) if workers > 1 else None


def run_full(n: int, group: int, workers: int, seed: int) -> dict[str, Any]:
    tasks = [(seed * 1_000_003 + i, min(group, n - i * group)) for i in range(math.ceil(n / group))]
    start = time.perf_counter()
    pool = _pool(workers)
    results = pool.imap_unordered(full_group, tasks) if pool else map(full_group, tasks)
    cases, crashes = 0, []
    for done, found in results:
        cases += done
        crashes += found
        print(f"\rfull: {cases}/{n} cases, {len(crashes)} crashes", end="", file=sys.stderr)
    if pool:
        pool.close()
        pool.join()
    print(file=sys.stderr)
    return _summary(cases, crashes, time.perf_counter() - start)


def run_rules(n: int, workers: int, seed: int) -> dict[str, Any]:
    start = time.perf_counter()
    seeds = range(seed * 7_000_003, seed * 7_000_003 + n)
    pool = _pool(workers)
    results = pool.imap_unordered(rules_case, seeds, chunksize=64) if pool else map(rules_case, seeds)
    crashes: list[str] = []
    for i, found in enumerate(results, 1):
        crashes += found
        if i % 1000 == 0:
            print(f"\rrules: {i}/{n} cases, {len(crashes)} crashes", end="", file=sys.stderr)
    if pool:
        pool.close()
        pool.join()
    print(file=sys.stderr)
    return _summary(n, crashes, time.perf_counter() - start)


def _summary(cases: int, crashes: list[str], seconds: float) -> dict[str, Any]:
    kinds = Counter(c.split(":", 1)[0] for c in crashes)
    return {
        "cases": cases,
        "crashes": len(crashes),
        "crash_kinds": dict(kinds),
        "examples": crashes[:20],
        "seconds": round(seconds, 1),
        "cases_per_s": round(cases / seconds, 2) if seconds else None,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=100_000, help="cases through every stage")
    parser.add_argument("--rules", type=int, default=0, help="cases through the rule layers")
    parser.add_argument("--group", type=int, default=24, help="cases per connected corpus")
    parser.add_argument("--workers", type=int, default=available_cores())
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--out", type=Path, help="write the JSON result here")
    args = parser.parse_args()
    result: dict[str, Any] = {
        "bench": "fuzz",
        "command": " ".join(sys.argv),
        "machine": {"python": platform.python_version(), "cores": available_cores()},
        "fixture_articles": len(mutations.articles()),
        "mutations": sorted(mutations.MUTATIONS),
    }
    if args.n:
        result["full"] = run_full(args.n, args.group, args.workers, args.seed)
    if args.rules:
        result["rules"] = run_rules(args.rules, args.workers, args.seed)
    text = json.dumps(result, indent=1, ensure_ascii=False)
    print(text)
    if args.out:
        args.out.write_text(text + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
