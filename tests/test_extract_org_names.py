"""Organisation names (issue 16): legal suffixes, dotted initials and acronyms, in a
document and across documents, on sentences written here."""

from __future__ import annotations

from narrascope.extract import extract_documents, link_entities, names
from narrascope.models import Document


def test_org_key_drops_legal_suffixes() -> None:
    assert names.org_key("Lumen Widgets Corp.") == names.org_key("Lumen Widgets")
    assert names.org_key("Lumen Widgets Company") == names.org_key("Lumen Widgets Inc")
    assert names.org_key("Lumen Ltd") == names.org_key("Lumen")
    assert names.org_key("Company") == "company"  # a suffix alone stays a name


def test_dotted_and_spaced_initials_are_one_word() -> None:
    assert names.collapse_initials("U.S. Coast Survey") == "US Coast Survey"
    assert names.collapse_initials("U. S. Coast Survey") == "US Coast Survey"
    assert names.org_key("U.S. Coast Survey") == names.org_key("United States Coast Survey")


def test_acronyms_of_hyphenated_and_dotted_names() -> None:
    assert names.acronym_of("Brandt-Keller Co.") == "BK"
    assert names.acronym_of("U.S. Coast Survey") == "USCS"
    assert names.acronym_of("United States Coast Survey") == "USCS"


def test_suffix_and_acronym_variants_link_across_documents() -> None:
    texts = [
        "Brandt-Keller Co. opened a plant on Monday. BK said 300 people would work there.",
        "Brandt-Keller Company shares rose after the opening.",
        "The U.S. Forest Service closed the trail. The USFS said the fire spread overnight.",
        "The United States Forest Service sent more crews on Friday.",
    ]
    docs = [Document(id=str(i), source="t", raw=t, text=t) for i, t in enumerate(texts)]
    entities = link_entities(list(extract_documents(docs)))
    by_alias = {a: e.id for e in entities for a in e.aliases}
    assert by_alias["Brandt-Keller Co"] == by_alias["Brandt-Keller Company"] == by_alias["BK"]
    assert by_alias["U.S. Forest Service"] == by_alias["United States Forest Service"]
    assert by_alias["USFS"] == by_alias["U.S. Forest Service"]


def test_names_in_a_title_case_headline_and_after_metadata_are_found() -> None:
    text = (
        "Mayor Ann Roe Opens New Bridge Over River\n"
        "Updated: May 4, 2022 10:30 AM ET\n"
        "Ann Roe cut the ribbon on Monday. The mayor, Ann Roe, said the bridge cost less."
    )
    (doc,) = extract_documents([Document(id="h", source="t", raw=text, text=text)])
    starts = sorted(m.start for e in doc.entities if e.name == "Ann Roe" for m in e.mentions)
    assert starts[0] == text.index("Ann Roe")  # the headline
    assert text.index("Ann Roe cut") in starts  # the line after the metadata


def test_court_case_names_are_not_entities_or_speakers() -> None:
    text = (
        "In Halvorsen v. Brandt-Keller, the court sided with the workers. "
        '"The ruling in Halvorsen v. Brandt-Keller changes nothing for us," '
        "said Mira Halvorsen. The judges cited Okafor vs. Lindqvist."
    )
    doc = next(iter(extract_documents([Document(id="c", source="t", raw=text, text=text)])))
    names_found = {e.name for e in doc.entities}
    assert not any(" v. " in n or " vs. " in n for n in names_found), names_found
    assert all(" v. " not in (q.speaker or "") for q in doc.quotes)
    assert any(q.speaker == "Mira Halvorsen" for q in doc.quotes), doc.quotes
