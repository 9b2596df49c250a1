"""Near-duplicates and syndication (narrascope.stories.dedup) on articles written for the tests."""

from __future__ import annotations

import pytest

from narrascope.errors import ConfigError
from narrascope.models import Document
from narrascope.stories import DedupOptions, find_duplicates

WIRE = """BRUSSELS (Euro Wire) - European Union ministers agreed on Monday to extend the gas storage
rules for another two years, requiring member states to keep their reserves at least 90 percent full
before the start of each winter. The decision was taken at a meeting of energy ministers in Brussels
after three hours of talks. Hungary and Slovakia abstained, arguing that the rules raise prices for
households. The Commission said storage levels across the bloc stood at 74 percent last week, well
above the level of a year earlier. Energy Commissioner Lina Varga said the extension would protect
consumers from sudden price shocks. "We learned the hard way what happens when storage is empty,"
Varga told reporters. Traders said the decision was widely expected and had little effect on
prices."""

COPY = """Home > Business > Energy
EU keeps gas storage targets for two more years
European Union ministers agreed on Monday to extend the gas storage rules for another two years,
requiring member states to keep their reserves at least 90 percent full before the start of each
winter. The decision was taken at a meeting of energy ministers in Brussels after three hours of
talks. Hungary and Slovakia abstained, arguing that the rules raise prices for households. The
Commission said storage levels across the bloc stood at 74 percent last week, well above the level
of a year earlier. Energy Commissioner Lina Varga said the extension would protect consumers from
sudden price shocks.
Share on Facebook | Share on X | Subscribe to our newsletter"""

SAME_PEOPLE = """Energy Commissioner Lina Varga visited a hydrogen plant in Rotterdam on
Thursday, where she
praised Dutch investment in electrolysers. Varga said the European Union would publish a hydrogen
strategy in the autumn and that ministers from Hungary and Slovakia had asked for more funding for
pipelines. The plant, run by a consortium of port companies, will produce 20,000 tonnes of green
hydrogen a year from 2026, the operators said. Environmental groups questioned whether enough
renewable power would be available to run it at full capacity."""


def _doc(doc_id: str, text: str, outlet: str, published: str | None = "2024-05-06") -> Document:
    return Document(
        id=doc_id, source=doc_id, raw=text, text=text, outlet=outlet, published=published
    )


def test_stories_dedup_syndicated_copy_with_edits_is_duplicate() -> None:
    docs = [_doc("wire", WIRE, "Euro Wire"), _doc("copy", COPY, "Daily Ledger", "2024-05-07")]
    groups = find_duplicates(docs)
    assert groups == [("wire", "copy")]
    assert docs[1].duplicate_of == "wire"
    assert docs[0].duplicate_of is None


def test_stories_dedup_same_people_other_story_is_not_duplicate() -> None:
    docs = [_doc("wire", WIRE, "Euro Wire"), _doc("plant", SAME_PEOPLE, "Port Gazette")]
    assert find_duplicates(docs) == []
    assert all(doc.duplicate_of is None for doc in docs)


def test_stories_dedup_groups_three_copies_and_keeps_others_apart() -> None:
    third = WIRE.replace("Euro Wire", "Continental Press").replace("Monday", "Monday evening")
    docs = [
        _doc("copy", COPY, "Daily Ledger", "2024-05-07"),
        _doc("plant", SAME_PEOPLE, "Port Gazette"),
        _doc("wire", WIRE, "Euro Wire"),
        _doc("third", third, "Continental Press", "2024-05-08"),
    ]
    groups = find_duplicates(docs)
    assert len(groups) == 1
    assert groups[0][0] == "wire"  # the earliest published copy is canonical
    assert set(groups[0]) == {"wire", "copy", "third"}


def test_stories_dedup_short_texts_are_never_duplicates() -> None:
    docs = [_doc("a", "Markets rose today.", "X"), _doc("b", "Markets rose today.", "Y")]
    assert find_duplicates(docs) == []


def test_stories_dedup_rejects_bad_options() -> None:
    with pytest.raises(ConfigError):
        DedupOptions(lsh_threshold=1.5)
