"""Names shared across one story's articles, and one type per name (issue 16).
Articles and entities are built here from invented names."""

from __future__ import annotations

from narrascope.extract.canonical import document_entities
from narrascope.extract.story_names import add_story_names, story_names, vote_types
from narrascope.models import Document, Mention


def _doc(i: int, text: str, found: list[tuple[str, str]]) -> Document:
    """An article whose recogniser found the (name, label) pairs, first occurrences."""
    doc = Document(id=f"d{i}", source="t", raw=text, text=text)
    mentions = [Mention(n, text.index(n), text.index(n) + len(n), label) for n, label in found]
    doc.entities, _ = document_entities(doc.id, mentions)
    return doc


def _names(doc: Document) -> list[tuple[str, str]]:
    return sorted((m.text, m.label) for e in doc.entities for m in e.mentions)


def test_a_name_one_article_found_is_added_where_another_missed_it() -> None:
    a = _doc(
        0,
        "Oskar Trevain spoke at Quillon Works on Monday.",
        [("Oskar Trevain", "PERSON"), ("Quillon Works", "ORG")],
    )
    b = _doc(1, "Oskar Trevain Quits Quillon Works\nThe chief left on Monday.", [])
    assert add_story_names([a, b]) >= 2
    assert ("Oskar Trevain", "PERSON") in _names(b)
    assert ("Quillon Works", "ORG") in _names(b)


def test_shared_names_need_care_with_single_words_and_surnames() -> None:
    a = _doc(
        0, "Oskar Trevain met Halden officials.", [("Oskar Trevain", "PERSON"), ("Halden", "ORG")]
    )
    b = _doc(1, "Trevain said Halden would wait.", [])
    shared = story_names([a, b])
    assert shared["Trevain"] == "PERSON"  # the one person of that surname
    assert "Halden" not in shared  # one word, seen in one article only
    c = _doc(
        2,
        "Mara Trevain and Oskar Trevain arrived.",
        [("Mara Trevain", "PERSON"), ("Oskar Trevain", "PERSON")],
    )
    assert "Trevain" not in story_names([a, c])  # two people of that name


def test_a_name_is_not_added_inside_a_longer_name_or_over_a_mention() -> None:
    a = _doc(0, "Quillon Works said so.", [("Quillon Works", "ORG")])
    b = _doc(1, "the new Quillon Works Museum opened, and officials said so.", [])
    add_story_names([a, b])
    assert _names(b) == []


def test_the_story_majority_type_wins() -> None:
    docs = [_doc(i, "Tarn Gulls won again.", [("Tarn Gulls", "ORG")]) for i in range(3)]
    odd = _doc(3, "Tarn Gulls won again.", [("Tarn Gulls", "PERSON")])
    assert vote_types([*docs, odd]) == 1
    assert odd.entities[0].type == "ORG"
    assert {m.label for m in odd.entities[0].mentions} == {"ORG"}
    even = [
        _doc(0, "Tarn Gulls won.", [("Tarn Gulls", "ORG")]),
        _doc(1, "Tarn Gulls won.", [("Tarn Gulls", "PERSON")]),
    ]
    assert vote_types(even) == 0  # a tie changes nothing
