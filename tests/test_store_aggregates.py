"""SQL aggregates for the API and UI agree with the plain Store methods."""

from __future__ import annotations

from pathlib import Path

from narrascope.models import Document
from narrascope.store import DocumentFilter, open_store
from narrascope.store import aggregates as agg
from web_corpus import fill


def test_store_aggregates_latest_documents_matches_list_documents(tmp_path: Path) -> None:
    store = open_store(tmp_path / "a.db")
    fill(store)
    store.add_documents(
        Document(
            id=f"n{i}",
            source=f"n{i}.txt",
            raw="r",
            text=f"text {i}",
            published=None if i % 3 else f"2023-0{1 + i % 9}-01",
        )
        for i in range(12)
    )
    total = store.count_documents()
    for limit, offset in ((5, 0), (5, 5), (4, 6), (50, 0), (3, total - 1), (3, total + 5)):
        fast = [d.id for d in agg.latest_documents(store, limit=limit, offset=offset)]
        plain = [d.id for d in store.list_documents(limit=limit, offset=offset)]
        assert fast == plain, (limit, offset)
    flt = DocumentFilter(outlet="Daily Meridian")
    assert [d.id for d in agg.latest_documents(store, flt)] == ["d2"]
    store.close()


def test_store_aggregates_counts_and_summaries() -> None:
    store = open_store(":memory:")
    fill(store)
    assert agg.count_search(store, "harbour") == len(store.search("harbour"))
    assert agg.count_entities(store, "Brandt") == 1
    assert agg.count_speakers(store) == 2
    assert [d.id for d in agg.document_summaries(store, ["d3", "x", "d1"])] == ["d3", "d1"]
    quotes, total = agg.list_quotes(store, agg.QuoteFilter(doc_ids=("d1", "d2")))
    assert total == 2
    assert {q.doc_id for q in quotes} == {"d1", "d2"}
    assert agg.data_stamp(store) != (0,) * 6
