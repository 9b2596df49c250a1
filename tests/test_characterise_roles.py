"""Entity roles for given mentions and for a document's main entities."""

from __future__ import annotations

import pytest

from narrascope.characterise.core import CharacteriseOptions, Characteriser
from narrascope.characterise.taxonomy import builtin_taxonomy
from narrascope.models import Document, Entity, Mention

TEXT = (
    "The militia shelled the village of Dorna overnight, killing six civilians. "
    "Residents of Dorna lost their homes and fled to the nearby town. "
    "Mediator Ana Ruiz brokered a ceasefire and arranged talks between the two sides."
)


@pytest.fixture(scope="module")
def engine() -> Characteriser:
    return Characteriser(CharacteriseOptions(model=None))


def _doc(entities: list[Entity] | None = None) -> Document:
    return Document(id="r", source="r", raw=TEXT, text=TEXT, entities=entities or [])


def test_characterise_roles_given_mentions_get_valid_roles(engine: Characteriser) -> None:
    start = TEXT.index("Ana Ruiz")
    roles = engine.roles_for_mentions(_doc(), [("Ana Ruiz", start, start + 8), ("militia", 4, 11)])
    taxonomy = builtin_taxonomy("roles")
    assert [r.start for r in roles] == [start, 4]
    for role in roles:
        assert role.main_role in {"Protagonist", "Antagonist", "Innocent"}
        assert 1 <= len(role.fine_roles) <= 2
        assert all(taxonomy.get(f).parent == role.main_role for f in role.fine_roles)
        assert role.evidence
        assert all(TEXT[s.start : s.end] == s.text for s in role.evidence)
    assert roles[0].main_role == "Protagonist"


def test_characterise_roles_main_entities_come_from_document_entities(
    engine: Characteriser,
) -> None:
    dorna = [Mention("Dorna", m, m + 5, "GPE") for m in (TEXT.index("Dorna"), TEXT.rindex("Dorna"))]
    ruiz = TEXT.index("Ana Ruiz")
    entities = [
        Entity("e1", "Dorna", "GPE", mentions=tuple(dorna)),
        Entity(
            "e2", "Ana Ruiz", "PERSON", mentions=(Mention("Ana Ruiz", ruiz, ruiz + 8, "PERSON"),)
        ),
    ]
    doc = engine.characterise([_doc(entities)])[0]
    assert [r.entity_id for r in doc.roles] == ["e1", "e2"]  # most mentioned first
    assert {t.target for t in doc.tone} == {None, "e1", "e2"}


def test_characterise_roles_fall_back_to_spacy_entities(engine: Characteriser) -> None:
    doc = engine.characterise([_doc()])[0]
    assert [r.entity for r in doc.roles] == ["Dorna"]  # sm NER misses the mediator
    assert doc.roles[0].entity_id == "ner:dorna"
