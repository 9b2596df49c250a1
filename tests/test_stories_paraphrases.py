"""Claims said in other words count as reported (narrascope.stories.compare), real embedder."""

from __future__ import annotations

from narrascope.embeddings import embed
from narrascope.models import Claim, Span
from narrascope.stories.compare import _row, claim_matrix, fill_paraphrases

OUTLETS = ["A", "B", "C", "D"]


def _claim(doc: str, key: str, text: str, value: str | None = None) -> Claim:
    return Claim(f"{doc}:{key}", doc, text, Span(0, len(text), text), key, None, value)


def _cells(rows: list, key: str) -> dict:
    (row,) = [r for r in rows if r.key == key]
    return row.cells


CLOSED = "fact|name:harbor authority|close|name:alder bridge"
CLAIMS = [
    _claim("a", CLOSED, "Harbor Authority closed the Alder bridge on Monday after the storm."),
    _claim("b", "fact|name:harbor authority|shut|name:alder bridge",
           "The Alder bridge was shut by the Harbor Authority on Monday after the storm."),
    _claim("c", "fact|name:harbor authority|raise|fare",
           "The Harbor Authority raised ferry fares by a tenth."),
    _claim("d", "fact|name:port board|close|name:elm bridge",
           "Port Board closed the Elm bridge on Monday after the storm."),
]  # fmt: skip
OUTLET_OF = {"a": "A", "b": "B", "c": "C", "d": "D"}


def test_an_outlet_saying_a_claim_in_other_words_reports_it() -> None:
    cells = _cells(claim_matrix(CLAIMS, OUTLET_OF, OUTLETS, embed), CLOSED)
    assert cells["B"].status == "reported"
    assert cells["B"].doc_id == "b"
    assert cells["B"].similarity is not None
    assert cells["B"].similarity >= 0.8
    assert cells["A"].similarity is None  # its own words: matched by key
    assert cells["C"].status == "not_reported"  # the same body, another claim


def test_keys_alone_leave_the_paraphrase_unmatched() -> None:
    cells = _cells(claim_matrix(CLAIMS, OUTLET_OF, OUTLETS), CLOSED)
    assert cells["B"].status == "not_reported"


def test_a_similar_sentence_about_other_entities_is_not_the_claim() -> None:
    rows = claim_matrix(CLAIMS, OUTLET_OF, OUTLETS, embed, threshold=0.6)
    assert _cells(rows, CLOSED)["D"].status == "not_reported"


def test_a_paraphrase_with_another_number_is_a_different_value() -> None:
    counts = [
        _claim("a", "count|name:harbor authority|dismiss|worker",
               "Harbor Authority dismissed 40 dock workers on Friday.", "40"),
        _claim("b", "count|name:harbor authority|dismiss|staff",
               "Harbor Authority dismissed 35 of its dock staff on Friday.", "35"),
    ]  # fmt: skip
    rows = claim_matrix(counts, {"a": "A", "b": "B"}, ["A", "B"], embed)
    cells = _cells(rows, "count|name:harbor authority|dismiss|worker")
    assert (cells["B"].status, cells["B"].value) == ("different", "35")


def test_another_verb_needs_closer_words() -> None:
    by_key = {c.key: [c] for c in CLAIMS[:2]}
    for other_verb, expected in ((0.95, "not_reported"), (0.85, "reported")):
        row = _row(CLOSED, by_key[CLOSED], OUTLET_OF, OUTLETS)
        fill_paraphrases([row], by_key, OUTLET_OF, embed, 0.5, other_verb=other_verb)
        assert row.cells["B"].status == expected  # "shut", not "close": cosine 0.93


def test_a_count_of_one_everywhere_is_no_row_but_one_against_two_is() -> None:
    ones = [
        _claim("a", "count|guy|come|guy", "One guy came in and asked for help.", "1"),
        _claim("b", "count|guy|come|guy", "One guy came in to ask for help.", "1"),
        _claim("a", "count|name:harbor authority|close|gate", "Harbor Authority closed one gate.",
               "1"),
        _claim("b", "count|name:harbor authority|close|gate", "Harbor Authority closed two gates.",
               "2"),
    ]  # fmt: skip
    rows = claim_matrix(ones, {"a": "A", "b": "B"}, ["A", "B"])
    assert [r.key for r in rows] == ["count|name:harbor authority|close|gate"]
    assert {c.status for c in rows[0].cells.values()} == {"reported", "different"}
