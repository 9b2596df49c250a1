"""Corpus-level identity: one canonical entity for each person, organisation or place.

Blocking keeps linking near-linear: records are grouped by exact keys (the
transliteration key of a surname, the order-free key of an organisation, the
key of a place), and only distinct name variants inside one block, or surname
keys that sort next to each other, are compared with rapidfuzz.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from typing import TypeVar

from rapidfuzz import fuzz

from narrascope.extract import names
from narrascope.extract.canonical import (
    acronym_table,
    cluster_identity,
    dominant,
    kind_of,
    org_key_expanded,
)
from narrascope.extract.link_variants import (
    link_descriptions,
    link_partial_names,
    link_spelling_variants,
)
from narrascope.extract.overrides import apply_overrides
from narrascope.models import Document, Entity, Quote
from narrascope.store.base import EntityOverride
from narrascope.unionfind import UnionFind

T = TypeVar("T")

FIRST_NAME_SIMILARITY = 80  # rapidfuzz ratio for first-name variants (Aleksandr / Alexander)
SURNAME_SIMILARITY = 90  # for surname keys that sort next to each other
NEIGHBOURS = 2  # sorted-neighbourhood window


@dataclass(frozen=True, slots=True)
class Record:
    """A document-level entity waiting to be linked."""

    doc: int
    entity: Entity

    @property
    def kind(self) -> str:
        return kind_of(self.entity.type)


Part = tuple[Entity, str, str]  # a document-level entity, its corpus id and canonical name


def link_entities(
    docs: list[Document], overrides: Sequence[EntityOverride] = (), *, story: bool = False
) -> list[Entity]:
    """Canonical corpus entities; rewrites each document's ids to them. ``story``: the
    documents report one story, so descriptions with one head noun are one entity."""
    corpus, parts = _link(docs, overrides, story=story)
    for i, doc in enumerate(docs):
        relink_document(doc, parts.get(i, []))
    return corpus


def plan_links(
    docs: Sequence[Document], overrides: Sequence[EntityOverride] = ()
) -> tuple[list[Entity], dict[str, list[Part]]]:
    """Canonical corpus entities, and for each document id the parts to relink it with.

    Reads only ``id`` and ``entities`` of the documents (texts may be empty), so a
    caller can link a corpus from a projection and relink the full documents
    later, batch by batch, with :func:`relink_document`.
    """
    corpus, parts = _link(docs, overrides)
    by_id: dict[str, list[Part]] = defaultdict(list)
    for i, doc_parts in parts.items():
        by_id[docs[i].id].extend(doc_parts)
    return corpus, dict(by_id)


def _link(
    docs: Sequence[Document], overrides: Sequence[EntityOverride], *, story: bool = False
) -> tuple[list[Entity], dict[int, list[Part]]]:
    """Corpus entities and, per document index, its parts (blocking, rapidfuzz, overrides)."""
    records = [Record(i, e) for i, doc in enumerate(docs) for e in doc.entities]
    records = _retype_organisations(_retype_places(_retype_surnames(records)))
    uf: UnionFind[int] = UnionFind()
    for i in range(len(records)):
        uf.find(i)
    _link_people(records, uf, story=story)
    _link_by_keys(records, uf, story=story)
    if story:
        link_descriptions(records, uf)
    groups = [
        [(records[i], records[i].entity) for i in sorted(members)]
        for members in uf.groups().values()
    ]
    return _plan(docs, apply_overrides(groups, overrides))


def _retype_places(records: list[Record]) -> list[Record]:
    """A one-word "person" whose name the corpus also tags as a place is that place, and
    so is a one-word "organisation" the corpus tags as a place in more articles.

    The small recogniser often tags a capital as PERSON or ORG ("Kyiv said") in one
    article and as GPE in another; a name that is never more than one word is not a
    person's full name, so the place reading wins; a city's team ("Jacksonville" for
    the Jaguars) stays an organisation where most articles read it so.
    """
    places = {
        names.place_key(alias): rec.entity.type
        for rec in records
        if rec.kind == "PLACE"
        for alias in rec.entity.aliases
    }
    places.pop("", None)
    people = [_as_place(rec, places) if rec.kind == "PERSON" else rec for rec in records]
    as_place = Counter(names.place_key(r.entity.name) for r in people if r.kind == "PLACE")
    as_org = Counter(names.place_key(r.entity.name) for r in people if r.kind == "ORG")
    return [
        _as_place(rec, places)
        if rec.kind == "ORG" and as_place[names.place_key(rec.entity.name)]
        > as_org[names.place_key(rec.entity.name)]
        else rec
        for rec in people
    ]


def _as_place(rec: Record, places: dict[str, str]) -> Record:
    """``rec`` retyped as the place the corpus names so, when its name is one word."""
    entity = rec.entity
    if not all(len(a.split()) == 1 for a in entity.aliases):
        return rec
    label = places.get(names.place_key(entity.name))
    if label is None:
        return rec
    mentions = tuple(replace(m, label=label) for m in entity.mentions)
    return Record(rec.doc, replace(entity, type=label, mentions=mentions))


def _retype_organisations(records: list[Record]) -> list[Record]:
    """A one-word "person" whose name the corpus also tags as an organisation, and that
    no one named in full carries, is that organisation: the small recogniser reads an
    outlet's name ("Politico", "Infowars") as a person in some articles and as an
    organisation in others; a person's surname ("Trump" beside "Donald Trump") never is."""
    orgs = {
        alias.casefold()
        for rec in records
        if rec.entity.type == "ORG"
        for alias in rec.entity.aliases
        if len(alias.split()) == 1
    }
    in_full = {
        word.casefold()
        for rec in records
        if rec.kind == "PERSON"
        for alias in rec.entity.aliases
        if len(alias.split()) > 1
        for word in alias.split()
    }
    out = []
    for rec in records:
        entity = rec.entity
        name = entity.name.casefold()
        one_word = all(len(a.split()) == 1 for a in entity.aliases)
        if rec.kind == "PERSON" and one_word and name in orgs and name not in in_full:
            mentions = tuple(replace(m, label="ORG") for m in entity.mentions)
            rec = Record(rec.doc, replace(entity, type="ORG", mentions=mentions))
        out.append(rec)
    return out


SURNAME_SHARE = 0.5  # people named so in at least half as many documents


def _retype_surnames(records: list[Record]) -> list[Record]:
    """A "place" or "organisation" whose name the corpus gives people, about as often,
    is a person: "the Okonkwo administration" tags the surname as a place in article
    after article, "Okonkwo/Ada Lind" makes "Ada Lind" an organisation. One word is
    compared with the surnames of people named in full, more words with full names. A
    country never is ("Jordan"), nor a name far more often a place ("Washington")."""
    surnames: Counter[tuple[str, ...]] = Counter()
    fulls: Counter[tuple[str, ...]] = Counter()
    for rec in records:
        if rec.kind == "PERSON":
            key = _person_keys(rec.entity.name)
            if len(key) > 1:
                surnames[(names.surname(key),)] += 1
                fulls[key] += 1
    others: Counter[tuple[str, ...]] = Counter()
    candidates: list[tuple[int, tuple[str, ...]]] = []
    for i, rec in enumerate(records):
        entity = rec.entity
        if rec.kind == "PERSON" or not _name_words(entity) or names.is_country(entity.name):
            continue
        key = _person_keys(entity.name)
        if (len(key) == 1 and key in surnames) or (len(key) > 1 and key in fulls):
            others[key] += 1
            candidates.append((i, key))
    out = list(records)
    for i, key in candidates:
        people = surnames[key] if len(key) == 1 else fulls[key]
        if people >= SURNAME_SHARE * others[key]:
            rec = records[i]
            mentions = tuple(replace(m, label="PERSON") for m in rec.entity.mentions)
            out[i] = Record(rec.doc, replace(rec.entity, type="PERSON", mentions=mentions))
    return out


def _name_words(entity: Entity) -> bool:
    """Every alias capitalised words, none an acronym, at most three."""
    return bool(entity.aliases) and all(
        len(alias.split()) <= 3 and all(w[:1].isupper() and not w.isupper() for w in alias.split())
        for alias in entity.aliases
    )


def _person_keys(name: str) -> tuple[str, ...]:
    return names.person_key(name)


def _link_people(records: list[Record], uf: UnionFind[int], *, story: bool = False) -> None:
    people = [i for i, r in enumerate(records) if r.kind == "PERSON"]
    by_full: dict[tuple[str, ...], int] = {}
    counts: Counter[tuple[str, ...]] = Counter()  # documents naming each full key
    for i in people:
        key = _person_keys(records[i].entity.name)
        if key:
            uf.union(i, by_full.setdefault(key, i))
            counts[key] += 1
    blocks: dict[str, list[tuple[str, ...]]] = defaultdict(list)
    for key in by_full:
        blocks[names.surname(key)].append(key)
    for surname in _similar_surnames(sorted(blocks)):
        blocks[surname[0]].extend(blocks.pop(surname[1], []))
    for keys in blocks.values():
        _link_block(keys, by_full, uf, counts, story=story)


def _similar_surnames(surnames: list[str]) -> list[tuple[str, str]]:
    """Pairs of near-identical surname keys among sorted neighbours."""
    pairs = []
    for i, key in enumerate(surnames):
        for other in surnames[i + 1 : i + 1 + NEIGHBOURS]:
            if (
                len(key) >= 5
                and key[0] == other[0]
                and fuzz.ratio(key, other) >= SURNAME_SIMILARITY
            ):
                pairs.append((key, other))
    return pairs


def _link_block(
    keys: list[tuple[str, ...]],
    by_full: dict[tuple[str, ...], int],
    uf: UnionFind[int],
    counts: Counter[tuple[str, ...]],
    *,
    story: bool = False,
) -> None:
    """Full names of one surname block that name one person; then the bare surname to
    the one person (or the main one). Within one story, one surname and one first
    initial are one person ("Kit Roe" and "Kathryn Roe", "Mo Roe" and "Maurice Roe")."""
    full = [k for k in keys if len(k) > 1]
    present = set(full)
    members: dict[int, list[tuple[str, ...]]] = defaultdict(list)  # root -> its full keys
    for k in full:
        members[uf.find(by_full[k])].append(k)

    def join(a: tuple[str, ...], b: tuple[str, ...]) -> None:
        """Union, unless a key of one side has another spelled-out middle name than a key
        of the other (no chain through "Rufus Okafor" makes two Okafors one)."""
        root_a, root_b = uf.find(by_full[a]), uf.find(by_full[b])
        if root_a == root_b or any(
            _middles_differ(x, y) for x in members[root_a] for y in members[root_b]
        ):
            return
        uf.union(root_a, root_b)
        keep = uf.find(root_a)
        members[keep] = members.pop(root_a, []) + members.pop(root_b, [])

    for k in full:  # "Crooked Hillary Clinton", "Miss Universe Ana Lopez": a name after a modifier
        tail = next((k[n:] for n in range(1, len(k) - 1) if k[n:] in present), None)
        if tail is not None and names.generation(k) == names.generation(tail):
            join(k, tail)
    pairs = [
        (a, b)
        for a_i, a in enumerate(full)
        for b in full[a_i + 1 :]
        if (_first_names_match(a[0], b[0]) or (story and a[0][:1] == b[0][:1]))
        and names.generation(a) == names.generation(b)
    ]
    pairs.sort(key=lambda pair: -_evidence(*pair))  # best evidence joins first
    for a, b in pairs:
        join(a, b)
    groups: Counter[int] = Counter()
    for k in full:
        groups[uf.find(by_full[k])] += counts[k]
    target = dominant(dict(groups)) if groups else None  # the one person, or the main one
    for key in keys:
        if len(key) == 1 and target is not None:
            uf.union(by_full[key], target)


def _middles_differ(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    """Two spelled-out, different middle names: two people ("J. Christopher Stevens" and
    "John Paul Stevens"), however their first names compare."""
    initials_a, initials_b = _middle_initials(a), _middle_initials(b)
    if initials_a and initials_b and initials_a != initials_b:
        return True  # "George H. W. Bush" and "George W. Bush": father and son
    middle_a, middle_b = _middle(a), _middle(b)
    if len(middle_a) < 3 or len(middle_b) < 3:  # absent or an initial: no evidence
        return False
    if middle_a in b or middle_b in a:  # "the real Bettie Page": a modifier, not a middle
        return False
    return not _first_names_match(middle_a, middle_b)


def _middle_initials(key: tuple[str, ...]) -> str:
    """The initials between the first name and the surname ("hv" of "George H.W. Bush"),
    "" where there are none or a middle word is spelled out."""
    core = key[:-1] if names.generation(key) else key
    middle = core[1:-1]
    if not middle or any(len(word) > 2 for word in middle):
        return ""
    return "".join(middle)


def _evidence(a: tuple[str, ...], b: tuple[str, ...]) -> int:
    """How strongly two full names of one surname say one person: the middle names'
    agreement first, then a first name spelled out the same (not only an initial)."""
    return 2 * _middle_agreement(a, b) + (a[0] == b[0] and len(a[0]) > 1)


def _middle_agreement(a: tuple[str, ...], b: tuple[str, ...]) -> int:
    """2: the same spelled-out middle name; 1: a middle initial that fits; 0: no evidence."""
    middle_a, middle_b = _middle(a), _middle(b)
    if not middle_a or not middle_b or not _first_names_match(middle_a, middle_b):
        return 0
    return 2 if min(len(middle_a), len(middle_b)) > 1 else 1


def _middle(key: tuple[str, ...]) -> str:
    """The middle name of a first-middle-surname person key, else "" (a longer key holds a
    nickname or a description, not one middle name)."""
    core = key[:-1] if names.generation(key) else key
    return core[1] if len(core) == 3 and len(core[2]) >= 3 else ""


def _first_names_match(a: str, b: str) -> bool:
    """Same first name: equal, an initial, a short form it opens (Fred / Frederick), or a
    transliteration variant."""
    short, long = sorted((a, b), key=len)
    if a == b or ((len(short) == 1 or len(short) >= 3) and long.startswith(short)):
        return True
    return fuzz.ratio(a, b) >= FIRST_NAME_SIMILARITY


def _link_by_keys(records: list[Record], uf: UnionFind[int], *, story: bool = False) -> None:
    """Organisations, places and other named things (products, works, laws) sharing a key;
    acronyms joined to their one expansion of the same kind."""
    tables: dict[str, dict[str, str]] = {}
    for kind in {r.kind for r in records} - {"PERSON", "PLACE", "NORP"}:
        full = (a for r in records if r.kind == kind for a in r.entity.aliases)
        groups = (r.entity.aliases for r in records if r.kind == kind)
        tables[kind] = acronym_table((a for a in full if not names.is_acronym(a)), groups)
    first: dict[tuple[str, str], int] = {}
    for i, rec in enumerate(records):
        for key in _record_keys(rec, tables.get(rec.kind, {})):
            uf.union(i, first.setdefault((rec.kind, key), i))
    if story:  # across a whole corpus, near-identical names are too often two things
        link_spelling_variants(records, uf)
    link_partial_names(records, uf, story=story)


def _record_keys(rec: Record, table: dict[str, str]) -> set[str]:
    """The most specific keys of a record (a bare "Foreign Ministry" links nothing on its own)."""
    e = rec.entity
    if rec.kind == "PLACE":
        keys = {names.place_key(a) for a in e.aliases}
    elif rec.kind == "NORP":
        keys = {names.group_key(a) for a in e.aliases}
    elif rec.kind == "PERSON":
        return set()
    else:  # ORG, and products, works, laws, events by the same order-free key
        keys = {org_key_expanded(a, table) for a in e.aliases}
    keys.discard("")
    return {k for k in keys if not any(set(k.split()) < set(o.split()) for o in keys)}


def _plan(
    docs: Sequence[Document], clusters: list[list[tuple[Record, Entity]]]
) -> tuple[list[Entity], dict[int, list[Part]]]:
    """Give every cluster a corpus id and name; the parts each document is relinked with."""
    per_doc: dict[int, list[Part]] = defaultdict(list)
    by_id: dict[str, Entity] = {}
    for members in clusters:
        cid, name, label = cluster_identity([part for _, part in members])
        aliases = {a for _, part in members for a in part.aliases}
        documents = [docs[rec.doc].id for rec, _ in members]
        same = by_id.get(cid)
        if same is not None:  # two clusters that end with one type and name are one identity
            name = same.name
            aliases |= set(same.aliases)
            documents = [*same.documents, *documents]
        unique_docs = tuple(dict.fromkeys(documents))
        by_id[cid] = Entity(cid, name, label, aliases=tuple(sorted(aliases)), documents=unique_docs)
        for rec, part in members:
            per_doc[rec.doc].append((part, cid, name))
    corpus = sorted(by_id.values(), key=lambda e: (-len(e.documents), e.name))
    return corpus, dict(per_doc)


def relink_document(doc: Document, parts: Sequence[Part]) -> None:
    """Rewrite a document's entities, headline mentions, quote speakers, event
    participants, and the entities its roles and tone are about, to corpus ids."""
    merged: dict[str, Entity] = {}
    local: dict[str, str] = {}
    for part, cid, cname in parts:
        local.setdefault(part.id, cid)
        mentions = tuple(replace(m, entity_id=cid) for m in part.mentions)
        if cid in merged:
            prev = merged[cid]
            mentions = tuple(sorted(prev.mentions + mentions, key=lambda m: m.start))
            aliases = tuple(sorted(set(prev.aliases) | set(part.aliases)))
            merged[cid] = replace(prev, mentions=mentions, aliases=aliases)
        else:
            merged[cid] = replace(part, id=cid, name=cname, mentions=mentions)
    doc.entities = sorted(merged.values(), key=lambda e: e.mentions[0].start if e.mentions else 0)
    doc.title_mentions = [
        replace(m, entity_id=local.get(m.entity_id, m.entity_id)) if m.entity_id else m
        for m in doc.title_mentions
    ]
    doc.quotes = [_relink_quote(q, local, merged) for q in doc.quotes]
    doc.events = [
        replace(ev, participants=tuple(dict.fromkeys(local.get(p, p) for p in ev.participants)))
        for ev in doc.events
    ]
    roles = [
        replace(r, entity_id=local[r.entity_id]) if r.entity_id in local else r for r in doc.roles
    ]
    doc.roles = _one_per_entity(roles, lambda r: r.entity_id, lambda r: r.score)
    tone = [replace(t, target=local[t.target]) if t.target in local else t for t in doc.tone]
    doc.tone = _one_per_entity(tone, lambda t: t.target, lambda t: len(t.evidence))


def _one_per_entity(
    items: list[T], key: Callable[[T], str | None], weight: Callable[[T], float]
) -> list[T]:
    """Findings about entities the corpus merged: the weightiest per entity (the best-scored
    role, the tone read from most sentences), in their first order; unattached ones all kept."""
    best: dict[str, T] = {}
    for item in items:
        k = key(item)
        if k is not None and (k not in best or weight(item) > weight(best[k])):
            best[k] = item
    return [i for i in items if key(i) is None or best[key(i) or ""] is i]


def _relink_quote(q: Quote, local: dict[str, str], merged: dict[str, Entity]) -> Quote:
    if q.speaker_entity_id is None:
        return q
    cid = local.get(q.speaker_entity_id, q.speaker_entity_id)
    entity = merged.get(cid)
    return replace(q, speaker_entity_id=cid, speaker_name=entity.name if entity else q.speaker_name)
