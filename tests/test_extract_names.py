"""Name normalisation: transliteration keys, titles, institution keys and acronyms."""

from __future__ import annotations

import pytest

from narrascope.extract import names


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Sergei", "Sergey"),
        ("Zelensky", "Zelenskyy"),
        ("Zelenskiy", "Zelensky"),
        ("Yury", "Yuri"),
        ("Aleksei", "Alexey"),
        ("Andrii", "Andriy"),
        ("Yevgeny", "Evgeny"),
        ("Khodorkovsky", "Hodorkovsky"),
    ],
)
def test_extract_names_transliteration_variants_share_a_key(a: str, b: str) -> None:
    assert names.translit_key(a) == names.translit_key(b)


@pytest.mark.parametrize(
    ("a", "b"), [("Maria", "Mario"), ("Ivanov", "Ivanova"), ("Lavrov", "Lebedev")]
)
def test_extract_names_different_names_keep_different_keys(a: str, b: str) -> None:
    assert names.translit_key(a) != names.translit_key(b)


@pytest.mark.parametrize(
    ("raw", "bare"),
    [
        ("Russian President Vladimir Putin", "Vladimir Putin"),
        ("Former U.S. President Donald Trump", "Donald Trump"),
        ("Spokeswoman Maria Zakharova", "Maria Zakharova"),
        ("Foreign Minister Sergei Lavrov’s", "Sergei Lavrov"),
        ("Putin", "Putin"),
    ],
)
def test_extract_names_titles_and_possessives_are_stripped(raw: str, bare: str) -> None:
    assert names.strip_titles(raw) == bare


def test_extract_names_institution_key_ignores_word_order_and_demonyms() -> None:
    keys = {
        names.org_key(n)
        for n in (
            "the Russian Foreign Ministry",
            "Russian Ministry of Foreign Affairs",
            "Ministry of Foreign Affairs of Russia",
            "Russia’s foreign ministry",
        )
    }
    assert len(keys) == 1


def test_extract_names_acronyms_and_metonyms() -> None:
    assert names.acronym_of("Ministry of Foreign Affairs") == "MFA"
    assert names.acronym_of("North Atlantic Treaty Organization") == "NATO"
    assert names.is_acronym("U.S.")
    assert not names.is_acronym("Nato")
    assert names.metonym_key("the Kremlin") == names.org_key("Russian presidency")
