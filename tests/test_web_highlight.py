"""Highlighting and charts: hostile text is escaped, only our own tags are inserted."""

from __future__ import annotations

import re

from markupsafe import Markup

from narrascope.models import OffsetMap
from narrascope.web import charts
from narrascope.web.highlight import Mark, document_marks, raw_marks, render, snippet
from web_corpus import HOSTILE, build_documents

TAG = re.compile(r"<(/?)([a-z]+)")


def _tags(html: str) -> set[str]:
    return {m.group(2) for m in TAG.finditer(html)}


def test_web_highlight_escapes_everything_outside_our_tags() -> None:
    text = "Before " + HOSTILE + " after"
    html = render(text, [Mark(0, 6, "entity", 'tip "with" <b>')])
    assert isinstance(html, Markup)
    assert _tags(html) == {"span"}
    assert "&lt;script&gt;" in html
    assert "onerror=&#34;" in html
    assert 'title="tip &#34;with&#34; &lt;b&gt;"' in html


def test_web_highlight_overlapping_marks_split_cleanly() -> None:
    text = "Irena Valcourt said hello"
    html = render(text, [Mark(0, 14, "entity", "PERSON"), Mark(6, 25, "quote", "quote")])
    assert html == (
        '<span class="hl hl-entity" title="PERSON">Irena </span>'
        '<span class="hl hl-entity hl-quote" title="PERSON · quote">Valcourt</span>'
        '<span class="hl hl-quote" title="quote"> said hello</span>'
    )


def test_web_highlight_ignores_bad_offsets_and_unknown_layers() -> None:
    text = "abc"
    html = render(
        text,
        [
            Mark(2, 9, "entity", "x"),
            Mark(-1, 2, "entity", "x"),
            Mark(0, 1, 'x" onmouseover="alert(1)', "x"),
            Mark(1, 1, "date", "x"),
        ],
    )
    assert html == "abc"


def test_web_highlight_text_is_preserved() -> None:
    for doc in build_documents():
        html = render(doc.text, document_marks(doc))
        assert Markup(re.sub(r"<[^>]+>", "", html)).unescape() == doc.text


def test_web_highlight_document_marks_cover_every_layer() -> None:
    doc = build_documents()[0]
    layers = {m.layer for m in document_marks(doc)}
    assert layers == {"entity", "quote", "speaker", "date", "narrative", "technique", "role"}
    quote = next(m for m in document_marks(doc) if m.layer == "quote")
    assert doc.text[quote.start : quote.end].startswith('"We are ready')
    assert quote.tip == "direct quote by Irena Valcourt"


def test_web_highlight_raw_marks_use_the_offset_map() -> None:
    doc = build_documents()[0]
    shift = doc.offsets.segments[0][1]
    clean = {(m.layer, m.start + shift, m.end + shift) for m in document_marks(doc)}
    raw = {(m.layer, m.start, m.end) for m in raw_marks(doc)}
    assert clean <= raw
    assert ("chrome", 0, shift) in raw
    for layer, start, end in clean:
        if layer == "quote":
            assert doc.raw[start:end].startswith('"We are ready')


def test_web_highlight_raw_without_offsets_shows_only_chrome() -> None:
    doc = build_documents()[0]
    doc.offsets = OffsetMap()
    assert {m.layer for m in raw_marks(doc)} == {"chrome"}


def test_web_highlight_snippet_marks_matches_and_escapes() -> None:
    assert snippet("a [match] <img src=x onerror=y> [two]") == (
        "a <mark>match</mark> &lt;img src=x onerror=y&gt; <mark>two</mark>"
    )
    assert snippet("unbalanced [ <b>") == "unbalanced [ &lt;b&gt;"


def test_web_charts_escape_labels_and_carry_no_script() -> None:
    svg = charts.stacked_shares({HOSTILE: {HOSTILE: 2, "B": 1}}, [HOSTILE, "B"])
    svg += charts.bars([(HOSTILE, 3)], href=["/entities/x"])
    svg += charts.timeline(
        [
            charts.Point("2024-05-01", HOSTILE, HOSTILE, "/documents/d1"),
            charts.Point("2024-W20", "B", "b"),
            charts.Point("junk", "C", "c"),
        ]
    )
    assert _tags(svg) <= {"svg", "text", "rect", "title", "ul", "li", "a", "line", "circle", "p"}
    assert "<script" not in svg
    assert "&lt;script&gt;" in svg
    assert ">C<" not in svg  # undated point dropped


def test_web_charts_parse_day_precisions() -> None:
    assert str(charts.parse_day("2024")) == "2024-01-01"
    assert str(charts.parse_day("2024-03")) == "2024-03-01"
    assert str(charts.parse_day("2024-03-29T12:49")) == "2024-03-29"
    assert str(charts.parse_day("2022-W12")) == "2022-03-21"
    assert charts.parse_day("2024-13") is None
    assert charts.parse_day("spring") is None


def test_web_charts_timeline_leaves_out_far_outliers() -> None:
    points = [charts.Point(v, "A", "x") for v in ("1250", "2022-03-29", "2022-07-23", "2025-05-15")]
    svg = charts.timeline(points)
    assert svg.count("<circle") == 3
    assert "1 event(s) more than 15 years from the others are not drawn." in svg
    assert "2022-03-29" in svg
    assert ">1250-01-01<" not in svg
