"""Status claims and contradictions: "former" holder of an office vs one in office."""

from __future__ import annotations

from narrascope.clean import clean_article
from narrascope.extract import extract_documents, link_entities
from narrascope.models import Document, RawArticle, Story
from narrascope.stories import extract_claims, find_contradictions
from narrascope.stories.status import statuses_conflict


def analyse(*items: tuple[str, str, str]) -> list[Document]:
    raws = [
        RawArticle(source=f"s{i}", content=text, outlet=outlet, published=published)
        for i, (outlet, published, text) in enumerate(items)
    ]
    docs = list(extract_documents([clean_article(raw) for raw in raws]))
    link_entities(docs)
    return docs


def statuses(doc: Document) -> set[str]:
    return {c.value or "" for c in extract_claims(doc) if c.key.startswith("status|")}


def test_stories_status_claims_read_former_and_current() -> None:
    former, led, titled = analyse(
        ("Harbour Times", "2031-06-02", "Former Governor Alma Brandt opened the bridge in Tellin."),
        ("Coast Wire", "2031-06-02", "The Alma Brandt administration opened the bridge in Tellin."),
        ("Daily Reed", "2031-06-02", "Governor Alma Brandt opened the bridge in Tellin on Monday."),
    )
    assert "former:governor" in statuses(former)
    assert "current:*" in statuses(led)
    assert "current:governor" in statuses(titled)


def test_stories_status_contradiction_in_one_story() -> None:
    docs = analyse(
        (
            "Harbour Times",
            "2031-06-02",
            "Former Governor Alma Brandt attended the opening of the Tellin bridge on Monday.",
        ),
        (
            "Coast Wire",
            "2031-06-03",
            "Officials of the Alma Brandt administration opened the Tellin bridge on Monday.",
        ),
    )
    story = Story(id="story_t", label="bridge", documents=tuple(d.id for d in docs))
    found = [c for c in find_contradictions(docs, [story]) if c.kind == "status"]
    assert len(found) == 1, found
    assert "former governor" in found[0].reason
    assert "in office" in found[0].reason


def test_stories_status_late_or_unrelated_offices_do_not_clash() -> None:
    assert statuses_conflict("former:president", "current:*")
    assert statuses_conflict("current:minister", "former:minister")
    assert not statuses_conflict("former:minister", "current:adviser")
    assert not statuses_conflict("current:president", "current:*")
    (late,) = analyse(("Harbour Times", "2031-06-02", "The late Governor Alma Brandt built it."))
    assert not any(v.startswith("former") for v in statuses(late))
