"""Access to the general data files in ``narrascope/resources/extract``."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

from narrascope.errors import ExtractionError

_PACKAGE = "narrascope"


def _read(name: str) -> str:
    try:
        return resources.files(_PACKAGE).joinpath("resources", "extract", name).read_text("utf-8")
    except (FileNotFoundError, ModuleNotFoundError) as exc:
        raise ExtractionError(f"resource extract/{name} is missing from the package") from exc


def _json(name: str) -> dict[str, Any]:
    data = json.loads(_read(name))
    if not isinstance(data, dict):
        raise ExtractionError(f"resource extract/{name} must hold a JSON object")
    return data


def json_object(name: str) -> dict[str, Any]:
    """A JSON object file of ``resources/extract`` (learned weights, word lists)."""
    return _json(name)


@dataclass(frozen=True, slots=True)
class Cues:
    """Speech and attribution cues."""

    speech_verbs: frozenset[str]
    indirect_verbs: frozenset[str]
    passive_cues: frozenset[str]
    framing_verbs: frozenset[str]
    uttering_verbs: frozenset[str]
    according_to: tuple[str, ...]
    document_nouns: frozenset[str]
    speech_nouns: frozenset[str]
    pronouns: dict[str, str]
    female_words: frozenset[str]
    male_words: frozenset[str]


@dataclass(frozen=True, slots=True)
class Institutions:
    """Metonyms, organisation-name rewrites, demonyms and country aliases."""

    metonyms: dict[str, str]
    org_rewrites: tuple[tuple[re.Pattern[str], str], ...]
    stop_words: frozenset[str]
    demonyms: dict[str, str]
    country_aliases: dict[str, str]


@cache
def titles() -> frozenset[str]:
    """Lowercase titles and roles stripped from person names."""
    lines = (line.strip() for line in _read("titles.txt").splitlines())
    return frozenset(line.lower() for line in lines if line and not line.startswith("#"))


@cache
def cues() -> Cues:
    """The cue lexicon."""
    data = _json("cues.json")
    return Cues(
        speech_verbs=frozenset(data["speech_verbs"]),
        indirect_verbs=frozenset(data["indirect_verbs"]) | learned_cue_forms(),
        passive_cues=frozenset(data["passive_cues"]),
        framing_verbs=frozenset(data["framing_verbs"]),
        uttering_verbs=frozenset(data["uttering_verbs"]),
        according_to=tuple(data["according_to"]),
        document_nouns=frozenset(data["document_nouns"]),
        speech_nouns=frozenset(data["speech_nouns"]),
        pronouns=dict(data["pronouns"]),
        female_words=frozenset(data["female_words"]),
        male_words=frozenset(data["male_words"]),
    )


@cache
def first_name_genders() -> dict[str, str]:
    """Strongly gendered given names -> "f" or "m" (``first_names.json``, derived from the
    nomquamgender name data by ``bench/build_first_names.py``)."""
    data = _json("first_names.json")
    return {name: gender for gender in ("f", "m") for name in data[gender].split()}


@cache
def learned_cue_forms() -> frozenset[str]:
    """Inflected forms of the cue verbs learned from PolNeAR train (``cues_learned.json``)."""
    lemmas = _json("cues_learned.json").get("lemmas", {})
    # "according (to)" has its own rule; the verb forms of the other lemmas are cues
    return frozenset(
        form
        for lemma, (_, _, forms) in lemmas.items()
        if lemma != "accord"
        for form in (lemma, *forms)
    )


@cache
def object_cue_forms() -> frozenset[str]:
    """Forms of the cue verbs whose direct object is what they attribute ("criticized
    the plan"), learned from PolNeAR train with the cue lemmas (``object_lemmas``)."""
    data = _json("cues_learned.json")
    lemmas = data.get("lemmas", {})
    return frozenset(
        form
        for lemma in data.get("object_lemmas", {})
        for form in (lemma, *lemmas.get(lemma, (0, 0, []))[2])
    )


@cache
def clause_cue_forms() -> frozenset[str]:
    """Forms of verbs that attribute only what a clause after them says ("a poll found
    that ..."), learned from PolNeAR train (``clause_lemmas``)."""
    lemmas = _json("cues_learned.json").get("clause_lemmas", {})
    return frozenset(form for lemma, (_, _, forms) in lemmas.items() for form in (lemma, *forms))


@cache
def belief_cue_forms() -> frozenset[str]:
    """Forms of verbs that attribute a clause after them when the writer reports someone
    else's view ("the senator believes that ..."), learned from PolNeAR train
    (``belief_lemmas``)."""
    lemmas = _json("cues_learned.json").get("belief_lemmas", {})
    return frozenset(form for lemma, (_, _, forms) in lemmas.items() for form in (lemma, *forms))


@cache
def plan_cue_forms() -> frozenset[str]:
    """Forms of verbs that attribute their "to" complement when a name is their subject
    ("X plans to run"), learned from PolNeAR train (``plan_lemmas``)."""
    lemmas = _json("cues_learned.json").get("plan_lemmas", {})
    return frozenset(form for lemma, (_, _, forms) in lemmas.items() for form in (lemma, *forms))


@cache
def prep_cue_forms() -> dict[str, frozenset[str]]:
    """Verb form -> prepositions whose object is what the verb attributes ("called for a
    ban", "spoke about the border"), learned from PolNeAR train (``prep_lemmas``)."""
    pairs = _json("cues_learned.json").get("prep_lemmas", {})
    out: dict[str, set[str]] = {}
    for pair, (_, _, forms) in pairs.items():
        lemma, prep = pair.split(" ", 1)
        for form in (lemma, *forms):
            out.setdefault(form, set()).add(prep)
    return {form: frozenset(preps) for form, preps in out.items()}


@cache
def translit_rules() -> tuple[tuple[re.Pattern[str], str], ...]:
    """Ordered regex rewrites folding transliteration variants."""
    return tuple((re.compile(pat), rep) for pat, rep in _json("translit.json")["rules"])


@cache
def country_names() -> dict[str, str]:
    """ISO 3166 country names, each form -> one key per country (bench/country_names.py)."""
    return dict(_json("country_names.json")["names"])


@cache
def institutions() -> Institutions:
    """Institution naming data."""
    data = _json("institutions.json")
    return Institutions(
        metonyms=dict(data["metonyms"]),
        org_rewrites=tuple((re.compile(p), r) for p, r in data["org_rewrites"]),
        stop_words=frozenset(data["stop_words"]),
        demonyms=dict(data["demonyms"]),
        country_aliases=dict(data["country_aliases"]),
    )


@dataclass(frozen=True, slots=True)
class Temporal:
    """Calendar vocabulary."""

    months: dict[str, int]
    weekdays: dict[str, int]
    seasons: dict[str, str]
    numbers: dict[str, float]
    future_cues: tuple[str, ...]


@cache
def temporal() -> Temporal:
    """Month, weekday, season and number words."""
    data = _json("temporal.json")
    return Temporal(
        months=dict(data["months"]),
        weekdays=dict(data["weekdays"]),
        seasons=dict(data["seasons"]),
        numbers={k: float(v) for k, v in data["numbers"].items()},
        future_cues=tuple(data["future_cues"]),
    )
