"""Narratives of a domain need an article that names the domain's subject (issue 13)."""

from __future__ import annotations

from narrascope.characterise.domain_terms import domain_terms, keep_on_subject, mentions_domain
from narrascope.characterise.taxonomy import OTHER, Label, build_taxonomy, builtin_taxonomy
from narrascope.models import NarrativeLabel

GENERIC = (builtin_taxonomy("roles"), builtin_taxonomy("techniques"))


def test_subject_words_come_from_the_taxonomy_not_from_rhetoric() -> None:
    terms = domain_terms(builtin_taxonomy("narratives"), GENERIC)
    assert {"ukrai", "russi"} <= terms["URW"]
    assert {"clima", "emiss"} <= terms["CC"]
    every = terms["URW"] | terms["CC"]
    assert not every & {"portr", "discr", "criti", "blame", "fears"}  # how, not what


def test_one_domain_has_nothing_to_contrast_with() -> None:
    labels = (
        Label("Tolls are theft", None, "Road tolls are said to rob drivers.", domain="ROAD"),
        Label("Tolls fund cronies", None, "Toll money is said to go to friends.", domain="ROAD"),
    )
    tax = build_taxonomy("roads", "narratives", labels, origin="test")
    assert domain_terms(tax, GENERIC) == {}


def _labels(*names: str) -> list[NarrativeLabel]:
    return [NarrativeLabel(n, "coarse" if n.count(":") == 1 else "fine", 0.6) for n in names]


def test_an_article_that_never_names_the_subject_gets_other() -> None:
    tax = builtin_taxonomy("narratives")
    terms = domain_terms(tax, GENERIC)
    outbreak = (
        "Health officials warned on Friday that the outbreak could explode in the rainy "
        "season. Hospitals in the capital are full and the disease is spreading to villages."
    )
    cc = "CC: Amplifying Climate Fears"
    out = keep_on_subject(_labels(cc, f"{cc}: Other"), outbreak, tax, terms)
    assert [lb.label for lb in out] == [OTHER, OTHER]
    assert out[0].explanation
    assert "never names" in out[0].explanation
    heat = outbreak + " Some blamed the record heat and the climate for the early rains."
    kept = keep_on_subject(_labels(cc, f"{cc}: Other"), heat, tax, terms)
    assert [lb.label for lb in kept] == [cc, f"{cc}: Other"]


def test_only_the_unnamed_domain_is_dropped() -> None:
    tax = builtin_taxonomy("narratives")
    terms = domain_terms(tax, GENERIC)
    text = "Kyiv said the new air defence systems from its partners arrived this week."
    urw, cc = "URW: Discrediting Ukraine", "CC: Amplifying Climate Fears"
    out = keep_on_subject(_labels(urw, cc), text, tax, terms)
    assert [lb.label for lb in out] == [urw]
    assert mentions_domain(text, terms["URW"])
    assert not mentions_domain(text, terms["CC"])
