"""Regression fixtures (written for the tests): pages the line cleaner used to
damage. Text without spaces, tables, numbered lists, hard-wrapped prose and a
headline with date chrome glued to it must come through whole."""

from __future__ import annotations

import re

import pytest

from narrascope.clean import clean_article, clean_text
from narrascope.clean.lines import mark_wrapped, split_lines, word_count
from narrascope.clean.titles import clean_title, site_suffix
from narrascope.errors import CleaningError
from narrascope.models import RawArticle

JAPANESE_BODY = [
    "東京都内の区立図書館は来月から平日の開館時間を午後九時まで延長すると発表した。"
    "利用者からの要望が多かったためで、まず三つの館で試行する。",
    "図書館の担当者によると、夜間の利用者は学生と会社員が中心になる見込みだという。"
    "職員の配置は交代制で対応し、追加の費用は年間およそ二千万円と見積もっている。",
    "区は半年後に利用状況を調べ、ほかの館にも広げるかどうかを判断する方針だ。",
]
JAPANESE_MENU = ["ホーム", "ニュース", "暮らし"]
JAPANESE = "\n".join(
    [*JAPANESE_MENU, "", "図書館、開館時間を延長へ", "", *JAPANESE_BODY, "", "Share"]
)


def test_japanese_article_is_kept_and_counted_in_characters() -> None:
    doc = clean_text(JAPANESE)
    for paragraph in JAPANESE_BODY:
        assert paragraph in doc.text
    assert doc.title == "図書館、開館時間を延長へ"
    assert "ホーム" not in doc.text
    assert "Share" not in doc.text
    assert word_count(JAPANESE_BODY[2]) >= 15  # kana and kanji: two characters a word
    assert doc.language == "ja"


def test_japanese_body_is_one_script_with_kana_and_kanji() -> None:
    """Kanji-only and kana-heavy lines of one article are not foreign to each other."""
    kanji_line = "国際会議開催決定"
    raw = "\n".join([*JAPANESE_BODY, kanji_line, *JAPANESE_BODY])
    doc = clean_text(raw)
    assert kanji_line in doc.text
    assert not any(b.reason == "foreign-script-ui" for b in doc.boilerplate)


STANDINGS_INTRO = (
    "Rain before the start shuffled the order at the coastal circuit on Sunday, and the "
    "championship leader kept her lead only by finishing fourth."
)
STANDINGS_ROWS = [
    "| Pos | Driver | Team | Points |",
    "| 1 | Ana Ribeiro | Falcon Racing | 212 |",
    "| 2 | Tomas Varga | Northline | 198 |",
    "| 3 | Leila Haddad | Falcon Racing | 187 |",
    "| 4 | Kofi Mensah | Bluewater | 160 |",
    "| 5 | Jonas Berg | Northline | 151 |",
    "| 6 | Mira Petrova | Redcliff | 140 |",
    "| 7 | Sam Okoro | Bluewater | 122 |",
    "| 8 | Hugo Laurent | Redcliff | 119 |",
]


def test_standings_table_rows_stay() -> None:
    raw = "\n".join(
        [
            "Home\nResults\nCalendar",
            "",
            "Ribeiro keeps the lead after a wet race",
            "",
            STANDINGS_INTRO,
            "",
            "Championship standings after round nine:",
            *STANDINGS_ROWS,
            "",
            "The next round is in three weeks.",
            "",
            "Share on Facebook",
        ]
    )
    doc = clean_text(raw)
    assert STANDINGS_INTRO in doc.text
    for row in STANDINGS_ROWS:
        assert row in doc.text
    assert "Share on Facebook" not in doc.text
    assert doc.title == "Ribeiro keeps the lead after a wet race"


def test_standings_table_in_html_stays() -> None:
    cells = [[c.strip() for c in row.strip("|").split("|")] for row in STANDINGS_ROWS]
    rows = "".join("<tr>" + "".join(f"<td>{c}</td>" for c in r) + "</tr>" for r in cells)
    html = (
        "<html><head><title>Ribeiro keeps the lead after a wet race</title></head><body>"
        "<nav><a href='/'>Home</a><a href='/r'>Results</a></nav><article>"
        f"<h1>Ribeiro keeps the lead after a wet race</h1><p>{STANDINGS_INTRO}</p>"
        f"<table>{rows}</table><p>The next round is in three weeks.</p></article></body></html>"
    )
    doc = clean_article(RawArticle(source="standings.html", content=html, fmt="html"))
    assert STANDINGS_INTRO in doc.text
    for name in ("Ana Ribeiro", "Hugo Laurent", "Redcliff | 119"):
        assert name in doc.text
    assert doc.title == "Ribeiro keeps the lead after a wet race"


WRAPPED = """Valley Courier
Home
News
Sport

Ferry service to the islands
will resume next month

The ferry service between the harbour and the two
outer islands will resume on the first of next month,
the transport office said on Monday, after repairs to
the landing stage took longer than planned.

Islanders have relied on a small passenger boat since
the spring, and several shops said deliveries of fresh
food had become irregular. The office promised a
timetable with four crossings a day in summer.

A public meeting about winter sailings is planned for
the end of the month in the island school hall.

Share this article
Most read
"""


def _squash(text: str) -> str:
    return " ".join(text.split())


def test_hard_wrapped_article_is_kept_whole() -> None:
    doc = clean_text(WRAPPED)
    text = _squash(doc.text)
    paragraphs = WRAPPED.split("\n\n")[2:5]
    for paragraph in paragraphs:
        assert _squash(paragraph) in text
    assert "Share this article" not in doc.text
    assert "Most read" not in doc.text
    assert doc.title is not None
    assert doc.title.startswith("Ferry service to the islands")


def test_wrapped_lines_are_flagged() -> None:
    lines = split_lines(WRAPPED)
    mark_wrapped(lines)
    wrapped = {line.text for line in lines if line.wrapped}
    assert "the transport office said on Monday, after repairs to" in wrapped
    assert "Home" not in wrapped
    assert "Share this article" not in wrapped


LIST_INTRO = (
    "Rainy weekends call for something to build. We tried a dozen sets with two families "
    "and these five kept the children busy the longest."
)
LIST_ITEMS = [
    "1) Harbour Crane construction set: a working crane with a hand winch and 640 pieces",
    "2) Space Station starter kit: three modules that click together in any order",
    "3) Marble Run Deluxe: tracks, funnels and a spiral tower for up to six players",
    "4) Wooden Railway Bridge: a two-level bridge that fits most wooden track sets",
    "5) Robot Workshop: a simple motor and gears for first programming steps",
]


def test_numbered_list_article_keeps_items() -> None:
    raw = "\n".join(
        [
            "Toys",
            "Deals",
            "",
            "Five construction sets for a rainy weekend",
            "",
            LIST_INTRO,
            "",
            *LIST_ITEMS,
            "",
            "Prices were checked on the day of publication and may change.",
            "",
            "Related",
            "Best puzzles for long journeys",
        ]
    )
    doc = clean_text(raw)
    assert LIST_INTRO in doc.text
    for item in LIST_ITEMS:
        assert item in doc.text
    assert "Best puzzles for long journeys" not in doc.text
    assert doc.title == "Five construction sets for a rainy weekend"


DATED_BODY = [
    "Repairs to the harbour bridge will cost a third more than planned, the city council "
    "said on Thursday, the second overrun in two years.",
    "Engineers found corrosion in the steel cables that was not visible in the first survey, "
    "and the work will now last until the autumn.",
]


@pytest.mark.parametrize(
    "chrome", ["Published 24 mins ago", "Updated 3 hours ago", "12:49", "15 May 2025, 12:49"]
)
def test_headline_with_date_chrome_gives_a_clean_title(chrome: str) -> None:
    headline = "Harbour Bridge Repairs Run Over Budget Again"
    raw = "\n\n".join(["News", f"{headline} {chrome}", *DATED_BODY, "Share"])
    doc = clean_text(raw)
    assert doc.title == headline
    assert headline not in doc.text
    for paragraph in DATED_BODY:
        assert paragraph in doc.text


def test_title_rule_is_the_same_for_html() -> None:
    headline = "Harbour Bridge Repairs Run Over Budget Again"
    paragraphs = "".join(f"<p>{p}</p>" for p in DATED_BODY)
    html = (
        f"<html><head><title>{headline} Published 24 mins ago</title></head><body><article>"
        f"<h1>{headline} Published 24 mins ago</h1>{paragraphs}</article></body></html>"
    )
    doc = clean_article(RawArticle(source="bridge.html", content=html, fmt="html"))
    assert doc.title == headline
    assert headline not in doc.text
    for paragraph in DATED_BODY:
        assert paragraph in doc.text


def test_site_name_after_the_headline_is_the_outlet_not_the_title() -> None:
    raw = "\n\n".join(["Harbour Bridge Repairs Run Over Budget Again | Valmora Courier: news",
                       *DATED_BODY])  # fmt: skip
    doc = clean_text(raw)
    assert (doc.title, doc.outlet) == ("Harbour Bridge Repairs Run Over Budget Again",
                                       "Valmora Courier")  # fmt: skip


def test_a_section_word_after_the_bar_is_dropped_but_names_no_outlet() -> None:
    raw = "\n\n".join(["Harbour Bridge Repairs Run Over Budget Again | Articles", *DATED_BODY])
    doc = clean_text(raw)
    assert (doc.title, doc.outlet) == ("Harbour Bridge Repairs Run Over Budget Again", None)


def test_a_bare_address_near_the_top_is_the_pages_url_not_its_title() -> None:
    raw = "\n\n".join(["https://www.valmora-courier.example/news/bridge-repairs/", *DATED_BODY])
    doc = clean_text(raw)
    assert doc.title is None
    assert doc.url == "https://www.valmora-courier.example/news/bridge-repairs/"
    assert doc.outlet == "valmora-courier.example"
    assert "https://" not in doc.text


def test_a_long_headline_before_a_dateline_is_the_title() -> None:
    headline = (
        "All clear! Heatwaves harmless after all! This man has just remembered that it was "
        "sometimes hot in summer when he was young too"
    )
    body = "Valmora (dpo) - " + DATED_BODY[0]
    doc = clean_text("\n\n".join([headline, body, *DATED_BODY[1:]]))
    assert doc.title == headline
    assert headline not in doc.text


@pytest.mark.parametrize(
    "headline",
    [
        "Harbour mayor accused in letter obtained by the council of hiding ferry repair costs "
        "for three years; the mayor denies it happened",
        # one that ends in a quotation with no stop of its own
        "Harbour Mayor Contradicts Himself In Just One Sentence At The Council: “We Must "
        "Stop Blaming Ferries ... Old Ferries Are Most Of The Problem”",
        # one in headline capitals that ends in an exclamation mark
        "Hey, Self Proclaimed \"Ferry Experts\" and Harbour Critics, Let's Not Let That Old "
        "Ferry Story You're Putting Out Go So Fast!",
    ],
)
def test_a_long_headline_alone_above_a_longer_paragraph_is_the_title(headline: str) -> None:
    doc = clean_text("\n\n".join([headline, " ".join(DATED_BODY)]))
    assert doc.title == headline
    assert headline not in doc.text


@pytest.mark.parametrize(
    "headline",
    ["11 Children Rescued From a Harbour Compound", "3-D-printed ferries put the harbour at risk"],
)
def test_a_headline_opening_with_a_number_is_the_title(headline: str) -> None:
    doc = clean_text("\n\n".join([headline, *DATED_BODY]))
    assert doc.title == headline
    assert headline not in doc.text


def test_unknown_metadata_stays_null() -> None:
    doc = clean_text("\n\n".join(DATED_BODY))
    assert (doc.title, doc.author, doc.published) == (None, None, None)


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("Storm closes the coast road | Updated 3 hours ago", "Storm closes the coast road"),
        ("2025-05-15T12:49 Storm closes the coast road", "Storm closes the coast road"),
        ("Posted: May 15, 2025 at 3:40 pm", None),
        ("Top films of 2024", "Top films of 2024"),
        ("Meeting moved to 10 am", "Meeting moved to 10 am"),
        ("Final ends 3-1 after extra time", "Final ends 3-1 after extra time"),
        ("Storm closes the coast road | Daily Courier: news", "Storm closes the coast road"),
        ("Storm closes the coast road | 3 hours ago | Courier", "Storm closes the coast road"),
        ("Valmora | Ostrava talks", "Valmora | Ostrava talks"),  # no headline before the bar
        ("Breaking | Storm closes the coast road", "Breaking | Storm closes the coast road"),
        (None, None),
    ],
)
def test_clean_title(title: str | None, expected: str | None) -> None:
    assert clean_title(title) == expected


def _clean_title_without_prefilter(title: str) -> str | None:
    from narrascope.clean import titles

    text = " ".join(title.split())
    while True:
        trimmed = titles._BARE_LEAD.sub("", titles._TAIL.sub("", titles._HEAD.sub("", text)))
        if trimmed.strip() == text:
            break
        text = trimmed.strip()
    return site_suffix(text)[0] if any(ch.isalpha() for ch in text) else None


@pytest.mark.parametrize(
    "title",
    [
        "Storm closes the coast road - just now",
        "Storm closes the coast road · an hour ago",
        "Storm closes the coast road | Updated: ",
        "Storm closes the coast road | PUBLISHED",
        "Storm closes the coast road ٣:٤٥",  # Arabic-Indic digits are \d too
        "Storm closes the coast road",
        "Storm closes the coast road after the agonising wait",
        "  Storm\tcloses the coast road  ",
        "—",
    ],
)
def test_clean_title_skips_the_scans_only_when_they_cannot_match(title: str) -> None:
    """The cheap pre-check (issue #15 speed) changes no result."""
    assert clean_title(title) == _clean_title_without_prefilter(title)


@pytest.mark.parametrize(
    "body",
    [
        "Столичный совет утвердил новый бюджет на следующий год. Расходы на транспорт "
        "вырастут на десять процентов, а на ремонт школ выделят отдельный фонд.",
        "وافق المجلس البلدي على ميزانية العام المقبل بعد نقاش طويل. وستزيد نفقات النقل "
        "بنسبة عشرة في المئة، كما خصص صندوق منفصل لترميم المدارس.",
        "नगर परिषद ने अगले वर्ष का बजट लंबी बहस के बाद मंजूर किया। परिवहन पर खर्च दस प्रतिशत "
        "बढ़ेगा और स्कूलों की मरम्मत के लिए अलग कोष बनाया जाएगा।",
    ],
)
def test_articles_in_other_scripts_are_kept(body: str) -> None:
    raw = "\n\n".join(["Home", body, body, "Share"])
    doc = clean_text(raw)
    assert body in doc.text
    assert re.search(r"\bShare\b", doc.text) is None


def test_extracted_text_is_never_dropped_when_it_has_words() -> None:
    """Text an extractor chose as the main text survives even when every line looks
    like chrome to the line rules."""
    raw = "Share on Facebook\nFollow us on Twitter\nSubscribe to our newsletter today"
    with pytest.raises(CleaningError):
        clean_text(raw)
    doc = clean_text(raw, extracted=True)
    assert "Subscribe to our newsletter today" in doc.text


def test_html_headline_line_matches_a_title_with_site_suffix() -> None:
    headline = "Harbour Bridge Repairs Run Over Budget Again"
    paragraphs = "".join(f"<p>{p}</p>" for p in DATED_BODY)
    html = (
        f"<html><head><title>{headline} | The Valley Courier</title></head><body><article>"
        f"<h1>{headline}</h1>{paragraphs}</article></body></html>"
    )
    doc = clean_article(RawArticle(source="bridge.html", content=html, fmt="html"))
    assert headline not in doc.text
    assert doc.title is not None
    assert doc.title.startswith(headline)


def test_given_title_is_found_the_same_way_in_plain_text() -> None:
    headline = "Harbour Bridge Repairs Run Over Budget Again"
    raw = "\n\n".join(["News", f"{headline} Published 24 mins ago", *DATED_BODY])
    doc = clean_article(
        RawArticle(source="bridge.txt", content=raw, title=f"{headline} | The Valley Courier")
    )
    assert headline not in doc.text
    assert doc.title == headline  # the site's name after the bar is no part of it
    for paragraph in DATED_BODY:
        assert paragraph in doc.text


def test_a_bulleted_headline_list_far_from_the_article_is_not_kept() -> None:
    headlines = [
        "- Markets slip as the harbour talks stall again",
        "- Ministers will meet again next week in the capital",
        "- New ferry timetable announced for the winter months",
        "- Council approves the budget after a long debate",
        "- Schools reopen after the storm damage is repaired",
    ]
    raw = "\n\n".join([*DATED_BODY, "Share", "Print", "Email", "\n".join(headlines)])
    doc = clean_text(raw)
    for paragraph in DATED_BODY:
        assert paragraph in doc.text
    for headline in headlines:
        assert headline not in doc.text


def test_japanese_html_page_is_kept() -> None:
    paragraphs = "".join(f"<p>{p}</p>" for p in JAPANESE_BODY)
    menu = "".join(f"<li><a href='/{n}'>{n}</a></li>" for n in JAPANESE_MENU)
    html = (
        "<html lang='ja'><head><meta charset='utf-8'><title>図書館、開館時間を延長へ</title>"
        f"</head><body><nav><ul>{menu}</ul></nav><article><h1>図書館、開館時間を延長へ</h1>"
        f"{paragraphs}<p>国際会議開催決定</p></article></body></html>"
    )
    doc = clean_article(RawArticle(source="ja.html", content=html, fmt="html"))
    for paragraph in JAPANESE_BODY:
        assert paragraph in doc.text
    assert "国際会議開催決定" in doc.text
    assert doc.title == "図書館、開館時間を延長へ"


@pytest.mark.parametrize("markup", ["", "<html>", "\x00\x01", "<html><body><script>x=1</script>"])
def test_html_without_text_is_a_cleaning_error(markup: str) -> None:
    with pytest.raises(CleaningError):
        clean_article(RawArticle(source="empty.html", content=markup, fmt="html"))


def test_html_page_body_fallback_when_extraction_misses_the_article() -> None:
    """A page whose article sits in JSON-LD only: the body comes from the baseline."""
    import json

    body = " ".join(DATED_BODY * 3)
    data = json.dumps({"@type": "NewsArticle", "headline": "Bridge", "articleBody": body})
    html = (
        f"<html><head><script type='application/ld+json'>{data}</script></head><body>"
        "<nav><a href='/'>Home</a></nav><p>Loading the article...</p></body></html>"
    )
    doc = clean_article(RawArticle(source="jsonld.html", content=html, fmt="html"))
    assert DATED_BODY[0] in doc.text
