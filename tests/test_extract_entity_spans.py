"""Recognised entity spans cut into the names they hold (page clutter, sponsors, owners)."""

from __future__ import annotations

from narrascope.extract.entities import name_pieces


def _names(text: str, surface: str) -> list[str]:
    start = text.index(surface)
    return [text[a:b] for a, b in name_pieces(text, start, start + len(surface))]


def test_slash_joined_names_are_two_names() -> None:
    text = "A new Lakeside Herald/Channel Nine poll was published."
    assert _names(text, "Lakeside Herald/Channel Nine") == ["Lakeside Herald", "Channel Nine"]


def test_short_slash_pair_is_one_name() -> None:
    text = "The band AC/DC played."
    assert _names(text, "AC/DC") == ["AC/DC"]


def test_unclosed_bracket_ends_the_name() -> None:
    text = "the Office of Coastal Affairs (OCA said on Monday"
    assert _names(text, "Office of Coastal Affairs (OCA") == ["Office of Coastal Affairs "]


def test_name_after_a_possessor_is_the_name() -> None:
    text = "Mayor Ruiz’s Office of Housing Policy objected."
    assert _names(text, "Ruiz’s Office of Housing Policy") == ["Office of Housing Policy"]
    text = "The Lakeside Herald' Twitter account posted it."
    assert _names(text, "Lakeside Herald' Twitter") == ["Lakeside Herald' Twitter"]  # no "s'"
    text = "The Valley Times’ Twitter account posted it."
    assert _names(text, "Valley Times’ Twitter") == ["Twitter"]


def test_clutter_is_no_entity() -> None:
    from narrascope.extract.entities import _clean

    text = "Read Fenwick’s @fenwick_news</tweet> now"
    start = text.index("@")
    assert _clean(text, start - 10, start + 20, "ORG") is None


def test_a_ticker_and_section_label_alone_on_its_line_is_clutter_not_a_name() -> None:
    from narrascope.extract.entities import _clean

    text = "LWQ-Stock Picks\n\nLumen Widgets cut jobs, and UN-Habitat offered help."
    assert _clean(text, 0, len("LWQ-Stock Picks"), "ORG") is None
    start = text.index("UN-Habitat")
    kept = _clean(text, start, start + len("UN-Habitat"), "ORG")
    assert kept is not None
    assert kept.text == "UN-Habitat"


def test_possessive_with_its_apostrophe_lost_is_not_part_of_the_name() -> None:
    from narrascope.extract.names import trim_span

    text = "Mayor Ann Roe s campaign and Ann Roe’s staff met Roe's aides and Chris."
    for surface, name in (("Ann Roe s", "Ann Roe"), ("Ann Roe’s", "Ann Roe"), ("Chris", "Chris")):
        start = text.index(surface)
        a, b = trim_span(text, start, start + len(surface))
        assert text[a:b] == name


def test_a_role_after_an_organisation_is_not_part_of_its_name() -> None:
    from narrascope.extract.entities import _clean

    text = (
        "Two Harbour Telecom VP’s signed it; the Harbour Council spokesman declined; "
        "the Attorney General, the Office of the President and the UN Secretary General spoke."
    )
    cases = {
        "Harbour Telecom VP’s": "Harbour Telecom",
        "Harbour Council spokesman": "Harbour Council",
        "Attorney General": "Attorney General",
        "Office of the President": "Office of the President",
        "UN Secretary General": "UN",
    }
    for surface, name in cases.items():
        start = text.index(surface)
        found = _clean(text, start, start + len(surface), "ORG")
        assert found is not None
        assert found.text == name
        assert text[found.start : found.end] == name


def test_a_lowercase_word_never_ends_or_spreads_a_name() -> None:
    from narrascope.extract.entities import _clean, propagate
    from narrascope.models import Mention

    text = "Charles the first had his critics; George the third had his. The rest is the past."
    start = text.index("George the")
    cleaned = _clean(text, start, start + len("George the"), "PERSON")
    assert cleaned is not None
    assert cleaned.text == "George"
    spread = propagate(text, [Mention("George the", start, start + 10, "PERSON")])
    assert not [m for m in spread if m.text == "the"]


def test_verse_numbers_and_a_dangling_ampersand_are_no_part_of_a_name() -> None:
    from narrascope.extract.entities import _clean

    def cleaned(surface: str, label: str) -> str | None:
        found = _clean(surface, 0, len(surface), label)
        return found.text if found is not None else None

    assert cleaned("Matthew 24 12", "PERSON") == "Matthew"
    assert cleaned("Keller &", "PERSON") == "Keller"
    assert cleaned("Apollo 11", "ORG") == "Apollo 11"  # numbered organisations keep theirs
    assert cleaned("Johnson & Johnson", "ORG") == "Johnson & Johnson"
