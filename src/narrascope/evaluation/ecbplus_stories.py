"""Story clustering scored on ECB+ events, cross-validated by topic, against a TF-IDF baseline.

Both systems get the same analysed documents and the same folds of topics.
For each fold, each system's threshold is the one with the best B-cubed F1
against events on the *training* topics (clustered together); the held-out
topics are then clustered together at that threshold and scored. The held-out
predictions of all folds form one partition of the corpus, scored with
B-cubed against events (``topic/ecb`` vs ``topic/ecbplus``) and against
topics, with the number of topics whose two events are kept apart (the
largest story of each event differs, and strictly: no story mixes them), the
singleton count, whether a shuffled input order changes Narrascope's stories,
and whether a fold clustered alone gets the same stories as inside the whole
corpus.

* Narrascope: :func:`narrascope.stories.events.cluster_events` over the
  documents the real analysis produced (entities, resolved dates, story vectors).
* Baseline: TF-IDF of the article text (scikit-learn, English stop words,
  sublinear tf) and average-link agglomerative clustering on cosine distance.
"""

from __future__ import annotations

import random
from collections import Counter
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import numpy as np

from narrascope.evaluation.ecbplus import EcbArticle, analysed_documents, read_corpus
from narrascope.evaluation.stories import bcubed
from narrascope.models import Document

Groups = list[list[str]]
System = Callable[[list[Document]], Callable[[float], Groups]]  # documents -> threshold -> groups

NARRASCOPE_GRID = tuple(round(0.05 + 0.025 * i, 3) for i in range(29))  # 0.05 .. 0.75
CENTROID_GRID = tuple(round(0.20 + 0.05 * i, 3) for i in range(13))  # 0.20 .. 0.80
BASELINE_GRID = tuple(round(0.05 + 0.025 * i, 3) for i in range(27))  # cosine 0.05 .. 0.70


def _cuts(ids: list[str], sim: np.ndarray, options: Any = None) -> Callable[[float], Groups]:
    """Average-link tree of a similarity matrix, cut at any similarity threshold.

    With event ``options``, stragglers are attached as the library does; without, a plain cut.
    """
    from dataclasses import replace

    from narrascope.stories.events import EventOptions, average_link_tree, cut_tree

    tree = average_link_tree(sim) if len(ids) > 1 else None
    base = options or EventOptions(small=0)  # small=0: nothing attached

    def cut(threshold: float) -> Groups:
        clusters = cut_tree(sim, tree, replace(base, threshold=threshold))
        return [[ids[i] for i in c] for c in clusters]

    return cut


def tfidf_baseline(docs: list[Document]) -> Callable[[float], Groups]:
    """TF-IDF of the text + average-link agglomerative clustering on cosine (cut at similarity)."""
    from sklearn.feature_extraction.text import TfidfVectorizer

    matrix = TfidfVectorizer(stop_words="english", sublinear_tf=True).fit_transform(
        [doc.text for doc in docs]
    )
    return _cuts([d.id for d in docs], np.asarray((matrix @ matrix.T).toarray()))


def narrascope_system(docs: list[Document]) -> Callable[[float], Groups]:
    """Narrascope's event clustering (:func:`~narrascope.stories.events.cluster_events`).

    The whole average-link tree is built once and cut at each threshold, which
    gives the same groups as ``cluster_events`` at that threshold (its
    components only bound the work).
    """
    from narrascope.stories.events import EventOptions, similarity_matrix

    options = EventOptions()
    ids, sim = similarity_matrix(docs, options)
    return _cuts(ids, sim, options)


def centroid_system(docs: list[Document]) -> Callable[[float], Groups]:
    """The centroid :class:`~narrascope.stories.cluster.StoryIndex` (the default before #17)."""
    from narrascope.stories.cluster import ClusterOptions, StoryIndex

    def cut(threshold: float) -> Groups:
        index = StoryIndex(ClusterOptions(threshold=threshold))
        index.add(docs)
        return [list(story.documents) for story in index.stories()]

    return cut


def _groups(ids: Sequence[str], labels: Sequence[int]) -> Groups:
    found: dict[int, list[str]] = {}
    for doc_id, label in zip(ids, labels, strict=True):
        found.setdefault(label, []).append(doc_id)
    return list(found.values())


def folds_of(topics: Sequence[int], n_folds: int) -> list[list[int]]:
    """Topics dealt round-robin into ``n_folds`` folds (sorted topics, deterministic)."""
    ordered = sorted(set(topics))
    return [ordered[k::n_folds] for k in range(n_folds) if ordered[k::n_folds]]


class Gold:
    """Event and topic of every analysed document."""

    def __init__(self, articles: list[EcbArticle], docs: dict[str, Document]):
        self.docs = [docs[a.name] for a in articles if a.name in docs]
        by_name = {a.name: a for a in articles}
        name_of = {doc.id: name for name, doc in docs.items()}
        self.event = {d.id: by_name[name_of[d.id]].event for d in self.docs}
        self.topic = {d.id: by_name[name_of[d.id]].topic for d in self.docs}

    def of_topics(self, topics: Sequence[int]) -> list[Document]:
        wanted = set(topics)
        return [d for d in self.docs if self.topic[d.id] in wanted]

    def groups(self, docs: list[Document], key: dict[str, Any]) -> Groups:
        found: dict[Any, list[str]] = {}
        for doc in docs:
            found.setdefault(key[doc.id], []).append(doc.id)
        return list(found.values())

    def f1(self, docs: list[Document], pred: Groups) -> float:
        ids = [d.id for d in docs]
        return bcubed(self.groups(docs, self.event), pred, ids)["stories_bcubed_f1"]


def tune(system: System, gold: Gold, docs: list[Document], grid: Sequence[float]) -> float:
    """The threshold of ``grid`` with the best B-cubed F1 vs events on ``docs``."""
    cut = system(docs)
    scored = [(gold.f1(docs, cut(t)), -i, t) for i, t in enumerate(grid)]
    return max(scored)[2]


def cross_validate(
    system: System, gold: Gold, folds: list[list[int]], grid: Sequence[float]
) -> tuple[Groups, list[float]]:
    """Held-out predictions of every fold (one partition) and the thresholds chosen."""
    pred: Groups = []
    chosen = []
    for fold in folds:
        train = gold.of_topics([t for f in folds if f is not fold for t in f])
        threshold = tune(system, gold, train, grid)
        chosen.append(threshold)
        pred.extend(system(gold.of_topics(fold))(threshold))
    return pred, chosen


def topics_apart(gold: Gold, pred: Groups) -> tuple[int, int, int]:
    """Topics with two events; of those, kept apart by largest story; kept strictly apart."""
    story = {d: n for n, g in enumerate(pred) for d in g}
    by_topic: dict[int, dict[str, list[str]]] = {}
    for doc in gold.docs:
        by_topic.setdefault(gold.topic[doc.id], {}).setdefault(gold.event[doc.id], []).append(
            doc.id
        )
    both = apart = strict = 0
    for events in by_topic.values():
        if len(events) != 2:
            continue
        both += 1
        (_, docs_a), (_, docs_b) = sorted(events.items())
        main_a = Counter(story[d] for d in docs_a).most_common(1)[0][0]
        main_b = Counter(story[d] for d in docs_b).most_common(1)[0][0]
        apart += main_a != main_b
        strict += not ({story[d] for d in docs_a} & {story[d] for d in docs_b})
    return both, apart, strict


def _partition(pred: Groups) -> frozenset[frozenset[str]]:
    return frozenset(frozenset(g) for g in pred)


def score_system(
    name: str, system: System, gold: Gold, folds: list[list[int]], grid: Sequence[float]
) -> dict[str, float]:
    """B-cubed vs events and topics, topics kept apart and singletons of one system."""
    pred, chosen = cross_validate(system, gold, folds, grid)
    ids = [d.id for d in gold.docs]
    events = bcubed(gold.groups(gold.docs, gold.event), pred, ids)
    topics = bcubed(gold.groups(gold.docs, gold.topic), pred, ids)
    both, apart, strict = topics_apart(gold, pred)
    result = {f"{name}_events_{k.removeprefix('stories_bcubed_')}": v for k, v in events.items()}
    result.update(
        {f"{name}_topics_{k.removeprefix('stories_bcubed_')}": v for k, v in topics.items()}
    )
    result.update(
        {
            f"{name}_topics_with_two_events": float(both),
            f"{name}_topics_kept_apart": float(apart),
            f"{name}_topics_kept_strictly_apart": float(strict),
            f"{name}_singletons": float(sum(len(g) == 1 for g in pred)),
            f"{name}_stories": float(len(pred)),
            f"{name}_threshold_min": min(chosen),
            f"{name}_threshold_max": max(chosen),
        }
    )
    return result


def library_clusters(docs: list[Document], threshold: float) -> Groups:
    """Stories exactly as the library makes them (:func:`cluster_events`)."""
    from narrascope.stories.events import EventOptions, cluster_events

    return cluster_events(docs, EventOptions(threshold=threshold))


def stability(gold: Gold, folds: list[list[int]], threshold: float) -> dict[str, float]:
    """Share of folds whose stories a shuffled input order leaves unchanged, share of
    documents whose story is the same when their fold is clustered alone and inside
    the whole corpus (IDF differs), and whether the library equals the evaluated cut."""
    rng = random.Random(17)
    same_order = same_cut = 0
    kept = 0
    whole = _partition(library_clusters(list(gold.docs), threshold))
    for fold in folds:
        docs = gold.of_topics(fold)
        base = _partition(library_clusters(docs, threshold))
        shuffled = list(docs)
        rng.shuffle(shuffled)
        same_order += base == _partition(library_clusters(shuffled, threshold))
        inside = {d.id for d in docs}
        restricted = {d: g & inside for g in whole for d in g & inside}
        kept += sum(restricted[d] in base for d in inside)
        same_cut += base == _partition(narrascope_system(docs)(threshold))
    n = len(folds)
    return {
        "narrascope_order_independent_folds": same_order / n,
        "narrascope_same_story_alone_and_in_corpus": kept / max(len(gold.docs), 1),
        "narrascope_library_equals_tree_folds": same_cut / n,
    }


def evaluate_ecbplus(
    root: str | Path | None = None,
    *,
    n_folds: int = 5,
    cache: str | Path | None = None,
    topics: Sequence[int] | None = None,
    centroid: bool = False,
) -> dict[str, float]:
    """Narrascope and the TF-IDF baseline on ECB+ development topics (see module doc);
    with ``centroid``, also the centroid ``StoryIndex`` (``centroid_*`` keys)."""
    articles = read_corpus(root, topics)
    gold = Gold(articles, analysed_documents(articles, cache))
    folds = folds_of(list(gold.topic.values()), n_folds)
    result = {"documents": float(len(gold.docs)), "topics": float(len(set(gold.topic.values())))}
    result.update(score_system("narrascope", narrascope_system, gold, folds, NARRASCOPE_GRID))
    result.update(score_system("tfidf", tfidf_baseline, gold, folds, BASELINE_GRID))
    if centroid:
        result.update(score_system("centroid", centroid_system, gold, folds, CENTROID_GRID))
    middle = (result["narrascope_threshold_min"] + result["narrascope_threshold_max"]) / 2
    result.update(stability(gold, folds, middle))
    return result
