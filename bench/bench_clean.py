"""Benchmark: ingest + clean throughput vs trafilatura.extract, in one run.

Generates N articles (default 10 000) from the seed scrapes and the cleaning gold
set: paragraphs shuffled, numbers and names changed, chrome lines recombined.
Each is written as .txt and as an HTML page (nav, share bar, related links,
footer). When trafilatura's evaluation set is present (``--eval-dir``, default
``$NARRASCOPE_DATA/trafilatura-eval``), its 99 real pages are timed too. Then,
each phase in a fresh process on one core:

1. narrascope: ingest (``narrascope.ingest.iter_sources``) + ``clean_article`` on the .txt files
2. trafilatura: read + ``trafilatura.extract(include_comments=False)`` on the .html files
3. trafilatura: read + ``bare_extraction`` with metadata, as Narrascope calls it
4. narrascope: ingest + ``clean_article`` on the .html files (trafilatura inside)
5. narrascope line cleaner alone on trafilatura's text of the .html files
6-9. phases 2-5 on the real evaluation pages

Prints a markdown table (articles/s, wall time, peak RSS) and the ratios.
``--eval-only`` runs phases 6-9 alone; ``--repeats R`` runs every phase R times
(rows interleaved, a fresh process each time) and reports the median CPU and
wall time; ``--warm-all`` cleans every file once before the clock starts (lazy
loads of trafilatura, justext and Narrascope all done: the steady state of a
long run) instead of one file.

    python bench/bench_clean.py [--n 10000] [--seed 7] [--keep DIR] [--eval-dir DIR]
                                [--eval-only] [--repeats R] [--warm-all]
"""

from __future__ import annotations

import argparse
import contextlib
import html
import json
import multiprocessing as mp
import os
import random
import re
import resource
import shutil
import statistics
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "tests" / "data" / "real_seeds"
GOLD = ROOT / "tests" / "data" / "gold" / "cleaning"
NAMES = [
    "Ilse Brandt",
    "Tomas Varga",
    "Leila Haddad",
    "Kofi Mensah",
    "Ana Ribeiro",
    "Jonas Berg",
    "Mira Petrova",
    "Sam Okoro",
    "Hugo Laurent",
    "Yuki Sato",
]
OUTLETS = ["The Evening Ledger", "Harbor Daily", "Northwind News", "Civic Tribune"]
NAV = ["Home", "World", "Politics", "Business", "Opinion", "Sport", "Culture", "Search"]


def _sources() -> tuple[list[str], list[str]]:
    """Raw base articles and a pool of chrome lines."""
    bases = [p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))]
    chrome: list[str] = []
    for split in ("dev", "heldout"):
        for line in (GOLD / f"{split}.jsonl").read_text(encoding="utf-8").splitlines():
            record = json.loads(line)
            bases.append(record["raw"])
            chrome.extend(record["chrome_lines"])
    return bases, chrome


def _vary(raw: str, chrome: list[str], rng: random.Random) -> str:
    lines = raw.splitlines()
    long_idx = [i for i, line in enumerate(lines) if len(line.split()) >= 20]
    shuffled = [lines[i] for i in long_idx]
    rng.shuffle(shuffled)
    for i, line in zip(long_idx, shuffled, strict=True):
        lines[i] = line
    text = "\n".join(lines)
    text = re.sub(r"\d", lambda _: str(rng.randint(0, 9)), text)
    text = re.sub(
        r"\b[A-Z][a-z]{3,} [A-Z][a-z]{3,}\b",
        lambda m: rng.choice(NAMES) if rng.random() < 0.2 else m.group(),
        text,
    )
    head = rng.sample(chrome, k=rng.randint(0, 4))
    tail = rng.sample(chrome, k=rng.randint(0, 6))
    return "\n".join([*head, "", text, "", *tail]) + "\n"


def _page(text: str, rng: random.Random) -> str:
    paras = [line.strip() for line in text.splitlines() if line.strip()]
    title = html.escape(paras[0]) if paras else ""
    body = "\n".join(f"<p>{html.escape(p)}</p>" for p in paras[1:])
    nav = "".join(f'<li><a href="/{n.lower()}">{n}</a></li>' for n in NAV)
    outlet = rng.choice(OUTLETS)
    return (
        f"<!DOCTYPE html><html><head><meta charset='utf-8'><title>{title} | {outlet}</title>"
        f"<meta property='og:site_name' content='{outlet}'>"
        "<script>window.dataLayer=[];</script><style>.x{color:red}</style></head><body>"
        f"<header><div class='logo'>{outlet}</div><nav><ul>{nav}</ul></nav></header>"
        f"<main><article><h1>{title}</h1>"
        f"<div class='byline'>By {rng.choice(NAMES)}</div>{body}"
        "<div class='share'><a href='#'>Facebook</a><a href='#'>X</a><a href='#'>Copy link</a>"
        "</div></article><aside><h3>Related</h3><ul><li><a href='/a'>Markets slip as "
        "talks stall</a></li><li><a href='/b'>Ministers meet again next week</a></li></ul>"
        "</aside></main><div id='comments'><h3>Comments</h3><p>Great article!</p></div>"
        f"<footer>© 2025 {outlet}. All rights reserved. <a href='/privacy'>Privacy</a></footer>"
        "</body></html>"
    )


def generate(n: int, seed: int, out: Path) -> None:
    rng = random.Random(seed)
    bases, chrome = _sources()
    (out / "txt").mkdir(parents=True)
    (out / "html").mkdir()
    for i in range(n):
        text = _vary(rng.choice(bases), chrome, rng)
        (out / "txt" / f"{i:05d}.txt").write_text(text, encoding="utf-8")
        (out / "html" / f"{i:05d}.html").write_text(_page(text, rng), encoding="utf-8")


def _peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _warm_paths(folder: str) -> list[Path]:
    """The files run before the clock starts: the first, or all with ``--warm-all``."""
    paths = sorted(Path(folder).iterdir())
    return paths if os.environ.get("NARRASCOPE_BENCH_WARM_ALL") == "1" else paths[:1]


def _warm_up(folder: str) -> None:
    """Clean before the clock starts (lexicon, language model, lazy imports)."""
    from narrascope.clean import clean_article
    from narrascope.errors import CleaningError
    from narrascope.models import RawArticle

    for path in _warm_paths(folder):
        with contextlib.suppress(CleaningError):
            content = path.read_text(encoding="utf-8")
            if path.suffix == ".html":
                clean_article(RawArticle(source=str(path), content=content, fmt="html"))
            else:
                clean_article(RawArticle(source=str(path), content=content))


def _run_narrascope(folder: str, queue: Any) -> None:
    from narrascope.clean import clean_article
    from narrascope.errors import CleaningError
    from narrascope.ingest import iter_sources
    from narrascope.models import RawArticle

    _warm_up(folder)
    start, cpu = time.perf_counter(), time.process_time()
    done = failed = 0
    items: Any = iter_sources([folder])
    for item in items:
        if not isinstance(item, RawArticle):
            failed += 1
            continue
        try:
            clean_article(item)
            done += 1
        except CleaningError:
            failed += 1
    queue.put(
        (done, failed, time.perf_counter() - start, time.process_time() - cpu, _peak_rss_mb())
    )


def _run_trafilatura(folder: str, queue: Any) -> None:
    import trafilatura

    for path in _warm_paths(folder):  # not timed
        trafilatura.extract(path.read_text(encoding="utf-8"), include_comments=False)
    start, cpu = time.perf_counter(), time.process_time()
    done = failed = 0
    for path in sorted(Path(folder).iterdir()):
        text = trafilatura.extract(path.read_text(encoding="utf-8"), include_comments=False)
        done += text is not None
        failed += text is None
    queue.put(
        (done, failed, time.perf_counter() - start, time.process_time() - cpu, _peak_rss_mb())
    )


def _bare_extraction_with_metadata(html_text: str) -> Any:
    """trafilatura's own call with metadata, with the arguments Narrascope used to pass
    (before issue #15 it ran this inside ``extract_html``; now it reads fewer fields)."""
    import trafilatura

    from narrascope.clean.html import DATE_PARAMS

    return trafilatura.bare_extraction(
        html_text,
        include_comments=False,
        with_metadata=True,
        include_tables=True,
        date_extraction_params=DATE_PARAMS,
    )


def _run_trafilatura_metadata(folder: str, queue: Any) -> None:
    for path in _warm_paths(folder):  # not timed
        _bare_extraction_with_metadata(path.read_text(encoding="utf-8"))
    start, cpu = time.perf_counter(), time.process_time()
    done = failed = 0
    for path in sorted(Path(folder).iterdir()):
        found = _bare_extraction_with_metadata(path.read_text(encoding="utf-8"))
        ok = found is not None and bool(found.text)
        done += ok
        failed += not ok
    queue.put(
        (done, failed, time.perf_counter() - start, time.process_time() - cpu, _peak_rss_mb())
    )


def _run_line_cleaner(folder: str, queue: Any) -> None:
    """Narrascope's own cleaning step on trafilatura's text (extracted before the clock)."""
    from narrascope.clean import CleanOptions, clean_text
    from narrascope.clean.html import extract_html
    from narrascope.errors import CleaningError

    texts = [
        extract_html(p.name, p.read_text(encoding="utf-8")).text
        for p in sorted(Path(folder).iterdir())
    ]
    options = CleanOptions()
    _warm_up(folder)
    for text in texts if os.environ.get("NARRASCOPE_BENCH_WARM_ALL") == "1" else []:
        with contextlib.suppress(CleaningError):
            clean_text(text, options=options, extracted=True)
    start, cpu = time.perf_counter(), time.process_time()
    done = failed = 0
    for text in texts:
        try:
            clean_text(text, options=options, extracted=True)
            done += 1
        except CleaningError:
            failed += 1
    queue.put(
        (done, failed, time.perf_counter() - start, time.process_time() - cpu, _peak_rss_mb())
    )


def write_eval_pages(root: Path, out: Path) -> int:
    """trafilatura's evaluation pages, decoded, as .html files under ``out``; 0 when absent."""
    from narrascope.errors import EvaluationError
    from narrascope.evaluation.web_pages import load_pages

    try:
        pages = load_pages(root)
    except EvaluationError:
        return 0
    out.mkdir(parents=True)
    for number, page in enumerate(pages):
        (out / f"{number:03d}.html").write_text(page.html, encoding="utf-8")
    return len(pages)


Result = tuple[int, int, float, float, float]  # ok, failed, wall s, CPU s, peak RSS MB


def _phase(target: Any, folder: Path) -> Result:
    ctx = mp.get_context("spawn")
    queue = ctx.Queue()
    proc = ctx.Process(target=target, args=(str(folder), queue))
    proc.start()
    result = queue.get()
    proc.join()
    return result  # type: ignore[no-any-return]


def _phases(jobs: list[tuple[str, Any, Path]], repeats: int) -> list[tuple[str, Result]]:
    """Each job ``repeats`` times, jobs interleaved; median wall and CPU time per job."""
    runs: dict[str, list[Result]] = {name: [] for name, _, _ in jobs}
    for _ in range(repeats):
        for name, target, folder in jobs:
            runs[name].append(_phase(target, folder))
    rows = []
    for name, results in runs.items():
        done, failed, _, _, _ = results[0]
        wall = statistics.median(r[2] for r in results)
        cpu = statistics.median(r[3] for r in results)
        rows.append((name, (done, failed, wall, cpu, max(r[4] for r in results))))
    return rows


def _html_jobs(label: str, folder: Path) -> list[tuple[str, Any, Path]]:
    return [
        (f"trafilatura.extract ({label})", _run_trafilatura, folder),
        (f"trafilatura bare_extraction + metadata ({label})", _run_trafilatura_metadata, folder),
        (f"narrascope ingest+clean ({label}, via trafilatura)", _run_narrascope, folder),
        (
            f"narrascope line cleaner alone (trafilatura text of {label})",
            _run_line_cleaner,
            folder,
        ),
    ]


def main() -> None:
    from narrascope.evaluation.web_pages import default_root

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--keep", type=Path, help="write the corpus here and keep it")
    parser.add_argument("--eval-dir", type=Path, default=default_root())
    parser.add_argument("--eval-only", action="store_true", help="the real pages' rows alone")
    parser.add_argument("--repeats", type=int, default=1, help="runs per row (median)")
    parser.add_argument("--warm-all", action="store_true", help="run every file once untimed")
    args = parser.parse_args()
    if args.warm_all:
        os.environ["NARRASCOPE_BENCH_WARM_ALL"] = "1"  # inherited by the spawned phases
    out = args.keep or Path(tempfile.mkdtemp(prefix="narrascope-bench-"))
    try:
        n_eval = write_eval_pages(args.eval_dir, out / "eval")
        jobs: list[tuple[str, Any, Path]] = []
        if not args.eval_only:
            generate(args.n, args.seed, out)
            jobs = [
                ("narrascope ingest+clean (.txt)", _run_narrascope, out / "txt"),
                *_html_jobs("generated .html", out / "html"),
            ]
        if n_eval:
            jobs += _html_jobs(f"{n_eval} trafilatura eval pages", out / "eval")
        rows = _phases(jobs, max(1, args.repeats))
    finally:
        if args.keep is None:
            shutil.rmtree(out, ignore_errors=True)
    generated = "no" if args.eval_only else str(args.n)
    print(
        f"\n{generated} generated articles, one process per row, one core each, "
        f"median of {max(1, args.repeats)} run(s), "
        f"{'every file' if args.warm_all else 'one file'} run before the clock\n"
    )
    print(
        "| run | articles ok | failed | CPU s | articles/s (CPU) | wall s | articles/s (wall) "
        "| peak RSS MB |"
    )
    print("|---|---:|---:|---:|---:|---:|---:|---:|")
    for name, (done, failed, wall, cpu, rss) in rows:
        total = done + failed
        print(
            f"| {name} | {done} | {failed} | {cpu:.1f} | {total / cpu:.0f} | {wall:.1f} "
            f"| {total / wall:.0f} | {rss:.0f} |"
        )
    by_name = dict(rows)
    groups = [] if args.eval_only else ["generated .html"]
    groups += [f"{n_eval} trafilatura eval pages"] if n_eval else []
    pairs = []
    if not args.eval_only:
        pairs.append(("narrascope ingest+clean (.txt)", "trafilatura.extract (generated .html)"))
    for group in groups:
        extract = f"trafilatura.extract ({group})"
        pairs += [
            (f"narrascope line cleaner alone (trafilatura text of {group})", extract),
            (f"narrascope ingest+clean ({group}, via trafilatura)", extract),
            (
                f"narrascope ingest+clean ({group}, via trafilatura)",
                f"trafilatura bare_extraction + metadata ({group})",
            ),
        ]
    for ours, theirs in pairs:
        ratio = by_name[theirs][3] / by_name[ours][3]  # same pages: CPU-time ratio
        print(f"pages/s (CPU), {ours} / {theirs}: {ratio:.2f}x")


if __name__ == "__main__":
    main()
