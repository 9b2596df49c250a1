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

    python bench/bench_clean.py [--n 10000] [--seed 7] [--keep DIR] [--eval-dir DIR]
"""

from __future__ import annotations

import argparse
import contextlib
import html
import json
import multiprocessing as mp
import random
import re
import resource
import shutil
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


def _first(folder: str) -> str:
    return min(Path(folder).iterdir()).read_text(encoding="utf-8")


def _warm_up(folder: str) -> None:
    """Clean one file before the clock starts (lexicon, language model, lazy imports)."""
    from narrascope.clean import clean_article
    from narrascope.errors import CleaningError
    from narrascope.models import RawArticle

    path = min(Path(folder).iterdir())
    with contextlib.suppress(CleaningError):
        content = _first(folder)
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

    trafilatura.extract(_first(folder), include_comments=False)  # warm-up, not timed
    start, cpu = time.perf_counter(), time.process_time()
    done = failed = 0
    for path in sorted(Path(folder).iterdir()):
        text = trafilatura.extract(path.read_text(encoding="utf-8"), include_comments=False)
        done += text is not None
        failed += text is None
    queue.put(
        (done, failed, time.perf_counter() - start, time.process_time() - cpu, _peak_rss_mb())
    )


def _run_trafilatura_metadata(folder: str, queue: Any) -> None:
    from narrascope.clean.html import extract_html

    extract_html("warm-up", _first(folder))  # not timed
    start, cpu = time.perf_counter(), time.process_time()
    done = failed = 0
    for path in sorted(Path(folder).iterdir()):
        page = extract_html(path.name, path.read_text(encoding="utf-8"))
        done += bool(page.text)
        failed += not page.text
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


def _phase(target: Any, folder: Path) -> tuple[int, int, float, float, float]:
    ctx = mp.get_context("spawn")
    queue = ctx.Queue()
    proc = ctx.Process(target=target, args=(str(folder), queue))
    proc.start()
    result = queue.get()
    proc.join()
    return result  # type: ignore[no-any-return]


def _html_rows(label: str, folder: Path) -> list[tuple[str, tuple[int, int, float, float, float]]]:
    return [
        (f"trafilatura.extract ({label})", _phase(_run_trafilatura, folder)),
        (
            f"trafilatura bare_extraction + metadata ({label})",
            _phase(_run_trafilatura_metadata, folder),
        ),
        (f"narrascope ingest+clean ({label}, via trafilatura)", _phase(_run_narrascope, folder)),
        (
            f"narrascope line cleaner alone (trafilatura text of {label})",
            _phase(_run_line_cleaner, folder),
        ),
    ]


def main() -> None:
    from narrascope.evaluation.web_pages import default_root

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--keep", type=Path, help="write the corpus here and keep it")
    parser.add_argument("--eval-dir", type=Path, default=default_root())
    args = parser.parse_args()
    out = args.keep or Path(tempfile.mkdtemp(prefix="narrascope-bench-"))
    try:
        generate(args.n, args.seed, out)
        n_eval = write_eval_pages(args.eval_dir, out / "eval")
        rows = [
            ("narrascope ingest+clean (.txt)", _phase(_run_narrascope, out / "txt")),
            *_html_rows("generated .html", out / "html"),
        ]
        if n_eval:
            rows += _html_rows(f"{n_eval} trafilatura eval pages", out / "eval")
    finally:
        if args.keep is None:
            shutil.rmtree(out, ignore_errors=True)
    print(f"\n{args.n} generated articles, one process per row, one core each\n")
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
    groups = ["generated .html"] + ([f"{n_eval} trafilatura eval pages"] if n_eval else [])
    pairs = [("narrascope ingest+clean (.txt)", "trafilatura.extract (generated .html)")]
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
