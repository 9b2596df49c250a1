"""Roles are cast only in articles on a loaded taxonomy's subject (shipped model, real spaCy)."""

from __future__ import annotations

from narrascope.characterise import CharacteriseOptions, Characteriser
from narrascope.extract import extract_documents
from narrascope.models import Document

OFF_SUBJECT = (
    "Mayor Ilse Marten opened the harbour bakery festival on Saturday. Baker Tomas Vell "
    "won the bread contest, and the town council thanked Marten for the new market hall. "
    "Vell said the festival brought more visitors than ever to the old port."
)
ON_SUBJECT = (
    "Russia launched new missile strikes on Ukraine overnight, and Kyiv said the attacks "
    "hit power stations. Ukrainian officials accused Moscow of targeting civilians, while "
    "the Kremlin said its forces struck military sites. NATO allies promised more air defence."
)


def _roles(text: str) -> list[str]:
    doc = next(extract_documents([Document(id="r", source="t", raw=text, text=text)]))
    (done,) = Characteriser(CharacteriseOptions(model="auto", techniques=False)).characterise([doc])
    return [r.main_role for r in done.roles]


def test_an_article_off_every_subject_gets_no_roles() -> None:
    assert _roles(OFF_SUBJECT) == []


def test_an_article_on_a_subject_keeps_its_roles() -> None:
    assert _roles(ON_SUBJECT)
