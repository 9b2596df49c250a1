"""The story stage end to end on the five real seed articles (same talks, opposite camps)."""

from __future__ import annotations

from pathlib import Path

from narrascope.clean import clean_article
from narrascope.extract import extract_documents, link_entities
from narrascope.ingest import iter_sources
from narrascope.models import RawArticle
from narrascope.stories import compare_story, connect


def test_stories_seeds_one_story_and_both_contradictions(real_seeds_dir: Path) -> None:
    raws = [r for r in iter_sources([real_seeds_dir]) if isinstance(r, RawArticle)]
    docs = list(extract_documents([clean_article(raw) for raw in raws]))
    link_entities(docs)
    stories, contradictions = connect(docs)
    assert len(stories) == 1
    assert len(stories[0].documents) == 5
    assert all(doc.duplicate_of is None for doc in docs)
    occurrence = [c for c in contradictions if c.kind == "occurrence"]
    assert occurrence, [c.reason for c in contradictions]
    pair = occurrence[0]
    texts = pair.span_a.text + " || " + pair.span_b.text
    assert "May 15" in texts  # the 2025 Istanbul round ...
    assert "since" in texts or "last" in texts  # ... against "none since 2022"
    status = [c for c in contradictions if c.kind == "status"]  # a former holder vs in office
    assert status, [c.reason for c in contradictions]
    assert "former" in status[0].reason
    assert "in office" in status[0].reason
    for item in contradictions:
        doc_a = next(d for d in docs if d.id == item.doc_a)
        assert doc_a.text[item.span_a.start : item.span_a.end] == item.span_a.text
    comparison = compare_story(stories[0], docs)
    assert len(comparison.outlets) == 5
    assert any(speaker for speaker in comparison.quotes)
