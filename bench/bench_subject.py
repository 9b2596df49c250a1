"""Cost of the subject check in other languages, against characterisation, in one run.

Reads real articles (``*.txt``) in one language and characterises them twice in one
run (techniques off unless ``--techniques``: narratives and roles only, the cheapest
run that reaches the check), with the cross-lingual subject check
(:mod:`narrascope.characterise.subject_crosslingual`) and with it switched off; the
difference is what the check costs. Also times the check alone on every article and
both domains of the built-in taxonomy (what an article outside both subjects pays).

    python bench/bench_subject.py --real DIR --language fr [--n 200] [--techniques]
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from narrascope.models import Document


def main() -> None:
    """Print articles, distinct words, and CPU seconds of characterisation and of the check."""
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--real", type=Path, required=True)
    ap.add_argument("--language", required=True)
    ap.add_argument("--n", type=int, default=200)
    ap.add_argument("--techniques", action="store_true", help="run the technique model too")
    args = ap.parse_args()

    from narrascope.characterise.core import CharacteriseOptions, Characteriser
    from narrascope.characterise.subject_crosslingual import CrossLingualSubject, article_words
    from narrascope.characterise.taxonomy import builtin_taxonomy

    files = sorted(args.real.glob("*.txt"))[: args.n]
    texts = [f.read_text(encoding="utf-8", errors="replace") for f in files]
    docs = [
        Document(id=f.name, source=str(f), raw=t, text=t, language=args.language)
        for f, t in zip(files, texts, strict=True)
    ]
    from narrascope.characterise import core

    engine = Characteriser(CharacteriseOptions(techniques=args.techniques))
    engine.characterise(docs[:2])  # load the models outside the timings
    with_check, without = [], []
    for _ in range(3):
        engine.other_language = CrossLingualSubject(  # no word vectors from the last round
            builtin_taxonomy("narratives"),
            (builtin_taxonomy("roles"), builtin_taxonomy("techniques")),
        )
        with_check.append(_timed(engine, docs))
        checks = core.checks_subject
        core.checks_subject = lambda language: language in (None, "en")  # type: ignore[assignment]
        try:
            without.append(_timed(engine, docs))
        finally:
            core.checks_subject = checks
    whole, base = min(with_check), min(without)
    check = CrossLingualSubject(
        builtin_taxonomy("narratives"), (builtin_taxonomy("roles"), builtin_taxonomy("techniques"))
    )
    check.names("warm up", "URW")
    t0 = time.process_time()
    for text in texts:
        for domain in check.words:
            check.names(text, domain)
    alone = time.process_time() - t0
    words = sum(len(article_words(t)) for t in texts)
    print(f"{len(texts)} articles ({args.language}), {words / len(texts):.0f} distinct words each")
    what = "with techniques" if args.techniques else "techniques off"
    print(f"characterisation ({what}), best of 3: {base:.2f} s CPU without the check, "
          f"{whole:.2f} s with it (+{100 * (whole - base) / base:.1f} %)")
    print(f"the check alone, every article, both domains: {alone:.2f} s CPU, "
          f"{1000 * alone / len(texts):.1f} ms per article")


def _timed(engine: object, docs: list[Document]) -> float:
    from dataclasses import replace

    fresh = [replace(d, narratives=[], roles=[], techniques=[], tone=[]) for d in docs]
    t0 = time.process_time()
    engine.characterise(fresh)  # type: ignore[attr-defined]
    return time.process_time() - t0


if __name__ == "__main__":
    main()
