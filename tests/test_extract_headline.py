"""The headline is analysed like the body: its names join the body's entities."""

from __future__ import annotations

import json
from pathlib import Path

from narrascope.export import DOCUMENT_TABLES
from narrascope.extract import extract_documents, link_entities
from narrascope.extract.stage import MAX_TITLE_CHARS
from narrascope.models import Document
from narrascope.store import open_store
from narrascope.web.highlight import render, title_marks

BRIDGE = (
    "The new bridge opened on Monday. Mayor Roe said the city had waited ten years for it. "
    "Roe thanked the builders and the engineers from Siemens."
)


def _doc(doc_id: str, text: str, title: str | None) -> Document:
    return Document(id=doc_id, source=f"{doc_id}.txt", raw=text, text=text, title=title)


def test_extract_headline_full_name_names_the_body_entity() -> None:
    (doc,) = extract_documents([_doc("a", BRIDGE, "Ann Roe opens bridge built by Siemens")])
    assert doc.title is not None
    by_id = {e.id: e for e in doc.entities}
    found = {m.text: by_id[m.entity_id or ""].name for m in doc.title_mentions}
    assert found == {"Ann Roe": "Ann Roe", "Siemens": "Siemens"}
    for m in doc.title_mentions:  # offsets into the title, not the text
        assert doc.title[m.start : m.end] == m.text
    roe = next(e for e in doc.entities if e.name == "Ann Roe")
    assert {m.text for m in roe.mentions} == {"Roe"}  # entity mentions stay in the text
    assert all(doc.text[m.start : m.end] == m.text for e in doc.entities for m in e.mentions)


def test_extract_headline_names_only_a_sentence_case_headline_gives_are_entities() -> None:
    text = "Shares fell 3 percent on Tuesday after the company reported lower profits."
    (doc,) = extract_documents(
        [_doc("b", text, "Exxon Mobil profits fall as Goldman Sachs cuts its forecast")]
    )
    assert {m.text for m in doc.title_mentions} == {"Exxon Mobil", "Goldman Sachs"}
    assert {e.name: e.mentions for e in doc.entities} == {"Exxon Mobil": (), "Goldman Sachs": ()}
    assert {m.entity_id for m in doc.title_mentions} == {e.id for e in doc.entities}


def test_extract_headline_title_case_keeps_only_names_the_body_gives() -> None:
    text = "Shares fell 3 percent on Tuesday after Exxon Mobil reported lower profits."
    title = "Exxon Mobil Profits Fall As Goldman Sachs Cuts Forecast"
    (doc,) = extract_documents([_doc("b", text, title)])
    assert [m.text for m in doc.title_mentions] == ["Exxon Mobil"]
    assert [e.name for e in doc.entities] == ["Exxon Mobil"]


def test_extract_headline_body_surname_tagged_a_place_joins_the_headline_person() -> None:
    text = (
        "The academy said on Friday that the actor will host the ceremony in February. "
        "Jackman, 40, has hosted the Tony Awards three times."
    )
    title = "Academy picks Hugh Jackman to host the Oscars"
    (doc,) = extract_documents([_doc("h", text, title)])
    person = next(e for e in doc.entities if e.name == "Hugh Jackman")
    assert person.type == "PERSON"
    assert [m.text for m in person.mentions] == ["Jackman"]
    assert any(m.entity_id == person.id for m in doc.title_mentions)


def test_extract_headline_missing_or_overlong_title_is_harmless() -> None:
    long_title = "Ann Roe " * (MAX_TITLE_CHARS // 8 + 1)
    docs = [_doc("c", BRIDGE, None), _doc("d", BRIDGE, ""), _doc("e", BRIDGE, long_title)]
    out = list(extract_documents(docs))
    assert [d.title_mentions for d in out] == [[], [], []]
    assert all(d.entities for d in out)  # the body is still analysed


def test_extract_headline_mentions_follow_corpus_linking() -> None:
    docs = list(
        extract_documents(
            [
                _doc("a", BRIDGE, "Ann Roe opens bridge built by Siemens"),
                _doc("b", "Siemens said on Friday that its engineers finished the bridge.", None),
            ]
        )
    )
    corpus = link_entities(docs)
    siemens = next(e for e in corpus if e.name == "Siemens")
    assert set(siemens.documents) == {"a", "b"}
    (head,) = [m for m in docs[0].title_mentions if m.text == "Siemens"]
    assert head.entity_id == siemens.id


def test_extract_headline_highlighted_and_exported() -> None:
    (doc,) = extract_documents([_doc("a", BRIDGE, "Ann Roe opens bridge built by Siemens")])
    assert doc.title is not None
    html = render(doc.title, title_marks(doc))
    assert '<span class="hl hl-entity" title="PERSON: Ann Roe">Ann Roe</span>' in html
    rows = list(DOCUMENT_TABLES["mentions"](doc))
    titled = [r for r in rows if r["field"] == "title"]
    assert {r["text"] for r in titled} == {"Ann Roe", "Siemens"}
    assert {r["field"] for r in rows} == {"text", "title"}


def test_extract_headline_mentions_survive_the_store_and_corpus_linking(tmp_path: Path) -> None:
    import narrascope

    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.jsonl").write_text(
        json.dumps({"title": "Ann Roe opens bridge built by Siemens", "text": BRIDGE}) + "\n"
        + json.dumps({"title": "Siemens wins contract", "text": "Siemens said on Friday "
                      "that its engineers finished the bridge in Lisvik."}) + "\n",
        encoding="utf-8",
    )  # fmt: skip
    db = tmp_path / "s.db"
    corpus = narrascope.analyze(folder, db=str(db))
    assert not corpus.failures
    store = open_store(str(db))
    docs = list(store.iter_documents())
    siemens = next(e for e in store.list_entities() if e.name == "Siemens")
    store.close()
    assert len(siemens.documents) == 2
    heads = [m for d in docs for m in d.title_mentions if m.text == "Siemens"]
    assert len(heads) == 2
    assert {m.entity_id for m in heads} == {siemens.id}
    for d in docs:
        assert d.title is not None
        assert all(d.title[m.start : m.end] == m.text for m in d.title_mentions)


def test_extract_headline_one_title_case_word_is_not_a_name_prefix() -> None:
    text = (
        "Negotiators met in Valletta on Tuesday. Lena Moretti, who chairs the Coastal "
        "Fishers Union, spoke at a rally in Valletta."
    )
    title = "Harbour Talks Resume in Valletta as Coastal States Argue Over Quotas"
    (doc,) = extract_documents([_doc("v", text, title)])
    assert [m.text for m in doc.title_mentions] == ["Valletta"]
