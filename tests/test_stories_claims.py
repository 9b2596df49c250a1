"""Claims (narrascope.stories.claims) read with the real cleaner, extractor and spaCy parser."""

from __future__ import annotations

from pathlib import Path

from narrascope.clean import clean_article
from narrascope.extract import extract_documents, link_entities
from narrascope.models import Claim, Document, RawArticle
from narrascope.stories import extract_claims


def analyse(*items: tuple[str, str, str]) -> list[Document]:
    """Clean, extract and link articles given as ``(outlet, published, text)``."""
    raws = [
        RawArticle(source=f"t{i}", content=text, outlet=outlet, published=published)
        for i, (outlet, published, text) in enumerate(items)
    ]
    docs = list(extract_documents([clean_article(raw) for raw in raws]))
    link_entities(docs)
    return docs


def keys(claims: list[Claim], prefix: str) -> dict[str, str | None]:
    return {c.key: c.value for c in claims if c.key.startswith(prefix)}


def test_stories_claims_same_count_in_other_words_shares_a_key() -> None:
    a, b = analyse(
        ("North Post", "2024-04-02", "Chile sent 14 officials to the talks in Lima on Monday."),
        ("South Daily", "2024-04-02", "On Monday Chile dispatched 14 officials to the Lima talks."),
    )
    counts_a, counts_b = keys(extract_claims(a), "count|"), keys(extract_claims(b), "count|")
    shared = set(counts_a) & set(counts_b)
    assert shared, (counts_a, counts_b)
    assert all(counts_a[k] == counts_b[k] == "14" for k in shared)


def test_stories_claims_dates_and_qualified_numbers() -> None:
    (doc,) = analyse(
        (
            "Wire",
            "2024-06-04",
            "The fire broke out on 3 June. At least two workers were killed in the blaze.",
        ),
    )
    claims = extract_claims(doc)
    assert "2024-06-03" in keys(claims, "date|").values()
    assert ">2" in keys(claims, "count|").values()


def test_stories_claims_negated_since_gives_a_window() -> None:
    (doc,) = analyse(
        (
            "Monitor",
            "2024-05-20",
            "No meeting of the joint commission has taken place since 14 "
            "November 2023, officials said.",
        ),
    )
    assert keys(extract_claims(doc), "none|") == {"none|meeting": "2023-11-14"}


def test_stories_claims_plans_are_not_occurrences() -> None:
    (doc,) = analyse(
        (
            "Monitor",
            "2024-05-20",
            "Talks between the two governments could resume on 4 June, diplomats said.",
        ),
    )
    claims = extract_claims(doc)
    assert not keys(claims, "occur|")
    assert not keys(claims, "date|")


def test_stories_claims_titles_skip_former_roles() -> None:
    (doc,) = analyse(
        (
            "Daily",
            "2024-05-21",
            "Energy Minister Daniyar Seitkali met farmers. Former interior minister Asel Nurova, "
            "now an adviser, did not attend.",
        ),
    )
    titles = {c.key: c.value for c in extract_claims(doc) if c.key.startswith("title|")}
    assert titles.get("title|name:daniyar seitkali") == "energy minister"
    assert "minister" not in (titles.get("title|name:asel nurova") or "")


def test_stories_claims_spans_point_into_the_text() -> None:
    (doc,) = analyse(("Wire", "2024-06-04", "Three workers were killed in the blaze on 3 June."))
    claims = extract_claims(doc)
    assert claims
    for claim in claims:
        assert doc.text[claim.span.start : claim.span.end] == claim.span.text


def test_stories_claims_other_languages_give_none() -> None:
    doc = Document(
        id="r", source="r", raw="Текст", text="Министр заявил о переговорах.", language="ru"
    )
    assert extract_claims(doc) == []


def test_stories_claims_stored_by_extraction_match_a_fresh_parse() -> None:
    """One parse: the extraction stage's claims equal those of a full spaCy parse."""
    from dataclasses import replace

    docs = analyse(
        ("North Post", "2024-04-02",
         "Foreign Minister Ana Brandt said Chile sent 14 officials to Lima on Monday.\n"
         "No direct talks have taken place since March 2022, Brandt added."),
        ("South Daily", "2024-04-03",
         "Chile dispatched 15 officials to the Lima talks on Tuesday, Brandt said."),
    )
    for doc in docs:
        assert doc.claims, "the extraction stage stores claims"
        assert all("{e" in c.key or "name:" not in c.key for c in doc.claims)
        stored = {(c.key, c.value) for c in extract_claims(doc)}
        parsed = {(c.key, c.value) for c in extract_claims(replace(doc, claims=[]))}
        assert stored == parsed
        assert not any("{e" in key for key, _ in stored), "entity slots are resolved"


def test_stories_claims_survive_the_store_without_repeating_their_text(tmp_path: Path) -> None:
    import sqlite3

    from narrascope.store import open_store

    (doc,) = analyse(("Wire", "2024-06-04", "Chile sent 14 officials to the talks in Lima."))
    store = open_store(str(tmp_path / "c.db"))
    store.add_documents([doc])
    store.save_analyses([doc], "v")
    again = store.get_document(doc.id)
    store.close()
    with sqlite3.connect(tmp_path / "c.db") as conn:
        (findings,) = conn.execute("SELECT payload FROM analyses").fetchone()
    assert "Chile sent 14 officials" not in findings
    assert again.claims == doc.claims


def test_stories_claims_a_question_states_nothing() -> None:
    (doc,) = analyse(
        (
            "North Post",
            "2024-04-02",
            "The harbour board granted immunity to four officials on Monday.\n\n"
            "And why did the harbour board grant immunity to so many officials?",
        ),
    )
    facts = [c for c in extract_claims(doc) if c.key.startswith("fact|")]
    assert facts
    assert not [c for c in facts if doc.text[c.span.start : c.span.end].endswith("?")]


def test_stories_claims_nor_negates_like_not() -> None:
    a, b = analyse(
        ("North Post", "2024-04-02", "The harbour logs do not mention the captain's name."),
        ("South Daily", "2024-04-02", "Nor do the harbour logs mention the captain's name."),
    )
    facts_a, facts_b = keys(extract_claims(a), "fact|"), keys(extract_claims(b), "fact|")
    assert any("|not mention|" in k for k in facts_a), facts_a
    assert any("|not mention|" in k for k in facts_b), facts_b
    assert not any("|mention|" in k for k in facts_b), facts_b


def test_stories_claims_a_qualified_count_is_of_its_noun_not_its_qualifier() -> None:
    a, b = analyse(
        ("North Post", "2024-04-02", "More than 3,000 dock workers joined the strike in Varna."),
        ("South Daily", "2024-04-02", "Only one ferry crossed the strait, the port said."),
    )
    units = {k.rsplit("|", 1)[1] for d in (a, b) for k in keys(extract_claims(d), "count|")}
    assert "worker" in units
    assert "ferry" in units
    assert not units & {"than", "more", "only"}


def test_stories_claims_a_share_of_people_is_no_name() -> None:
    (doc,) = analyse(
        ("Poll Desk", "2024-04-02", "Asked about the tariff, 46 percent of voters said yes."),
    )
    subjects = {k.split("|")[1] for k in keys(extract_claims(doc), "count|")}
    assert subjects == {"percent of voter"}
