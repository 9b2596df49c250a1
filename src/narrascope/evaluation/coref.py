"""Cross-document coreference of named entity mentions on ECB+, beside a baseline.

Key mentions: the gold entity mentions that hold a name (a capitalised word that is
not sentence-initial, or a sentence-initial one whose lowercase form never occurs in
the document). Each is given the corpus entity of the Narrascope mention that covers
its head word (Narrascope links the documents of one topic); a mention Narrascope did
not find is a singleton (the end-to-end setting). In the gold-mention setting, standard
in cross-document coreference, Narrascope's own canonicalisation and linking
(``extract.canonical`` within a document, ``extract.linking`` across the documents of a
topic) cluster the gold mention strings, typed from their ECB+ class (``GOLD_LABELS``);
mention detection is then perfect, as it is for the baseline. The baseline clusters
mentions of a topic by their head word (the last word before a post-modifier such as
"in", "of" or a comma).
The headline path: ``narrascope_headline_as_title`` passes each article's first line
as its title, as cleaning does with a headline, so its mentions come from
``Document.title_mentions``; ``narrascope_headline_unread`` is the same extraction with
the headline's mentions dropped (what the pipeline did before it read headlines).
Scores: MUC, B-cubed, CEAF-e (entity-based, optimal alignment) and their average F1
(the CoNLL score), with the standard formulas.
"""

from __future__ import annotations

import copy
import re
from collections import defaultdict
from collections.abc import Hashable, Mapping, Sequence
from dataclasses import replace
from functools import lru_cache
from pathlib import Path

import numpy as np
from scipy.optimize import linear_sum_assignment

from narrascope.evaluation.ecbplus_mentions import (
    EcbDocument,
    GoldMention,
    default_root,
    load_topics,
    parse_topics,
    selected_sentences,
)
from narrascope.extract import names
from narrascope.models import Document, Mention

Clustering = dict[int, Hashable]  # key mention index -> cluster label
_PRONOUNS = frozenset(
    [
        "i",
        "i'm",
        "i'd",
        "i'll",
        "i've",
        "we",
        "we'll",
        "we're",
        "we'd",
        "you",
        "you're",
        "he",
        "she",
        "it",
        "they",
        "me",
        "us",
        "him",
        "her",
        "them",
        "his",
        "its",
        "their",
        "our",
        "my",
        "your",
    ]
)


def is_named(doc: EcbDocument, m: GoldMention) -> bool:
    """The mention holds a proper name (capitalisation, see the module docstring)."""
    for tok in re.finditer(r"[^\W\d_][\w'’.&-]*", m.text):
        word = tok.group()
        if not word[:1].isupper() or word.lower().replace("’", "'") in _PRONOUNS:
            continue
        before = doc.text[: m.start + tok.start()].rstrip(" ")
        initial = not before or before.endswith("\n") or before[-1] in '.!?"“'
        if not initial or word.lower() not in _lower_words(doc.text):
            return True
    return False


@lru_cache(maxsize=64)
def _lower_words(text: str) -> frozenset[str]:
    """The words written in lowercase somewhere in the text."""
    return frozenset(w for w in re.findall(r"\w+", text) if w.islower())


_POST_HEAD = re.compile(r"\s(?:in|of|at|near|from|on|outside|inside|located|,)\s")


def _head(m: GoldMention) -> tuple[int, int]:
    """The head word: the last word before a post-modifier ("a bank in Athens" -> bank)."""
    cut = _POST_HEAD.search(m.text)
    core = m.text[: cut.start()] if cut else m.text
    words = list(re.finditer(r"\w+", core)) or list(re.finditer(r"\w+", m.text))
    if not words:
        return m.start, m.end
    last = words[-1]
    if last.group().lower() == "s" and len(words) > 1:  # "Smith 's"
        last = words[-2]
    return m.start + last.start(), m.start + last.end()


def key_mentions(docs: Sequence[EcbDocument]) -> list[tuple[int, GoldMention]]:
    """(document index, mention) of every named gold mention."""
    return [(i, m) for i, d in enumerate(docs) for m in d.mentions if is_named(d, m)]


def narrascope_clusters(
    docs: Sequence[EcbDocument],
    keys: list[tuple[int, GoldMention]],
    parsed: Sequence[Document] | None = None,
    *,
    headline_as_title: bool = False,
) -> Clustering:
    """Narrascope's corpus entity of each key mention (entities linked per topic);
    ``parsed``: the documents already extracted, in the order of ``docs``;
    ``headline_as_title``: each article's first line is passed as its title, as
    cleaning does with a headline (:func:`extract_ecb`)."""
    from narrascope.extract import link_entities
    from narrascope.extract.story_names import share_story_names

    parsed = (
        list(parsed)
        if parsed is not None
        else extract_ecb(docs, headline_as_title=headline_as_title)
    )
    by_topic: dict[int, list[Document]] = defaultdict(list)
    for d, p in zip(docs, parsed, strict=True):
        by_topic[d.topic].append(p)
    for group in by_topic.values():
        share_story_names(group)
        link_entities(group, story=True)
    out: Clustering = {}
    for k, (di, m) in enumerate(keys):
        hs, he = _head(m)
        doc = parsed[di]
        title = len(doc.title) + 1 if headline_as_title and doc.title is not None else 0
        if he <= title:  # a mention in the headline
            entity_id = next(
                (t.entity_id for t in doc.title_mentions if t.start <= hs and he <= t.end), None
            )
        else:
            entity_id = next(
                (
                    entity.id
                    for entity in doc.entities
                    for sm in entity.mentions
                    if sm.start <= hs - title and he - title <= sm.end
                ),
                None,
            )
        out[k] = (docs[di].topic, entity_id) if entity_id is not None else ("missing", k)
    return out


def extract_ecb(docs: Sequence[EcbDocument], *, headline_as_title: bool = False) -> list[Document]:
    """Narrascope's extraction of the ECB+ documents (entities not yet linked); with
    ``headline_as_title`` the first line (the headline) is the title, the rest the text."""
    from narrascope.extract import extract_documents

    def document(d: EcbDocument) -> Document:
        doc_id, source = f"{d.topic}/{d.name}", f"ecbplus:{d.name}"
        if not headline_as_title:
            return Document(id=doc_id, source=source, raw=d.text, text=d.text)
        title, _, body = d.text.partition("\n")
        return Document(id=doc_id, source=source, raw=d.text, text=body, title=title)

    return list(extract_documents(document(d) for d in docs))


GOLD_LABELS = {  # ECB+ entity class -> the recogniser label the linker expects
    "HUMAN_PART_PER": "PERSON",
    "HUMAN_PART_ORG": "ORG",
    "HUMAN_PART_MET": "ORG",
    "HUMAN_PART_GPE": "GPE",
    "HUMAN_PART_GENERIC": "PERSON",
    "HUMAN_PART_VEH": "PRODUCT",
    "LOC_GEO": "GPE",
    "LOC_FAC": "FAC",
    "LOC_OTHER": "LOC",
    "NON_HUMAN_PART": "PRODUCT",
    "NON_HUMAN_PART_GENERIC": "PRODUCT",
}


_LEAD_LOWER = re.compile(r"(?:[a-z][\w'’-]*\s+)+(?=[A-Z])")


_CUT = re.compile(r"\s(?:in|at|near|between|outside|inside|,)\s")


def _post_modifier(m: GoldMention) -> int:
    """Where a post-modifying place ends the name: "Harbour Clinic in Eastport" -> after Clinic."""
    cut = _CUT.search(m.text)
    return m.start + cut.start() if cut else m.end


def gold_mention(doc: EcbDocument, m: GoldMention) -> Mention:
    """A gold mention as a recogniser gives it: a post-modifying place ("in Eastport"),
    leading lowercase words ("in the", "defensive tackle"), "the" and a possessive trimmed;
    the text written without the corpus's token spaces ("U . S ." -> "U.S."), offsets kept."""
    text = doc.text.replace(" 's", "'s ").replace(" ’s", "’s ")  # same length: offsets hold
    start, end = names.trim_span(text, m.start, min(m.end, _post_modifier(m)))
    lead = _LEAD_LOWER.match(text, start, end)
    if lead:
        start = lead.end()
    if start >= end:
        start, end = m.start, m.end
    surface = re.sub(r"\s+(?=[.,’']|s\b)", "", doc.text[start:end])
    surface = re.sub(r"(?<=\b[A-Z]\.)\s+(?=[A-Z]\.)", "", surface)
    return Mention(surface.strip(), start, end, GOLD_LABELS.get(m.kind, "PRODUCT"))


def gold_mention_clusters(
    docs: Sequence[EcbDocument], keys: list[tuple[int, GoldMention]]
) -> Clustering:
    """Narrascope's canonicalisation and linking run on the gold mentions (per topic)."""
    from narrascope.extract import link_entities
    from narrascope.extract.canonical import document_entities

    per_doc: dict[int, list[tuple[int, Mention]]] = defaultdict(list)
    for k, (di, m) in enumerate(keys):
        per_doc[di].append((k, gold_mention(docs[di], m)))
    by_topic: dict[int, list[Document]] = defaultdict(list)
    owner: dict[tuple[int, int, int], list[int]] = defaultdict(list)  # span -> key indices
    parsed: dict[int, Document] = {}
    for di, items in per_doc.items():
        d = docs[di]
        doc = Document(id=f"{d.topic}/{d.name}", source=f"ecbplus:{d.name}", raw="", text=d.text)
        doc.entities, _ = document_entities(doc.id, [gm for _, gm in items])
        for k, gm in items:
            owner[(di, gm.start, gm.end)].append(k)
        parsed[di] = doc
        by_topic[d.topic].append(doc)
    for group in by_topic.values():
        link_entities(group, story=True)
    out: Clustering = {}
    for di, doc in parsed.items():
        for entity in doc.entities:
            for sm in entity.mentions:
                for k in owner.get((di, sm.start, sm.end), ()):
                    out[k] = (docs[di].topic, entity.id)
    for k in range(len(keys)):  # not expected: every gold mention is given to the linker
        out.setdefault(k, ("missing", k))
    return out


def head_baseline(docs: Sequence[EcbDocument], keys: list[tuple[int, GoldMention]]) -> Clustering:
    """Mentions of a topic with the same head word are one entity."""
    out: Clustering = {}
    for k, (di, m) in enumerate(keys):
        hs, he = _head(m)
        out[k] = (docs[di].topic, docs[di].text[hs:he].lower())
    return out


def _groups(c: Mapping[int, Hashable]) -> list[set[int]]:
    by: dict[Hashable, set[int]] = defaultdict(set)
    for k, label in c.items():
        by[label].add(k)
    return list(by.values())


def _f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


def muc(key: list[set[int]], response: list[set[int]]) -> tuple[float, float, float]:
    """MUC (Vilain et al. 1995): links shared."""

    def side(a: list[set[int]], b: list[set[int]]) -> float:
        where = {m: i for i, c in enumerate(b) for m in c}
        num = den = 0
        for c in a:
            parts = {where.get(m, ("alone", m)) for m in c}
            num += len(c) - len(parts)
            den += len(c) - 1
        return num / den if den else 0.0

    r, p = side(key, response), side(response, key)
    return p, r, _f1(p, r)


def bcubed(key: list[set[int]], response: list[set[int]]) -> tuple[float, float, float]:
    """B-cubed (Bagga and Baldwin 1998), per mention."""
    kin = {m: c for c in key for m in c}
    rin = {m: c for c in response for m in c}
    mentions = list(kin)
    if not mentions:
        return 0.0, 0.0, 0.0
    p = sum(len(kin[m] & rin[m]) / len(rin[m]) for m in mentions) / len(mentions)
    r = sum(len(kin[m] & rin[m]) / len(kin[m]) for m in mentions) / len(mentions)
    return p, r, _f1(p, r)


def ceaf_e(key: list[set[int]], response: list[set[int]]) -> tuple[float, float, float]:
    """Entity-based CEAF (Luo 2005): phi4 similarity, optimal one-to-one alignment."""
    if not key or not response:
        return 0.0, 0.0, 0.0
    sim = np.zeros((len(key), len(response)))
    where = {m: j for j, c in enumerate(response) for m in c}
    for i, k in enumerate(key):
        for m in k:
            if m in where:
                sim[i, where[m]] += 1
    sizes_k = np.array([len(k) for k in key], dtype=float)[:, None]
    sizes_r = np.array([len(c) for c in response], dtype=float)[None, :]
    sim = 2 * sim / (sizes_k + sizes_r)
    rows, cols = linear_sum_assignment(-sim)
    total = float(sim[rows, cols].sum())
    p, r = total / len(response), total / len(key)
    return p, r, _f1(p, r)


def score(gold: Mapping[int, Hashable], pred: Mapping[int, Hashable]) -> dict[str, float]:
    """MUC, B-cubed, CEAF-e P/R/F1 and the CoNLL F1."""
    key, response = _groups(gold), _groups(pred)
    out: dict[str, float] = {}
    for name, fn in (("muc", muc), ("bcubed", bcubed), ("ceafe", ceaf_e)):
        p, r, f = fn(key, response)
        out.update({f"{name}_precision": p, f"{name}_recall": r, f"{name}_f1": f})
    out["conll_f1"] = (out["muc_f1"] + out["bcubed_f1"] + out["ceafe_f1"]) / 3
    return out


def evaluate_ecbplus(
    root: str | Path | None = None, topics: str = "1-35", *, limit: int | None = None
) -> dict[str, float]:
    """Narrascope and the same-head baseline on the named mentions of ECB+ topics: all
    annotated mentions, and (``selected.*``, when the release's sentence index is there)
    only those of the sentences annotated in full."""
    base = Path(root) if root else default_root()
    docs = load_topics(base, parse_topics(topics))[:limit]
    keys = key_mentions(docs)
    gold: Clustering = {k: m.cluster for k, (_, m) in enumerate(keys)}
    titled = extract_ecb(docs, headline_as_title=True)
    unread = [replace(doc, title_mentions=[]) for doc in copy.deepcopy(titled)]
    systems = {
        "narrascope": narrascope_clusters(docs, keys),
        "narrascope_headline_as_title": narrascope_clusters(
            docs, keys, titled, headline_as_title=True
        ),
        "narrascope_headline_unread": narrascope_clusters(
            docs, keys, unread, headline_as_title=True
        ),
        "narrascope_gold_mentions": gold_mention_clusters(docs, keys),
        "baseline_head": head_baseline(docs, keys),
    }
    out = _scores(gold, systems)
    chosen = selected_sentences(base)
    if chosen is not None:
        subset = {
            k
            for k, (di, m) in enumerate(keys)
            if m.sentence in chosen.get(docs[di].name, frozenset())
        }
        part = {name: {k: pred[k] for k in subset} for name, pred in systems.items()}
        sub = _scores({k: gold[k] for k in subset}, part)
        out.update({f"selected.{key}": value for key, value in sub.items()})
    out["documents"] = float(len(docs))
    return out


def _scores(gold: Clustering, systems: Mapping[str, Clustering]) -> dict[str, float]:
    """Every system's scores against ``gold``, with the counts of mentions and entities."""
    out: dict[str, float] = {
        "key_mentions": float(len(gold)),
        "gold_entities": float(len(set(gold.values()))),
    }
    for name, pred in systems.items():
        for key, value in score(gold, pred).items():
            out[f"{name}.{key}"] = value
    missing = sum(
        1 for v in systems["narrascope"].values() if isinstance(v, tuple) and v[0] == "missing"
    )
    out["narrascope.missed_mentions"] = float(missing)
    return out


def evaluate(gold: str | Path, pred: str | Path | None = None) -> dict[str, float]:
    """``narrascope eval coref --gold DIR``: topics 1-35 of an ECB+ folder."""
    del pred
    return evaluate_ecbplus(gold)
