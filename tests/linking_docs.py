"""Documents built from invented (name, label) mentions, for the linking tests."""

from __future__ import annotations

from narrascope.extract.canonical import document_entities
from narrascope.models import Document, Mention


def docs_from_specs(*specs: tuple[tuple[str, str], ...]) -> list[Document]:
    """One document per spec; each spec holds (name, label) mentions."""
    out = []
    for i, spec in enumerate(specs):
        text = " . ".join(name for name, _ in spec)
        mentions, pos = [], 0
        for name, label in spec:
            mentions.append(Mention(name, pos, pos + len(name), label))
            pos += len(name) + 3
        doc = Document(id=f"d{i}", source="t", raw=text, text=text)
        doc.entities, _ = document_entities(doc.id, mentions)
        out.append(doc)
    return out
