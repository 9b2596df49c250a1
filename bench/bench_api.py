"""REST API latency with 100 000 documents under concurrent load from other processes.

1. Builds (or reuses) a SQLite store of synthetic documents with findings, stories
   and contradictions, inserted straight through ``Store.add_documents``.
2. Starts ``narrascope serve`` (uvicorn) in a separate process on loopback.
3. Client processes (multiprocessing + httpx) send a mix of search, document and
   story requests for a bounded time and count; p50/p95 per endpoint are printed.

    python bench/bench_api.py --docs 100000 --clients 4 --seconds 30
"""

from __future__ import annotations

import argparse
import json
import multiprocessing as mp
import os
import random
import socket
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

WORDS = [
    "talks",
    "delegation",
    "ceasefire",
    "minister",
    "harbour",
    "envoy",
    "summit",
    "sanctions",
    "treaty",
    "border",
    "negotiators",
    "accord",
    "parliament",
    "election",
    "strike",
    "ferry",
    "grain",
    "pipeline",
    "refugees",
    "aid",
    "convoy",
    "drone",
    "shelling",
    "prisoner",
    "exchange",
    "mediator",
    "capital",
    "spokesman",
    "statement",
    "agreement",
    "deadline",
    "proposal",
    "reform",
    "budget",
    "protest",
    "court",
    "ruling",
    "inquiry",
    "port",
]
SYLLABLES = (
    "ka",
    "lo",
    "mi",
    "ne",
    "ru",
    "sa",
    "ti",
    "vo",
    "de",
    "pa",
    "bri",
    "sto",
    "gla",
    "nor",
    "vel",
    "tan",
    "mur",
    "fen",
    "dra",
    "kes",
)


def _vocabulary(n: int) -> list[str]:
    """``n`` distinct invented words."""
    rng = random.Random(11)
    words: dict[str, None] = {}
    while len(words) < n:
        words["".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 4)))] = None
    return list(words)


VOCAB = _vocabulary(20_000)  # drawn with Zipf frequencies, like words in real text
ZIPF = [1 / (rank + 1) for rank in range(len(VOCAB))]
OUTLETS = [f"Outlet {i:03d}" for i in range(60)]
PEOPLE = [f"Person {i:04d}" for i in range(2000)]
NARRATIVES = [f"Narrative {i:02d}" for i in range(12)]
STORY_SIZE = 50


def _doc(i: int, rng: random.Random) -> Any:
    from narrascope.models import Document, Entity, Event, Mention, NarrativeLabel, Quote, Span

    words = rng.choices(WORDS, k=10) + rng.choices(VOCAB, weights=ZIPF, k=110)
    who = rng.choice(PEOPLE)
    text = f"{who} said the " + " ".join(words) + f'. "We will {words[0]} now," {who} said.'
    q_start = text.index('"')
    quote = Quote(
        text[q_start : text.rindex('"') + 1],
        q_start,
        text.rindex('"') + 1,
        "direct",
        "said",
        who,
        0,
        len(who),
        f"p{PEOPLE.index(who)}",
        who,
    )
    mention = Mention(who, 0, len(who), "PERSON", f"p{PEOPLE.index(who)}")
    day = f"2024-{1 + i % 12:02d}-{1 + i % 28:02d}"
    return Document(
        id=f"doc{i:06d}",
        source=f"synthetic/{i}.txt",
        raw=text,
        text=text,
        title=" ".join(words[:6]).capitalize(),
        outlet=OUTLETS[i % len(OUTLETS)],
        published=day,
        language="en",
        entities=[Entity(mention.entity_id or "", who, "PERSON", (), (mention,))],
        quotes=[quote],
        events=[Event(day, 0, 0, day, "day", Span(0, 40, text[:40]))],
        narratives=[NarrativeLabel(rng.choice(NARRATIVES), "coarse", 0.7)],
    )


def build(db: Path, n: int) -> float:
    """Fill ``db`` with ``n`` synthetic documents, stories and contradictions; seconds taken."""
    from narrascope.models import Contradiction, Span, Story
    from narrascope.store import open_store

    start = time.perf_counter()
    store = open_store(db)
    rng = random.Random(7)
    batch = []
    for i in range(n):
        batch.append(_doc(i, rng))
        if len(batch) == 5000:
            store.add_documents(batch)
            batch = []
    store.add_documents(batch)
    stories = [
        Story(
            f"s{k:05d}",
            f"Story {k}",
            tuple(f"doc{i:06d}" for i in range(k * STORY_SIZE, min(n, (k + 1) * STORY_SIZE))),
            tuple(OUTLETS[:5]),
        )
        for k in range(n // STORY_SIZE)
    ]
    store.save_stories(stories)
    store.save_contradictions(
        Contradiction(
            f"c{k}",
            "number",
            "synthetic",
            0.5,
            s.documents[0],
            Span(0, 5, "x"),
            s.documents[1],
            Span(0, 5, "y"),
            s.id,
        )
        for k, s in enumerate(stories[:2000])
    )
    store.close()
    return time.perf_counter() - start


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _targets(rng: random.Random, n_docs: int) -> tuple[str, str]:
    kind = rng.choice(("search", "document", "story"))
    if kind == "search":
        query = " ".join(rng.choice(VOCAB[100:5000]) for _ in range(rng.choice((1, 2))))
        return kind, f"/api/search?q={query}&limit=20"
    if kind == "document":
        return kind, f"/api/documents/doc{rng.randrange(n_docs):06d}"
    return kind, f"/api/stories/s{rng.randrange(n_docs // STORY_SIZE):05d}"


def client(args: tuple[str, int, float, int, int]) -> dict[str, list[float]]:
    """One client process: sequential requests until the time or count bound."""
    import httpx

    base, n_docs, seconds, max_requests, seed = args
    rng = random.Random(seed)
    out: dict[str, list[float]] = {"search": [], "document": [], "story": [], "errors": []}
    deadline = time.perf_counter() + seconds
    with httpx.Client(base_url=base, timeout=30) as http:
        for _ in range(max_requests):
            if time.perf_counter() > deadline:
                break
            kind, url = _targets(rng, n_docs)
            t0 = time.perf_counter()
            response = http.get(url)
            elapsed = (time.perf_counter() - t0) * 1000
            out[kind if response.status_code == 200 else "errors"].append(elapsed)
    return out


def _wait(base: str, proc: subprocess.Popen[bytes], timeout: float = 120) -> None:
    import httpx

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise SystemExit(f"server exited with {proc.returncode}")
        try:
            if httpx.get(base + "/api/documents?limit=1", timeout=5).status_code == 200:
                return
        except httpx.HTTPError:
            time.sleep(0.3)
    raise SystemExit("server did not start")


def _timed(base: str, path: str) -> float:
    import httpx

    t0 = time.perf_counter()
    httpx.get(base + path, timeout=300).raise_for_status()
    return (time.perf_counter() - t0) * 1000


def _pct(values: list[float], q: float) -> float:
    if len(values) < 2:
        return values[0] if values else float("nan")
    return statistics.quantiles(values, n=100, method="inclusive")[int(q) - 1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=100_000)
    parser.add_argument("--db", default="/tmp/narrascope-bench-api.db")
    parser.add_argument("--clients", type=int, default=4)
    parser.add_argument("--seconds", type=float, default=30.0)
    parser.add_argument("--max-requests", type=int, default=20_000, help="per client")
    args = parser.parse_args()
    db = Path(args.db)
    built = None
    if not db.exists():
        built = build(db, args.docs)
    port = _free_port()
    base = f"http://127.0.0.1:{port}"
    env = {**os.environ, "NARRASCOPE_DB": str(db)}
    proc = subprocess.Popen(
        [sys.executable, "-m", "narrascope", "serve", "--db", str(db), "--port", str(port)], env=env
    )
    try:
        _wait(base, proc)
        cold = {p: _timed(base, p) for p in ("/api/overview", "/", "/api/narratives/by-outlet")}
        warm = {p: _timed(base, p) for p in ("/api/overview", "/", "/documents?offset=50000")}
        jobs = [
            (base, args.docs, args.seconds, args.max_requests, seed) for seed in range(args.clients)
        ]
        t0 = time.perf_counter()
        with mp.get_context("spawn").Pool(args.clients) as pool:
            results = pool.map(client, jobs)
        wall = time.perf_counter() - t0
    finally:
        proc.terminate()
        proc.wait(30)
    merged: dict[str, list[float]] = {}
    for res in results:
        for key, values in res.items():
            merged.setdefault(key, []).extend(values)
    total = sum(len(v) for k, v in merged.items() if k != "errors")
    report = {
        "documents": args.docs,
        "build_seconds": built,
        "clients": args.clients,
        "wall_seconds": round(wall, 1),
        "requests": total,
        "errors": len(merged["errors"]),
        "throughput_rps": round(total / wall, 1),
        "latency_ms": {
            k: {"n": len(v), "p50": round(_pct(v, 50), 1), "p95": round(_pct(v, 95), 1)}
            for k, v in merged.items()
            if k != "errors"
        },
        "pages_cold_ms": {k: round(v) for k, v in cold.items()},
        "pages_warm_ms": {k: round(v, 1) for k, v in warm.items()},
    }
    print(json.dumps(report, indent=2))


if __name__ == "__main__":
    main()
