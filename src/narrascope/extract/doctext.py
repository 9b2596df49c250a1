"""The text of a spaCy ``Doc``, built once.

``Doc.text`` joins every token's text on each access; the extractors read it
several times per document, so it is kept in ``Doc.user_data`` after the first.
"""

from __future__ import annotations

from spacy.tokens import Doc

TEXT_KEY = "narrascope_text"


def doc_text(sdoc: Doc) -> str:
    """``sdoc.text``, computed on the first call and cached on the doc."""
    text = sdoc.user_data.get(TEXT_KEY)
    if not isinstance(text, str):
        text = sdoc.user_data[TEXT_KEY] = sdoc.text
    return text
