"""Reading the PolNeAR attribution corpus (BRAT standoff) for evaluation.

Layout: ``DIR/data/<split>/text/<name>.txt``, ``attributions/<name>.ann`` and
``corenlp/<name>.txt.xml``. An attribution (an ``E`` line) links a Source (absent for
``Attribution-no-source``), a Cue and one or more Content spans; a span may be
discontinuous (``start end;start end``). A source is *named* when one of its tokens is
a proper noun (NNP/NNPS) in the CoreNLP parse that ships with the corpus.
"""

from __future__ import annotations

import os
import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

from narrascope.errors import EvaluationError

Fragments = tuple[tuple[int, int], ...]
RESERVED_SPLITS = frozenset({"test"})  # held out for judging the project: never read
_WORD = re.compile(r"\w+")


@dataclass(frozen=True, slots=True)
class GoldAttribution:
    """One annotated attribution."""

    content: Fragments
    cue: Fragments
    source: Fragments  # empty: no source
    source_text: str
    named: bool


@dataclass(frozen=True, slots=True)
class PolnearArticle:
    """An article's text and its attributions."""

    name: str
    text: str
    attributions: tuple[GoldAttribution, ...]


def default_root() -> Path:
    """``$NARRASCOPE_DATA/polnear`` (default ``~/.cache/narrascope-data/polnear``)."""
    base = os.environ.get("NARRASCOPE_DATA") or str(Path.home() / ".cache" / "narrascope-data")
    return Path(base) / "polnear"


def split_dir(root: str | Path, split: str) -> Path:
    """The folder of one split; the reserved test split is refused."""
    if split in RESERVED_SPLITS:
        raise EvaluationError(f"the PolNeAR {split!r} split is reserved; use train or dev")
    base = Path(root)
    for cand in (base / "data" / split, base / split):
        if (cand / "text").is_dir():
            return cand
    raise EvaluationError(f"PolNeAR split {split!r} not found under {base}: see docs/datasets.md")


def load_split(root: str | Path, split: str, limit: int | None = None) -> list[PolnearArticle]:
    """The articles of a split, sorted by name."""
    folder = split_dir(root, split)
    names = sorted(p.name[: -len(".txt")] for p in (folder / "text").glob("*.txt"))
    out = []
    for name in names[:limit]:
        text = (folder / "text" / f"{name}.txt").read_text("utf-8")
        anns = sorted((folder / "attributions").glob(f"{name}_*.ann")) or [
            folder / "attributions" / f"{name}.ann"
        ]  # doubly annotated articles: the first annotation
        proper = _proper_spans(folder / "corenlp" / f"{name}.txt.xml")
        ann = anns[0]
        atts = _attributions(ann.read_text("utf-8"), text, proper) if ann.exists() else ()
        out.append(PolnearArticle(name, text, atts))
    return out


def _fragments(offsets: str) -> Fragments:
    parts = []
    for piece in offsets.split(";"):
        a, b = piece.split()
        parts.append((int(a), int(b)))
    return tuple(parts)


def _attributions(
    ann: str, text: str, proper: list[tuple[int, int]] | None
) -> tuple[GoldAttribution, ...]:
    spans: dict[str, Fragments] = {}
    events: list[dict[str, list[str]]] = []
    for line in ann.splitlines():
        cols = line.split("\t")
        if len(cols) < 2:
            continue
        if cols[0].startswith("T"):
            head = cols[1].split(" ", 1)
            if len(head) == 2:
                try:
                    spans[cols[0]] = _fragments(head[1])
                except ValueError:
                    continue
        elif cols[0].startswith("E"):
            roles: dict[str, list[str]] = {}
            for arg in cols[1].split():
                role, _, ref = arg.partition(":")
                roles.setdefault(re.sub(r"\d+$", "", role), []).append(ref)
            events.append(roles)
    out = []
    for roles in events:
        if not {"Attribution", "Attribution-no-source"} & roles.keys():
            continue
        content = tuple(f for ref in roles.get("Content", []) for f in spans.get(ref, ()))
        if not content:
            continue
        cue = tuple(f for ref in roles.get("Cue", []) for f in spans.get(ref, ()))
        source = tuple(f for ref in roles.get("Source", []) for f in spans.get(ref, ()))
        source_text = " ".join(text[a:b] for a, b in source)
        out.append(
            GoldAttribution(
                content, cue, source, source_text, _is_named(source, source_text, proper)
            )
        )
    return tuple(out)


def _is_named(source: Fragments, source_text: str, proper: list[tuple[int, int]] | None) -> bool:
    if not source:
        return False
    if proper is None:  # no parse: a capitalised word after the first
        return any(w[:1].isupper() for w in source_text.split()[1:])
    return any(a <= s and e <= b for s, e in proper for a, b in source)


def _proper_spans(path: Path) -> list[tuple[int, int]] | None:
    """Offsets of proper-noun tokens in a CoreNLP XML parse (None when absent)."""
    if not path.exists():
        return None
    out = []
    try:
        for _, elem in ET.iterparse(path):
            if elem.tag == "token":
                if (elem.findtext("POS") or "").startswith("NNP"):
                    out.append(
                        (
                            int(elem.findtext("CharacterOffsetBegin") or 0),
                            int(elem.findtext("CharacterOffsetEnd") or 0),
                        )
                    )
                elem.clear()
    except ET.ParseError:
        return None
    return out


def words(fragments: Fragments, text: str) -> list[tuple[int, int]]:
    """Word offsets (``\\w+``) inside the fragments."""
    return [(a + m.start(), a + m.end()) for a, b in fragments for m in _WORD.finditer(text[a:b])]
