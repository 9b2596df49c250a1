"""Within-document identity: which mentions of one article name the same entity.

Titles and roles are stripped, a surname or first name alone joins the full name
it belongs to, acronyms join the name they abbreviate, metonyms ("the Kremlin")
join the institution they stand for, and transliteration variants share a key.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import replace

from narrascope.extract import names, resources
from narrascope.ids import short_id
from narrascope.models import Entity, Mention
from narrascope.unionfind import UnionFind

PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
# across documents, an organisation is not named after a name that this many times fewer
# of its articles use than its most used one ("CNN" in 40 articles, not a jibe spelling out
# its letters in 2; the "State Department", not the one article's "State of the Holy See"
# that a bare "State" tied to it)
RARE_NAME = 4
DOMINANT_EXPANSION = 3  # across documents, an acronym's expansion this many times more named


def kind_of(label: str) -> str:
    """Coarse kind used for joining: PERSON, ORG, PLACE or NORP."""
    return "PLACE" if label in PLACE_LABELS else label


def mention_name(mention: Mention) -> str:
    """The mention's name with titles stripped (people) or as written."""
    return names.strip_titles(mention.text) if mention.label == "PERSON" else mention.text


def document_entities(
    doc_id: str, mentions: Sequence[Mention]
) -> tuple[list[Entity], list[Mention]]:
    """Cluster ``mentions`` into identities; returns the entities and the mentions with ids."""
    uf: UnionFind[int] = UnionFind()
    for i in range(len(mentions)):
        uf.find(i)
    _join_people(mentions, uf)
    _join_by_key(mentions, uf)
    _join_orgs(mentions, uf)
    _join_same_name(mentions, uf)
    entities: list[Entity] = []
    linked: list[Mention] = list(mentions)
    for members in uf.groups().values():
        entity = _entity(doc_id, [mentions[i] for i in sorted(members)])
        entities.append(entity)
        for i in members:
            linked[i] = replace(mentions[i], entity_id=entity.id)
    entities.sort(key=lambda e: min(m.start for m in e.mentions))
    return entities, linked


def _join_people(mentions: Sequence[Mention], uf: UnionFind[int]) -> None:
    people = [i for i, m in enumerate(mentions) if m.label == "PERSON"]
    keys = {i: names.person_key(mention_name(mentions[i])) for i in people}
    full = [i for i in people if len(keys[i]) > 1]
    by_key: dict[tuple[str, ...], int] = {}
    for i in full:
        uf.union(i, by_key.setdefault(keys[i], i))
    reps = list(by_key.items())
    for key, i in reps:  # "Costa da Silva" inside "Joao Pedro Costa da Silva"
        supers = [
            j
            for other, j in reps
            if other != key
            and set(key) < set(other)
            and names.generation(key) == names.generation(other)  # Jr. is not his father
        ]
        if len(supers) == 1:
            uf.union(i, supers[0])
    for i in people:
        if len(keys[i]) == 1:
            # counted afresh: each join below may move a group's root
            weight = Counter(uf.find(j) for j in full)
            target = _full_name_for(keys[i][0], reps, uf, weight)
            if target is not None:
                uf.union(i, target)


def _join_same_name(mentions: Sequence[Mention], uf: UnionFind[int]) -> None:
    """One name written alike is one thing within an article, whatever label the
    recogniser gave each mention ("Hadvar" an organisation here, a place there);
    people and nationalities keep their own labels."""
    first: dict[str, int] = {}
    for i, m in enumerate(mentions):
        if kind_of(m.label) not in ("PERSON", "NORP"):
            uf.union(i, first.setdefault(m.text, i))


DOMINANCE = 3  # a bare name goes to the person named at least this many times as often


def _full_name_for(
    key: str,
    reps: list[tuple[tuple[str, ...], int]],
    uf: UnionFind[int],
    weight: Counter[int],
) -> int | None:
    """The full name a lone surname or first name belongs to: the one person of that
    name in play, or one named far more often than the others; two Petersons named
    alike, or a father and his Jr., leave it alone."""
    for part in (names.surname, lambda k: k[0], None):
        hits = [j for k, j in reps if (key in k if part is None else part(k) == key)]
        if hits:
            return dominant({uf.find(j): weight[uf.find(j)] for j in hits})
    return None


def dominant(counts: dict[int, int]) -> int | None:
    """The key whose count is ``DOMINANCE`` times every other's, if any."""
    ranked = sorted(counts.items(), key=lambda kv: -kv[1])
    if len(ranked) == 1 or ranked[0][1] >= DOMINANCE * ranked[1][1]:
        return ranked[0][0]
    return None


def _key(mention: Mention) -> tuple[str, str]:
    kind = kind_of(mention.label)
    name = mention_name(mention)
    if kind == "PERSON":
        return kind, " ".join(names.person_key(name))
    if kind == "ORG":
        return kind, names.metonym_key(name) or names.org_key(name)
    if kind == "PLACE":
        return kind, names.place_key(name)
    if kind == "NORP":
        return kind, names.group_key(name)
    return kind, name.lower()


def _join_by_key(mentions: Sequence[Mention], uf: UnionFind[int]) -> None:
    first: dict[tuple[str, str], int] = {}
    for i, m in enumerate(mentions):
        key = _key(m)
        if key[1]:
            uf.union(i, first.setdefault(key, i))


def _join_orgs(mentions: Sequence[Mention], uf: UnionFind[int]) -> None:
    """Acronyms to their expansions, and partial names to the one full name containing them."""
    orgs = [i for i, m in enumerate(mentions) if kind_of(m.label) == "ORG"]
    expansions = acronym_table(mention_name(mentions[i]) for i in orgs)
    keys = {i: org_key_expanded(mention_name(mentions[i]), expansions) for i in orgs}
    reps: dict[str, int] = {}
    for i in orgs:
        uf.union(i, reps.setdefault(keys[i], i))
    for key, i in reps.items():
        tokens = set(key.split())
        supers = [j for other, j in reps.items() if other != key and _qualifies(tokens, other)]
        if len(supers) == 1 and tokens:
            uf.union(i, supers[0])
    _join_short_forms(mentions, orgs, uf)


def _join_short_forms(mentions: Sequence[Mention], orgs: list[int], uf: UnionFind[int]) -> None:
    """A one-word name that opens exactly one longer name: "Helix" -> "Helix Motors"; not
    a body of the one it names ("Senate" is not the "Senate Judiciary Committee")."""
    longer: dict[str, set[int]] = {}
    shorts = [
        i
        for i, m in enumerate(mentions)
        if m.label == "NORP" and names.country_of(m.text) is None and not _adjective(m.text)
    ]
    for i in orgs:
        toks = names.words(mention_name(mentions[i]))
        if len(toks) > 1 and not names.sub_body(toks):
            longer.setdefault(toks[0].casefold(), set()).add(uf.find(i))
    for i in orgs + shorts:
        toks = names.words(mention_name(mentions[i]))
        targets = longer.get(toks[0].casefold(), set()) if len(toks) == 1 else set()
        if len(targets) == 1 and not names.is_acronym(toks[0]):
            uf.union(i, next(iter(targets)))


_ADJECTIVE_ENDINGS = ("ish", "ic", "ese", "ian", "ean", "ist", "ical")


def _adjective(word: str) -> bool:
    """ "Jewish", "Islamic", "Christian": a group's adjective, never a short name of the
    one organisation it opens ("Jewish Voice for Peace", "Islamic State")."""
    return word.casefold().endswith(_ADJECTIVE_ENDINGS)


def _qualifies(tokens: set[str], fuller: str) -> bool:
    """True when ``fuller`` is ``tokens`` plus a country: "Foreign Ministry" in "Russian ~"."""
    extra = set(fuller.split()) - tokens
    if not extra or not tokens < set(fuller.split()):
        return False
    countries = {w for c in resources.institutions().country_aliases.values() for w in c.split()}
    countries |= {w for c in resources.institutions().demonyms.values() for w in c.split()}
    return extra <= countries


def acronym_table(
    org_names: Iterable[str], together: Iterable[Sequence[str]] | None = None
) -> dict[str, str]:
    """Acronym -> org key of the full name it abbreviates ("MFA" -> "foreign ministry").

    An acronym that fits several full names ("AP": "Associated Press", "Archbishop of
    Philadelphia") takes, within one article (``together`` is ``None``), the first one;
    across articles (``together``: alias groups of one entity, one article each), the one
    named beside it in some article when exactly one is, else the one that
    :data:`DOMINANT_EXPANSION` times as many articles name as any other, else none. An
    acronym of one full name that no article writes beside it, while
    :data:`DOMINANT_EXPANSION` times as many articles write the acronym alone as name the
    full name, is taken for something else ("NBC" the network, in a corpus where one
    article names a "National Baptist Convention")."""
    found: dict[str, Counter[str]] = {}
    for name in org_names:
        core = _core(name)
        acronym = names.acronym_of(core)
        if len(acronym) >= 2 and not names.is_acronym(core):
            found.setdefault(acronym, Counter())[names.org_key(core)] += 1
    table = {a: next(iter(keys)) for a, keys in found.items()}
    if together is None:
        return table
    paired: dict[str, set[str]] = {a: set() for a in found}
    alone: Counter[str] = Counter()  # articles that write the acronym beside no expansion
    for group in together:
        keys = {names.org_key(_core(g)) for g in group}
        for bare in {a.replace(".", "") for a in group} & paired.keys():
            named = keys & found[bare].keys()
            paired[bare] |= named
            alone[bare] += not named
    for acronym, counts in found.items():
        keys = paired[acronym]
        if len(counts) == 1:  # one expansion: unless far more articles write the acronym alone
            if not keys and alone[acronym] >= DOMINANT_EXPANSION * counts.total():
                del table[acronym]
            continue
        (top, n), (_, second) = counts.most_common(2)
        if len(keys) == 1:
            table[acronym] = next(iter(keys))
        elif n >= DOMINANT_EXPANSION * second:
            table[acronym] = top
        else:
            del table[acronym]
    return table


def _core(name: str) -> str:
    """A name without its country words ("Russian MFA" -> "MFA")."""
    return " ".join(w for w in names.words(name) if names.country_of(w) is None)


def org_key_expanded(name: str, expansions: dict[str, str]) -> str:
    """Org key with acronym words replaced by their expansions ("Russian MFA")."""
    metonym = names.metonym_key(name)
    if metonym:
        return metonym
    parts = []
    for word in names.words(name):
        bare = word.replace(".", "")
        parts.append(expansions.get(bare, word) if names.is_acronym(word) else word)
    return names.org_key(" ".join(parts))


def _entity(doc_id: str, members: list[Mention]) -> Entity:
    labels = Counter(m.label for m in members)
    label = "PERSON" if labels["PERSON"] else labels.most_common(1)[0][0]
    written = [mention_name(m) for m in members if m.label == label] or [
        mention_name(m) for m in members
    ]
    name = canonical_name(usual_place_names(written) if kind_of(label) == "PLACE" else written)
    aliases = tuple(sorted({mention_name(m) for m in members}))
    return Entity(
        id=short_id("ent", doc_id, label, name),
        name=name,
        type=label,
        aliases=aliases,
        mentions=tuple(members),
    )


def canonical_name(candidates: Sequence[str]) -> str:
    """The fullest non-acronym name without digits ("Ted Roe 35" is a poll figure glued on
    by the recogniser); ties go to the most frequent, then the first. Initials before the
    first full word stand in for a first name and add nothing ("B. Hussein Obama" is no
    fuller than "Barack Obama"); a middle initial after one adds precision ("George W. Bush").
    A name written in capitals ("AUSTRIA", a dateline) gives way to the same written
    in mixed case."""
    counts = Counter(candidates)
    order = {name: i for i, name in reversed(list(enumerate(candidates)))}

    def rank(name: str) -> tuple[bool, bool, bool, int, int, int]:
        plain = not any(ch.isdigit() for ch in name)
        shouted = name.isupper() and not names.is_acronym(name)  # a dateline's "AUSTRIA"
        return (
            plain, not names.is_acronym(name), not shouted, _fullness(name), counts[name],
            -order[name],
        )  # fmt: skip

    return max(counts, key=rank)


def _fullness(name: str) -> int:
    """Words of a name, not counting initials that come before its first full word."""
    count, full_seen = 0, False
    for word in names.words(name):
        initial = len(word.rstrip(".")) == 1 and word[:1].isalpha()
        full_seen = full_seen or not initial
        count += full_seen
    return count


def _without_modified_names(candidates: list[str]) -> list[str]:
    """Leave out a person's name with a word before a full name that is also given
    ("Crooked Hillary Clinton" when "Hillary Clinton" is there): an epithet or a title."""
    given = {tuple(w.casefold() for w in names.words(c)) for c in candidates}
    kept = [
        c
        for c in candidates
        if not any(
            words[n:] in given
            for words in [tuple(w.casefold() for w in names.words(c))]
            for n in range(1, len(words) - 1)
        )
    ]
    return kept or candidates


def cluster_identity(parts: Sequence[Entity]) -> tuple[str, str, str]:
    """Corpus id, canonical name and type of entities that are one identity."""
    types = Counter(p.type for p in parts)
    label = "PERSON" if types["PERSON"] else types.most_common(1)[0][0]
    candidates = [p.name for p in parts for _ in p.mentions] or [p.name for p in parts]
    if label == "PERSON":
        candidates = _without_modified_names(candidates)
    if label == "ORG":  # a name few of its articles use does not name it
        articles = Counter(a for p in parts for a in {p.name, *p.aliases})
        most = max(articles.values())
        candidates = [c for c in candidates if RARE_NAME * articles[c] >= most] or candidates
    if label == "NORP":  # a group is named in the plural when it is ("Republicans")
        candidates = [c for c in candidates if _plural_group(c)] or candidates
    if kind_of(label) == "PLACE":
        candidates = usual_place_names(candidates)
    name = canonical_name(candidates)
    return short_id("ent", label, name), name, label


def usual_place_names(candidates: Sequence[str]) -> list[str]:
    """A place is named as its mentions name it most ("Iran", not the one "Islamic
    Republic of Iran"): the non-acronym names written most often (all, if none)."""
    counts = Counter(c for c in candidates if not names.is_acronym(c))
    if not counts:
        return list(candidates)
    most = max(counts.values())
    return [c for c in candidates if counts.get(c) == most]


def _plural_group(name: str) -> bool:
    return names.group_key(name) != " ".join(name.lower().split())
