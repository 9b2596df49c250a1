"""Round trips of the models through to_dict/from_dict (property-based)."""

from __future__ import annotations

import dataclasses
import json

from hypothesis import given, settings
from hypothesis import strategies as st

from narrascope.models import (
    Boilerplate,
    Document,
    Entity,
    Event,
    Mention,
    NarrativeLabel,
    OffsetMap,
    Quote,
    Span,
)
from narrascope.serde import from_dict, to_dict

texts = st.text(max_size=40)
spans = st.builds(Span, st.integers(0, 1000), st.integers(0, 1000), texts)
mentions = st.builds(
    Mention,
    texts,
    st.integers(0, 99),
    st.integers(0, 99),
    st.sampled_from(["PERSON", "ORG"]),
    st.none() | texts,
)
entities = st.builds(
    Entity,
    texts,
    texts,
    st.sampled_from(["PERSON", "ORG", "GPE"]),
    st.lists(texts, max_size=3).map(tuple),
    st.lists(mentions, max_size=3).map(tuple),
)
quotes = st.builds(
    Quote,
    texts,
    st.integers(0, 99),
    st.integers(0, 99),
    st.sampled_from(["direct", "partial", "indirect"]),
    st.none() | texts,
)
events = st.builds(
    Event,
    texts,
    st.integers(0, 9),
    st.integers(0, 9),
    st.just("2022-03-29"),
    st.sampled_from(["day", "month", "year"]),
    spans,
)
narratives = st.builds(
    NarrativeLabel,
    texts,
    st.sampled_from(["coarse", "fine"]),
    st.floats(0, 1),
    st.lists(spans, max_size=2).map(tuple),
)
documents = st.builds(
    Document,
    id=st.text(min_size=1, max_size=16),
    source=texts,
    raw=texts,
    text=texts,
    title=st.none() | texts,
    boilerplate=st.lists(
        st.builds(Boilerplate, texts, st.integers(0, 9), st.integers(0, 9), texts), max_size=2
    ),
    offsets=st.lists(
        st.tuples(st.integers(0, 9), st.integers(0, 9), st.integers(0, 9)), max_size=3
    ).map(lambda runs: OffsetMap(tuple(runs))),
    entities=st.lists(entities, max_size=2),
    quotes=st.lists(quotes, max_size=2),
    events=st.lists(events, max_size=2),
    narratives=st.lists(narratives, max_size=2),
)


@settings(max_examples=60, deadline=None)
@given(documents)
def test_serde_document_round_trip(doc: Document) -> None:
    data = json.loads(json.dumps(to_dict(doc)))
    assert from_dict(Document, data) == doc


def test_serde_offset_map_maps_clean_to_raw() -> None:
    raw = "MENU\nHello world\nShare\nSecond line"
    # clean text "Hello world\n\nSecond line": two verbatim runs
    offsets = OffsetMap(((0, 5, 11), (13, 23, 11)))
    clean = "Hello world\n\nSecond line"
    for i, ch in enumerate(clean):
        if ch != "\n":
            assert raw[offsets.to_raw(i)] == ch
    assert offsets.span_to_raw(13, 19) == (23, 29)


def _reflective(obj: object) -> object:
    """The encoding spelled out field by field, as the compiled encoders must give it."""
    if isinstance(obj, OffsetMap):
        return [list(seg) for seg in obj.segments]
    if dataclasses.is_dataclass(obj) and not isinstance(obj, type):
        return {f.name: _reflective(getattr(obj, f.name)) for f in dataclasses.fields(obj)}
    if isinstance(obj, list | tuple):
        return [_reflective(item) for item in obj]
    if isinstance(obj, dict):
        return {key: _reflective(value) for key, value in obj.items()}
    return obj


@settings(max_examples=60, deadline=None)
@given(documents)
def test_serde_compiled_encoding_equals_field_by_field(doc: Document) -> None:
    assert to_dict(doc) == _reflective(doc)
    assert json.dumps(to_dict(doc)) == json.dumps(_reflective(doc))
