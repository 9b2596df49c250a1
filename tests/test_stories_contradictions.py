"""Contradictions (narrascope.stories.contradictions): planted ones found, none invented."""

from __future__ import annotations

from narrascope.clean import clean_article
from narrascope.extract import extract_documents, link_entities
from narrascope.ids import short_id
from narrascope.models import Contradiction, Document, RawArticle, Story
from narrascope.stories import find_contradictions


def analyse(*items: tuple[str, str, str]) -> list[Document]:
    raws = [
        RawArticle(source=f"t{i}", content=text, outlet=outlet, published=published)
        for i, (outlet, published, text) in enumerate(items)
    ]
    docs = list(extract_documents([clean_article(raw) for raw in raws]))
    link_entities(docs)
    return docs


def contradictions(*items: tuple[str, str, str]) -> list[Contradiction]:
    docs = analyse(*items)
    story = Story(id=short_id("story", "t"), label="test", documents=tuple(d.id for d in docs))
    return find_contradictions(docs, [story])


def test_stories_contradictions_date_of_one_event() -> None:
    found = contradictions(
        (
            "North Post",
            "2024-03-14",
            "The summit took place in Vienna on 12 March. Leaders signed a declaration.",
        ),
        (
            "South Daily",
            "2024-03-14",
            "The summit took place in Vienna on 13 March. Protesters gathered outside.",
        ),
    )
    assert [c.kind for c in found] == ["date"]
    assert "12 March" in found[0].span_a.text + found[0].span_b.text
    assert "13 March" in found[0].span_a.text + found[0].span_b.text


def test_stories_contradictions_count() -> None:
    found = contradictions(
        ("Wire", "2024-06-04", "Three workers were killed in the blaze, the authority said."),
        ("Tabloid", "2024-06-05", "Five workers were killed in the blaze, families said."),
    )
    assert [c.kind for c in found] == ["number"]
    assert found[0].reason
    assert found[0].span_a.text
    assert found[0].span_b.text


def test_stories_contradictions_bounds_and_coarser_dates_are_compatible() -> None:
    found = contradictions(
        (
            "Wire",
            "2024-06-04",
            "Three workers were killed in the blaze. The fire broke out on 3 June.",
        ),
        (
            "Trade",
            "2024-06-05",
            "At least two workers were killed in the blaze. The fire broke out in June.",
        ),
    )
    assert found == []


def test_stories_contradictions_occurrence_after_since() -> None:
    found = contradictions(
        (
            "Monitor",
            "2024-05-20",
            "No meeting of the joint water commission has taken place since 14 November 2023.",
        ),
        (
            "Courier",
            "2024-05-21",
            "The commission met in Tashkent on 9 February and agreed on releases.",
        ),
    )
    assert [c.kind for c in found] == ["occurrence"]
    assert "since 14 November 2023" in found[0].span_a.text
    assert "9 February" in found[0].span_b.text


def test_stories_contradictions_occurrence_needs_a_later_event() -> None:
    found = contradictions(
        (
            "Monitor",
            "2024-05-20",
            "No meeting of the joint water commission has taken place since 14 March 2024.",
        ),
        (
            "Courier",
            "2024-05-21",
            "The commission met in Tashkent on 9 February and agreed on releases.",
        ),
    )
    assert found == []


def test_stories_contradictions_incompatible_titles() -> None:
    found = contradictions(
        ("Daily", "2024-05-21", "Energy Minister Daniyar Seitkali asked for mediation."),
        ("Monitor", "2024-05-21", "Water Resources Minister Daniyar Seitkali asked for mediation."),
    )
    assert [c.kind for c in found] == ["title"]


def test_stories_contradictions_fuller_title_is_not_a_contradiction() -> None:
    found = contradictions(
        ("Daily", "2024-05-21", "Foreign Minister Ana Duarte arrived in Madrid."),
        ("Monitor", "2024-05-21", "Portuguese Foreign Minister Ana Duarte arrived in Madrid."),
    )
    assert found == []


def test_stories_contradictions_only_inside_a_story() -> None:
    docs = analyse(
        ("North Post", "2024-03-14", "The summit took place in Vienna on 12 March."),
        ("South Daily", "2024-03-14", "The summit took place in Vienna on 13 March."),
    )
    stories = [Story(id=f"s{i}", label="", documents=(d.id,)) for i, d in enumerate(docs)]
    assert find_contradictions(docs, stories) == []


def test_title_with_a_generic_body_name_or_honorific_is_no_contradiction() -> None:
    from narrascope.stories.titles_compare import titles_conflict

    assert not titles_conflict("oversight chair", "panel chair rep.")
    assert not titles_conflict("finance committee chairman", "committee chairman")
    assert titles_conflict("foreign minister", "defence minister")


def test_seniority_and_a_portfolio_of_one_office_are_no_contradiction() -> None:
    from narrascope.stories.titles_compare import titles_conflict

    assert not titles_conflict("lead attorney", "defence attorney")
    assert not titles_conflict("senior prosecutor", "federal prosecutor")
    assert titles_conflict("defence attorney", "district attorney")
    assert titles_conflict("deputy minister", "minister")


def test_stories_contradictions_numbers_of_differently_qualified_things_do_not_clash() -> None:
    found = contradictions(
        ("Wire", "2024-06-04", "Total employment rose by 105,000 in the quarter, the office said."),
        ("Tabloid", "2024-06-05", "Seasonal employment rose by 190,000, the union said."),
        ("Daily", "2024-06-05", "Valdorian employment rose by 40,000, the ministry said."),
    )
    assert found == []
    found = contradictions(
        ("Wire", "2024-06-04", "Total employment rose by 105,000 in the quarter, the office said."),
        ("Tabloid", "2024-06-05", "Total employment rose by 190,000, the union said."),
    )
    assert [c.kind for c in found] == ["number"]


def test_stories_contradictions_counts_of_undated_articles_on_other_months_do_not_clash() -> None:
    found = contradictions(
        ("Wire", None, "In May 2018 total employment rose by 105,000, the May 2018 survey shows."),
        ("Daily", None, "In December 2017 total employment rose by 190,000, the survey shows."),
    )  # type: ignore[arg-type]
    assert found == []


def test_stories_contradictions_then_president_is_no_current_status() -> None:
    found = contradictions(
        ("Wire", "2024-06-04", "Former president Ilse Varga spoke at the harbour on Monday."),
        ("Daily", "2024-06-04", "A photo shows then-president Ilse Varga at a White House dinner."),
    )
    assert [c.kind for c in found] == []


def test_where_an_office_is_based_is_no_part_of_its_title() -> None:
    found = contradictions(
        (
            "Daily",
            "2024-05-21",
            "The Lakeland-based District Attorney Maren Holt filed charges on Monday.",
        ),
        (
            "Monitor",
            "2024-05-21",
            "The Ninth Judicial District Attorney Maren Holt filed charges on Monday.",
        ),
    )
    assert found == []


def test_a_participle_said_of_an_office_holder_is_no_part_of_the_title() -> None:
    found = contradictions(
        ("Daily", "2024-05-21", "And the accused Judge Holt also denies the charges."),
        ("Monitor", "2024-05-21", "Supreme Court nominee Judge Maren Holt denies the charges."),
    )
    assert found == []
