"""The extraction stage: registry, contract, batching and the corpus timeline."""

from __future__ import annotations

from narrascope.extract import ExtractStage, build_timeline, extract_documents, link_entities
from narrascope.models import Document
from narrascope.pipeline import Pipeline, create_stage, registered_stages


def _doc(i: str, text: str, published: str, outlet: str) -> Document:
    return Document(
        id=i, source=f"{i}.txt", raw=text, text=text, published=published, outlet=outlet
    )


def test_extract_stage_is_registered_and_meets_the_contract() -> None:
    assert "narrascope.extract.v1" in registered_stages()
    stage = create_stage("narrascope.extract.v1")
    assert isinstance(stage, ExtractStage)
    assert stage.assigns == ("entities", "title_mentions", "quotes", "events", "claims")
    Pipeline([stage])  # requires only cleaning fields


def test_extract_stage_pipe_equals_call() -> None:
    texts = [f"Mayor Ana Silva said on Monday that bridge {n} would reopen." for n in range(5)]
    docs = [_doc(str(n), t, "2025-03-05", "Gazette") for n, t in enumerate(texts)]
    piped = list(ExtractStage().pipe(docs, batch_size=2))
    single = ExtractStage()(_doc("x", texts[0], "2025-03-05", "Gazette"))
    assert [len(d.quotes) for d in piped] == [1] * 5
    assert piped[0].quotes[0].text == single.quotes[0].text
    assert piped[0].events[0].value == "2025-03-03"


def test_extract_stage_timeline_merges_reports_across_outlets() -> None:
    docs = [
        _doc(
            "a",
            "The talks took place in Istanbul on March 29, 2022, officials said.",
            "2025-05-01",
            "Wire A",
        ),
        _doc(
            "b", "Delegations met for talks in Istanbul on 29 March 2022.", "2025-05-02", "Paper B"
        ),
        _doc("c", "The summit in Geneva was held in June 2021.", "2025-05-03", "Paper B"),
    ]
    docs = list(extract_documents(docs))
    link_entities(docs)
    timeline = build_timeline(docs)
    assert [e.value for e in timeline] == ["2021-06", "2022-03-29"]
    istanbul = timeline[1]
    assert set(istanbul.documents) == {"a", "b"}
    assert set(istanbul.outlets) == {"Wire A", "Paper B"}
    assert istanbul.participants
