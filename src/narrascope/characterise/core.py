"""The characteriser: narratives, roles, techniques, tone and explanation of documents.

Sentences of a whole batch are embedded in one call (static embeddings by
default), then each document is scored against the label prototypes.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from narrascope.characterise.explain import explain
from narrascope.characterise.narratives import NarrativeClassifier
from narrascope.characterise.roles import RoleClassifier, Target, main_targets, targets_for_mentions
from narrascope.characterise.sentences import split_sentences
from narrascope.characterise.taxonomy import Taxonomy, builtin_taxonomy, load_taxonomy
from narrascope.characterise.technique_detect import LearnedTechniqueDetector
from narrascope.characterise.technique_model import RESOURCE as TECHNIQUE_MODEL
from narrascope.characterise.techniques import TechniqueDetector
from narrascope.characterise.tone import make_tone, sentence_valences
from narrascope.embeddings import cache_dir, get_embedder
from narrascope.errors import ConfigError
from narrascope.models import Document, RoleAssignment, Span, Tone

MODEL_FILE = "characterise.joblib"


@dataclass(frozen=True, kw_only=True)
class CharacteriseOptions:
    """How to characterise: taxonomies, trained model, embedder, entity count."""

    taxonomies: tuple[str, ...] = ()  # user files; each replaces the built-in of its kind
    model: str | None = (
        "auto"  # model file or folder; "auto": the default if present; None: zero-shot
    )
    embedder: str = "static"
    max_entities: int = 5
    techniques: bool = True
    technique_detector: str = "learned"  # "learned" (SemEval-2023 model) or "cues" (taxonomy cues)

    def __post_init__(self) -> None:
        if self.technique_detector not in ("learned", "cues"):
            raise ConfigError(
                f"technique_detector must be 'learned' or 'cues', got {self.technique_detector!r}"
            )
        if self.embedder not in ("static", "minilm"):
            raise ConfigError(f"embedder must be 'static' or 'minilm', got {self.embedder!r}")
        if self.max_entities < 0:
            raise ConfigError("max_entities must be >= 0")


@dataclass
class Prepared:
    """A document's sentences, their vectors and valences."""

    sentences: list[Span]
    vectors: np.ndarray
    valences: list[float]


def default_model_path() -> Path:
    """Where ``narrascope train`` stores its model by default."""
    return cache_dir() / "models" / MODEL_FILE


def resolve_model(model: str | None) -> Path | None:
    """The model file to load, or None for zero-shot."""
    if model is None:
        return None
    if model == "auto":
        path = default_model_path()
        return path if path.is_file() else None
    path = Path(model)
    if path.is_dir():
        path = path / MODEL_FILE
    if not path.is_file():
        raise ConfigError(f"{path}: no trained characterisation model; run 'narrascope train'")
    return path


def learned_detector(options: CharacteriseOptions) -> LearnedTechniqueDetector | None:
    """The learned technique detector, unless a user techniques taxonomy replaces the built-in."""
    if not options.techniques or options.technique_detector != "learned":
        return None
    if not TECHNIQUE_MODEL.is_file():
        return None
    if any(load_taxonomy(p).kind == "techniques" for p in options.taxonomies):
        return None
    return LearnedTechniqueDetector()


def taxonomies(paths: tuple[str, ...]) -> dict[str, Taxonomy]:
    """Built-in taxonomies, each replaced by a user file of the same kind."""
    chosen = {kind: builtin_taxonomy(kind) for kind in ("narratives", "roles", "techniques")}
    for path in paths:
        user = load_taxonomy(path)
        chosen[user.kind] = user
    return chosen


class Characteriser:
    """Fills narratives, roles, techniques, tone and explanation of documents."""

    def __init__(self, options: CharacteriseOptions | None = None) -> None:
        from narrascope.characterise.trained import load_model

        self.options = options or CharacteriseOptions()
        self.embedder = get_embedder(self.options.embedder)
        tax = taxonomies(self.options.taxonomies)
        path = resolve_model(self.options.model)
        trained = load_model(path, self.embedder.kind) if path else None
        self.narratives = NarrativeClassifier(
            tax["narratives"], self.embedder, model=trained.narratives if trained else None
        )
        self.roles = RoleClassifier(
            tax["roles"], self.embedder, model=trained.roles if trained else None
        )
        self.techniques = TechniqueDetector(tax["techniques"], self.embedder)
        self.learned_techniques = learned_detector(self.options)

    def prepare(self, docs: list[Document]) -> list[Prepared]:
        """Split and embed the sentences of a batch in one call."""
        splits = [split_sentences(doc.text) for doc in docs]
        flat = [s.text for sentences in splits for s in sentences]
        vectors = self.embedder.embed(flat)
        out, at = [], 0
        for sentences in splits:
            n = len(sentences)
            out.append(Prepared(sentences, vectors[at : at + n], sentence_valences(sentences)))
            at += n
        return out

    def characterise(self, docs: Iterable[Document]) -> list[Document]:
        """Characterise a batch of documents in place and return them."""
        from threadpoolctl import threadpool_limits

        batch = list(docs)
        with threadpool_limits(limits=1, user_api="blas"):  # small matrices: threads only contend
            prepared = self.prepare(batch)
            for doc, prep in zip(batch, prepared, strict=True):
                self._fill(doc, prep)
            if self.options.techniques and self.learned_techniques is not None:
                given = [(p.sentences, p.vectors) for p in prepared]
                found = self.learned_techniques.detect(batch, given)
                for doc, techniques in zip(batch, found, strict=True):
                    doc.techniques = techniques
        return batch

    def _fill(self, doc: Document, prep: Prepared) -> None:
        doc.narratives = self.narratives.classify(prep.sentences, prep.vectors)
        doc.explanation = explain(doc.narratives)
        targets = (
            main_targets(doc, prep.sentences, self.options.max_entities)
            if self.options.max_entities
            else []
        )
        doc.roles = [
            self.roles.assign(prep.sentences, prep.vectors, prep.valences, t) for t in targets
        ]
        doc.tone = [make_tone(prep.sentences, prep.valences, [], None)]
        doc.tone += [self._entity_tone(prep, t) for t in targets]
        if self.options.techniques and self.learned_techniques is None:
            doc.techniques = self.techniques.detect(
                prep.sentences, prep.vectors, self.narratives.background
            )

    @staticmethod
    def _entity_tone(prep: Prepared, target: Target) -> Tone:
        return make_tone(
            prep.sentences, prep.valences, list(target.sentences), target.entity_id or target.name
        )

    def roles_for_mentions(
        self, doc: Document, mentions: list[tuple[str, int, int]], prep: Prepared | None = None
    ) -> list[RoleAssignment]:
        """Roles of given mentions ``(entity, start, end)``, as SemEval subtask 1."""
        from threadpoolctl import threadpool_limits

        prep = prep or self.prepare([doc])[0]
        targets = targets_for_mentions(doc.text, prep.sentences, mentions)
        with threadpool_limits(limits=1, user_api="blas"):
            return [
                self.roles.assign(prep.sentences, prep.vectors, prep.valences, t) for t in targets
            ]
