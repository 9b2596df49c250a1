"""Name normalisation: titles, possessives, transliteration keys, acronyms, institution keys."""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

from anyascii import anyascii

from narrascope.extract import resources

_POSSESSIVE = re.compile(r"(?:['’]s|['’])$")
_EDGE = re.compile(r"^[\s\"“”‘’'(\[–—-]+|[\s\"“”‘’'),.:;!?\]–—-]+$")
_ACRONYM = re.compile(r"^(?:[A-Z]\.?){2,6}$")
_WORD = re.compile(r"[\w'’.-]+")
PARTICLES = frozenset(
    {
        "da",
        "de",
        "del",
        "der",
        "di",
        "dos",
        "du",
        "el",
        "al",
        "la",
        "le",
        "van",
        "von",
        "bin",
        "ibn",
    }
)


def trim_span(text: str, start: int, end: int) -> tuple[int, int]:
    """Shrink ``text[start:end]`` past a leading "the", edge punctuation and a possessive."""
    piece = text[start:end]
    lead = re.match(r"^(?:[\s\"“”‘’'(\[]+|[Tt]he\s+)+", piece)
    if lead:
        start += lead.end()
    piece = text[start:end]
    trail = re.search(r"(?:['’]s|['’]|[ \t]s)?[\s\"“”‘’'),.:;!?\]–—-]*$", piece)
    if trail and trail.start() > 0:
        end = start + trail.start()
    return start, end


def words(name: str) -> list[str]:
    """The word tokens of a name."""
    return _WORD.findall(name)


def strip_titles(name: str) -> str:
    """Drop leading titles, roles and demonyms.

    "Russian President Vladimir Putin" -> "Vladimir Putin".
    """
    toks = words(_EDGE.sub("", name))
    toks = [_POSSESSIVE.sub("", t) if i == len(toks) - 1 else t for i, t in enumerate(toks)]
    known = resources.titles()
    demonyms = resources.institutions().demonyms
    changed = True
    while changed and len(toks) > 1:
        changed = False
        for size in (3, 2, 1):
            head = " ".join(toks[:size]).lower()
            if len(toks) > size and (
                head in known or head in demonyms or head in {"the", "u.s.", "us"}
            ):
                toks = toks[size:]
                changed = True
                break
    return " ".join(toks)


@lru_cache(maxsize=65536)
def translit_key(token: str) -> str:
    """A key shared by transliteration variants: Sergei/Sergey, Zelensky/Zelenskyy, Yury/Yuri."""
    key = anyascii(token).lower()
    for pattern, replacement in resources.translit_rules():
        key = pattern.sub(replacement, key)
    return key


def person_key(name: str) -> tuple[str, ...]:
    """Transliteration keys of the name's words, particles dropped."""
    toks = [t for t in words(name) if t.lower() not in PARTICLES]
    return tuple(k for k in (translit_key(t) for t in toks) if k)


GENERATIONS = ("jr", "sr", "ii", "iii", "iv")


@lru_cache(maxsize=1)
def _generation_keys() -> frozenset[str]:
    return frozenset(translit_key(g) for g in GENERATIONS)


def generation(key: tuple[str, ...]) -> str:
    """The generational suffix of a person key (that of "Jr." in "Ann Roe Jr."), else ""."""
    return key[-1] if len(key) > 1 and key[-1] in _generation_keys() else ""


def surname(key: tuple[str, ...]) -> str:
    """The last word of a person key that is not a generational suffix."""
    core = key[:-1] if generation(key) else key
    return core[-1] if core else ""


def is_acronym(text: str) -> bool:
    """True for "NATO", "U.S.", "MFA"."""
    return bool(_ACRONYM.match(text.replace(" ", "")))


LEGAL_SUFFIXES = frozenset(
    {
        "inc",
        "incorporated",
        "corp",
        "corporation",
        "co",
        "company",
        "ltd",
        "limited",
        "llc",
        "plc",
        "gmbh",
        "ag",
        "nv",
        "lp",
    }
)
_INITIALS = re.compile(r"\b((?:[A-Za-z]\.\s?){2,})")


def collapse_initials(text: str) -> str:
    """Dotted or spaced initials as one word: "U.S. Geological" / "U. S." -> "US"."""
    return _INITIALS.sub(lambda m: re.sub(r"[.\s]", "", m.group(1)) + " ", text).strip()


def acronym_of(name: str) -> str:
    """Initials of a name's content words: "Ministry of Foreign Affairs" -> "MFA",
    "Hewlett-Packard Co." -> "HP", "U.S. Geological Survey" -> "USGS"."""
    stop = resources.institutions().stop_words
    initials = []
    for word in words(collapse_initials(name)):
        if word.lower() in stop or word.lower().strip(".") in LEGAL_SUFFIXES:
            continue
        if is_acronym(word) and word.isupper():
            initials.append(word.replace(".", ""))
            continue
        initials.extend(part[0] for part in word.split("-") if part[:1].isalpha())
    return "".join(initials).upper()


def _plain(name: str) -> str:
    text = anyascii(_EDGE.sub("", name)).lower()
    text = re.sub(r"^the\s+", "", text)
    return _POSSESSIVE.sub("", text).strip()


def group_key(name: str) -> str:
    """Key of a nationality, party or other group: lower case, a plural folded to its
    singular ("Republicans" and "Republican", "Hindus" and "Hindu"; not "Swiss")."""
    key = " ".join(name.lower().split())
    if len(key) > 3 and key.endswith("s") and not key.endswith("ss") and key[-2].isalpha():
        key = key[:-1]
    return key


def place_key(name: str) -> str:
    """Key of a place: "the Russian Federation" and "Russia" share one, as do the ISO
    names of a country ("Democratic Republic of the Congo", "DR Congo")."""
    plain = _plain(name)
    aliases = resources.institutions().country_aliases
    key = aliases.get(plain, aliases.get(plain.replace(".", ""), plain.replace(".", "")))
    official = resources.country_names().get(country_form(name))
    if official and key == plain.replace(".", ""):
        return aliases.get(official, official)
    if key == plain.replace(".", "") and key.isalpha() and not _country_word(key):  # one word:
        return _PLACE_ENDING.sub("iv", translit_key(key))  # "Kyiv"/"Kiev" and the like
    return key


_PLACE_ENDING = re.compile(r"(?:ie|e|o)v$")  # Russian "-ov"/"-ev" against Ukrainian "-iv"


@lru_cache(maxsize=1)
def _country_words() -> frozenset[str]:
    """Every key a country name or alias resolves to (kept as is, never folded)."""
    inst = resources.institutions()
    return frozenset(
        {*inst.country_aliases.values(), *inst.demonyms.values(),
         *resources.country_names().values(), *_territories()}
    )  # fmt: skip


def _country_word(key: str) -> bool:
    return key in _country_words()


def country_form(name: str) -> str:
    """A country name as the ISO name table keys it: plain lower-case ASCII words, no
    "the" ("The Democratic Republic of the Congo" -> "democratic republic of congo")."""
    return " ".join(w for w in re.findall(r"[a-z0-9'-]+", _plain(name)) if w != "the")


def metonym_key(name: str) -> str | None:
    """Institution a building metonym stands for ("Kremlin" -> "presidency russia")."""
    return resources.institutions().metonyms.get(_plain(name))


def org_key(name: str) -> str:
    """Order-free key of an organisation.

    "Ministry of Foreign Affairs of Russia" and "Russian Foreign Ministry" share one.
    """
    inst = resources.institutions()
    text = collapse_initials(_plain(name)).replace("'s ", " ").replace("’s ", " ")
    for pattern, replacement in inst.org_rewrites:
        text = pattern.sub(replacement, text)
    toks: list[str] = []
    for tok in re.findall(r"[a-z0-9.]+", text):
        tok = tok.strip(".") if len(tok) > 3 else tok
        if tok in inst.stop_words or not tok:
            continue
        country = inst.demonyms.get(tok) or inst.country_aliases.get(tok)
        for word in country.split() if country else [tok]:  # "EU": "european" -> "europe"
            toks.extend(inst.demonyms.get(word, word).split() if country else [word])
    core = [t for t in toks if t.strip(".") not in LEGAL_SUFFIXES]  # "Intel Corp." = "Intel"
    return " ".join(sorted(set(core or toks)))


# nouns of bodies inside an institution ("Senate Judiciary Committee" is not the Senate)
_SUB_BODIES = frozenset(
    {"committee", "subcommittee", "commission", "panel", "caucus", "delegation", "office",
     "department", "division", "bureau", "board", "unit", "chapter", "branch", "wing"}
)  # fmt: skip


def sub_body(words: Sequence[str], opening: int = 1) -> bool:
    """A body inside the one its first ``opening`` words name: a sub-body noun after a
    qualifier ("Senate Judiciary Committee", "Senate Select Committee on Intelligence");
    "State Department" and "Staunton Police Department" (after "Staunton Police") are
    the department itself."""
    return len(words) >= opening + 2 and any(
        w.casefold() in _SUB_BODIES for w in words[opening:]
    )


def is_demonym(name: str) -> bool:
    """A nationality word ("Ukrainian", "Russians"), not also a country's short name."""
    inst = resources.institutions()
    plain = _plain(name)
    single = plain[:-1] if plain.endswith("s") and plain[:-1] in inst.demonyms else plain
    named = single in inst.country_aliases or single in _territories()
    return single in inst.demonyms and not named and single not in resources.country_names()


def country_of(name: str) -> str | None:
    """The country a demonym or country name points to, if any."""
    inst = resources.institutions()
    plain = _plain(name)
    return inst.demonyms.get(plain) or inst.country_aliases.get(plain)


@lru_cache(maxsize=1)
def _territories() -> frozenset[str]:
    """Lowercase English names of the world's countries and regions (CLDR, via Babel)."""
    from babel import Locale

    return frozenset(name.lower() for name in Locale("en").territories.values())


def is_country(name: str) -> bool:
    """Whether ``name`` names a country or world region (CLDR names, aliases, demonyms)."""
    return country_of(name) is not None or _plain(name) in _territories()
