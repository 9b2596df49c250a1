"""Narrascope: how a story is told across news outlets.

The Python API mirrors the command line::

    import narrascope
    corpus = narrascope.analyze(["articles/"])          # -> Corpus
    for doc in corpus.documents:
        print(doc.title, doc.outlet, len(doc.quotes))
"""

from __future__ import annotations

import logging

from narrascope.analysis import analyse_stored, analyze, connect_stored, ingest_paths, load_corpus
from narrascope.config import Settings, load_settings
from narrascope.errors import (
    CleaningError,
    ConfigError,
    EvaluationError,
    ExtractionError,
    IngestError,
    NarrascopeError,
    NotFoundError,
    StageError,
    StoreError,
)
from narrascope.models import (
    Boilerplate,
    Contradiction,
    Corpus,
    Document,
    Entity,
    Event,
    Failure,
    Mention,
    NarrativeLabel,
    OffsetMap,
    Quote,
    RawArticle,
    RoleAssignment,
    Span,
    Story,
    Technique,
    Tone,
)
from narrascope.output import corpus_to_dict, validate_output, write_output
from narrascope.store import open_store

__version__ = "0.2.0"

__all__ = [
    "Boilerplate",
    "CleaningError",
    "ConfigError",
    "Contradiction",
    "Corpus",
    "Document",
    "Entity",
    "EvaluationError",
    "Event",
    "ExtractionError",
    "Failure",
    "IngestError",
    "Mention",
    "NarrascopeError",
    "NarrativeLabel",
    "NotFoundError",
    "OffsetMap",
    "Quote",
    "RawArticle",
    "RoleAssignment",
    "Settings",
    "Span",
    "StageError",
    "StoreError",
    "Story",
    "Technique",
    "Tone",
    "__version__",
    "analyse_stored",
    "analyze",
    "connect_stored",
    "corpus_to_dict",
    "ingest_paths",
    "load_corpus",
    "load_settings",
    "open_store",
    "validate_output",
    "write_output",
]

logging.getLogger(__name__).addHandler(logging.NullHandler())
