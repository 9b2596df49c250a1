"""The store test-suite, run against every backend: SQLite (a file) and PostgreSQL.

PostgreSQL tests are marked ``postgres`` and need ``NARRASCOPE_TEST_PG_URL``
(``eval "$(bash .ci/postgres.sh)"`` starts a throw-away server); each test gets
its own schema, dropped afterwards.
"""

from __future__ import annotations

import multiprocessing as mp
import os
import random
import threading
import uuid
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from narrascope.errors import NotFoundError, StoreError
from narrascope.models import (
    Boilerplate,
    Contradiction,
    Document,
    Entity,
    Event,
    Failure,
    Mention,
    NarrativeLabel,
    OffsetMap,
    Quote,
    RoleAssignment,
    Span,
    Story,
    Technique,
    Tone,
)
from narrascope.store import DocumentFilter, EntityOverride, Store, open_store

PG_URL = os.environ.get("NARRASCOPE_TEST_PG_URL")


# fixtures -------------------------------------------------------------------------------

def _pg_schema_url(schema: str) -> str:
    assert PG_URL is not None
    sep = "&" if "?" in PG_URL else "?"
    return f"{PG_URL}{sep}options=-csearch_path%3D{schema}"


def _pg_admin(sql: str) -> None:
    import psycopg

    assert PG_URL is not None
    with psycopg.connect(PG_URL, autocommit=True) as conn:
        conn.execute(sql)


@contextmanager
def _pg_schema() -> Iterator[str]:
    """A URL pointing into a fresh schema of the test database, dropped afterwards."""
    if not PG_URL:
        pytest.skip("NARRASCOPE_TEST_PG_URL is not set (eval \"$(bash .ci/postgres.sh)\")")
    schema = f"t_{uuid.uuid4().hex[:12]}"
    _pg_admin(f"CREATE SCHEMA {schema}")
    try:
        yield _pg_schema_url(schema)
    finally:
        _pg_admin(f"DROP SCHEMA {schema} CASCADE")


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def store_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A fresh, empty store location for each backend."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'store.db'}"
        return
    with _pg_schema() as url:
        yield url


@pytest.fixture
def pg_url() -> Iterator[str]:
    """A fresh PostgreSQL schema, for backend-specific tests."""
    with _pg_schema() as url:
        yield url


@pytest.fixture
def store(store_url: str) -> Iterator[Store]:
    """An open store; closed after the test."""
    opened = open_store(store_url)
    try:
        yield opened
    finally:
        opened.close()


def make_doc(i: int, **fields: object) -> Document:
    """A small hand-built document (ingest and cleaning are other modules' business)."""
    text = str(fields.pop("text", f"Article number {i} reports on the harbour talks in Lisbon."))
    values: dict[str, object] = {
        "id": f"doc{i:05d}",
        "source": f"corpus/{i}.txt",
        "raw": f"<p>{text}</p>",
        "text": text,
        "title": f"Headline {i}",
        "outlet": "Daily Ledger",
        "published": f"2024-03-{1 + i % 28:02d}",
        "language": "en",
    }
    values.update(fields)
    return Document(**values)  # type: ignore[arg-type]


def _analysed(
    doc: Document, entity: str = "ent_lisbon", narrative: str = "URW: Blaming"
) -> Document:
    doc.entities = [Entity(id=entity, name="Lisbon", type="GPE")]
    doc.narratives = [NarrativeLabel(label=narrative, level="coarse", score=0.7)]
    doc.techniques = [Technique("Loaded_Language", 0, 7, doc.text[:7], 0.5)]
    return doc


# documents --------------------------------------------------------------------------------

def test_store_add_documents_skips_known_ids(store: Store) -> None:
    a, b = make_doc(1), make_doc(2)
    assert store.add_documents([a, b, make_doc(1)]) == [a.id, b.id]
    assert store.add_documents([make_doc(2), make_doc(3)]) == ["doc00003"]
    assert store.add_documents([]) == []
    assert store.count_documents() == 3
    assert store.has_document("doc00001")
    assert not store.has_document("nope")


def test_store_get_document_missing_raises(store: Store) -> None:
    with pytest.raises(NotFoundError):
        store.get_document("missing")


def test_store_add_documents_with_findings_stores_them(store: Store) -> None:
    doc = _analysed(make_doc(1))
    store.add_documents([doc])
    assert store.get_document(doc.id) == doc
    assert store.analysed_ids("ingest") == {doc.id}


def test_store_save_analyses_replaces_findings(store: Store) -> None:
    store.add_documents([make_doc(1), make_doc(2)])
    first = _analysed(make_doc(1), entity="ent_a")
    store.save_analyses([first], "v1")
    second = _analysed(make_doc(1), entity="ent_b")
    second.duplicate_of = "doc00002"
    store.save_analyses([second], "v2")
    got = store.get_document("doc00001")
    assert got == second
    assert store.analysed_ids("v1") == set()
    assert store.analysed_ids("v2") == {"doc00001"}
    assert store.count_documents(DocumentFilter(entity="ent_a")) == 0
    assert store.count_documents(DocumentFilter(entity="ent_b")) == 1


def test_store_save_analyses_of_unknown_document_fails_whole_batch(store: Store) -> None:
    store.add_documents([make_doc(1)])
    with pytest.raises(StoreError):
        store.save_analyses([_analysed(make_doc(1)), _analysed(make_doc(99))], "v1")
    assert store.analysed_ids("v1") == set()  # the batch is one transaction


# property-based round trip of every finding type ------------------------------------------

_chars = st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00")
_text = st.text(_chars, max_size=40)
_opt_text = st.none() | _text
_off = st.integers(0, 100_000)
_score = st.floats(-1.0, 1.0, allow_nan=False)
_span = st.builds(Span, _off, _off, _text)
_spans = st.lists(_span, max_size=2).map(tuple)
_mention = st.builds(Mention, _text, _off, _off, st.sampled_from(["PERSON", "ORG", "GPE"]),
                     _opt_text)
_entity = st.builds(Entity, _text, _text, st.sampled_from(["PERSON", "ORG", "GPE"]),
                    st.lists(_text, max_size=3).map(tuple),
                    st.lists(_mention, max_size=3).map(tuple),
                    st.lists(_text, max_size=2).map(tuple))
_quote = st.builds(Quote, _text, _off, _off, st.sampled_from(["direct", "partial", "indirect"]),
                   _opt_text, _opt_text, st.none() | _off, st.none() | _off, _opt_text, _opt_text,
                   _opt_text)
_event = st.builds(Event, _text, _off, _off, _text,
                   st.sampled_from(["day", "month", "year", "week", "season", "decade", "time"]),
                   _span, st.booleans(), _opt_text, st.lists(_text, max_size=2).map(tuple))
_narrative = st.builds(NarrativeLabel, _text, st.sampled_from(["coarse", "fine"]), _score, _spans,
                       _opt_text)
_role = st.builds(RoleAssignment, _text, st.sampled_from(["Protagonist", "Antagonist", "Innocent"]),
                  st.lists(_text, max_size=2).map(tuple), _score, _opt_text, st.none() | _off,
                  st.none() | _off, _spans)
_technique = st.builds(Technique, _text, _off, _off, _text, _score, st.none() | _span, _opt_text)
_tone = st.builds(Tone, _score, st.sampled_from(["negative", "neutral", "positive"]), _opt_text,
                  _spans)
_segments = st.lists(st.tuples(_off, _off, _off), max_size=4).map(tuple)


@st.composite
def documents(draw: st.DrawFn) -> Document:
    """Documents with every field and every finding type filled at random."""
    return Document(
        id=uuid.uuid4().hex[:16],
        source=draw(_text),
        raw=draw(st.text(_chars, max_size=200)),
        text=draw(st.text(_chars, max_size=200)),
        url=draw(_opt_text), title=draw(_opt_text), outlet=draw(_opt_text),
        author=draw(_opt_text), published=draw(_opt_text), language=draw(_opt_text),
        boilerplate=draw(st.lists(st.builds(Boilerplate, _text, _off, _off, _text), max_size=2)),
        offsets=OffsetMap(draw(_segments)),
        entities=draw(st.lists(_entity, max_size=2)),
        quotes=draw(st.lists(_quote, max_size=2)),
        events=draw(st.lists(_event, max_size=2)),
        narratives=draw(st.lists(_narrative, max_size=2)),
        roles=draw(st.lists(_role, max_size=2)),
        techniques=draw(st.lists(_technique, max_size=2)),
        tone=draw(st.lists(_tone, max_size=2)),
        explanation=draw(_opt_text),
        duplicate_of=draw(_opt_text),
    )


@settings(
    max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(doc=documents())
def test_store_roundtrip_of_every_finding_type(store: Store, doc: Document) -> None:
    bare = Document(**{name: getattr(doc, name) for name in (
        "id", "source", "raw", "text", "url", "title", "outlet", "author", "published",
        "language", "boilerplate", "offsets")})
    assert store.add_documents([bare]) == [doc.id]
    assert store.get_document(doc.id) == bare
    store.save_analyses([doc], "v-prop")
    assert store.get_document(doc.id) == doc
    assert doc.id in store.analysed_ids("v-prop")
    (streamed,) = [d for d in store.iter_documents(batch_size=7) if d.id == doc.id]
    assert streamed == doc
    wanted = frozenset({"entities", "events"})
    (partial,) = [d for d in store.iter_documents(with_findings=wanted) if d.id == doc.id]
    assert partial == store.get_document(doc.id, with_findings=wanted)
    assert (partial.entities, partial.events) == (doc.entities, doc.events)
    assert (partial.quotes, partial.narratives, partial.tone) == ([], [], [])
    without = store.get_document(doc.id, with_findings=False)
    assert without == replace(bare, duplicate_of=doc.duplicate_of)


# filters and listing ------------------------------------------------------------------------

@pytest.fixture
def filled(store: Store) -> Store:
    docs = [
        make_doc(1, outlet="Daily Ledger", published="2024-03-01", language="en"),
        make_doc(2, outlet="Harbour Post", published="2024-03-05T10:30:00", language="en"),
        make_doc(3, outlet="Harbour Post", published="2024-03-09", language="pt"),
        make_doc(4, outlet="Daily Ledger", published=None, language="en"),
    ]
    store.add_documents(docs)
    store.save_analyses([_analysed(docs[0], "ent_a", "URW: Blaming"),
                         _analysed(docs[1], "ent_b", "CC: Hoax")], "v1")
    return store


@pytest.mark.parametrize(
    ("flt", "expected"),
    [
        (DocumentFilter(), {1, 2, 3, 4}),
        (DocumentFilter(outlet="Harbour Post"), {2, 3}),
        (DocumentFilter(language="pt"), {3}),
        (DocumentFilter(date_from="2024-03-05"), {2, 3}),
        (DocumentFilter(date_to="2024-03-05"), {1, 2}),
        (DocumentFilter(date_from="2024-03-02", date_to="2024-03-08"), {2}),
        (DocumentFilter(narrative="CC: Hoax"), {2}),
        (DocumentFilter(entity="ent_a"), {1}),
        (DocumentFilter(entity="ent_a", outlet="Harbour Post"), set()),
        (DocumentFilter(outlet="x' OR '1'='1"), set()),
    ],
)
def test_store_filters(filled: Store, flt: DocumentFilter, expected: set[int]) -> None:
    ids = {f"doc{i:05d}" for i in expected}
    assert filled.count_documents(flt) == len(ids)
    assert {d.id for d in filled.list_documents(flt)} == ids
    assert {d.id for d in filled.iter_documents(flt, batch_size=1)} == ids


def test_store_list_documents_newest_first_and_pages(filled: Store) -> None:
    page = [d.id for d in filled.list_documents(limit=2)]
    assert page == ["doc00003", "doc00002"]
    rest = [d.id for d in filled.list_documents(limit=10, offset=2)]
    assert rest == ["doc00001", "doc00004"]  # undated last
    assert all(not d.entities for d in filled.list_documents())


def test_store_iter_documents_batches_in_insertion_order(store: Store) -> None:
    order = list(range(23))
    random.Random(7).shuffle(order)
    for start in range(0, 23, 6):
        store.add_documents([make_doc(i) for i in order[start:start + 6]])
    streamed = list(store.iter_documents(with_findings=False, batch_size=5))
    assert [d.id for d in streamed] == [f"doc{i:05d}" for i in order]
    assert len({d.id for d in streamed}) == 23


# search ----------------------------------------------------------------------------------

@pytest.fixture
def searchable(store: Store) -> Store:
    store.add_documents([
        make_doc(1, title="Ceasefire holds", text="The ceasefire in the valley held overnight, "
                 "officials said. Observers counted no shelling."),
        make_doc(2, title="Grain corridor", text="Ships left the port as the grain corridor "
                 "reopened. Insurers raised premiums."),
        make_doc(3, title="Minutes", text="Clerks drop table documents into the archive; "
                 "the ceasefire minutes were filed."),
    ])
    return store


def test_store_search_words_and_phrases(searchable: Store) -> None:
    hits = searchable.search("ceasefire")
    assert next(h.doc_id for h in hits) == "doc00001"  # title match ranks first
    assert {h.doc_id for h in hits} == {"doc00001", "doc00003"}
    assert "[" in hits[0].snippet
    assert "]" in hits[0].snippet
    assert hits[0].score >= hits[-1].score
    assert [h.doc_id for h in searchable.search('"grain corridor" ships')] == ["doc00002"]
    assert searchable.search('"corridor grain"') == []
    assert len(searchable.search("ceasefire", limit=1)) == 1
    assert [h.doc_id for h in searchable.search("ceasefire", limit=1, offset=1)] == ["doc00003"]


@pytest.mark.parametrize(
    "query",
    ["", "   ", '"', '""', '"unclosed phrase', "'", "''; --", "NEAR(ceasefire valley)",
     "title:ceasefire", "ceasefire*", "-ceasefire", "ceasefire OR", "AND OR NOT", "((", "^",
     "a & b | !c <-> d", ":*", "\\", "%_%", "\x00", "ceasefire\x00valley",
     "x' OR '1'='1", "1; SELECT pg_sleep(5)", "'; DROP TABLE documents; --",
     "{\"$ne\": null}", "ceasefire) OR (1=1", "🙂", "ceasefire " * 50],
)
def test_store_search_hostile_queries(searchable: Store, query: str) -> None:
    hits = searchable.search(query)
    assert isinstance(hits, list)
    assert searchable.count_documents() == 3
    if query.strip() in ("", '"', '""', "'", "((", "^", ":*", "\\", "%_%", "\x00", "🙂"):
        assert hits == []


def test_store_search_injection_text_is_plain_words(searchable: Store) -> None:
    hits = searchable.search("'; DROP TABLE documents; --")
    assert [h.doc_id for h in hits] == ["doc00003"]
    assert searchable.count_documents() == 3


# corpus level ---------------------------------------------------------------------------------

def test_store_entities_replace_list_get(store: Store) -> None:
    mention = Mention("Lisbon", 0, 6, "GPE", "ent_lis")
    ents = [
        Entity("ent_lis", "Lisbon", "GPE", ("Lisboa",), (mention,), ("d1", "d2")),
        Entity("ent_ana", "Ana Ferreira", "PERSON", ("A. Ferreira",), (), ("d1",)),
        Entity("ent_pct", "100% Club", "ORG", (), (), ()),
    ]
    store.save_entities(ents)
    assert store.list_entities() == ents
    assert store.get_entity("ent_ana") == ents[1]
    assert [e.id for e in store.list_entities(query="lisboa")] == ["ent_lis"]
    assert [e.id for e in store.list_entities(query="ferr")] == ["ent_ana"]
    assert [e.id for e in store.list_entities(query="100%")] == ["ent_pct"]
    assert store.list_entities(query="_") == []
    assert [e.id for e in store.list_entities(limit=1, offset=1)] == ["ent_ana"]
    store.save_entities(ents[2:])
    assert [e.id for e in store.list_entities()] == ["ent_pct"]
    with pytest.raises(NotFoundError):
        store.get_entity("ent_lis")


def test_store_stories_and_contradictions(store: Store) -> None:
    span = Span(0, 4, "text")
    stories = [Story("s1", "Talks", ("d1",)), Story("s2", "Grain", ("d1", "d2"), ("Ledger",),
                                                     ("ent_a",), ("2024-03-01",), (("d1", "d2"),))]
    store.save_stories(stories)
    assert [s.id for s in store.list_stories()] == ["s2", "s1"]
    assert store.get_story("s2") == stories[1]
    with pytest.raises(NotFoundError):
        store.get_story("nope")
    items = [
        Contradiction("c1", "date", "dates differ", 0.4, "d1", span, "d2", span, "s1"),
        Contradiction("c2", "number", "counts differ", 0.9, "d1", span, "d3", span, "s2"),
    ]
    store.save_contradictions(items)
    assert store.list_contradictions() == [items[1], items[0]]
    assert store.list_contradictions(story_id="s1") == [items[0]]
    store.save_contradictions([])
    assert store.list_contradictions() == []


def test_store_overrides_failures_meta(store: Store) -> None:
    store.add_override(EntityOverride("merge", "ent_a", "ent_b"))
    store.add_override(EntityOverride("split", "ent_a", "A. Alias"))
    assert store.list_overrides() == [EntityOverride("merge", "ent_a", "ent_b"),
                                      EntityOverride("split", "ent_a", "A. Alias")]
    store.record_failures([Failure("a.txt", "clean", "empty"), Failure("b.txt", "extract", "boom")])
    store.record_failures([])
    assert store.list_failures() == [Failure("b.txt", "extract", "boom"),
                                     Failure("a.txt", "clean", "empty")]
    assert store.list_failures(limit=1) == [Failure("b.txt", "extract", "boom")]
    assert store.get_meta("k") is None
    store.set_meta("k", "1")
    store.set_meta("k", "two")
    assert store.get_meta("k") == "two"


def test_store_delete_document_cascades(filled: Store) -> None:
    filled.delete_document("doc00001")
    assert not filled.has_document("doc00001")
    assert filled.count_documents() == 3
    assert filled.count_documents(DocumentFilter(entity="ent_a")) == 0
    assert filled.analysed_ids("v1") == {"doc00002"}
    assert all(h.doc_id != "doc00001" for h in filled.search("harbour"))
    with pytest.raises(NotFoundError):
        filled.delete_document("doc00001")


def test_store_reopen_keeps_data_and_schema(store_url: str) -> None:
    first = open_store(store_url)
    first.add_documents([make_doc(1)])
    first.close()
    second = open_store(store_url)
    try:
        assert second.count_documents() == 1
        assert second.add_documents([make_doc(1)]) == []
    finally:
        second.close()


# concurrent writers -------------------------------------------------------------------------

N_CONCURRENT = 60


def _overlapping_batches(seed: int) -> list[list[Document]]:
    order = list(range(N_CONCURRENT))
    random.Random(seed).shuffle(order)
    return [[make_doc(i) for i in order[k:k + 7]] for k in range(0, N_CONCURRENT, 7)]


def _write_all(url: str, seed: int) -> list[str]:
    """One writer: add every document (in its own order) and save analyses."""
    writer = open_store(url)
    new: list[str] = []
    try:
        for batch in _overlapping_batches(seed):
            new.extend(writer.add_documents(batch))
            writer.save_analyses([_analysed(doc) for doc in batch], f"w{seed}")
    finally:
        writer.close()
    return new


def _check_no_duplicates(store: Store, new: list[str]) -> None:
    assert sorted(new) == sorted(f"doc{i:05d}" for i in range(N_CONCURRENT))  # each new once
    ids = [d.id for d in store.iter_documents(batch_size=13)]
    assert len(ids) == len(set(ids)) == N_CONCURRENT == store.count_documents()
    assert all(d.entities for d in store.iter_documents())  # no half-written analyses


def test_store_concurrent_writer_threads(store_url: str, store: Store) -> None:
    results: list[list[str]] = []
    errors: list[BaseException] = []

    def target(seed: int) -> None:
        try:
            results.append(_write_all(store_url, seed))
        except BaseException as exc:  # surfaced below
            errors.append(exc)

    threads = [threading.Thread(target=target, args=(seed,)) for seed in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors
    _check_no_duplicates(store, [doc_id for part in results for doc_id in part])


def test_store_concurrent_writer_processes(store_url: str, store: Store) -> None:
    with ProcessPoolExecutor(3, mp_context=mp.get_context("spawn")) as pool:
        parts = list(pool.map(_write_all, [store_url] * 3, range(3)))
    _check_no_duplicates(store, [doc_id for part in parts for doc_id in part])


def test_store_threads_share_one_store_object(store: Store) -> None:
    def target(seed: int) -> None:
        for batch in _overlapping_batches(seed):
            store.add_documents(batch)

    threads = [threading.Thread(target=target, args=(seed,)) for seed in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert store.count_documents() == N_CONCURRENT


# backend specifics ------------------------------------------------------------------------------

def test_store_open_bad_locations(tmp_path: Path) -> None:
    with pytest.raises(StoreError):
        open_store(tmp_path / "missing" / "x.db")
    with pytest.raises(StoreError):
        open_store("mysql://localhost/db")
    with pytest.raises(StoreError):
        open_store("postgresql://nobody@127.0.0.1:1/none?connect_timeout=2")


@pytest.mark.postgres
def test_store_postgres_migrations_recorded(pg_url: str) -> None:
    import psycopg

    from narrascope.store import pg_migrations

    with psycopg.connect(pg_url) as conn:
        assert pg_migrations.applied(conn) == []
        assert pg_migrations.pending(conn) == ["001_initial"]
    open_store(pg_url).close()
    with psycopg.connect(pg_url) as conn:
        assert pg_migrations.applied(conn) == [name for name, _ in pg_migrations.MIGRATIONS]
        assert pg_migrations.pending(conn) == []
    with psycopg.connect(pg_url, autocommit=True) as conn:
        assert pg_migrations.migrate(conn) == []


@pytest.mark.postgres
def test_store_postgres_replaces_nul_keeping_offsets(pg_url: str) -> None:
    store = open_store(pg_url)
    doc = make_doc(1, text="nul\x00inside", raw="raw\x00")
    doc.quotes = [Quote("in\x00side", 3, 10, "direct")]
    store.add_documents([doc])
    got = store.get_document(doc.id)
    store.close()
    assert got.text == "nul\ufffdinside"
    assert len(got.text) == len(doc.text)
    assert got.quotes[0].text == "in\ufffdside"
