"""How the story modules name things: outlets, entity keys, salient entities."""

from __future__ import annotations

import unicodedata
from collections import Counter
from functools import lru_cache
from pathlib import PurePath
from urllib.parse import urlsplit

from anyascii import anyascii

from narrascope.models import Document, Entity

# Entity types that identify what a story is about (spaCy labels).
STORY_ENTITY_TYPES = frozenset({"PERSON", "ORG", "GPE", "LOC", "NORP", "FAC", "EVENT"})


def outlet_of(doc: Document) -> str:
    """The outlet of a document, else a short label: URL host, or source file stem, or id.

    Never a path: ``/data/in/feed.jsonl:12`` gives ``feed:12``, ``/data/a/report.txt``
    gives ``report``, ``https://www.example.org/x`` gives ``example.org``.
    """
    if doc.outlet:
        return doc.outlet
    for url in (doc.url, doc.source):
        host = urlsplit(url).hostname if url and "://" in url else None
        if host:
            return host.removeprefix("www.")
    return source_label(doc.source) or doc.id


def source_label(source: str) -> str:
    """The file stem of a source (with ``:LINE`` kept for a line of a JSON-lines file)."""
    path, sep, line = source.rpartition(":")
    if sep and line.isdigit() and path:
        return f"{PurePath(path).stem}:{line}"
    return PurePath(source).stem.strip("<>")


@lru_cache(maxsize=65_536)
def normalise_name(name: str) -> str:
    """Lower-case ASCII form of a name, for matching across scripts and styles."""
    text = anyascii(unicodedata.normalize("NFKC", name)).lower()
    words = "".join(c if c.isalnum() else " " for c in text).split()
    if len(words) > 1 and words[0] == "the":
        words = words[1:]
    return " ".join(words)


def entity_key(entity: Entity) -> str:
    """The key of an identity across documents: its normalised canonical name.

    ``link_entities`` gives every linked identity one corpus-wide canonical name,
    and before linking a full name is the same in every document that names it;
    transliteration makes Cyrillic and Latin spellings meet.
    """
    return f"name:{normalise_name(entity.name)}"


def salient_entities(doc: Document, limit: int = 12) -> Counter[str]:
    """Entity keys of a document weighted by mention count in the text (story-defining
    types only; a name only the headline gives is left out: the story vector already
    reads the headline)."""
    weights: Counter[str] = Counter()
    for entity in doc.entities:
        if entity.type not in STORY_ENTITY_TYPES or not entity.mentions:
            continue
        weights[entity_key(entity)] += max(1, len(entity.mentions))
    return Counter(dict(weights.most_common(limit)))


def entity_names(docs: list[Document]) -> dict[str, str]:
    """Entity key -> display name over documents (first name seen wins)."""
    names: dict[str, str] = {}
    for doc in docs:
        for entity in doc.entities:
            names.setdefault(entity_key(entity), entity.name)
    return names
