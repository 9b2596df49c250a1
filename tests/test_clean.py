"""Unit and property tests of narrascope.clean on articles written for the tests."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from narrascope.clean import CleanOptions, clean_article, clean_text
from narrascope.clean.dates import dateline_value
from narrascope.errors import CleaningError, ConfigError
from narrascope.ids import content_id
from narrascope.models import Document, RawArticle

PARAGRAPHS = [
    "The regional assembly approved a new water tariff on Tuesday after a debate that lasted "
    "more than six hours.",
    "Opposition members said the increase would hit pensioners hardest. The finance committee "
    "promised a review of discounts for low-income households next spring.",
    "The tariff takes effect in January and will raise about 30 million a year for repairs to "
    "ageing pipes, officials said.",
]


def _article(*chrome_before: str, chrome_after: tuple[str, ...] = ()) -> str:
    return "\n\n".join([*chrome_before, *PARAGRAPHS, *chrome_after]) + "\n"


def _assert_article_kept(doc: Document) -> None:
    for paragraph in PARAGRAPHS:
        assert paragraph in doc.text


def test_clean_removes_header_and_footer_chrome() -> None:
    raw = _article(
        "Home\nPolitics\nSearch\nDark mode",
        "Water tariff approved after marathon debate",
        "By Ruth Alder",
        "Published: 12 March 2025 | 09:40 GMT",
        chrome_after=(
            "Share on Facebook\nPrint\nCopy link",
            "Views: 1 204",
            "Leave a comment",
            "© 2025 The Valley Courier. All rights reserved.",
        ),
    )
    doc = clean_text(raw)
    _assert_article_kept(doc)
    assert doc.text.count("\n\n") == 2
    assert doc.title == "Water tariff approved after marathon debate"
    assert doc.author == "Ruth Alder"
    assert doc.published == "2025-03-12T09:40+00:00"
    assert doc.outlet == "The Valley Courier"
    reasons = {b.text: b.reason for b in doc.boilerplate}
    assert reasons["Views: 1 204"] == "view-counter"
    assert reasons["Leave a comment"] == "comment-box"
    assert reasons["Share on Facebook"] == "social-button"
    assert reasons["By Ruth Alder"] == "byline"


def test_clean_removes_kicker_variants() -> None:
    kicker = "Tariff Row Deepens"
    raw = "\n\n".join(
        [
            "Tariff Row Deepens As Assembly Votes",
            f"{kicker}: {PARAGRAPHS[0]}",
            f"{kicker}::{PARAGRAPHS[1]}",
            kicker,
            f"{kicker}:{PARAGRAPHS[2]}",
        ]
    )
    doc = clean_text(raw)
    assert kicker not in doc.text
    _assert_article_kept(doc)
    assert [b.reason for b in doc.boilerplate].count("kicker-prefix") == 4


def test_clean_keeps_repeated_speaker_labels_in_short_form() -> None:
    raw = "\n".join(f"Q: {p}" for p in PARAGRAPHS)
    doc = clean_text(raw)
    assert doc.text.count("Q: ") == 3  # a one-word label is not a kicker


def test_clean_removes_foreign_script_interface() -> None:
    raw = _article("Главная\nНовости\nВойти", chrome_after=("Поделиться", "مقالات ذات صلة"))
    doc = clean_text(raw)
    _assert_article_kept(doc)
    assert {b.reason for b in doc.boilerplate} <= {"foreign-script-ui", "foreign-language-ui"}
    assert doc.language == "en"


def test_clean_removes_donation_block_with_bank_details() -> None:
    raw = _article(
        chrome_after=(
            "Support our journalism\nWe rely on readers like you. Please consider supporting us "
            "with a monthly donation.\nIBAN: DE44 5001 0517 5407 3249 31\nPayPal: 4471 2290",
        )
    )
    doc = clean_text(raw)
    _assert_article_kept(doc)
    assert "IBAN" not in doc.text
    assert "monthly donation" not in doc.text


def test_clean_keeps_a_truncated_last_paragraph() -> None:
    cut = "Engineers expect the first pipes to be replaced in the northern districts, where leaks"
    doc = clean_text(_article(chrome_after=(cut, "Continue reading")))
    assert cut in doc.text
    assert "Continue reading" not in doc.text


def test_clean_removes_related_headlines_under_a_cue() -> None:
    raw = _article(
        chrome_after=(
            "Related\nBridge repairs delayed until autumn\n"
            "Council elects new speaker after resignation",
        )
    )
    doc = clean_text(raw)
    assert "Bridge repairs" not in doc.text
    assert "new speaker" not in doc.text
    assert {b.reason for b in doc.boilerplate} == {"related-headline"}


def test_clean_given_metadata_wins_and_id_is_content_hash() -> None:
    raw = RawArticle(
        source="a.jsonl:3",
        content=_article("By Ruth Alder"),
        title="Given title",
        author="Given Author",
        outlet="Given Outlet",
        published="2025-01-02",
        url="https://www.example-news.org/x",
    )
    doc = clean_article(raw)
    assert (doc.title, doc.author, doc.outlet, doc.published) == (
        "Given title",
        "Given Author",
        "Given Outlet",
        "2025-01-02",
    )
    assert doc.id == content_id(raw.content)
    assert doc.source == "a.jsonl:3"
    assert doc.url == raw.url


def test_clean_outlet_from_url_when_text_is_silent() -> None:
    raw = RawArticle(source="x", content=_article(), url="https://www.example-news.org/a/1")
    assert clean_article(raw).outlet == "example-news.org"
    assert clean_article(RawArticle(source="x", content=_article())).outlet is None


@pytest.mark.parametrize("content", ["", "   \n\n  ", "Home\nSearch\nLogin\n© 2025"])
def test_clean_raises_when_no_article_text(content: str) -> None:
    with pytest.raises(CleaningError) as info:
        clean_article(RawArticle(source="empty.txt", content=content))
    assert info.value.source == "empty.txt"


def test_clean_html_uses_trafilatura_text() -> None:
    body = "".join(f"<p>{p}</p>" for p in PARAGRAPHS)
    html = (
        "<html><head><title>Tariff vote</title><meta name='author' content='Ruth Alder'>"
        "</head><body><nav><a href='/'>Home</a><a href='/p'>Politics</a></nav>"
        f"<article><h1>Water tariff approved</h1>{body}</article>"
        "<footer>© 2025 Example</footer></body></html>"
    )
    doc = clean_article(RawArticle(source="page.html", content=html, fmt="html"))
    _assert_article_kept(doc)
    assert doc.author == "Ruth Alder"
    assert doc.id == content_id(html)
    assert "Home" not in doc.text
    for clean_start, raw_start, length in doc.offsets.segments:
        assert (
            doc.raw[raw_start : raw_start + length] == doc.text[clean_start : clean_start + length]
        )


def test_clean_options_are_validated() -> None:
    with pytest.raises(ConfigError):
        CleanOptions(min_words=0)
    with pytest.raises(TypeError):
        CleanOptions(True)  # type: ignore[misc]  # keyword-only
    doc = clean_text(_article(), options=CleanOptions(detect_language=False))
    assert doc.language is None


@pytest.mark.parametrize(
    ("line", "value"),
    [
        ("15 May 2025 12:49", "2025-05-15T12:49"),
        ("May 15, 2025 at 3:40 p.m.", "2025-05-15T15:40"),
        ("Updated 2025-05-15T08:00Z", "2025-05-15T08:00+00:00"),
        ("15.05.2025, 12:49", "2025-05-15T12:49"),
        ("Thursday, 3rd April 2025", "2025-04-03"),
        ("15 мая 2025", "2025-05-15"),
        ("05/06/2025", None),  # day/month order unknown: not guessed
        ("The talks began on 15 May 2025 in the capital", None),
    ],
)
def test_clean_dateline_formats(line: str, value: str | None) -> None:
    assert dateline_value(line) == value


_TEXT = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), min_size=0, max_size=400)
_LINES = st.lists(
    st.one_of(st.sampled_from([*PARAGRAPHS, "Share", "© 2025 X", "By Ann Lee", "", "  "]), _TEXT),
    min_size=1,
    max_size=12,
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_LINES, st.sampled_from(["\n", "\r\n", "\n\n", "\n \t\n"]))
def test_clean_offsets_map_every_copied_character(lines: list[str], sep: str) -> None:
    raw = sep.join(lines)
    try:
        doc = clean_text(raw)
    except CleaningError:
        return
    covered = 0
    for clean_start, _raw_start, length in doc.offsets.segments:
        for i in range(clean_start, clean_start + length):
            assert raw[doc.offsets.to_raw(i)] == doc.text[i]
        covered += length
    assert covered == len(doc.text) - doc.text.count("\n\n") * 2 - _single_spaces(doc)
    for item in doc.boilerplate:
        assert raw[item.start : item.end] == item.text


def _single_spaces(doc: Document) -> int:
    """Spaces the builder inserted between whitespace runs (not copied)."""
    copied = {i for s, _, n in doc.offsets.segments for i in range(s, s + n)}
    return sum(1 for i, ch in enumerate(doc.text) if ch == " " and i not in copied)


@settings(max_examples=150, deadline=None)
@given(st.text(min_size=0, max_size=2000))
def test_clean_arbitrary_text_never_crashes(raw: str) -> None:
    try:
        doc = clean_text(raw)
    except CleaningError as exc:
        error: CleaningError | None = exc
    else:
        error = None
        assert doc.text.strip()
    assert error is None or error.source == "<text>"


def test_clean_kicker_on_the_headline_keeps_the_headline_as_title() -> None:
    raw = "\n\n".join(
        ["Search\nLogin", "Water row: Assembly approves tariff"]
        + [f"Water row: {p}" for p in PARAGRAPHS]
    )
    doc = clean_text(raw)
    assert doc.title == "Water row: Assembly approves tariff"
    assert "Water row" not in doc.text
    _assert_article_kept(doc)


@pytest.mark.parametrize(
    "headline",
    [
        "Harbour Board Delays Vote on New Ferry Fees After Long Night.",  # headline capitals
        "Harbour board delays vote on ferry fees.",  # sentence case, full stop
    ],
)
def test_plain_text_headline_with_a_full_stop_is_the_title(headline: str) -> None:
    body = (
        "The harbour board postponed its vote on new ferry fees until next month after a "
        "meeting that ran past midnight, board members said on Thursday morning. "
        "Ferry operators had asked for more time to study the proposal and its costs."
    )
    deck = "Operators asked for more time to study the plan."
    dateline = "PORT ELLIS (Wire) — The latest on the ferry fees (all times local):"
    texts = (
        f"{headline}\n\n{body}\n",
        f"{headline}\n\n{deck}\n\n{body}\n",
        f"{headline}\n\n{dateline}\n\n7 p.m.\n\n{body}\n",  # a dateline, a time stamp
    )
    for text in texts:
        doc = clean_article(RawArticle(source="ferry.txt", content=text))
        assert doc.title == headline
        assert not doc.text.startswith(headline)


def test_clean_outlet_of_a_provided_by_credit_is_the_provider() -> None:
    text = (
        "Man who sold ammunition speaks out\n\n"
        "© Provided by Harbour Broadcasting Inc. Jon Vale\n"
        "New documents reveal the name of a second person of interest in the shooting on "
        "Sunday. Police believe he may have helped the gunman, but it is unclear whether he "
        "is still under investigation.\n\n"
        "The man said he sold several hundred rounds of ammunition at a gun show."
    )
    assert clean_text(text, source="credit.txt").outlet == "Harbour Broadcasting"


@pytest.mark.parametrize(
    "notice",
    [
        "This report was originally published by Ada Brenn at the Valley Courier",
        "This column first appeared in the Harbour Ledger. Republished with permission.",
        "Originally published in the Weekly Quill.",
    ],
)
def test_clean_removes_a_republication_notice(notice: str) -> None:
    doc = clean_text(_article(chrome_after=(notice,)))
    _assert_article_kept(doc)
    assert notice not in doc.text
    assert {b.reason for b in doc.boilerplate} == {"republication"}


def test_clean_keeps_a_sentence_about_an_earlier_publication() -> None:
    line = (
        "The survey, originally published by the water board in 2019, found that a third "
        "of the pipes in the old town were more than eighty years old."
    )
    doc = clean_text(_article(chrome_after=(line,)))
    assert line in doc.text


def test_picture_credits_do_not_name_the_outlet() -> None:
    from narrascope.clean.metadata import picture_credit

    assert picture_credit("© Wire Photo / Lena Ortiz Flooded streets in the old town")
    assert picture_credit("© Agency The minister's visit was overshadowed by the strike")
    assert picture_credit("© Stock Images")
    for notice in (
        "© 2024 The Harbour Gazette. All rights reserved.",
        "© Provided by Coastline Post",
        "© Harbour Gazette 2024. All rights reserved. No copying of any part of this page.",
        "© Harbour Gazette",
    ):
        assert not picture_credit(notice), notice
    text = (
        "Flood waters recede in the old town\n\n"
        "Residents began clearing mud on Tuesday as the river fell below its banks.\n"
        "© Wire Photo / Lena Ortiz Volunteers carry sandbags near the bridge\n"
        "The council said repairs would take several weeks and cost millions."
    )
    doc = clean_text(text)
    assert doc.outlet is None or "Photo" not in doc.outlet


def test_page_author_field_without_labels_and_interface_text() -> None:
    from narrascope.clean.byline import page_author_name
    from narrascope.clean.lexicon import load_lexicon

    lexicon = load_lexicon()
    assert page_author_name("View all posts by Ana Ruiz", lexicon) == "Ana Ruiz"
    assert page_author_name("Autor Jonas Berg", lexicon) == "Jonas Berg"
    assert page_author_name("View Comments", lexicon) is None
    assert page_author_name("Www Harbourpost De", lexicon) is None
    assert page_author_name("So Artikel Empfehlen", lexicon) is None
    assert page_author_name("Ana Ruiz; Share This", lexicon) == "Ana Ruiz"
    assert page_author_name("Ana Ruiz; Jonas Berg", lexicon) == "Ana Ruiz; Jonas Berg"
    assert page_author_name(None, lexicon) is None


def test_html_page_author_that_is_interface_text_is_dropped() -> None:
    html = (
        "<html><head><title>Ferry pier closes for repairs</title></head><body><article>"
        "<h1>Ferry pier closes for repairs</h1><span class='author'>View Comments</span>"
        + "".join(
            f"<p>The harbour council closed the old ferry pier on day {i} of the repairs, "
            "after inspectors found cracks in two of its concrete supports.</p>"
            for i in range(8)
        )
        + "</article></body></html>"
    )
    doc = clean_article(RawArticle(source="pier.html", content=html, fmt="html"))
    assert doc.author != "View Comments"


def test_dated_line_with_interface_text_names_no_author() -> None:
    from narrascope.clean.byline import dated_byline_author
    from narrascope.clean.lines import split_lines

    (line,) = split_lines("January 13, 2020 at 08:45 AM | categories: Harbour | View Comments")
    assert dated_byline_author(line) is None
    (named,) = split_lines("January 13, 2020 | Ana Ruiz")
    assert dated_byline_author(named) == "Ana Ruiz"


def test_a_first_line_ending_in_a_media_label_is_the_headline_not_a_caption() -> None:
    body = (
        "The harbour board postponed its vote on new ferry fees until next month after a "
        "meeting that ran past midnight, board members said on Thursday morning.\n\n"
        "Ferry operators had asked for more time to study the proposal and its costs."
    )
    headline = "Ferry Fees Vote Delayed Again After Long Night (Video)"
    later = "Ferry at dawn on the harbour (Video)"
    doc = clean_text(f"{headline}\n\n{body}\n\n{later}\n")
    assert doc.title == headline
    assert later not in doc.text  # further down, the same ending is a caption
    assert any(b.reason == "image-caption" for b in doc.boilerplate)


@pytest.mark.parametrize(
    "prompt",
    [
        "Do you support Mayor Ida Berg? Like the page:",
        "Like us on Facebook at www.facebook.com/ValleyCourier and follow our main account",
        "Enjoyed this? Like our page on Facebook for more from the Harbour Ledger.",
    ],
)
def test_clean_removes_a_call_to_like_a_page(prompt: str) -> None:
    doc = clean_text(_article(chrome_after=(prompt,)))
    _assert_article_kept(doc)
    assert prompt not in doc.text
    assert {b.reason for b in doc.boilerplate} == {"social-button"}


def test_clean_keeps_a_sentence_about_liking_a_page() -> None:
    line = (
        "Officials said more than 4,000 residents would like the page of the water board to "
        "list every planned outage, so that pensioners can plan ahead."
    )
    doc = clean_text(_article(chrome_after=(line,)))
    assert line in doc.text
