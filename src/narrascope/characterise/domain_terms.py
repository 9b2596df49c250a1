"""Domain evidence: the words a taxonomy's own labels use for each of its domains.

A narrative taxonomy covers a subject ("the war in Ukraine", "climate change"). An
article that never names that subject does not advance its narratives, however
close its vectors fall (a plague outbreak told with alarm is not "amplifying
climate fears"). The terms of a domain are read from the taxonomy itself: word
stems used by a good share of the domain's label descriptions and examples, far
more often than by the other domains' labels, and never by the role and technique
taxonomies (the words of rhetoric rather than of a subject): "ukrai", "kyiv", "nato"
for the war, "clima", "emiss", "carbo" for climate change. They are English
words; :mod:`.subject_crosslingual` carries the check to other languages. It applies
only to taxonomies of two domains or more (one domain alone has nothing to contrast
it with).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from functools import lru_cache
from itertools import islice

from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

from narrascope.characterise.taxonomy import OTHER, Taxonomy
from narrascope.models import NarrativeLabel

STEM = 5  # letters of a word that stand for it ("ukrain", "climat" -> "ukrai", "clima")
MIN_SHARE = 0.1  # of the domain's labels that use the stem
TOP = 15  # stems kept per domain
CONTRAST = 4.0  # times its share among the other domains' labels
MIN_HITS = 1  # words of the domain an article must hold
_WORD = re.compile(r"[^\W\d_]{4,}")


def _stems(text: str) -> set[str]:
    return {
        w[:STEM] for w in (m.group(0).casefold() for m in _WORD.finditer(text))
        if w not in ENGLISH_STOP_WORDS
    }  # fmt: skip


def domain_terms(
    taxonomy: Taxonomy, background: tuple[Taxonomy, ...] = ()
) -> dict[str, frozenset[str]]:
    """The ``TOP`` stems that mark each domain of ``taxonomy`` ({} with fewer than two
    domains): used by at least ``MIN_SHARE`` of the domain's label descriptions and
    examples, ``CONTRAST`` times more often than by any other domain's, and never by the
    ``background`` taxonomies (roles, techniques: the words of rhetoric, not of a subject)."""
    by_domain: dict[str, list[set[str]]] = {}
    for label in taxonomy.labels:
        if label.domain:
            by_domain.setdefault(label.domain, []).append(_stems(" ".join(label.prototypes)))
    if len(by_domain) < 2:
        return {}
    generic = {
        s for tax in background for lb in tax.labels for s in _stems(" ".join(lb.prototypes))
    }
    share = {
        d: {s: n / len(sets) for s, n in Counter(s for st in sets for s in st).items()}
        for d, sets in by_domain.items()
    }
    out = {}
    for d, own in share.items():
        others = [share[o] for o in share if o != d]
        kept = [
            (v, s)
            for s, v in own.items()
            if v >= MIN_SHARE
            and s not in generic
            and all(v >= CONTRAST * other.get(s, 0.0) for other in others)
        ]
        out[d] = frozenset(s for _, s in sorted(kept, reverse=True)[:TOP])
    return out


def domain_words(
    taxonomy: Taxonomy, background: tuple[Taxonomy, ...] = ()
) -> dict[str, tuple[str, ...]]:
    """Each domain's subject stems as whole words: the word of the domain's label texts
    that the stem most often stands for ("ukrai" -> "ukraine", "emiss" -> "emissions")."""
    stems = domain_terms(taxonomy, background)
    counts: dict[str, Counter[str]] = {}
    for label in taxonomy.labels:
        if label.domain in stems:
            for m in _WORD.finditer(" ".join(label.prototypes)):
                word = m.group(0).casefold()
                if word[:STEM] in stems[label.domain]:
                    counts.setdefault(label.domain, Counter())[word] += 1
    out = {}
    for domain, own in stems.items():
        found = counts.get(domain, Counter())
        words = (max((w for w in found if w[:STEM] == s), key=lambda w: (found[w], w)) for s in own)
        out[domain] = tuple(sorted(words))
    return out


@lru_cache(maxsize=8)
def _pattern(terms: frozenset[str]) -> re.Pattern[str]:
    body = "|".join(sorted(re.escape(t) for t in terms))
    return re.compile(rf"\b(?:{body})", re.IGNORECASE)


def mentions_domain(text: str, terms: frozenset[str], min_hits: int = MIN_HITS) -> bool:
    """True when ``text`` holds at least ``min_hits`` words of the domain (no terms: True)."""
    if not terms:
        return True
    found = islice(_pattern(terms).finditer(text), min_hits)
    return sum(1 for _ in found) >= min_hits


def on_some_subject(
    text: str, terms: dict[str, frozenset[str]], names: Callable[[str, str], bool] | None = None
) -> bool:
    """Whether ``text`` names the subject of any domain (always, with no terms)."""
    if not terms:
        return True
    return any(
        mentions_domain(text, words) or (names is not None and names(text, domain))
        for domain, words in terms.items()
    )


def keep_on_subject(
    labels: list[NarrativeLabel],
    text: str,
    taxonomy: Taxonomy,
    terms: dict[str, frozenset[str]],
    names: Callable[[str, str], bool] | None = None,
) -> list[NarrativeLabel]:
    """``labels`` without those of a domain ``text`` never names; ``Other`` when none is left.

    A domain is named when ``text`` holds one of its stems or, with ``names`` (``(text,
    domain) -> bool``, the check for another language), when ``names`` says so."""
    if not terms:
        return labels
    kept = [lb for lb in labels if _on_subject(lb.label, text, taxonomy, terms, names)]
    if len(kept) == len(labels) or any(lb.label != OTHER for lb in kept):
        return kept
    why = "the article never names the subject of the narratives it came closest to"
    return [
        NarrativeLabel(OTHER, "coarse", 1.0, explanation=why),
        NarrativeLabel(OTHER, "fine", 1.0),
    ]


def _on_subject(
    name: str,
    text: str,
    taxonomy: Taxonomy,
    terms: dict[str, frozenset[str]],
    names: Callable[[str, str], bool] | None,
) -> bool:
    base = name.rsplit(": ", 1)[0] if name.endswith(f": {OTHER}") else name
    domain = taxonomy.get(base).domain if base in taxonomy else None
    if domain is None or mentions_domain(text, terms.get(domain, frozenset())):
        return True
    return names is not None and names(text, domain)
