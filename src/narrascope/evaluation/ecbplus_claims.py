"""Claims matched across outlets, scored on ECB+ event coreference, beside a peer.

What the claims-by-outlets table asserts: two articles of a story report the same
claim (one row of :func:`narrascope.stories.compare.claim_matrix`). ECB+ says which
sentences of different articles mention the same event: its action mentions
(``ACTION_*``) joined by a cross-document coreference chain. Each ECB+ sub-topic (the
articles on one seminal event, ``<topic>/ecb`` or ``<topic>/ecbplus``) is one story and
every article its own outlet.

* A **system link** is a pair of sentences of two articles that one row of the claim
  matrix joins (each outlet's cell points at the sentence of its claim). It is
  **correct** when the two sentences hold action mentions of a common chain.
* **Gold links** are all pairs of sentences of two articles of the same sub-topic that
  share a chain. Only sentences ECB+ annotated in full (its
  ``ECBplus_coreference_sentences.csv`` index) are judged, on both sides.
* **Recall over claim sentences** counts only gold links whose two sentences each carry
  a claim: what matching alone could find, given the claims extracted.
* **Peer**: sentence similarity, the cosine of all-MiniLM-L6-v2 vectors of the same
  claim sentences, a link when it reaches a threshold; reported at the threshold
  giving it the best recall at a precision at least Narrascope's (equal precision),
  and at its best F1.

Topics 36-45 are reserved for judging the project and never read.
"""

from __future__ import annotations

import itertools
import xml.etree.ElementTree as ET
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from narrascope.errors import EvaluationError
from narrascope.evaluation.ecbplus import EcbArticle, analysed_documents, detokenise, read_corpus
from narrascope.evaluation.ecbplus_mentions import default_root, parse_topics, selected_sentences
from narrascope.models import Claim, Document
from narrascope.stories.claims import extract_claims
from narrascope.stories.compare import claim_matrix
from narrascope.stories.frames import worth_comparing
from narrascope.stories.paraphrases import Embed

PEER_GRID = tuple(round(0.5 + 0.01 * i, 2) for i in range(50))  # cosine 0.50 .. 0.99
Link = tuple[str, int, str, int]  # (article, sentence, article, sentence), articles sorted


@dataclass(frozen=True, slots=True)
class GoldArticle:
    """An ECB+ article's event chains by sentence and its sentences by text line."""

    name: str
    story: str
    chains: Mapping[int, frozenset[str]]  # sentence number -> cross-document chains
    sentence_of_line: Mapping[str, int]  # detokenised sentence text -> sentence number
    judged: frozenset[int]  # sentences annotated in full


@dataclass(slots=True)
class ClaimSentence:
    """A claim placed in its article's sentence (``None``: the sentence was not found)."""

    article: str
    sentence: int | None
    claim: Claim


@dataclass(slots=True)
class Tally:
    """Links proposed and found, against the gold."""

    proposed: set[Link] = field(default_factory=set)
    gold: set[Link] = field(default_factory=set)

    def scores(self, within: set[Link] | None = None) -> dict[str, float]:
        """Precision, recall (over ``within`` when given) and F1."""
        gold = self.gold if within is None else self.gold & within
        hit = len(self.proposed & self.gold)
        p = hit / len(self.proposed) if self.proposed else 0.0
        r = len(self.proposed & gold) / len(gold) if gold else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4)}


def read_gold(path: Path, story: str, judged: frozenset[int] | None) -> GoldArticle:
    """Chains of the action mentions of one ECB+ file, by sentence."""
    try:
        root = ET.parse(path).getroot()
    except (ET.ParseError, OSError) as exc:
        raise EvaluationError(f"{path}: not readable ECB+ XML: {exc}") from None
    sentence_of: dict[str, int] = {}
    words: defaultdict[int, list[str]] = defaultdict(list)
    for token in root.iter("token"):
        number = token.get("sentence", "")
        if number.isdigit():
            sentence_of[token.get("t_id", "")] = int(number)
            words[int(number)].append(token.text or "")
    chain_of: dict[str, str] = {}
    relations = root.find("Relations")
    for rel in list(relations) if relations is not None else ():
        if rel.tag == "CROSS_DOC_COREF":
            for source in rel.iter("source"):
                chain_of[source.get("m_id", "")] = rel.get("note", "")
    chains: defaultdict[int, set[str]] = defaultdict(set)
    markables = root.find("Markables")
    for mark in list(markables) if markables is not None else ():
        chain = chain_of.get(mark.get("m_id", ""))
        if not mark.tag.startswith("ACTION") or not chain:
            continue
        for anchor in mark.iter("token_anchor"):
            if anchor.get("t_id", "") in sentence_of:
                chains[sentence_of[anchor.get("t_id", "")]].add(chain)
    lines: dict[str, int] = {}
    for sentence in sorted(words):
        lines.setdefault(detokenise(words[sentence]).strip(), sentence)
    return GoldArticle(
        name=path.stem,
        story=story,
        chains={s: frozenset(c) for s, c in chains.items()},
        sentence_of_line=lines,
        judged=frozenset(words) if judged is None else judged,
    )


def sentence_of(doc: Document, gold: GoldArticle, offset: int) -> int | None:
    """The ECB+ sentence of the analysed document's line holding ``offset``."""
    start = doc.text.rfind("\n", 0, offset) + 1
    end = doc.text.find("\n", offset)
    line = doc.text[start : end if end >= 0 else len(doc.text)].strip()
    return gold.sentence_of_line.get(line)


def gold_links(articles: list[GoldArticle]) -> set[Link]:
    """Judged sentence pairs of two articles of one story that share a chain."""
    out: set[Link] = set()
    for a, b in itertools.combinations(sorted(articles, key=lambda g: g.name), 2):
        for sa in a.judged:
            for sb in b.judged:
                if a.chains.get(sa, frozenset()) & b.chains.get(sb, frozenset()):
                    out.add((a.name, sa, b.name, sb))
    return out


def _link(a: str, sa: int, b: str, sb: int) -> Link:
    return (a, sa, b, sb) if a < b else (b, sb, a, sa)


def matrix_links(
    placed: list[ClaimSentence], golds: Mapping[str, GoldArticle], embed: Embed | None = None
) -> set[Link]:  # fmt: skip
    """Judged sentence pairs that one row of the claim matrix joins."""
    claims = [p.claim for p in placed]
    article_of = {p.claim.doc_id: p.article for p in placed}
    where = {(p.claim.doc_id, p.claim.span.start): p.sentence for p in placed}
    ids = sorted(article_of)
    out: set[Link] = set()
    for row in claim_matrix(claims, {i: i for i in ids}, ids, embed):
        cells = [
            (article_of[c.doc_id], where.get((c.doc_id, c.span.start)))
            for c in row.cells.values()
            if c.status != "not_reported" and c.doc_id is not None and c.span is not None
        ]
        for (a, sa), (b, sb) in itertools.combinations(cells, 2):
            if a != b and sa in golds[a].judged and sb in golds[b].judged:
                out.add(_link(a, sa, b, sb))
    return out


def claim_sentences(placed: list[ClaimSentence], golds: Mapping[str, GoldArticle]) -> set[
    tuple[str, int]
]:  # fmt: skip
    """Judged sentences that carry at least one claim."""
    return {
        (p.article, p.sentence)
        for p in placed
        if p.sentence is not None and p.sentence in golds[p.article].judged
    }


def peer_links(
    sentences: list[tuple[str, int, str]], vectors: np.ndarray, threshold: float
) -> set[Link]:
    """Sentence pairs of two articles whose vectors reach ``threshold`` (cosine)."""
    sims = vectors @ vectors.T
    out: set[Link] = set()
    for i, j in zip(*np.nonzero(np.triu(sims >= threshold, k=1)), strict=True):
        (a, sa, _), (b, sb, _) = sentences[i], sentences[j]
        if a != b:
            out.add(_link(a, sa, b, sb))
    return out


def _stories(articles: list[EcbArticle], docs: Mapping[str, Document], root: Path) -> dict[
    str, list[tuple[GoldArticle, Document]]
]:  # fmt: skip
    judged = selected_sentences(root)
    out: defaultdict[str, list[tuple[GoldArticle, Document]]] = defaultdict(list)
    for article in articles:
        doc = docs.get(article.name)
        if doc is None:
            continue
        chosen = None if judged is None else judged.get(article.name + ".xml", frozenset())
        path = root / str(article.topic) / f"{article.name}.xml"
        out[article.event].append((read_gold(path, article.event, chosen), doc))
    return dict(out)


def place_claims(doc: Document, gold: GoldArticle) -> list[ClaimSentence]:
    """The document's claims the table shows, each in its ECB+ sentence."""
    return [ClaimSentence(gold.name, sentence_of(doc, gold, c.span.start), c)
            for c in extract_claims(doc) if worth_comparing(c)]  # fmt: skip


def evaluate_claims(
    root: str | Path | None = None,
    topics: str = "1-35",
    *,
    cache: str | Path | None = None,
    embed: Embed | None = None,
    peer_embed: Embed | None = None,
) -> dict[str, Any]:
    """Score the claim matrix's cross-outlet links (with paraphrases matched by ``embed``,
    default the static embedder, and by keys alone) beside the sentence-similarity peer."""
    base = Path(root) if root is not None else default_root()
    articles = read_corpus(base, parse_topics(topics))
    stories = _stories(articles, analysed_documents(articles, cache), base)
    if embed is None:
        from narrascope.embeddings import embed as static_embed

        embed = static_embed
    ours, keys, gold, claimed = Tally(), Tally(), set[Link](), set[Link]()
    units: list[tuple[str, tuple[str, int, str]]] = []  # (story, claim sentence)
    n_claims = n_placed = 0
    for story, members in sorted(stories.items()):
        golds = {g.name: g for g, _ in members}
        placed = [p for g, d in members for p in place_claims(d, g)]
        n_claims += len(placed)
        n_placed += sum(p.sentence is not None for p in placed)
        story_gold = gold_links(list(golds.values()))
        gold |= story_gold
        ours.proposed |= matrix_links(placed, golds, embed)
        keys.proposed |= matrix_links(placed, golds)
        carrying = claim_sentences(placed, golds)
        claimed |= {k for k in story_gold if {(k[0], k[1]), (k[2], k[3])} <= carrying}
        text_of = {(p.article, p.sentence): p.claim.text for p in reversed(placed)}
        units += [(story, (a, n, text_of[(a, n)])) for a, n in sorted(carrying)]
    ours.gold = keys.gold = gold
    report: dict[str, Any] = {
        "articles": sum(len(m) for m in stories.values()),
        "stories": len(stories),
        "claims": n_claims,
        "claims_placed": n_placed,
        "gold_links": len(gold),
        "gold_links_claim_sentences": len(claimed),
    }
    for name, tally in (("narrascope", ours), ("narrascope_keys_only", keys)):
        report[f"{name}_links"] = len(tally.proposed)
        report.update({f"{name}_{k}": v for k, v in tally.scores().items()})
        report[f"{name}_recall_claim_sentences"] = tally.scores(claimed)["recall"]
    precision = ours.scores()["precision"]
    report.update(_peer(units, gold, claimed, precision, peer_embed))
    return report


def _peer(
    units: list[tuple[str, tuple[str, int, str]]],
    gold: set[Link],
    claimed: set[Link],
    precision: float,
    embed: Embed | None,
) -> dict[str, Any]:
    if embed is None:
        from narrascope.embeddings import MiniLMEmbedder

        embed = MiniLMEmbedder().embed
    sentences = [u for _, u in units]
    vectors = np.asarray(embed([t for _, _, t in sentences]), dtype=np.float32)
    by_story: defaultdict[str, list[int]] = defaultdict(list)
    for i, (story, _) in enumerate(units):
        by_story[story].append(i)
    tallies = {}
    for threshold in PEER_GRID:
        tally = Tally(gold=gold)
        for rows in by_story.values():
            tally.proposed |= peer_links([sentences[i] for i in rows], vectors[rows], threshold)
        tallies[threshold] = tally
    equal = [t for t, tl in tallies.items() if tl.scores()["precision"] >= precision]
    at_equal = min(equal) if equal else max(PEER_GRID)
    best_f1 = max(PEER_GRID, key=lambda t: tallies[t].scores()["f1"])
    out: dict[str, Any] = {}
    for name, t in (("peer_equal_precision", at_equal), ("peer_best_f1", best_f1)):
        tally = tallies[t]
        out[f"{name}_threshold"] = t
        out[f"{name}_links"] = len(tally.proposed)
        out.update({f"{name}_{k}": v for k, v in tally.scores().items()})
        out[f"{name}_recall_claim_sentences"] = tally.scores(claimed)["recall"]
    return out


def evaluate(gold: str | Path, pred: str | Path | None = None) -> dict[str, Any]:
    """``narrascope eval claims --gold DIR`` (or ``run_evaluation("claims", DIR, None)``):
    topics 1-35 of an ECB+ folder; Narrascope runs on them (``pred`` is not read)."""
    del pred
    return evaluate_claims(gold)
