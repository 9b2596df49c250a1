"""Corpus linking of names written in part, names spelt two ways, and descriptions.

A short name joins the longer name of its type that it ends or opens ("Gulls" ->
"Bay Gulls", "Morrow" -> "Morrow Clinic"; in one story "Wren Hollis" -> "Wren Hollis
Clinic"), the most named one when several fit; two
names of one type that differ in one word spelt a little differently ("Centre" /
"Center") are one; within one story, descriptions headed by the same common noun
("Harbour store", "the harbour jewellery store") are one.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from typing import Protocol

from rapidfuzz import fuzz

from narrascope.extract import names
from narrascope.models import Entity
from narrascope.unionfind import UnionFind

DOMINANCE = 3  # among several longer names, one named this many times as often wins
VARIANT_SIMILARITY = 80  # rapidfuzz ratio of the one word two names spell differently
PERSON_VARIANT_SIMILARITY = 85
SHORT_FORM_TYPES = frozenset({"ORG", "FAC", "PRODUCT", "WORK_OF_ART", "EVENT", "LAW"})


class LinkRecord(Protocol):
    """A document-level entity waiting to be linked (``linking.Record``)."""

    @property
    def entity(self) -> Entity: ...

    @property
    def kind(self) -> str: ...


# "Order of Saint Brannoc" does not end in its short form: the name's head comes before "of"
_LINKING_WORDS = frozenset({"of", "for", "and", "&", "the", "on", "in", "at", "to", "against"})


def _toks(alias: str) -> tuple[str, ...]:
    return tuple(t.casefold() for t in names.words(alias))


def _has_number(toks: Sequence[str]) -> bool:
    return any(any(c.isdigit() for c in t) for t in toks)


def link_partial_names(
    records: Sequence[LinkRecord], uf: UnionFind[int], *, story: bool = False
) -> None:
    """A name joins the longer name of its type that it ends, or opens (a name of two
    words or more only within one ``story``: across a corpus "Harbour University" is not
    "Harbour University Press"); with several,
    the one named in ``DOMINANCE`` times as many documents as any other, else none
    ("North Gulls" and "South Gulls" leave "Gulls" alone). A longer name that only adds
    a number ("Viewer 8", "2008 Gulls") is a version or a season, not the same thing.
    Acronyms, people and places (where "Kent" is not "Kent County") are never joined
    this way, nor a tail after a linking word ("Saint Brannoc" is not
    "Order of Saint Brannoc") or a head before one ("Justice" is not "Justice Against
    Sponsors of Terrorism Act"). Longer names are joined first, so "Gulls" sees "Bay Gulls" as one.
    Across a whole corpus (not one ``story``) a short name joins only when exactly one
    longer name fits: "House" must not become the most named of many committees. A name
    never opens a body inside what it names ("Senate" is not the "Senate Intelligence
    Committee"), and a short name its entity, or the entities already linked to it, write
    beside a longer form is placed ("State" of "State Department" does not pull in "Deep
    State")."""
    longer: dict[tuple[str, tuple[str, ...]], set[int]] = defaultdict(set)
    for i, rec in enumerate(records):
        if rec.entity.type not in SHORT_FORM_TYPES:
            continue
        for alias in rec.entity.aliases:
            toks = _toks(alias)
            for n in range(1, len(toks)):
                if not _has_number(toks[:n]) and toks[n - 1] not in _LINKING_WORDS:
                    longer[(rec.entity.type, toks[n:])].add(i)
                opens = (n == 1 or story) and toks[n] not in _LINKING_WORDS
                if opens and not _has_number(toks[n:]) and not names.sub_body(toks, n):
                    longer[(rec.entity.type, toks[:n])].add(i)
    order = sorted(
        (i for i, r in enumerate(records) if r.entity.type in SHORT_FORM_TYPES),
        key=lambda i: -max((len(names.words(a)) for a in records[i].entity.aliases), default=0),
    )
    held: dict[int, set[str]] = defaultdict(set)  # the names each linked group writes
    for i, rec in enumerate(records):
        held[uf.find(i)].update(rec.entity.aliases)
    for i in order:
        aliases = records[i].entity.aliases
        if not aliases or any(names.is_acronym(a) for a in aliases):
            continue
        kind = records[i].entity.type
        group = held.get(uf.find(i), set()) | set(aliases)
        found: set[int] = set()
        for alias in aliases:
            fit = longer.get((kind, _toks(alias)), set())
            if is_placed(_toks(alias), group):  # only a description may still join it
                fit = {j for j in fit if not any(map(_proper, records[j].entity.aliases))}
            found |= fit
        size = Counter(uf.find(j) for j in found)  # records naming each candidate
        # written beside its national form in an article already joined to it ("Supreme
        # Court" with "U.S. Supreme Court"), a short name is placed: it reaches no other
        # longer name ("Manhattan Supreme Court")
        if any(_national(a, b) for j in found if uf.find(j) == uf.find(i)
               for a in aliases for b in records[j].entity.aliases):  # fmt: skip
            continue
        beside = {j for j in found if set(aliases) & set(records[j].entity.aliases)}
        size.pop(uf.find(i), None)
        # among several, the one an article writes the short name beside
        paired = Counter(r for r in (uf.find(j) for j in beside) if r in size)
        target = _only(paired) if len(size) > 1 and paired else None
        target = target if target is not None else _dominant(size) if story else _only(size)
        if not story and _generic_body(aliases):  # "Congress" is not the one "African
            target = _only(paired) if paired else None  # National Congress" unless beside it
        if target is not None:
            names_held = held.pop(uf.find(i), set()) | held.pop(uf.find(target), set())
            uf.union(i, target)
            held[uf.find(i)] = names_held


# one-word names every country gives a body of its own: across a corpus such a name is
# the body of a longer name only in articles that write the two together
_GENERIC_BODIES = frozenset(
    {"congress", "parliament", "senate", "house", "government", "cabinet", "army", "navy",
     "police", "court", "council", "assembly", "party", "ministry", "commission", "duma",
     "legislature", "administration", "military", "presidency", "state"}
)  # fmt: skip


def _generic_body(aliases: Iterable[str]) -> bool:
    return all(
        len(_toks(a)) == 1 and a.casefold().strip(".") in _GENERIC_BODIES for a in aliases
    )


def is_placed(toks: tuple[str, ...], aliases: Iterable[str]) -> bool:
    """A short name whose entity (or the group it is linked to) already holds a longer
    proper name of it ("State" beside "State Department"): its place is taken, it is no
    short form of another entity's name ("Deep State"). A description ("Kansas City
    team") or a numbered version ("Chiefs 7") places nothing, and a placed name still
    joins a description ("Kansas City" of "Kansas City Chiefs" and "Kansas City team")."""
    n = len(toks)
    for alias in aliases:
        other = _toks(alias)
        fits = len(other) > n and (other[:n] == toks or other[-n:] == toks)
        if fits and _proper(alias) and not _has_number(other):
            return True
    return False


def _proper(alias: str) -> bool:
    """A name, not a description: every word capitalised but linking words."""
    return all(w[:1].isupper() or w.casefold() in _LINKING_WORDS for w in names.words(alias))


def _national(short: str, name: str) -> bool:
    """``name`` is ``short`` after country words: "U.S. Supreme Court", "Greek Parliament"."""
    s = [w.casefold() for w in names.words(short)]
    n = [w.casefold() for w in names.words(name)]
    head = n[: len(n) - len(s)]
    countries = all(names.country_of(w.replace(".", "")) for w in head)
    return bool(head) and n[len(head) :] == s and countries


def _only(counts: Counter[int]) -> int | None:
    return next(iter(counts)) if len(counts) == 1 else None


def _dominant(counts: Counter[int]) -> int | None:
    ranked = counts.most_common(2)
    if not ranked:
        return None
    if len(ranked) == 1 or ranked[0][1] >= DOMINANCE * ranked[1][1]:
        return ranked[0][0]
    return None


def link_spelling_variants(records: Sequence[LinkRecord], uf: UnionFind[int]) -> None:
    """Names of one kind, two words or more, equal but for one word of four letters or
    more spelt a little differently ("Harbour Centre" / "Harbour Center", "Ann Raite" /
    "Ann Rait"); words with digits never count as variants."""
    blocks: dict[tuple[str, tuple[str, ...], int], list[tuple[str, int]]] = defaultdict(list)
    for i, rec in enumerate(records):
        for alias in rec.entity.aliases:
            toks = _toks(alias)
            if len(toks) < 2 or names.is_acronym(alias):
                continue
            for pos, word in enumerate(toks):
                if len(word) >= 4 and word.isalpha():
                    masked = (*toks[:pos], "", *toks[pos + 1 :])
                    blocks[(rec.kind, masked, pos)].append((word, i))
    for (kind, _, _), members in blocks.items():
        floor = PERSON_VARIANT_SIMILARITY if kind == "PERSON" else VARIANT_SIMILARITY
        words = sorted({w for w, _ in members})
        if len(words) < 2:
            continue
        first: dict[str, int] = {}
        for w, i in members:
            first.setdefault(w, i)
        for a_i, a in enumerate(words):
            for b in words[a_i + 1 :]:
                if a[0] == b[0] and fuzz.ratio(a, b) >= floor:
                    uf.union(first[a], first[b])
        for w, i in members:
            uf.union(i, first[w])


_CUT = re.compile(r"\s(?:of|in|at|on|near|from|for|with)\s")


def description_head(alias: str) -> str | None:
    """The common noun heading a description ("Harbour jewellery store" -> "store",
    "harbour mother of two" -> "mother"), or None for a name (its head is capitalised)."""
    cut = _CUT.search(alias)
    core = alias[: cut.start()] if cut else alias
    toks = names.words(core)
    if len(toks) < 2 or not toks[-1].isalpha() or not toks[-1].islower():
        return None
    return toks[-1]


def link_descriptions(records: Sequence[LinkRecord], uf: UnionFind[int]) -> None:
    """Within one story: descriptions of one kind with the same head noun are one
    entity ("Harbour store" and "a high end Harbour store")."""
    first: dict[tuple[str, str], int] = {}
    for i, rec in enumerate(records):
        for alias in rec.entity.aliases:
            head = description_head(alias)
            if head is not None:
                uf.union(i, first.setdefault((rec.kind, head), i))
