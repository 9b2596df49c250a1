"""Benchmark: near-duplicates, story clustering, comparison and contradictions at 1k/10k/100k articles.

Articles are generated from templates modelled on the gold set (tests/data/gold/stories):
many distinct stories (random people, organisations, places, dates, numbers), 3-12 articles
each from different outlets, ~5 % syndicated copies with added chrome, ~10 % of articles
giving a different count or date (planted contradictions).

Inputs are precomputed cheaply, as allowed for this benchmark, and that is what is timed:
* entities (with mention offsets) and claims are generated with the text, not read by spaCy;
* embeddings are synthetic 512-d unit vectors: a story centre plus noise (cosine ~0.75 to the
  centre, ~0.55 between articles of a story, ~0 across stories) instead of the USE model,
  which costs ~20 ms per article on this machine (measured separately: see --embed-sample).

Each size runs in its own process so that peak RSS is per size.
Usage: python bench/bench_stories.py [--sizes 1000 10000 100000] [--embed-sample 200]
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import subprocess
import sys
import time
from datetime import date

import numpy as np

from narrascope.embeddings import embed
from narrascope.models import Claim, Document, Entity, Mention, Span
from narrascope.stories import StoryIndex, compare_story, find_contradictions, find_duplicates

SYL = [
    "ka",
    "ri",
    "mo",
    "ta",
    "len",
    "vor",
    "sa",
    "ni",
    "bel",
    "do",
    "ras",
    "mi",
    "ko",
    "zan",
    "te",
    "lu",
]
OUTLETS = [f"Outlet {i:02d}" for i in range(40)]
SENTENCES = [
    "Officials from {org} met {person} in {place} on {day}, as talks on {topic} entered a new phase.",
    "{country} sent {n} officials to the talks.",
    "{person2}, the {title} of {country}, said the sides were close to a text on {topic}.",
    "Talks on {topic} took place in {place} on {day}.",
    "{person}, who leads {org}, called the discussions constructive but slow.",
    "The {title} {person2} joined part of the session by video link from {country}.",
    "Critics in {country} said the government had conceded too much on {topic}.",
    "The meeting in {place} ended without a signed deal, {person} told reporters.",
    "Business groups in {country} want a decision on {topic} before the end of the quarter.",
    "{org} published a short statement after the session but gave no figures.",
    "Diplomats expect another round in {place} if the working groups agree on a draft.",
    "{person2} is expected to brief lawmakers in {country} on the {topic} file next week.",
]
FILLER = [
    "market",
    "season",
    "prices",
    "farmers",
    "shipping",
    "budget",
    "ministers",
    "ports",
    "winter",
    "exports",
    "unions",
    "courts",
    "banks",
    "drivers",
    "weather",
    "schools",
    "doctors",
    "pensions",
]
TOPICS = [
    "fisheries",
    "gas transit",
    "water sharing",
    "grain exports",
    "port access",
    "rail freight",
    "tariffs",
]
TITLES = [
    "foreign minister",
    "trade minister",
    "energy minister",
    "deputy prime minister",
    "ambassador",
]


def name(rng: random.Random, parts: int) -> str:
    return "".join(rng.choice(SYL) for _ in range(parts)).capitalize()


def generate(
    n: int, seed: int = 1
) -> tuple[list[Document], dict[str, list[Claim]], np.ndarray, list[int]]:
    rng = random.Random(seed)
    nrng = np.random.default_rng(seed)
    people = [f"{name(rng, 2)} {name(rng, 3)}" for _ in range(max(50, n // 10))]
    places = [name(rng, 3) for _ in range(max(20, n // 40))]
    orgs = [f"{name(rng, 2)} Council" for _ in range(max(20, n // 50))]
    countries = [name(rng, 3) + "ia" for _ in range(60)]
    docs: list[Document] = []
    claims: dict[str, list[Claim]] = {}
    vectors: list[np.ndarray] = []
    truth: list[int] = []
    start = date(2023, 1, 1).toordinal()
    story = copies = 0
    while len(docs) < n:
        size = rng.randint(3, 12)
        centre = nrng.standard_normal(512).astype(np.float32)
        centre /= np.linalg.norm(centre)
        facts = {
            "place": rng.choice(places),
            "org": rng.choice(orgs),
            "person": rng.choice(people),
            "person2": rng.choice(people),
            "country": rng.choice(countries),
            "topic": rng.choice(TOPICS),
            "title": rng.choice(TITLES),
            "n": rng.randint(5, 40),
            "day": start + rng.randint(0, 2 * 365),
            "words": [name(rng, 2).lower() for _ in range(12)],
        }
        for _ in range(min(size, n - len(docs))):
            if docs and truth[-1] == story and rng.random() < 0.05:
                doc, doc_claims = syndicate(rng, docs[-1], len(docs)), []
                copies += 1
            else:
                doc, doc_claims = article(rng, facts, len(docs))
            docs.append(doc)
            claims[doc.id] = doc_claims
            noise = nrng.standard_normal(512).astype(np.float32) / np.sqrt(512) * 0.88
            vec = centre + noise
            vectors.append(vec / np.linalg.norm(vec))
            truth.append(story)
        story += 1
    order = sorted(range(n), key=lambda i: docs[i].published or "")
    return (
        [docs[i] for i in order],
        claims,
        np.vstack([vectors[i] for i in order]),
        [truth[i] for i in order],
    )


def article(rng: random.Random, facts: dict, i: int) -> tuple[Document, list[Claim]]:
    f = dict(facts)
    if rng.random() < 0.1:
        f["n"] = facts["n"] + rng.randint(1, 5)  # a planted count contradiction
    published = facts["day"] + rng.randint(0, 2)
    f["day"] = date.fromordinal(facts["day"]).strftime("%d %B %Y")
    picked = rng.sample(SENTENCES, 5)
    filler = " ".join(
        f"{rng.choice(FILLER).capitalize()} {' '.join(rng.choice(FILLER) for _ in range(8))}."
        for _ in range(3)
    )
    words = facts["words"]  # story-specific vocabulary, as real reports of one event share
    text = (
        " ".join(sent.format(**f)[:-1] + f", {' '.join(rng.sample(words, 4))}." for sent in picked)
        + " "
        + filler
    )
    return _document(rng, f, i, text, published, facts)


def _document(
    rng: random.Random, f: dict, i: int, text: str, published: int, facts: dict
) -> tuple[Document, list[Claim]]:
    doc_id = f"doc{i:06d}"
    entities = []
    for key, label in (
        ("person", "PERSON"),
        ("person2", "PERSON"),
        ("org", "ORG"),
        ("place", "GPE"),
        ("country", "GPE"),
    ):
        at = text.find(f[key])
        if at >= 0:
            m = Mention(f[key], at, at + len(f[key]), label)
            entities.append(Entity(id=f"ent:{f[key]}", name=f[key], type=label, mentions=(m,)))
    doc = Document(
        id=doc_id,
        source=f"bench:{i}",
        raw=text,
        text=text,
        outlet=rng.choice(OUTLETS),
        published=date.fromordinal(published).isoformat(),
        entities=entities,
    )
    span = Span(0, min(len(text), 120), text[:120])
    day_iso = date.fromordinal(facts["day"]).isoformat()
    c = [
        Claim(
            f"c{i}a",
            doc_id,
            span.text,
            span,
            f"count|name:{f['country'].lower()}|send|official",
            None,
            str(f["n"]),
        ),
        Claim(
            f"c{i}b",
            doc_id,
            span.text,
            span,
            f"date|meeting|occur|name:{f['place'].lower()}",
            None,
            day_iso,
        ),
        Claim(
            f"c{i}c",
            doc_id,
            span.text,
            span,
            f"title|name:{f['person2'].lower()}",
            None,
            f["title"],
        ),
    ]
    return doc, c


def syndicate(rng: random.Random, source: Document, i: int) -> Document:
    """A syndicated copy: last sentence trimmed, web chrome added, another outlet."""
    body = source.text.rsplit(". ", 1)[0] + "."
    text = "Home | News | World\n" + body + "\nShare this article | Subscribe to our newsletter"
    return Document(
        id=f"doc{i:06d}",
        source=f"bench:{i}",
        raw=text,
        text=text,
        outlet=rng.choice(OUTLETS),
        published=source.published,
        entities=list(source.entities),
    )


def bcubed_f1(truth: list[int], pred: list[int]) -> float:
    from collections import Counter

    pairs = Counter(zip(truth, pred, strict=False))
    t_size, p_size = Counter(truth), Counter(pred)
    prec = sum(c * c / p_size[p] for (t, p), c in pairs.items()) / len(truth)
    rec = sum(c * c / t_size[t] for (t, p), c in pairs.items()) / len(truth)
    return 2 * prec * rec / (prec + rec)


def run_size(n: int) -> dict[str, float]:
    t0 = time.perf_counter()
    docs, claims, vectors, truth = generate(n)
    t_gen = time.perf_counter() - t0
    t0, c0 = time.perf_counter(), time.process_time()
    groups = find_duplicates(docs)
    t_dedup, c_dedup = time.perf_counter() - t0, time.process_time() - c0
    t0, c0 = time.perf_counter(), time.process_time()
    index = StoryIndex()
    half = n // 2  # two batches: the second is added to the existing index
    index.add(docs[:half], vectors[:half])
    index.add(docs[half:], vectors[half:])
    stories = index.stories()
    t_cluster, c_cluster = time.perf_counter() - t0, time.process_time() - c0
    lookup = {d.id: d for d in docs}
    embed(["load the static model before timing"])
    t0 = time.perf_counter()
    rows = sum(
        len(compare_story(s, [lookup[d] for d in s.documents], claims).claims) for s in stories
    )
    t_compare = time.perf_counter() - t0
    t0 = time.perf_counter()
    for s in stories:
        compare_story(s, [lookup[d] for d in s.documents], claims, paraphrases=False)
    t_compare_keys = time.perf_counter() - t0
    t0 = time.perf_counter()
    contradictions = find_contradictions(docs, stories, claims)
    t_contra = time.perf_counter() - t0
    pred = [index.story_of[d.id] for d in docs]
    return {
        "n": n,
        "stories_true": len(set(truth)),
        "stories_found": len(stories),
        "bcubed_f1": round(bcubed_f1(truth, pred), 4),
        "duplicate_groups": len(groups),
        "claim_rows": rows,
        "contradictions": len(contradictions),
        "generate_s": round(t_gen, 2),
        "dedup_s": round(t_dedup, 2),
        "dedup_cpu_s": round(c_dedup, 2),
        "cluster_s": round(t_cluster, 2),
        "cluster_cpu_s": round(c_cluster, 2),
        "compare_s": round(t_compare, 2),
        "compare_keys_only_s": round(t_compare_keys, 2),
        "contradictions_s": round(t_contra, 2),
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
    }


def embed_sample(k: int) -> float:
    """Seconds per article of the real USE embedder on generated articles."""
    from narrascope.stories.vectors import embed_documents

    docs, _, _, _ = generate(k)
    embed_documents(docs[:8])  # load the model
    t0 = time.perf_counter()
    embed_documents(docs)
    return (time.perf_counter() - t0) / k


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000, 100000])
    parser.add_argument("--one", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--embed-sample", type=int, default=0)
    args = parser.parse_args()
    if args.one:
        print(json.dumps(run_size(args.one)))
        return
    results = []
    for n in args.sizes:
        out = subprocess.run(
            [sys.executable, __file__, "--one", str(n)], capture_output=True, text=True, check=True
        )
        results.append(json.loads(out.stdout.strip().splitlines()[-1]))
        print(json.dumps(results[-1]), flush=True)
    if args.embed_sample:
        print(json.dumps({"use_embed_s_per_article": round(embed_sample(args.embed_sample), 4)}))


if __name__ == "__main__":
    main()
