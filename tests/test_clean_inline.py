"""Chrome inside article lines: poll widgets and form sentences run into paragraphs."""

from __future__ import annotations

from narrascope.clean import clean_text
from narrascope.clean.inline import sentences
from narrascope.models import Document

LEAD = (
    "The harbour council voted on Monday to close the old ferry pier for repairs, "
    "after inspectors found cracks in two of its concrete supports."
)
SECOND = "Engineers expect the work to take six weeks and to cost about 400,000 euros."
WIRE_INTRO = "The regional wire service reported:"
FORM = (
    "Name This field is for validation purposes and should be left unchanged. "
    "Completing this poll grants you access to our updates free of charge. "
    "You may opt out at any time. You also agree to this site's Privacy Policy and Terms of Use."
)
AFTER = (
    "Ferry passengers will use a temporary landing stage at the fish market until the pier "
    "reopens, the council said in a statement."
)
CLOSING = "The council will review the repair schedule at its next meeting in July."

WIDGET_ARTICLE = "\n".join(
    [
        "Harbour pier to close for repairs",
        "",
        LEAD,
        SECOND,
        WIRE_INTRO,
        "take our poll - story continues below Should the pier be rebuilt? Should it be rebuilt?",
        "Should the pier be rebuilt? * Yes, rebuild it. No, repair it. Not sure.",
        "Email *",
        f"{FORM} {AFTER}",
        CLOSING,
    ]
)


def test_poll_widget_and_form_sentences_are_removed() -> None:
    doc = clean_text(WIDGET_ARTICLE, source="pier.txt")
    for kept in (LEAD, SECOND, WIRE_INTRO, AFTER, CLOSING):
        assert kept in doc.text
    for gone in ("take our poll", "Should the pier be rebuilt", "validation purposes", "opt out"):
        assert gone not in doc.text
    reasons = {b.reason for b in doc.boilerplate}
    assert {"interstitial", "widget", "form"} <= reasons
    for b in doc.boilerplate:
        assert doc.raw[b.start : b.end] == b.text


def test_form_sentences_before_text_in_one_line_are_cut_with_offsets() -> None:
    doc = clean_text(WIDGET_ARTICLE, source="pier.txt")
    start = doc.text.index(AFTER)
    raw_start, raw_end = doc.offsets.span_to_raw(start, start + len(AFTER))
    assert doc.raw[raw_start:raw_end] == AFTER
    cut = next(b for b in doc.boilerplate if b.reason == "form")
    assert cut.text == FORM


def _with_line(line: str) -> Document:
    """The pier article with ``line`` as its second paragraph."""
    return clean_text(
        "\n".join(["Harbour pier to close", "", LEAD, line, AFTER, CLOSING]), source="pier.txt"
    )


def test_marker_after_article_sentences_cuts_the_rest_of_the_line() -> None:
    doc = _with_line(f"{SECOND} Story continues below Which option do you prefer? Which one?")
    assert SECOND in doc.text
    assert "continues below" not in doc.text
    assert "Which option" not in doc.text
    tail = next(b for b in doc.boilerplate if b.reason == "interstitial")
    assert tail.text.startswith("Story continues below")


def test_trailing_form_sentences_are_cut() -> None:
    form = "By submitting this form you agree to our terms. You may opt out at any time."
    doc = _with_line(f"{SECOND} {form}")
    assert SECOND in doc.text
    assert "submitting" not in doc.text
    assert "opt out" not in doc.text


def test_article_sentences_about_privacy_policies_stay() -> None:
    line = (
        "The company changed its privacy policy last year without telling users, regulators said. "
        "Users can opt out of the tracking, but few do."
    )
    raw = "\n".join(["Regulators fine app maker", "", LEAD, line, AFTER, CLOSING])
    doc = clean_text(raw, source="app.txt")
    assert line in doc.text


def test_a_marker_without_a_closing_form_leaves_the_next_lines() -> None:
    raw = "\n".join(
        ["Harbour pier to close", "", LEAD, "Story continues below", SECOND, AFTER, CLOSING]
    )
    doc = clean_text(raw, source="pier.txt")
    for kept in (LEAD, SECOND, AFTER, CLOSING):
        assert kept in doc.text
    assert "continues below" not in doc.text


def test_sentences_split_after_end_marks() -> None:
    text = "One. Two? “Three!” Four"
    assert [text[a:b] for a, b in sentences(text)] == ["One.", "Two?", "“Three!”", "Four"]
