"""Reading ECB+ (topics of news articles about the same kind of event) for evaluation.

Each ``<topic>/<n>ecb(plus).xml`` holds tokens (``t_id``, ``sentence``), markables
(mentions anchored on tokens; instance markables without tokens) and
``CROSS_DOC_COREF`` relations from mentions to an instance id (the ``note``), and
``INTRA_DOC_COREF`` chains within one document. A document's text is rebuilt from its
tokens: one space between tokens, one line per sentence. Entity mentions are the
``HUMAN_PART_*``, ``NON_HUMAN_PART*`` and ``LOC_*`` markables; a mention in no relation
is a singleton. ``ECBplus_coreference_sentences.csv`` (beside the ``ECB+`` folder in the
release) lists the sentences whose coreference was annotated in full; the release asks
that evaluation be restricted to them (:func:`selected_sentences`).
"""

from __future__ import annotations

import csv
import os
import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

from narrascope.errors import EvaluationError

ENTITY_TYPES = ("HUMAN_PART", "NON_HUMAN_PART", "LOC_")
RESERVED_TOPICS = frozenset(range(36, 46))  # held out for judging the project


@dataclass(frozen=True, slots=True)
class GoldMention:
    """An entity mention: character offsets into the rebuilt text, its cluster."""

    start: int
    end: int
    text: str
    kind: str
    cluster: str
    sentence: int = -1


@dataclass(frozen=True, slots=True)
class EcbDocument:
    """One article of a topic."""

    topic: int
    name: str
    text: str
    mentions: tuple[GoldMention, ...]


def default_root() -> Path:
    """``$NARRASCOPE_DATA/ecbplus/ECB+_LREC2014/ECB+``."""
    base = os.environ.get("NARRASCOPE_DATA") or str(Path.home() / ".cache" / "narrascope-data")
    return Path(base) / "ecbplus" / "ECB+_LREC2014" / "ECB+"


def parse_topics(spec: str) -> list[int]:
    """``"1-35"`` or ``"1,3,5-7"`` -> topic numbers; reserved topics are refused."""
    out: list[int] = []
    for part in spec.split(","):
        part = part.strip()
        if not part:
            continue
        lo, _, hi = part.partition("-")
        try:
            out.extend(range(int(lo), int(hi or lo) + 1))
        except ValueError:
            raise EvaluationError(f"bad topic range {part!r}") from None
    reserved = sorted(set(out) & RESERVED_TOPICS)
    if reserved:
        raise EvaluationError(f"ECB+ topics {reserved} are reserved; use 1-35")
    return out


def load_topics(root: str | Path, topics: list[int]) -> list[EcbDocument]:
    """The documents of the topics that exist under ``root`` (15 and 17 do not)."""
    base = Path(root)
    if not base.is_dir():
        raise EvaluationError(f"ECB+ not found at {base}: see docs/datasets.md")
    docs = []
    for topic in topics:
        folder = base / str(topic)
        if not folder.is_dir():
            continue
        for path in sorted(folder.glob("*.xml"), key=_order):
            doc = read_document(path, topic)
            if doc is not None:
                docs.append(doc)
    return docs


SELECTED_SENTENCES = "ECBplus_coreference_sentences.csv"


def selected_sentences(root: str | Path) -> dict[str, frozenset[int]] | None:
    """File name -> the sentence numbers annotated in full, from the release's index
    (``<root>/../ECBplus_coreference_sentences.csv``); None when the index is absent.
    Rows of reserved topics are skipped unread."""
    path = Path(root).parent / SELECTED_SENTENCES
    if not path.is_file():
        return None
    out: dict[str, set[int]] = {}
    with path.open(encoding="utf-8") as fh:
        for row in csv.reader(fh):
            if len(row) < 3 or not row[0].strip().isdigit():
                continue
            topic = int(row[0])
            if topic in RESERVED_TOPICS or not row[2].strip().isdigit():
                continue
            out.setdefault(f"{topic}_{row[1].strip()}.xml", set()).add(int(row[2]))
    return {name: frozenset(s) for name, s in out.items()}


def _order(path: Path) -> tuple[int, str]:
    m = re.match(r"\d+_(\d+)", path.name)
    return (int(m.group(1)) if m else 0, path.name)


def read_document(path: Path, topic: int) -> EcbDocument | None:
    """One ECB+ file; None when it cannot be parsed."""
    try:
        root = ET.parse(path).getroot()
    except ET.ParseError:
        return None
    pieces: list[str] = []
    offsets: dict[str, tuple[int, int]] = {}
    sentence_of: dict[str, int] = {}
    pos, sentence = 0, None
    for tok in root.iter("token"):
        if sentence is not None and tok.get("sentence") != sentence:
            pieces.append("\n")
            pos += 1
        elif pieces:
            pieces.append(" ")
            pos += 1
        sentence = tok.get("sentence")
        word = tok.text or ""
        offsets[tok.get("t_id", "")] = (pos, pos + len(word))
        sentence_of[tok.get("t_id", "")] = int(sentence) if sentence and sentence.isdigit() else -1
        pieces.append(word)
        pos += len(word)
    text = "".join(pieces)
    clusters: dict[str, str] = {}
    relations = root.find("Relations")
    for rel in list(relations) if relations is not None else ():
        if rel.tag == "CROSS_DOC_COREF":
            note = rel.get("note", "")
        elif rel.tag == "INTRA_DOC_COREF":  # a chain within this document only
            note = f"intra:{path.name}:{rel.get('r_id', '')}"
        else:
            continue
        members = [s.get("m_id", "") for s in rel.iter("source")]
        if rel.tag == "INTRA_DOC_COREF":
            members += [t.get("m_id", "") for t in rel.iter("target")]
        for m_id in members:
            clusters.setdefault(m_id, note)
    mentions = []
    markables = root.find("Markables")
    for mark in list(markables) if markables is not None else []:
        if not mark.tag.startswith(ENTITY_TYPES):
            continue
        ids = [a.get("t_id", "") for a in mark.iter("token_anchor")]
        anchors = [offsets[t] for t in ids if t in offsets]
        if not anchors:
            continue
        start, end = min(a for a, _ in anchors), max(b for _, b in anchors)
        m_id = mark.get("m_id", "")
        cluster = clusters.get(m_id) or f"singleton:{path.name}:{m_id}"
        first = min((sentence_of[t] for t in ids if t in sentence_of), default=-1)
        mentions.append(GoldMention(start, end, text[start:end], mark.tag, cluster, first))
    return EcbDocument(topic, path.name, text, tuple(sorted(mentions, key=lambda m: m.start)))
