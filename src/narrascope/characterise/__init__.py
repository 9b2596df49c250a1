"""How each article frames the story: narratives, entity roles, persuasion techniques, tone.

Public API::

    Characteriser(options) .characterise(docs) / .roles_for_mentions(doc, mentions)
    CharacteriseOptions(taxonomies=(), model="auto", embedder="static", max_entities=5)
    CharacteriseStage(taxonomy=None, model_dir=None, embedder="static")
    load_taxonomy(path) / builtin_taxonomy(kind)
    train(label_files, docs_dir, out=None, embedder="static")
"""

from __future__ import annotations

from narrascope.characterise.core import CharacteriseOptions, Characteriser
from narrascope.characterise.stage import CharacteriseStage
from narrascope.characterise.taxonomy import (
    Taxonomy,
    TaxonomyError,
    builtin_taxonomy,
    load_taxonomy,
)
from narrascope.characterise.train import train

__all__ = [
    "CharacteriseOptions",
    "CharacteriseStage",
    "Characteriser",
    "Taxonomy",
    "TaxonomyError",
    "builtin_taxonomy",
    "load_taxonomy",
    "train",
]
