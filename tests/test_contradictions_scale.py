"""Contradictions at scale: each distinct clash once, with its support, bounded per key.

Claims are built directly (no spaCy) and handed to ``find_contradictions``.
"""

from __future__ import annotations

import random
import time
from collections import Counter
from datetime import date, timedelta

from narrascope.ids import short_id
from narrascope.models import Claim, Contradiction, Document, Span, Story
from narrascope.stories import find_contradictions
from narrascope.stories.contradictions import MAX_PER_KEY

COUNT_KEY = "count|name:harbour|send|delegate"
DAY0 = date(2024, 3, 1)


def doc(
    n: int, outlet: str | None = None, day: int = 0, duplicate_of: str | None = None
) -> Document:
    return Document(
        id=f"d{n:05d}",
        source=f"t{n}",
        raw="",
        text="",
        outlet=outlet or f"Outlet {n}",
        published=(DAY0 + timedelta(days=day)).isoformat(),
        duplicate_of=duplicate_of,
    )


def claim(document: Document, key: str, value: str | None, start: int = 0) -> Claim:
    text = f"{key} {value}"
    return Claim(
        id=short_id("claim", document.id, key, value or "", str(start)),
        doc_id=document.id,
        text=text,
        span=Span(start, start + len(text), text),
        key=key,
        value=value,
    )


def run(docs: list[Document], claims: dict[str, list[Claim]]) -> list[Contradiction]:
    story = Story(id="story_t", label="t", documents=tuple(d.id for d in docs))
    return find_contradictions(docs, [story], claims)


def test_contradictions_one_per_pair_of_values_with_support() -> None:
    docs = [doc(i, day=60 - i) for i in range(60)]  # later ids published earlier
    claims = {d.id: [claim(d, COUNT_KEY, "12" if i % 2 else "15")] for i, d in enumerate(docs)}
    found = run(docs, claims)
    assert len(found) == 1
    item = found[0]
    assert item.kind == "number"
    assert item.reason == (
        "Outlet 58 gives 15 and Outlet 59 gives 12 for harbour send delegate"
        " (30 articles give 15, 30 articles give 12)"
    )
    # representatives: the earliest-published article of each value
    assert {item.doc_a, item.doc_b} == {"d00059", "d00058"}
    assert item.doc_a < item.doc_b


def test_contradictions_support_counts_articles_and_outlets() -> None:
    docs = [doc(i, outlet="Harbour Post" if i < 3 else "Civic Wire", day=i) for i in range(5)]
    claims = {d.id: [claim(d, COUNT_KEY, "12" if i < 3 else "15")] for i, d in enumerate(docs)}
    (item,) = run(docs, claims)
    assert item.reason == (
        "Harbour Post gives 12 and Civic Wire gives 15 for harbour send delegate"
        " (3 articles give 12, 2 articles give 15)"
    )
    assert (item.doc_a, item.doc_b) == ("d00000", "d00003")


def test_contradictions_two_articles_keep_the_plain_reason() -> None:
    docs = [doc(0, "Harbour Post"), doc(1, "Civic Wire")]
    claims = {d.id: [claim(d, COUNT_KEY, v)] for d, v in zip(docs, ("12", "15"), strict=True)}
    (item,) = run(docs, claims)
    assert item.reason == "Harbour Post gives 12 and Civic Wire gives 15 for harbour send delegate"


def test_contradictions_syndicated_copies_are_one_article() -> None:
    # d1 and d2 are copies of an article outside the story: they never contradict
    # each other, count once, and the representative of 15 is taken elsewhere.
    docs = [
        doc(1, "Wire A", day=0, duplicate_of="canon"),
        doc(2, "Wire B", day=1, duplicate_of="canon"),
        doc(3, "Paper", day=2),
        doc(4, "Paper", day=3),
    ]
    values = {"d00001": "12", "d00002": "15", "d00003": "15", "d00004": "15"}
    claims = {d.id: [claim(d, COUNT_KEY, values[d.id])] for d in docs}
    (item,) = run(docs, claims)
    assert (item.doc_a, item.doc_b) == ("d00001", "d00003")
    assert item.reason.endswith("(1 article gives 12, 3 articles (2 outlets) give 15)")


def test_contradictions_values_per_key_are_capped() -> None:
    docs = [doc(i, day=i % 30) for i in range(400)]
    claims = {d.id: [claim(d, COUNT_KEY, str(100 + i % 40))] for i, d in enumerate(docs)}
    found = run(docs, claims)
    assert 0 < len(found) <= MAX_PER_KEY
    assert len(found) == 28  # all pairs of the 8 most supported values


def test_contradictions_titles_once_per_pair_of_titles() -> None:
    key = "title|name:carlos ibarra"
    docs = [doc(i, day=i % 20) for i in range(50)]
    claims = {
        d.id: [claim(d, key, "deputy foreign minister" if i % 5 else "trade minister")]
        for i, d in enumerate(docs)
    }
    # an article that gives both titles contradicts neither
    claims[docs[1].id].append(claim(docs[1], key, "trade minister", start=100))
    found = run(docs, claims)
    assert [c.kind for c in found] == ["title"]
    (item,) = found
    assert (item.doc_a, item.doc_b) == ("d00000", "d00021")  # d00001 gives both titles
    assert item.reason.endswith(
        "(11 articles give 'trade minister', 40 articles give 'deputy foreign minister')"
    )


def test_contradictions_titles_only_at_the_same_time() -> None:
    key = "title|name:carlos ibarra"
    docs = [doc(0, day=0), doc(1, day=800), doc(2, day=810)]
    claims = {
        docs[0].id: [claim(docs[0], key, "trade minister")],
        docs[1].id: [claim(docs[1], key, "deputy foreign minister")],
        docs[2].id: [claim(docs[2], key, "deputy foreign minister")],
    }
    assert run(docs, claims) == []
    claims[docs[2].id] = [claim(docs[2], key, "trade minister")]
    (item,) = run(docs, claims)
    assert (item.doc_a, item.doc_b) == ("d00001", "d00002")


def test_contradictions_occurrence_once_per_pair_of_dates() -> None:
    # 20 articles say no meeting since 14 November, 20 report one on 9 February;
    # 5 more say none since then but were published before 9 February.
    deniers = [doc(i, day=80 + i) for i in range(20)]
    early = [doc(100 + i, day=-40 + i) for i in range(5)]
    reporters = [doc(200 + i, day=81 + i) for i in range(20)]
    claims = {d.id: [claim(d, "none|meeting", "2023-11-14")] for d in deniers + early}
    claims |= {d.id: [claim(d, "occur|meeting|", "2024-02-09")] for d in reporters}
    found = run(deniers + early + reporters, claims)
    assert [c.kind for c in found] == ["occurrence"]
    (item,) = found
    assert (item.doc_a, item.doc_b) == ("d00000", "d00200")
    assert item.reason.endswith("(20 articles say none, 20 articles report one on 2024-02-09)")


def test_contradictions_negation_once_per_statement() -> None:
    docs = [doc(i, day=i) for i in range(50)]
    claims = {
        d.id: [claim(d, f"fact|name:moscow|{'not ' if i % 2 else ''}send|negotiator", None)]
        for i, d in enumerate(docs)
    }
    (item,) = run(docs, claims)
    assert item.kind == "occurrence"
    assert (item.doc_a, item.doc_b) == ("d00001", "d00000")
    assert item.reason.endswith("(25 articles deny it, 25 articles assert it)")


def big_story(n: int) -> tuple[list[Document], dict[str, list[Claim]]]:
    rng = random.Random(7)
    outlets = [f"Outlet {i}" for i in range(60)]
    docs = [doc(i, rng.choice(outlets), day=rng.randrange(60)) for i in range(n)]
    claims: dict[str, list[Claim]] = {}
    for d in docs:
        items = [
            claim(d, COUNT_KEY, str(rng.choice([12, 15, 18, 20, 25, 30, 40, 50, 60, 70, 80]))),
            claim(d, "count|_|kill|worker", f"~{rng.randrange(5, 500)}", 10),
            claim(d, "date|name:summit|occur|_", f"2024-03-{rng.randrange(1, 29):02d}", 20),
            claim(d, "occur|meeting|last", f"2024-0{rng.randrange(1, 4)}-1{rng.randrange(10)}", 30),
            claim(d, "title|name:ibarra", rng.choice(["trade minister", "foreign minister"]), 40),
        ]
        if rng.random() < 0.3:
            items.append(claim(d, "none|meeting", f"2023-{rng.randrange(10, 13)}-01", 50))
        else:
            items.append(claim(d, "occur|meeting|", f"2024-01-{rng.randrange(1, 29):02d}", 50))
        verb = "not send" if rng.random() < 0.5 else "send"
        items.append(claim(d, f"fact|name:moscow|{verb}|negotiator", None, 60))
        claims[d.id] = items
    return docs, claims


def test_contradictions_bounded_for_a_large_story() -> None:
    docs, claims = big_story(2000)
    started = time.perf_counter()
    found = run(docs, claims)
    elapsed = time.perf_counter() - started
    assert elapsed < 20, f"{elapsed:.1f} s"
    keys = {"date", "number", "title", "occurrence"}
    assert {c.kind for c in found} == keys
    per_kind = Counter(c.kind for c in found)
    # 4 valued keys and one "none" key, <= 28 each, + 1 title + 1 negation
    assert len(found) <= 5 * MAX_PER_KEY + 2
    assert per_kind["title"] == 1
    assert len({c.id for c in found}) == len(found)


def test_contradictions_do_not_depend_on_input_order() -> None:
    docs, claims = big_story(300)
    first = run(docs, claims)
    rng = random.Random(3)
    shuffled_docs = docs[:]
    rng.shuffle(shuffled_docs)
    shuffled = {k: rng.sample(v, len(v)) for k, v in rng.sample(list(claims.items()), len(claims))}
    assert run(shuffled_docs, shuffled) == first
