"""Benchmark: articles/s of Narrascope extraction against a bare ``nlp.pipe`` of the same
spaCy pipeline and against textacy's ``extract.triples.direct_quotations``, in one run.

The corpus (``--n`` articles, default 10 000) is generated from the seed articles and
the gold extraction articles: paragraphs are re-ordered, dropped and mixed, names and
years are varied, so no two articles are identical.

    .venv/bin/python bench/bench_extract.py --n 10000 --write-docs
"""

from __future__ import annotations

import argparse
import json
import platform
import random
import re
import time
from collections.abc import Callable, Iterable
from pathlib import Path

import spacy

from narrascope.extract import extract_documents
from narrascope.extract.nlp import DISABLED, MODEL, load_nlp
from narrascope.models import Document, RawArticle

ROOT = Path(__file__).resolve().parents[1]
SEEDS = Path(__file__).resolve().parent.parent / "tests" / "data" / "real_seeds"
GOLD = ROOT / "tests" / "data" / "gold" / "extraction"
FIRST = ["Anna", "Pavel", "Maria", "John", "Olena", "Sergei", "Sergey", "Li", "Amira", "Tomas"]
LAST = ["Kowalski", "Ivanov", "Okafor", "Brandt", "Haddad", "Lindqvist", "Moreau", "Tkachuk"]


def source_paragraphs() -> list[list[str]]:
    """Paragraph lists of the seed (cleaned when the cleaner exists) and gold articles."""
    articles: list[str] = []
    if SEEDS.is_dir():
        try:
            from narrascope.clean import clean_article
        except ImportError:
            clean_article = None  # type: ignore[assignment]
        for path in sorted(SEEDS.glob("*.txt")):
            raw = path.read_text("utf-8")
            articles.append(
                clean_article(RawArticle(str(path), raw)).text if clean_article else raw
            )
    for path in sorted(GOLD.rglob("*.json")):
        articles.append(json.loads(path.read_text("utf-8"))["text"])
    return [[p for p in re.split(r"\n\s*\n|\n", a) if p.strip()] for a in articles]


def generate(n: int, seed: int = 7) -> list[Document]:
    """``n`` varied articles of 3-7 paragraphs each."""
    rng = random.Random(seed)
    pools = source_paragraphs()
    docs = []
    for i in range(n):
        base = rng.choice(pools)
        k = min(len(base), rng.randint(3, 7))
        start = rng.randrange(0, max(1, len(base) - k + 1))
        paras = base[start : start + k]
        if rng.random() < 0.5:
            paras.append(rng.choice(rng.choice(pools)))
        text = "\n\n".join(paras)
        text = re.sub(r"\b20(1\d|2[0-5])\b", lambda m: str(2010 + rng.randrange(16)), text)
        text = text.replace("Lavrov", rng.choice(LAST)).replace("Sergei", rng.choice(FIRST))
        day = f"2025-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
        docs.append(Document(id=f"b{i}", source=f"bench:{i}", raw=text, text=text, published=day))
    return docs


class Clock:
    """Wall and CPU seconds per run, summed over interleaved rounds."""

    def __init__(self) -> None:
        self.wall: dict[str, float] = {}
        self.cpu: dict[str, float] = {}
        self.items: dict[str, int] = {}

    def run(self, label: str, work: Callable[[], int]) -> None:
        wall, cpu = time.perf_counter(), time.process_time()
        count = work()
        self.wall[label] = self.wall.get(label, 0.0) + time.perf_counter() - wall
        self.cpu[label] = self.cpu.get(label, 0.0) + time.process_time() - cpu
        self.items[label] = self.items.get(label, 0) + count


def bare(texts: list[str], n_process: int, batch_size: int) -> int:
    nlp = load_nlp()
    return sum(1 for _ in nlp.pipe(texts, batch_size=batch_size, n_process=n_process))


def extraction(docs: Iterable[Document], n_process: int, batch_size: int) -> int:
    out = extract_documents(docs, n_process=n_process, batch_size=batch_size)
    return sum(len(d.quotes) for d in out)


def textacy_quotes(nlp: spacy.language.Language, texts: list[str], batch_size: int) -> int:
    """Parse with the full pipeline (textacy reads lemmas) and take direct quotations."""
    from textacy.extract.triples import direct_quotations

    found = 0
    for doc in nlp.pipe(texts, batch_size=batch_size):
        try:
            found += sum(1 for _ in direct_quotations(doc))
        except ValueError:  # textacy bails out on an odd number of quotation marks
            continue
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=10_000)
    parser.add_argument("--batch-size", type=int, default=64)
    parser.add_argument("--rounds", type=int, default=10, help="interleaved slices of the corpus")
    parser.add_argument(
        "--n-process", type=int, default=2, help="also time extraction with this many"
    )
    parser.add_argument("--write-docs", action="store_true", help="append to docs/benchmarks.md")
    args = parser.parse_args()
    texts = [d.text for d in generate(args.n)]
    words = sum(len(t.split()) for t in texts)
    print(f"corpus: {args.n} articles, {words} words; model {MODEL} without {DISABLED}")
    load_nlp()
    spacy_full = spacy.load(MODEL)  # models are loaded before timing
    clock = Clock()
    size = -(-args.n // args.rounds)
    for r in range(args.rounds):  # interleaved, so load changes on the machine hit every run
        lo, hi = r * size, min(args.n, (r + 1) * size)
        part = texts[lo:hi]
        clock.run("bare nlp.pipe", lambda part=part: bare(part, 1, args.batch_size))
        clock.run(
            "narrascope extraction",
            lambda part=part, lo=lo: extraction(docs_of(part, lo), 1, args.batch_size),
        )
        clock.run(
            "textacy direct_quotations",
            lambda part=part: textacy_quotes(spacy_full, part, args.batch_size),
        )
        if args.n_process > 1:
            clock.run(
                f"narrascope extraction n_process={args.n_process}",
                lambda part=part, lo=lo: extraction(
                    docs_of(part, lo), args.n_process, args.batch_size
                ),
            )
        print(
            f"round {r + 1}/{args.rounds}: "
            + ", ".join(f"{k} {v:.0f}s" for k, v in clock.wall.items()),
            flush=True,
        )
    report = summarise(clock, args.n)
    print(json.dumps({"n": args.n, "words": words, **report}, indent=1))
    if args.write_docs:
        write_docs(args, words, report)


def docs_of(texts: list[str], offset: int) -> list[Document]:
    """Fresh documents for a slice (extraction fills them in place)."""
    return [
        Document(id=f"b{offset + i}", source="bench", raw=t, text=t, published="2025-06-15")
        for i, t in enumerate(texts)
    ]


def summarise(clock: Clock, n: int) -> dict[str, dict[str, float]]:
    base_wall, base_cpu = clock.wall["bare nlp.pipe"], clock.cpu["bare nlp.pipe"]
    return {
        label: {
            "articles_per_s": n / clock.wall[label],
            "wall_s": clock.wall[label],
            "cpu_s_main_process": clock.cpu[label],
            "ratio_to_bare_wall": base_wall / clock.wall[label],
            "ratio_to_bare_cpu": base_cpu / clock.cpu[label],
            "items": float(clock.items[label]),
        }
        for label in clock.wall
    }


def write_docs(args: argparse.Namespace, words: int, report: dict[str, dict[str, float]]) -> None:
    path = ROOT / "docs" / "benchmarks.md"
    if not path.exists():
        path.write_text(
            "# Benchmarks\n\nFigures measured on the development machine; each section "
            "names the exact command.\n",
            "utf-8",
        )
    rows = "\n".join(
        f"| {k} | {v['articles_per_s']:.1f} | {v['wall_s']:.0f} | {v['ratio_to_bare_wall']:.2f} "
        f"| {'n/a' if 'n_process' in k else format(v['ratio_to_bare_cpu'], '.2f')} "
        f"| {int(v['items'])} |"
        for k, v in report.items()
    )
    section = f"""
## Extraction (issue #3)

`.venv/bin/python bench/bench_extract.py --n {args.n} --rounds {args.rounds} --n-process {args.n_process} --write-docs`
on {platform.machine()} (Python {platform.python_version()}, a shared 2-core machine),
{args.n} generated articles ({words} words) from the seeds and the extraction gold
articles, spaCy `{MODEL}`, batch size {args.batch_size}. The runs are interleaved over
{args.rounds} slices of the corpus so that load changes on the machine hit all of them.
Narrascope runs the pipeline without the lemmatizer; textacy needs lemmas, so its run
parses with the full pipeline. Ratios are throughput relative to the bare `nlp.pipe`
(wall clock; CPU of the main process, which misses the workers of `n_process` > 1).
Items: documents parsed, quotes found (Narrascope: direct, partial and reported), direct
quotations (textacy).

| run | articles/s | wall s | ratio to bare (wall) | ratio to bare (CPU) | items |
|---|---|---|---|---|---|
{rows}
"""
    with path.open("a", encoding="utf-8") as fh:
        fh.write(section)


if __name__ == "__main__":
    main()
