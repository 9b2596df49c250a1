"""Reading ECB+ (topics of news articles about the same kind of event) for evaluation.

Each ``<topic>/<n>ecb(plus).xml`` holds tokens (``t_id``, ``sentence``), markables
(mentions anchored on tokens; instance markables without tokens) and
``CROSS_DOC_COREF`` relations from mentions to an instance id (the ``note``). A
document's text is rebuilt from its tokens: one space between tokens, one line per
sentence. Entity mentions are the ``HUMAN_PART_*``, ``NON_HUMAN_PART*`` and ``LOC_*``
markables; a mention without a relation is a singleton.
"""

from __future__ import annotations

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
        pieces.append(word)
        pos += len(word)
    text = "".join(pieces)
    clusters: dict[str, str] = {}
    relations = root.find("Relations")
    for rel in relations.iter("CROSS_DOC_COREF") if relations is not None else ():
        note = rel.get("note", "")
        for src in rel.iter("source"):
            clusters[src.get("m_id", "")] = note
    mentions = []
    markables = root.find("Markables")
    for mark in list(markables) if markables is not None else []:
        if not mark.tag.startswith(ENTITY_TYPES):
            continue
        found = [offsets.get(a.get("t_id", "")) for a in mark.iter("token_anchor")]
        anchors = [a for a in found if a is not None]
        if not anchors:
            continue
        start, end = min(a for a, _ in anchors), max(b for _, b in anchors)
        m_id = mark.get("m_id", "")
        cluster = clusters.get(m_id) or f"singleton:{path.name}:{m_id}"
        mentions.append(GoldMention(start, end, text[start:end], mark.tag, cluster))
    return EcbDocument(topic, path.name, text, tuple(sorted(mentions, key=lambda m: m.start)))
