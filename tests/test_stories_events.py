"""Event clustering (narrascope.stories.events): what makes one event one event."""

from __future__ import annotations

import random
from collections.abc import Sequence

import numpy as np
import pytest

from narrascope.errors import ConfigError
from narrascope.models import Document, Entity, Event, Mention, Span
from narrascope.stories import connect
from narrascope.stories.event_stories import event_stories
from narrascope.stories.events import (
    EventOptions,
    average_link_tree,
    cluster_events,
    cut_tree,
    date_tokens,
    profiles_of,
    specific_numbers,
)
from narrascope.stories.keys import outlet_of
from narrascope.stories.vectors import encode_vector

# Two floods of the same kind in one region, three reports each, written for this test.
REPORTS = {
    "flood-a1": (
        "The river Velna burst its banks in Orsk on 3 March 2019, flooding 420 homes. "
        "Mayor Ilse Tamm said 27 people were rescued from rooftops.",
        "2019-03-03",
        "Orsk",
    ),
    "flood-a2": (
        "Flood water covered 420 homes in Orsk after the Velna overflowed on 3 March 2019; "
        "Ilse Tamm, the mayor, counted 27 rescues.",
        "2019-03-03",
        "Orsk",
    ),
    "flood-a3": (
        "Rescuers pulled 27 residents of Orsk from rooftops when the Velna flooded 420 "
        "houses, Mayor Ilse Tamm told reporters on 3 March 2019.",
        "2019-03-03",
        "Orsk",
    ),
    "flood-b1": (
        "The river Velna flooded Karvik on 18 October 2022, damaging 95 homes. "
        "Governor Pavel Rask said 6 people were evacuated by boat.",
        "2022-10-18",
        "Karvik",
    ),
    "flood-b2": (
        "In Karvik 95 homes were damaged when the Velna burst its banks on 18 October "
        "2022; Governor Pavel Rask said boats evacuated 6 people.",
        "2022-10-18",
        "Karvik",
    ),
    "flood-b3": (
        "Governor Pavel Rask said 6 residents of Karvik were taken out by boat after "
        "the Velna flooded 95 homes on 18 October 2022.",
        "2022-10-18",
        "Karvik",
    ),
}
EMBED_DIM = 8


def _entity(doc_id: str, text: str, name: str, label: str) -> Entity:
    start = text.find(name)
    mentions = (Mention(name, start, start + len(name), label),) if start >= 0 else ()
    return Entity(id=f"{doc_id}:{name}", name=name, type=label, mentions=mentions)


def report(doc_id: str) -> Document:
    text, day, place = REPORTS[doc_id]
    names = [(place, "GPE"), ("Velna", "LOC"), ("Ilse Tamm", "PERSON"), ("Pavel Rask", "PERSON")]
    start = text.find(day[:4])
    sentence = Span(0, len(text), text)
    event = Event(day[:4], start, start + 4, day, "day", sentence)
    return Document(
        id=doc_id,
        source=f"{doc_id}.txt",
        raw=text,
        text=text,
        entities=[_entity(doc_id, text, n, t) for n, t in names if n in text],
        events=[event],
    )


def same_kind_embedder(texts: Sequence[str]) -> np.ndarray:
    """Every flood report reads alike to the embedder: only words and specifics differ."""
    return np.tile(np.eye(1, EMBED_DIM, dtype=np.float32), (len(texts), 1))


def groups_of(docs: list[Document]) -> list[list[str]]:
    return cluster_events(docs, EventOptions(), embedder=same_kind_embedder)


def test_stories_events_two_floods_of_one_river_are_two_events() -> None:
    docs = [report(d) for d in REPORTS]
    assert groups_of(docs) == [
        ["flood-a1", "flood-a2", "flood-a3"],
        ["flood-b1", "flood-b2", "flood-b3"],
    ]


def test_stories_events_input_order_never_changes_the_stories() -> None:
    docs = [report(d) for d in REPORTS]
    expected = groups_of(docs)
    for seed in range(5):
        shuffled = list(docs)
        random.Random(seed).shuffle(shuffled)
        assert groups_of(shuffled) == expected


def test_stories_events_incremental_connect_equals_full_connect() -> None:
    """Each connect clusters the whole corpus: adding reports later gives the full run's stories."""
    docs = [report(d) for d in REPORTS]
    for doc in docs:  # the stored story vector the analysis stage leaves
        doc.story_vector = encode_vector(same_kind_embedder([doc.text])[0])
    first, _ = connect(docs[:4])
    full, _ = connect(docs)
    later, _ = connect(docs[4:] + docs[:4])
    assert [s.documents for s in later] == [s.documents for s in full]
    assert [s.id for s in later] == [s.id for s in full]
    assert {s.id for s in first} & {s.id for s in full}  # a grown story kept its id


def test_stories_events_dates_and_figures_are_event_specifics() -> None:
    doc = report("flood-a1")
    assert {"year:2019", "month:2019-03", "day:2019-03-03"} <= set(date_tokens(doc))
    assert specific_numbers("In 2019 the 6.1 quake hit 1,200 homes, 3 dead, 45 hurt") == [
        "6.1",
        "1200",
        "45",
    ]


def test_stories_events_a_straggler_joins_its_event_but_a_pair_stays_apart() -> None:
    sim = np.array(
        [
            [1.0, 0.8, 0.7, 0.2, 0.1],
            [0.8, 1.0, 0.7, 0.2, 0.1],
            [0.7, 0.7, 1.0, 0.2, 0.1],
            [0.2, 0.2, 0.2, 1.0, 0.5],  # a pair closer to each other than to the big one
            [0.1, 0.1, 0.1, 0.5, 1.0],
        ]
    )
    tree = average_link_tree(sim)
    assert sorted(map(sorted, cut_tree(sim, tree, EventOptions(threshold=0.4)))) == [
        [0, 1, 2],
        [3, 4],
    ]
    lone = sim[:4, :4]  # document 3 alone: a straggler close enough to join
    assert sorted(
        map(sorted, cut_tree(lone, average_link_tree(lone), EventOptions(threshold=0.4)))
    ) == [[0, 1, 2, 3]]


def test_stories_events_stories_carry_labels_outlets_and_dates() -> None:
    docs = [report(d) for d in REPORTS]
    stories = event_stories(profiles_of(docs, same_kind_embedder))
    assert len(stories) == 2
    assert all(s.outlets and "/" not in "".join(s.outlets) for s in stories)
    assert {s.dates for s in stories} == {("2019-03-03",), ("2022-10-18",)}
    assert any("Orsk" in s.label for s in stories)


def test_stories_events_options_are_checked() -> None:
    with pytest.raises(ConfigError):
        EventOptions(threshold=1.5)
    with pytest.raises(ConfigError):
        EventOptions(w_words=0, w_specifics=0, w_vector=0)
    with pytest.raises(ConfigError):
        EventOptions(attach=0)
    assert cluster_events([]) == []


@pytest.mark.parametrize(
    ("source", "url", "label"),
    [
        ("/data/in/feed.jsonl:12", None, "feed:12"),
        ("/data/a/report.txt", None, "report"),
        ("/data/a/page.html", "https://www.example.org/x/1", "example.org"),
        ("https://news.example.net/a/b", None, "news.example.net"),
        ("<stdin>", None, "stdin"),
    ],
)
def test_stories_outlet_label_is_short_never_a_path(
    source: str, url: str | None, label: str
) -> None:
    doc = Document(id="d1", source=source, raw="x", text="x", url=url)
    assert outlet_of(doc) == label


def test_stories_events_oversized_components_are_split_not_dropped(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from narrascope.stories import events

    docs = [report(d) for d in REPORTS]
    monkeypatch.setattr(events, "BLOCK_CELLS", 6)  # one row per block
    assert groups_of(docs) == [
        ["flood-a1", "flood-a2", "flood-a3"],
        ["flood-b1", "flood-b2", "flood-b3"],
    ]
    monkeypatch.setattr(events, "COMPONENT_LIMIT", 2)
    small = groups_of(docs)
    assert sorted(d for g in small for d in g) == sorted(REPORTS)
    assert max(len(g) for g in small) <= 2


def test_a_story_is_labelled_by_the_names_most_of_its_articles_give() -> None:
    import numpy as np

    from narrascope.stories.event_stories import describe
    from narrascope.stories.events import EventProfile

    names = {"port": "Harbor Authority", "bridge": "Alder Bridge", "nick": "Clown Harbour Crew"}

    def profile(doc_id: str, entities: dict[str, int]) -> EventProfile:
        return EventProfile(doc_id, [], [], np.zeros(4), entities=entities, names=names)

    story = describe([
        profile("a1", {"nick": 9, "port": 2}),  # one writer's nickname, repeated
        profile("a2", {"port": 2, "bridge": 3}),
        profile("a3", {"port": 1, "bridge": 1}),
    ])  # fmt: skip
    assert story.key_entities[:3] == ("port", "bridge", "nick")
    assert story.label.startswith("Harbor Authority, Alder Bridge, Clown Harbour Crew")
