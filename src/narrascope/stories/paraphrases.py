"""Claims said in other words: which claim of each outlet says what a row of the claims
table says, when its key differs.

A candidate is a claim of the same kind (``fact``, ``count``...) that names an entity of
the row's key (a ``name:`` slot); it says the same thing when its sentence is within a
cosine threshold of a sentence of the row's claims (higher when its predicate differs:
"checked into" / "entered"). Sentences are embedded once per story; the work per row is
one matrix-vector product over the story's sentences and a few array operations.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Mapping

import numpy as np

from narrascope.models import Claim

Embed = Callable[[list[str]], np.ndarray]
SIMILAR = 0.87  # cosine of two claim sentences with the same predicate that say the same thing
SIMILAR_OTHER_VERB = 0.9  # the same with another predicate ("checked into" / "entered")


class ParaphraseIndex:
    """The claims of a story, their sentence vectors, outlets, predicates and named slots."""

    def __init__(
        self, by_key: Mapping[str, list[Claim]], outlet_of_doc: Mapping[str, str], embed: Embed
    ) -> None:
        self.by_key = by_key
        self.claims = [c for group in by_key.values() for c in group]
        texts = sorted({c.text for c in self.claims})
        self.sentence_no = {t: i for i, t in enumerate(texts)}
        vectors = np.asarray(embed(texts) if texts else np.zeros((0, 1)), dtype=np.float32)
        self.vectors: np.ndarray = vectors
        self.by_column: np.ndarray = np.ascontiguousarray(vectors.T)
        lists: defaultdict[tuple[str, str], list[int]] = defaultdict(list)
        for n, claim in enumerate(self.claims):
            for name in named_slots(claim.key):
                lists[(kind_of(claim.key), name)].append(n)
        self.naming = {k: np.asarray(v, dtype=np.int64) for k, v in lists.items()}
        self.outlets = sorted({outlet_of_doc[c.doc_id] for c in self.claims})
        self.outlet_no = {o: i for i, o in enumerate(self.outlets)}
        predicates = sorted({predicate_of(c.key) for c in self.claims})
        self.predicate_no = {p: i for i, p in enumerate(predicates)}
        rows = [
            (self.outlet_no[outlet_of_doc[c.doc_id]], self.sentence_no[c.text],
             self.predicate_no[predicate_of(c.key)])
            for c in self.claims
        ]  # fmt: skip
        numbers = np.asarray(rows, dtype=np.int64).reshape(-1, 3)
        self.outlet_of, self.sentence_of, self.predicate_of = numbers.T

    def closest(
        self, key: str, outlets: set[str], threshold: float = SIMILAR,
        other_verb: float = SIMILAR_OTHER_VERB,
    ) -> dict[str, tuple[Claim, float]]:  # fmt: skip
        """For each of ``outlets``, its claim closest to the claims keyed ``key``, if one
        passes; ``{outlet: (claim, cosine)}``."""
        kind = kind_of(key)
        named = [self.naming[(kind, n)] for n in named_slots(key) if (kind, n) in self.naming]
        wanted = np.zeros(len(self.outlets), dtype=bool)
        wanted[[self.outlet_no[o] for o in outlets if o in self.outlet_no]] = True
        if not named or key not in self.by_key or not wanted.any():
            return {}
        found = named[0] if len(named) == 1 else np.unique(np.concatenate(named))
        found = found[wanted[self.outlet_of[found]]]
        said = self.vectors[sorted({self.sentence_no[c.text] for c in self.by_key[key]})]
        closeness = (said @ self.by_column).max(axis=0)[self.sentence_of[found]]
        same_verb = self.predicate_of[found] == self.predicate_no[predicate_of(key)]
        passes = closeness >= np.where(same_verb, threshold, other_verb)
        found, closeness = found[passes], closeness[passes]
        top = np.full(len(self.outlets), -np.inf, dtype=np.float32)
        np.maximum.at(top, self.outlet_of[found], closeness)
        best = closeness >= top[self.outlet_of[found]]
        _, first = np.unique(self.outlet_of[found[best]], return_index=True)  # one per outlet
        return {
            self.outlets[self.outlet_of[n]]: (self.claims[n], score)
            for n, score in zip(
                found[best][first].tolist(), closeness[best][first].tolist(), strict=True
            )
        }


def kind_of(key: str) -> str:
    """The kind of a claim key (``fact``, ``count``, ``date``...)."""
    return key.split("|", 1)[0]


def predicate_of(key: str) -> str:
    """The predicate slot of a claim key ('' when it has none)."""
    parts = key.split("|")
    return parts[2] if len(parts) > 2 else ""


def named_slots(key: str) -> set[str]:
    """The named entities of a claim key's slots (``name:…``, joined subjects split)."""
    return {part for slot in key.split("|")[1:] for part in slot.split("+")
            if part.startswith("name:")}  # fmt: skip
