"""Entity roles (SemEval-2025 Task 10 subtask 1): main role and fine roles.

The sentences that mention an entity are compared with the description and
examples of every fine role; the valence of those sentences (VADER) nudges the
main role (negative context leans Antagonist or Innocent, positive leans
Protagonist). The best main role wins; its best fine role is kept, plus a
second one when it scores within ``second_margin``. Works for the main
entities of a document (from ``Document.entities``, or spaCy NER when extraction
has not run) and for a given list of mentions.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Literal, Protocol, cast

import numpy as np

from narrascope.characterise.prototypes import PrototypeIndex
from narrascope.characterise.sentences import sentence_at
from narrascope.characterise.taxonomy import Taxonomy
from narrascope.embeddings import Embedder
from narrascope.models import Document, Entity, RoleAssignment, Span

ROLE_TYPES = frozenset({"PERSON", "ORG", "GPE", "NORP", "LOC", "FAC"})
MAX_ENTITIES = 5
MainRole = Literal["Protagonist", "Antagonist", "Innocent"]
EVIDENCE = 2


@dataclass(frozen=True)
class RoleCalibration:
    """Weights of the role decision (fit on the dev split)."""

    valence_weight: float = 0.08
    second_margin: float = 0.01
    top_k: int = 2
    main_bias: tuple[float, float, float] = (0.0, 0.0, 0.0)  # Protagonist, Antagonist, Innocent
    valence_sign: tuple[float, float, float] = field(default=(1.0, -1.0, -0.5))


def default_role_calibration(embedder_kind: str) -> RoleCalibration:
    """The role calibration shipped for ``embedder_kind``."""
    from narrascope.characterise.narratives import shipped_calibration

    values = shipped_calibration(f"roles-{embedder_kind}")
    if not values:
        return RoleCalibration()
    values["main_bias"] = tuple(values.get("main_bias", (0.0, 0.0, 0.0)))
    values["valence_sign"] = tuple(values.get("valence_sign", (1.0, -1.0, -0.5)))
    return RoleCalibration(**values)


@dataclass(frozen=True)
class Target:
    """An entity to cast: its name, id and the sentence indices that mention it."""

    name: str
    entity_id: str | None
    start: int | None
    end: int | None
    sentences: tuple[int, ...]


class RoleModel(Protocol):
    """A trained role scorer (see :mod:`narrascope.characterise.train`)."""

    def predict_roles(self, features: np.ndarray) -> list[tuple[str, tuple[str, ...], float]]: ...


class RoleClassifier:
    """Casts entities as Protagonist / Antagonist / Innocent with fine roles."""

    def __init__(
        self,
        taxonomy: Taxonomy,
        embedder: Embedder,
        *,
        calibration: RoleCalibration | None = None,
        model: RoleModel | None = None,
    ) -> None:
        self.taxonomy = taxonomy
        self.calibration = calibration or default_role_calibration(embedder.kind)
        self.mains = tuple(label.name for label in taxonomy.roots)
        self.fine = taxonomy.leaves
        self.index = PrototypeIndex(self.fine, embedder)
        self._parent = np.asarray([self.mains.index(str(lb.parent)) for lb in self.fine])
        self.model = model

    def features(self, vectors: np.ndarray, valences: list[float], target: Target) -> np.ndarray:
        """Fine-role scores, mean valence and mean context vector of a target."""
        rows = list(target.sentences)
        ctx = vectors[rows] if rows else np.zeros((1, vectors.shape[1]), dtype=np.float32)
        sims = self.index.label_sims(ctx)
        k = min(self.calibration.top_k, len(ctx))
        fine_scores = -np.sort(-sims, axis=0)[:k].mean(axis=0)
        valence = float(np.mean([valences[i] for i in rows])) if rows else 0.0
        return np.concatenate([fine_scores, [valence], ctx.mean(axis=0)]).astype(np.float32)

    def assign(
        self, sentences: list[Span], vectors: np.ndarray, valences: list[float], target: Target
    ) -> RoleAssignment:
        """The role of one target."""
        feats = self.features(vectors, valences, target)
        if self.model is not None:
            main, fine, score = self.model.predict_roles(feats[None, :])[0]
        else:
            main, fine, score = self._zero_shot(feats)
        return self.assignment(sentences, vectors, target, main, fine, score)

    def assignment(
        self, sentences: list[Span], vectors: np.ndarray, target: Target, main: str,
        fine: tuple[str, ...], score: float,
    ) -> RoleAssignment:  # fmt: skip
        """A role assignment of ``target`` with evidence sentences for its first fine role."""
        return RoleAssignment(
            entity=target.name,
            main_role=cast(MainRole, main),
            fine_roles=fine,
            score=round(score, 4),
            entity_id=target.entity_id,
            start=target.start,
            end=target.end,
            evidence=self._evidence(sentences, vectors, target, fine),
        )

    def _zero_shot(self, feats: np.ndarray) -> tuple[str, tuple[str, ...], float]:
        cal = self.calibration
        n = len(self.fine)
        fine_scores, valence = feats[:n], float(feats[n])
        main_scores = np.full(len(self.mains), -1.0)
        for j in range(len(self.mains)):
            members = fine_scores[self._parent == j]
            if len(members):
                main_scores[j] = (
                    members.max()
                    + cal.main_bias[j]
                    + cal.valence_weight * cal.valence_sign[j] * valence
                )
        best_main = int(np.argmax(main_scores))
        members = [i for i in range(n) if self._parent[i] == best_main]
        members.sort(key=lambda i: -fine_scores[i])
        chosen = [members[0]]
        if (
            len(members) > 1
            and fine_scores[members[0]] - fine_scores[members[1]] <= cal.second_margin
        ):
            chosen.append(members[1])
        fine = tuple(self.fine[i].name for i in chosen)
        return self.mains[best_main], fine, float(main_scores[best_main])

    def _evidence(
        self, sentences: list[Span], vectors: np.ndarray, target: Target, fine: tuple[str, ...]
    ) -> tuple[Span, ...]:
        rows = list(target.sentences)
        if not rows or not fine:
            return ()
        names = [lb.name for lb in self.fine]
        col = names.index(fine[0]) if fine[0] in names else 0
        sims = self.index.label_sims(vectors[rows])[:, col]
        best = [rows[i] for i in np.argsort(-sims)[:EVIDENCE]]
        return tuple(sentences[i] for i in sorted(best))


def targets_for_mentions(
    text: str, sentences: list[Span], mentions: list[tuple[str, int, int]]
) -> list[Target]:
    """Targets for given mentions: the mention's sentence plus others naming the entity."""
    out = []
    for name, start, end in mentions:
        rows = set(_mentioning(sentences, name))
        home = sentence_at(sentences, start)
        if home is not None:
            rows.add(sentences.index(home))
        out.append(Target(name, None, start, end, tuple(sorted(rows))))
    return out


def _mentioning(sentences: list[Span], name: str) -> list[int]:
    pattern = re.compile(r"\b" + re.escape(name) + r"\b", re.IGNORECASE)
    return [i for i, s in enumerate(sentences) if pattern.search(s.text)]


def main_targets(doc: Document, sentences: list[Span], limit: int = MAX_ENTITIES) -> list[Target]:
    """The most-mentioned people, organisations and places of a document."""
    entities = doc.entities or fallback_entities(doc.text, doc.language)
    ranked = sorted(
        (e for e in entities if e.type in ROLE_TYPES and e.mentions),
        key=lambda e: (-len(e.mentions), min(m.start for m in e.mentions)),
    )
    out = []
    for entity in ranked[:limit]:
        first = min(entity.mentions, key=lambda m: m.start)
        rows = {
            sentences.index(s) for m in entity.mentions if (s := sentence_at(sentences, m.start))
        }
        out.append(Target(entity.name, entity.id, first.start, first.end, tuple(sorted(rows))))
    return out


def fallback_entities(text: str, language: str | None = None) -> list[Entity]:
    """Entities from spaCy NER, grouped by surface form (used until extraction ran).

    None for a language the English model does not cover (:mod:`narrascope.languages`).
    """
    from narrascope.characterise.ner import spacy_entities
    from narrascope.languages import EXTRACT, analyses

    return spacy_entities(text) if analyses(EXTRACT, language) else []
