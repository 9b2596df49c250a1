"""Event clustering: documents that report the same real-world event, whatever the corpus order.

Two earthquakes in one country, or two launches by one company, share most of
their words and names; what tells the events apart is *when* (dates in the
text, resolved by extraction, and the publication date), *where* and *who*
(the named places, people and organisations), and the *specific numbers*
(a magnitude, a death toll, a price). Each document gets three views:

* **words**: TF-IDF of its content words (scikit-learn, English stop words);
* **specifics**: TF-IDF of its entity keys, its dates (day, month and year
  tokens of every absolutely resolved date, publication date included) and
  its specific numbers, so a name or date every article of a topic carries
  weighs little (IDF over the corpus) and a rare one weighs much;
* **vector**: the multilingual story embedding (USE v3 of title and lead).

Similarity is the weighted mean of the three cosines. Stories are the clusters
of average-link agglomerative clustering cut at ``threshold``, with stragglers
(clusters of one or two documents) attached to the larger cluster they are
closest to when the mean similarity reaches ``attach * threshold`` (and
``cohesion`` times their own inner similarity). Both steps
are computed exactly but only inside the connected components of the graph of
pairs at or above ``attach * threshold`` (neither an average-link cluster nor
an attachment spans two components), so large corpora never need an
``n x n`` matrix at once; a component of more than :data:`COMPONENT_LIMIT`
documents is split again at stricter levels. Finding the components still
compares every pair (in bounded blocks): quadratic time, fine for tens of
thousands of documents, slow beyond.

Documents are ordered by id before anything is computed, so the input order
never changes the stories; apart from the IDF weights, a story depends only on
the documents of its component, not on the rest of the corpus.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, cast

import numpy as np

from narrascope.errors import ConfigError
from narrascope.models import Document
from narrascope.stories.dates import document_day, event_day, parse_iso
from narrascope.stories.keys import STORY_ENTITY_TYPES, entity_key, outlet_of, salient_entities
from narrascope.stories.vectors import Embedder, embed_documents

# a figure with 2+ digits, or with decimals; not a year-like 4-digit 1xxx/20xx
_NUMBER = re.compile(r"(?<![\w.,])(\d+(?:[.,]\d+)+|\d{2,})(?![\w])")
_YEAR = re.compile(r"^(1[89]\d\d|20\d\d)$")
_WORD = r"(?u)\b[^\W\d_][^\W\d_]+\b"
COMPONENT_LIMIT = 4000  # documents per component clustered at once (average link, dense)
BLOCK_CELLS = 4_000_000  # similarity cells computed at once while finding components


@dataclass(frozen=True, slots=True)
class EventOptions:
    """Settings of event clustering (weights of the three views, cut threshold)."""

    threshold: float = 0.325  # tuned on ECB+ topics 1-35 (docs/stories.md)
    w_words: float = 0.4
    w_specifics: float = 0.4
    w_vector: float = 0.2
    attach: float = 0.5  # stragglers join a cluster at this share of the threshold ...
    small: int = 2  # ... when they are clusters of at most this many documents ...
    cohesion: float = 0.7  # ... and this close to it relative to their own inner similarity

    def __post_init__(self) -> None:
        if not 0 < self.threshold < 1:
            raise ConfigError("threshold must be in (0, 1)")
        weights = (self.w_words, self.w_specifics, self.w_vector)
        if min(weights) < 0 or sum(weights) <= 0:
            raise ConfigError("view weights must be >= 0 and not all 0")
        if not 0 < self.attach <= 1 or self.small < 0 or self.cohesion < 0:
            raise ConfigError("attach must be in (0, 1], small and cohesion >= 0")


def specific_numbers(text: str) -> list[str]:
    """Normalised figures of a text that are not years ("6.1", "1200"; "2008" is skipped)."""
    found = []
    for match in _NUMBER.finditer(text):
        token = match.group(1)
        if _YEAR.match(token):
            continue
        if re.fullmatch(r"\d{1,3}(,\d{3})+", token):
            token = token.replace(",", "")
        found.append(token.replace(",", "."))
    return found


def date_tokens(doc: Document) -> list[str]:
    """Day, month and year tokens of the document's absolute dates (text and publication)."""
    values = [e.value for e in doc.events if e.precision not in ("week", "season", "decade")]
    if doc.published:
        values.append(doc.published)
    tokens = []
    for value in values:
        parts = parse_iso(value)
        if parts is None:
            continue
        year, month, day = parts
        tokens.append(f"year:{year}")
        if month is not None:
            tokens.append(f"month:{year}-{month:02d}")
            if day is not None:
                tokens.append(f"day:{year}-{month:02d}-{day:02d}")
    return tokens


def specifics(doc: Document) -> list[str]:
    """The feature tokens that single out an event: entities named in the text, dates,
    figures."""
    tokens = []
    for entity in doc.entities:
        if entity.type in STORY_ENTITY_TYPES and entity.mentions:
            tokens.extend([entity_key(entity)] * max(1, len(entity.mentions)))
    tokens.extend(date_tokens(doc))
    tokens.extend(f"num:{n}" for n in specific_numbers(doc.text))
    return tokens


@dataclass(slots=True)
class EventProfile:
    """What event clustering keeps of a document (no full text, no other findings)."""

    id: str
    words: list[str]  # content words (lower case, stop words removed)
    specifics: list[str]  # entity keys, date tokens, figures
    vector: np.ndarray  # L2-normalised story embedding
    duplicate_of: str | None = None
    outlet: str = ""
    entities: dict[str, int] = field(default_factory=dict)  # salient entity key -> weight
    names: dict[str, str] = field(default_factory=dict)  # entity key -> display name
    event_days: list[int] = field(default_factory=list)  # day-precise dates in the text
    day: int | None = None  # publication day


@lru_cache(maxsize=1)
def _word_analyzer() -> Callable[[str], list[str]]:
    from sklearn.feature_extraction.text import TfidfVectorizer

    return cast(
        Callable[[str], list[str]],
        TfidfVectorizer(stop_words="english", token_pattern=_WORD).build_analyzer(),
    )


def profiles_of(docs: Sequence[Document], embedder: Embedder | None = None) -> list[EventProfile]:
    """The event profiles of documents (embedding them when they carry no story vector)."""
    vectors = embed_documents(list(docs), embedder) if docs else np.zeros((0, 1))
    analyse = _word_analyzer()
    profiles = []
    for doc, vector in zip(docs, vectors, strict=True):
        names = {entity_key(e): e.name for e in doc.entities}
        days = [d for d in map(event_day, doc.events) if d is not None]
        profiles.append(
            EventProfile(
                id=doc.id,
                words=analyse(doc.text),
                specifics=specifics(doc),
                vector=vector,
                duplicate_of=doc.duplicate_of,
                outlet=outlet_of(doc),
                entities=dict(salient_entities(doc, 8)),
                names=names,
                event_days=days,
                day=document_day(doc),
            )
        )
    return profiles


def _tfidf(rows: Sequence[list[str]]) -> Any:
    from scipy.sparse import csr_matrix
    from sklearn.feature_extraction.text import TfidfVectorizer

    try:
        vectorizer = TfidfVectorizer(sublinear_tf=True, analyzer=_identity, lowercase=False)
        return vectorizer.fit_transform(rows)
    except ValueError:  # empty vocabulary: a view that adds nothing
        return csr_matrix((len(rows), 1), dtype=np.float64)


def _identity(tokens: list[str]) -> list[str]:
    return tokens


def _views(profiles: Sequence[EventProfile], options: EventOptions) -> list[tuple[float, Any]]:
    """``(weight, row-normalised matrix)`` of each view with a non-zero weight."""
    views: list[tuple[float, Any]] = []
    if options.w_words:
        views.append((options.w_words, _tfidf([p.words for p in profiles])))
    if options.w_specifics:
        views.append((options.w_specifics, _tfidf([p.specifics for p in profiles])))
    if options.w_vector:
        views.append((options.w_vector, np.vstack([p.vector for p in profiles])))
    return views


def _similarity(views: list[tuple[float, Any]], rows: Any, cols: Any) -> np.ndarray:
    total = sum(w for w, _ in views)
    sim: np.ndarray | None = None
    for weight, matrix in views:
        part = matrix[rows] @ matrix[cols].T
        dense = np.asarray(part.toarray() if hasattr(part, "toarray") else part, dtype=np.float64)
        sim = weight * dense if sim is None else sim + weight * dense
    assert sim is not None
    return sim / total


def _components(
    views: list[tuple[float, Any]], index: np.ndarray, threshold: float
) -> list[list[int]]:
    """Connected components (lists of positions from ``index``) of the graph of pairs of
    ``index`` with similarity >= ``threshold``; computed in row blocks of bounded size."""
    from scipy.sparse import coo_matrix
    from scipy.sparse.csgraph import connected_components

    n = len(index)
    heads: list[np.ndarray] = []
    tails: list[np.ndarray] = []
    step = max(1, min(1024, BLOCK_CELLS // max(n, 1)))
    for start in range(0, n, step):
        local = np.arange(start, min(start + step, n))
        sim = _similarity(views, index[local], index)
        r, c = np.nonzero(sim >= threshold)
        heads.append(local[r])
        tails.append(c)
    head, tail = np.concatenate(heads), np.concatenate(tails)
    graph = coo_matrix((np.ones(len(head)), (head, tail)), shape=(n, n))
    count, labels = connected_components(graph, directed=False)
    members: list[list[int]] = [[] for _ in range(count)]
    for i, label in enumerate(labels):
        members[int(label)].append(int(index[i]))
    return members


def _bounded_components(
    views: list[tuple[float, Any]], n: int, options: EventOptions
) -> Iterator[list[int]]:
    """Components of at most :data:`COMPONENT_LIMIT` documents.

    First at the attachment floor (exact); a component larger than the limit is split
    again at the cut threshold (still exact for the average-link clusters, only
    attachments across the split are lost), then at stricter levels, and left as
    singletons only if even 0.95 keeps it too large.
    """
    floor = min(options.threshold, options.attach * options.threshold)
    levels = [floor, options.threshold]
    levels += [float(x) for x in np.arange(options.threshold + 0.1, 0.96, 0.1)]
    todo = [(np.arange(n), 0)]
    while todo:
        index, level = todo.pop()
        for members in _components(views, index, levels[level]):
            if len(members) <= COMPONENT_LIMIT:
                yield members
            elif level + 1 < len(levels):
                todo.append((np.asarray(members), level + 1))
            else:
                yield from ([m] for m in members)


def average_link_tree(sim: np.ndarray) -> np.ndarray:
    """The average-link merge tree (scipy linkage) of a square similarity matrix."""
    from scipy.cluster.hierarchy import linkage
    from scipy.spatial.distance import squareform

    distance = np.clip(1.0 - (sim + sim.T) / 2, 0.0, None)
    np.fill_diagonal(distance, 0.0)
    return np.asarray(linkage(squareform(distance, checks=False), method="average"))


def cut_tree(sim: np.ndarray, tree: np.ndarray | None, options: EventOptions) -> list[list[int]]:
    """Clusters of the tree cut at ``options.threshold``, then stragglers attached.

    A cluster of at most ``options.small`` documents joins the larger cluster
    it is most similar to (mean similarity) when that reaches
    ``attach * threshold`` and ``cohesion`` times the cluster's own inner mean
    similarity: a report that tells an event in other words than most is still
    closer to it than to anything else, while two reports of a smaller, related
    event stay together and apart. Decided against the cut as it stands, so the
    result does not depend on any order.
    """
    from scipy.cluster.hierarchy import fcluster

    if len(sim) < 2 or tree is None:
        return [[i] for i in range(len(sim))]
    labels = fcluster(tree, t=1.0 - options.threshold, criterion="distance")
    found: dict[int, list[int]] = {}
    for i, label in enumerate(labels):
        found.setdefault(int(label), []).append(i)
    clusters = sorted(found.values())
    large = [c for c in clusters if len(c) > options.small]
    merged = [list(c) for c in large]
    floor = options.attach * options.threshold
    for cluster in clusters:
        if len(cluster) > options.small:
            continue
        means = [float(sim[np.ix_(cluster, c)].mean()) for c in large]
        best = int(np.argmax(means)) if means else -1
        if best >= 0 and means[best] >= max(floor, options.cohesion * _inner(sim, cluster)):
            merged[best].extend(cluster)
        else:
            merged.append(list(cluster))
    return merged


def _inner(sim: np.ndarray, cluster: list[int]) -> float:
    """Mean similarity between the distinct members of a cluster (0 for one member)."""
    if len(cluster) < 2:
        return 0.0
    block = sim[np.ix_(cluster, cluster)]
    n = len(cluster)
    return float((block.sum() - np.trace(block)) / (n * (n - 1)))


def similarity_matrix(
    docs: Sequence[Document], options: EventOptions | None = None
) -> tuple[list[str], np.ndarray]:
    """Document ids (sorted) and their dense pairwise similarity (for evaluation, small sets)."""
    options = options or EventOptions()
    profiles = sorted(profiles_of(docs), key=lambda p: p.id)
    views = _views(profiles, options)
    every = np.arange(len(profiles))
    return [p.id for p in profiles], _similarity(views, every, every)


def cluster_events(
    docs: Sequence[Document], options: EventOptions | None = None, embedder: Embedder | None = None
) -> list[list[str]]:
    """Groups of document ids, one per event (the order of ``docs`` does not matter)."""
    return cluster_profiles(profiles_of(docs, embedder), options)


def cluster_profiles(
    profiles: Sequence[EventProfile], options: EventOptions | None = None
) -> list[list[str]]:
    """Groups of document ids, one per event, largest first (each group sorted).

    Near-duplicates (``duplicate_of`` set) join their canonical copy's group.
    """
    options = options or EventOptions()
    by_id = {p.id: p for p in profiles}
    canon = sorted(d for d, p in by_id.items() if p.duplicate_of not in by_id)
    groups: list[list[str]] = []
    if canon:
        ordered = [by_id[d] for d in canon]
        views = _views(ordered, options)
        for members in _bounded_components(views, len(ordered), options):
            index = np.asarray(members)
            sim = _similarity(views, index, index)
            tree = average_link_tree(sim) if len(members) > 1 else None
            groups.extend([canon[members[i]] for i in c] for c in cut_tree(sim, tree, options))
    story_of = {d: n for n, g in enumerate(groups) for d in g}
    for doc_id in sorted(by_id):
        target = by_id[doc_id].duplicate_of
        if doc_id not in story_of and target is not None and target in story_of:
            groups[story_of[target]].append(doc_id)
            story_of[doc_id] = story_of[target]
    return sorted((sorted(g) for g in groups), key=lambda g: (-len(g), g[0]))
