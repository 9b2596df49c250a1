"""The cleaner on the five development seeds: every article sentence stays, no chrome does."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from narrascope.clean import clean_article
from narrascope.models import Document, RawArticle

SEEDS = Path(__file__).resolve().parent / "data" / "real_seeds"
_SENTENCE = re.compile(r"(?<=[.!?”])\s+(?=[A-Z“])")

pytestmark = pytest.mark.skipif(not SEEDS.is_dir(), reason="seed corpus not available")


def _clean(name: str) -> Document:
    path = next(SEEDS.glob(f"{name}_*.txt"))
    return clean_article(RawArticle(source=str(path), content=path.read_text(encoding="utf-8")))


def _assert_chrome_gone(doc: Document, chrome: list[str]) -> None:
    lines = {line.strip() for line in doc.text.split("\n")}
    for item in chrome:
        assert item not in lines, f"chrome kept: {item!r}"


def _assert_sentences_kept(doc: Document, paragraphs: list[str]) -> None:
    for paragraph in paragraphs:
        for sentence in _SENTENCE.split(paragraph):
            assert sentence in doc.text, f"sentence lost: {sentence[:60]!r}"


def _raw_paragraphs(doc: Document, first: str, last: str) -> list[str]:
    """Raw lines from the one starting with ``first`` to the one starting with ``last``."""
    lines = [line.strip() for line in doc.raw.splitlines() if line.strip()]
    start = next(i for i, line in enumerate(lines) if line.startswith(first))
    end = next(i for i, line in enumerate(lines) if line.startswith(last))
    return lines[start : end + 1]


def test_clean_seed_000_removes_kicker_prefixes_and_caption() -> None:
    doc = _clean("000")
    assert doc.title is not None
    assert doc.title.startswith("Russia Slams NATO Chief Mark Rutte")
    assert "Russia Slams NATO" not in doc.text
    assert "Russian MFA Spokeswoman Maria Zakharova\n" not in doc.text + "\n"
    assert "Leave a Comment" not in doc.text
    assert doc.text.startswith("The Russian Foreign Ministry has sharply responded")
    paragraphs = [
        line.split(":", 1)[-1].lstrip(":")
        for line in _raw_paragraphs(
            doc,
            "Russia Slams NATO Chief Mark Rutte Over Istanbul Talks Remark:",
            "As NATO continues",
        )
        if len(line) > 120
    ]
    assert len(paragraphs) == 14
    _assert_sentences_kept(doc, [p.strip() for p in paragraphs])
    reasons = {b.reason for b in doc.boilerplate}
    assert {"kicker-prefix", "image-caption", "comment-box", "title"} <= reasons


def test_clean_seed_001_removes_arabic_interface() -> None:
    doc = _clean("001")
    assert doc.title == (
        "President Putin refuses Istanbul peace talks and prioritizes strategic diplomacy "
        "over media spectacle"
    )
    assert re.search(r"[\u0600-\u06ff]", doc.text) is None
    _assert_sentences_kept(doc, _raw_paragraphs(doc, "Amid mounting", "Ultimately, the Istanbul"))
    assert doc.language == "en"
    assert all(b.reason == "foreign-script-ui" for b in doc.boilerplate if b.reason != "title")


def test_clean_seed_002_metadata_and_chrome() -> None:
    doc = _clean("002")
    assert doc.title == "NATO chief urges Russia to play its part in Ukraine talks"
    assert doc.author == "Vafa Guliyeva"
    assert doc.published == "2025-05-15T12:49"
    assert doc.outlet is not None
    assert doc.outlet.casefold() == "caliber.az"
    _assert_chrome_gone(
        doc,
        [
            "twitter",
            "night_theme",
            "WHAT ARE YOU LOOKING FOR ?",
            "WORLD",
            "A+",
            "A-",
            "By Vafa Guliyeva",
            "Caliber.Az",
            "Views: 227",
            "print",
            "copy link",
            "ads",
            "Follow us on Instagram",
            "The most important world news",
            "loading",
            "Uncertainty surrounds Russia-Ukraine peace talks as delegations gather in Istanbul",
        ],
    )
    assert "Any use of materials" not in doc.text
    assert "©" not in doc.text
    assert "Ссылка" not in doc.text
    assert "Share it on social media" not in doc.text
    _assert_sentences_kept(doc, _raw_paragraphs(doc, "NATO Secretary General", "Instead, Putin"))
    reasons = {b.reason: b.text for b in doc.boilerplate}
    assert reasons["related-headline"].startswith("Uncertainty surrounds")
    assert reasons["view-counter"] == "Views: 227"


def test_clean_seed_003_plain_article_is_untouched() -> None:
    doc = _clean("003")
    assert doc.boilerplate == []
    assert doc.title is None
    assert doc.author is None
    assert doc.published is None
    assert doc.text.split("\n\n") == [line.strip() for line in doc.raw.splitlines()]


def test_clean_seed_004_removes_donation_appeal_keeps_subheads() -> None:
    doc = _clean("004")
    assert "A Stalled Process and a Rejected Summit" in doc.text.split("\n\n")
    assert "Divergent Narratives on Responsibility" in doc.text.split("\n\n")
    for chrome in ("Support Dawat", "contribution", "DNB Bank", "NO15", "Vipps", "Comments are"):
        assert chrome not in doc.text
    _assert_sentences_kept(doc, _raw_paragraphs(doc, "MOSCOW", "The proposal to use Istanbul"))
    assert doc.outlet == "Dawat Media Center"
    assert doc.title is None


@pytest.mark.parametrize("name", ["000", "001", "002", "003", "004"])
def test_clean_seed_offsets_point_into_raw(name: str) -> None:
    doc = _clean(name)
    for clean_start, raw_start, length in doc.offsets.segments:
        assert (
            doc.text[clean_start : clean_start + length] == doc.raw[raw_start : raw_start + length]
        )
    for item in doc.boilerplate:
        assert doc.raw[item.start : item.end] == item.text
