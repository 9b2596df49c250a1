"""Run the characteriser over a SemEval-layout folder and produce predictions."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from narrascope.characterise.core import CharacteriseOptions, Characteriser
from narrascope.characterise.taxonomy import OTHER
from narrascope.errors import EvaluationError
from narrascope.evaluation.semeval_format import RAW_DIR, NarrativeRow, RoleRow, doc_key
from narrascope.models import Document


def read_documents(folder: str | Path) -> list[Document]:
    """Documents from ``folder/raw-documents/*.txt`` (or ``folder/*.txt``), id = file stem."""
    folder = Path(folder)
    raw = folder / RAW_DIR if (folder / RAW_DIR).is_dir() else folder
    files = sorted(raw.glob("*.txt"))
    if not files:
        raise EvaluationError(f"{raw}: no .txt documents found")
    docs = []
    for file in files:
        text = file.read_text(encoding="utf-8")
        docs.append(Document(id=doc_key(file.name), source=str(file), raw=text, text=text))
    return docs


def narrative_row(doc: Document) -> NarrativeRow:
    """A document's predicted labels as a subtask-2 row."""
    coarse = frozenset(n.label for n in doc.narratives if n.level == "coarse") or frozenset({OTHER})
    fine = frozenset(n.label for n in doc.narratives if n.level == "fine") or frozenset({OTHER})
    return NarrativeRow(doc.id, coarse, fine)


def predict_folder(
    folder: str | Path, mentions: list[RoleRow], **opts: Any
) -> tuple[dict[str, NarrativeRow], dict[tuple[str, int, int], RoleRow]]:
    """Subtask-2 rows for every document and subtask-1 rows for the given mentions."""
    taxonomies = tuple(opts.get("taxonomies") or ())
    if opts.get("taxonomy"):
        taxonomies += (str(opts["taxonomy"]),)
    options = CharacteriseOptions(
        taxonomies=taxonomies,
        model=opts.get("model", "auto"),
        embedder=opts.get("embedder", "static"),
        max_entities=0,
        techniques=False,
    )
    engine = Characteriser(options)
    docs = engine.characterise(read_documents(folder))
    pred2 = {doc.id: narrative_row(doc) for doc in docs}
    by_doc: dict[str, list[RoleRow]] = {}
    for row in mentions:
        by_doc.setdefault(row.doc_id, []).append(row)
    pred1: dict[tuple[str, int, int], RoleRow] = {}
    for doc in docs:
        rows = by_doc.get(doc.id, [])
        roles = engine.roles_for_mentions(doc, [(r.entity, r.start, r.end) for r in rows])
        for row, role in zip(rows, roles, strict=True):
            item = RoleRow(
                doc.id, row.entity, row.start, row.end, role.main_role, frozenset(role.fine_roles)
            )
            pred1[item.key] = item
    return pred2, pred1
