"""Story clustering (narrascope.stories.cluster) with the real multilingual embedder."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from narrascope.errors import ConfigError, StoreError
from narrascope.models import Document, Entity, Mention
from narrascope.stories import ClusterOptions, StoryIndex, cluster_stories

GOLD = Path(__file__).parent / "data" / "gold" / "stories" / "articles.jsonl"


def gold_docs(*ids: str) -> list[Document]:
    """Gold articles as documents, with their names as entities (no extraction needed)."""
    records = [json.loads(line) for line in GOLD.read_text(encoding="utf-8").splitlines()]
    wanted = [r for r in records if not ids or r["id"] in ids]
    return [_doc(r) for r in wanted]


def _doc(r: dict[str, str]) -> Document:
    entities = []
    for name in ("Chile", "Peru", "Lima", "Marta Velasco", "Rotterdam", "Kazakhstan", "Uzbekistan"):
        start = r["text"].find(name)
        if start >= 0:
            mention = Mention(name, start, start + len(name), "GPE")
            entities.append(
                Entity(id=f"{r['id']}:{name}", name=name, type="GPE", mentions=(mention,))
            )
    return Document(
        id=r["id"],
        source=r["id"],
        raw=r["text"],
        text=r["text"],
        title=r["title"],
        outlet=r["outlet"],
        published=r["published"],
        language=r["language"],
        entities=entities,
    )


def test_stories_cluster_groups_one_event_and_separates_others() -> None:
    docs = gold_docs("a01", "a03", "a04", "a06", "b01", "b03", "b05")
    stories = cluster_stories(docs)
    groups = sorted(sorted(s.documents) for s in stories)
    assert groups == [["a01", "a03", "a04", "a06"], ["b01", "b03", "b05"]]
    fisheries = next(s for s in stories if "a01" in s.documents)
    assert "name:chile" in fisheries.key_entities
    assert "2024-03-12" in fisheries.dates or fisheries.dates
    assert len(fisheries.outlets) == 4


def test_stories_cluster_crosses_languages() -> None:
    stories = cluster_stories(gold_docs("d01", "d05", "d06"))
    assert [sorted(s.documents) for s in stories] == [["d01", "d05", "d06"]]


def test_stories_cluster_same_people_weeks_apart_are_separate() -> None:
    stories = cluster_stories(gold_docs("a01", "a03", "c01", "c02"))
    assert sorted(sorted(s.documents) for s in stories) == [["a01", "a03"], ["c01", "c02"]]


def test_stories_cluster_is_incremental_and_persists(tmp_path: Path) -> None:
    index = StoryIndex()
    cluster_stories(gold_docs("a01", "b01"), index)
    assert len(index) == 2
    index.save(tmp_path / "index")
    loaded = StoryIndex.load(tmp_path / "index")
    stories = cluster_stories(gold_docs("a04", "b05"), loaded)
    assert sorted(sorted(s.documents) for s in stories) == [["a01", "a04"], ["b01", "b05"]]
    assert len(loaded) == 2


def test_stories_cluster_duplicates_join_their_canonical_story() -> None:
    docs = gold_docs("a01", "a02")
    docs[1].duplicate_of = "a01"
    (story,) = cluster_stories(docs)
    assert story.duplicates == (("a01", "a02"),)


def test_stories_cluster_work_per_document_is_bounded() -> None:
    rng = np.random.default_rng(1)
    index = StoryIndex(embedder=None)
    n = 3000
    vectors = rng.standard_normal((n, 64)).astype(np.float32)
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    docs = [
        Document(id=f"d{i}", source="x", raw="", text="", published="2024-01-01") for i in range(n)
    ]
    index.add(docs, vectors)
    assert index.blocks is not None
    probe = index.blocks.candidates([], vectors[0])
    assert len(probe) <= index.blocks.cap * len(index.blocks.planes)


def test_stories_cluster_rejects_bad_input(tmp_path: Path) -> None:
    with pytest.raises(ConfigError):
        ClusterOptions(threshold=2.0)
    with pytest.raises(ConfigError):
        StoryIndex().add(gold_docs("a01"), np.zeros((2, 8), dtype=np.float32))
    with pytest.raises(StoreError):
        StoryIndex.load(tmp_path / "missing")


def _event_doc(doc_id: str, text: str, names: tuple[str, ...], published: str) -> Document:
    entities = []
    for name in names:
        start = text.find(name)
        assert start >= 0, name
        kind = "PERSON" if " " in name else "GPE"
        mention = Mention(name, start, start + len(name), kind)
        entities.append(Entity(id=f"{doc_id}:{name}", name=name, type=kind, mentions=(mention,)))
    return Document(
        id=doc_id, source=doc_id, raw=text, text=text, title=None, outlet=doc_id[:2],
        published=published, language="en", entities=entities,
    )  # fmt: skip


FLOOD = (
    "Floods struck {town} on Tuesday after a week of heavy rain, forcing hundreds of "
    "residents from their homes. Mayor {mayor} said emergency crews had worked through "
    "the night and that the river was expected to peak on Wednesday. "
    "Schools in {town} will stay closed until further notice."
)


def test_stories_cluster_same_kind_of_event_elsewhere_is_another_story() -> None:
    """Two floods told in the same words, same week, other town and mayor: two stories."""
    first = _event_doc(
        "aa1", FLOOD.format(town="Orlavik", mayor="Petra Ilvesson"),
        ("Orlavik", "Petra Ilvesson"), "2024-04-02",
    )  # fmt: skip
    retold = _event_doc(
        "bb1",
        "Hundreds of people in Orlavik spent the night in shelters as the river burst its "
        "banks. Petra Ilvesson, the town's mayor, said crews were pumping water from the "
        "streets and warned that the worst could come on Wednesday.",
        ("Orlavik", "Petra Ilvesson"), "2024-04-03",
    )  # fmt: skip
    elsewhere = _event_doc(
        "cc1", FLOOD.format(town="Kestrelby", mayor="Jonas Marrow"),
        ("Kestrelby", "Jonas Marrow"), "2024-04-03",
    )  # fmt: skip
    stories = cluster_stories([first, retold, elsewhere])
    assert sorted(sorted(s.documents) for s in stories) == [["aa1", "bb1"], ["cc1"]]
    merged = cluster_stories([first, retold, elsewhere], StoryIndex(ClusterOptions(min_shared=0.0)))
    assert len(merged) == 1, "without the entity rule the template text alone joins them"


def test_stories_cluster_entity_rule_options_are_checked() -> None:
    with pytest.raises(ConfigError):
        ClusterOptions(min_shared=1.5)
    with pytest.raises(ConfigError):
        ClusterOptions(text_alone=0.0)
