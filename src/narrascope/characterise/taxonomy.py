"""Label taxonomies: built-in SemEval sets and user files (JSON or TSV).

A taxonomy is a two-level tree of labels. Every label has a name, an optional
parent (a top-level label), a description, example sentences and optional
lexical cues (regular expressions). Narrative taxonomies follow the SemEval
convention: a catch-all fine label ``"<parent>: Other"`` exists for every
top-level label, and ``"Other"`` stands for "no label applies".

JSON::

    {"name": "...", "kind": "narratives",
     "labels": [{"label": "A", "parent": null, "description": "...",
                 "examples": ["..."], "domain": "X", "cues": ["regex"]}]}

TSV (header required): ``label, parent, description, examples, domain, cues``;
``examples`` and ``cues`` are ``|``-separated; empty parent means top level.
"""

from __future__ import annotations

import csv
import json
import re
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any, Literal

from narrascope.errors import ConfigError

Kind = Literal["narratives", "roles", "techniques"]
KINDS: tuple[str, ...] = ("narratives", "roles", "techniques")
OTHER = "Other"
BUILTIN_FILES: dict[str, tuple[str, ...]] = {
    "narratives": ("urw.json", "cc.json"),
    "roles": ("roles.json",),
    "techniques": ("techniques.json",),
}


class TaxonomyError(ConfigError):
    """A taxonomy file is malformed; the message names the file and the label."""


@dataclass(frozen=True, slots=True)
class Label:
    """One label of a taxonomy."""

    name: str
    parent: str | None
    description: str
    examples: tuple[str, ...] = ()
    domain: str | None = None
    cues: tuple[str, ...] = ()

    @property
    def prototypes(self) -> tuple[str, ...]:
        """Texts that stand for the label: its description and examples."""
        return ((self.description,) if self.description else ()) + self.examples


@dataclass(frozen=True)
class Taxonomy:
    """A validated two-level label tree."""

    name: str
    kind: str
    labels: tuple[Label, ...]
    _index: dict[str, Label] = field(default_factory=dict, repr=False, compare=False)

    def __post_init__(self) -> None:
        self._index.update({label.name: label for label in self.labels})

    def get(self, name: str) -> Label:
        """The label called ``name``."""
        try:
            return self._index[name]
        except KeyError:
            raise TaxonomyError(f"{self.name}: unknown label {name!r}") from None

    def __contains__(self, name: object) -> bool:
        return name in self._index

    @property
    def roots(self) -> tuple[Label, ...]:
        """Top-level labels (narratives, main roles, technique groups)."""
        return tuple(label for label in self.labels if label.parent is None)

    @property
    def leaves(self) -> tuple[Label, ...]:
        """Second-level labels."""
        return tuple(label for label in self.labels if label.parent is not None)

    def children(self, parent: str) -> tuple[Label, ...]:
        """Labels whose parent is ``parent``."""
        return tuple(label for label in self.labels if label.parent == parent)

    @property
    def domains(self) -> tuple[str | None, ...]:
        """Distinct domains, in order of first appearance."""
        return tuple(dict.fromkeys(label.domain for label in self.labels))

    def merged(self, other: Taxonomy) -> Taxonomy:
        """A taxonomy with the labels of both (names must not clash)."""
        labels = self.labels + other.labels
        return build_taxonomy(f"{self.name}+{other.name}", self.kind, labels, origin="merge")


def other_label(parent: str) -> str:
    """The catch-all fine label of a top-level narrative."""
    return f"{parent}: {OTHER}"


def build_taxonomy(name: str, kind: str, labels: tuple[Label, ...], *, origin: str) -> Taxonomy:
    """Validate ``labels`` and build a :class:`Taxonomy`."""
    if kind not in KINDS:
        raise TaxonomyError(f"{origin}: kind must be one of {', '.join(KINDS)}, got {kind!r}")
    if not labels:
        raise TaxonomyError(f"{origin}: the taxonomy has no labels")
    seen: dict[str, Label] = {}
    for label in labels:
        _check_label(label, seen, origin)
        seen[label.name] = label
    for label in labels:
        if label.parent is not None:
            parent = seen.get(label.parent)
            if parent is None:
                raise TaxonomyError(
                    f"{origin}: label {label.name!r} has unknown parent {label.parent!r}"
                )
            if parent.parent is not None:
                raise TaxonomyError(
                    f"{origin}: parent {parent.name!r} of {label.name!r} is not top-level"
                )
    return Taxonomy(name=name, kind=kind, labels=tuple(labels))


def _check_label(label: Label, seen: dict[str, Label], origin: str) -> None:
    if not label.name.strip():
        raise TaxonomyError(f"{origin}: a label has an empty name")
    if label.name in seen:
        raise TaxonomyError(f"{origin}: duplicate label {label.name!r}")
    if label.name == OTHER or label.name.endswith(f": {OTHER}"):
        raise TaxonomyError(f"{origin}: {label.name!r} is implicit; do not list 'Other' labels")
    if not label.prototypes:
        raise TaxonomyError(f"{origin}: label {label.name!r} needs a description or examples")
    for cue in label.cues:
        try:
            re.compile(cue)
        except re.error as exc:
            raise TaxonomyError(
                f"{origin}: label {label.name!r} has a bad cue {cue!r}: {exc}"
            ) from None


def _label_from_mapping(item: Any, origin: str, index: int) -> Label:
    if not isinstance(item, dict) or not isinstance(item.get("label"), str):
        raise TaxonomyError(f"{origin}: labels[{index}] must be an object with a string 'label'")
    examples = item.get("examples") or []
    cues = item.get("cues") or []
    if not isinstance(examples, list) or not all(isinstance(e, str) for e in examples):
        raise TaxonomyError(
            f"{origin}: label {item['label']!r}: 'examples' must be a list of strings"
        )
    if not isinstance(cues, list) or not all(isinstance(c, str) for c in cues):
        raise TaxonomyError(f"{origin}: label {item['label']!r}: 'cues' must be a list of strings")
    parent = item.get("parent") or None
    return Label(
        name=item["label"],
        parent=str(parent) if parent else None,
        description=str(item.get("description") or ""),
        examples=tuple(examples),
        domain=item.get("domain"),
        cues=tuple(cues),
    )


def parse_json(data: str, origin: str, kind: str | None = None) -> Taxonomy:
    """A taxonomy from JSON text."""
    try:
        payload = json.loads(data)
    except json.JSONDecodeError as exc:
        raise TaxonomyError(f"{origin}: not valid JSON: {exc}") from None
    if not isinstance(payload, dict) or not isinstance(payload.get("labels"), list):
        raise TaxonomyError(f"{origin}: expected an object with a 'labels' list")
    labels = tuple(_label_from_mapping(item, origin, i) for i, item in enumerate(payload["labels"]))
    name = str(payload.get("name") or Path(origin).stem)
    return build_taxonomy(
        name, str(payload.get("kind") or kind or "narratives"), labels, origin=origin
    )


def parse_tsv(data: str, origin: str, kind: str | None = None) -> Taxonomy:
    """A taxonomy from TSV text with a header row."""
    rows = list(csv.DictReader(data.splitlines(), delimiter="\t"))
    if not rows or "label" not in rows[0]:
        raise TaxonomyError(f"{origin}: expected a header row with a 'label' column")
    items = [
        {
            "label": (row.get("label") or "").strip(),
            "parent": (row.get("parent") or "").strip() or None,
            "description": (row.get("description") or "").strip(),
            "examples": [e.strip() for e in (row.get("examples") or "").split("|") if e.strip()],
            "domain": (row.get("domain") or "").strip() or None,
            "cues": [c.strip() for c in (row.get("cues") or "").split("|") if c.strip()],
        }
        for row in rows
    ]
    labels = tuple(_label_from_mapping(item, origin, i) for i, item in enumerate(items))
    return build_taxonomy(Path(origin).stem, kind or "narratives", labels, origin=origin)


def load_taxonomy(path: str | Path, kind: str | None = None) -> Taxonomy:
    """Load a user taxonomy from a ``.json`` or ``.tsv`` file."""
    path = Path(path)
    try:
        data = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise TaxonomyError(f"{path}: cannot read taxonomy: {exc.strerror}") from None
    if path.suffix.lower() in (".tsv", ".tab", ".txt"):
        return parse_tsv(data, str(path), kind)
    return parse_json(data, str(path), kind)


@lru_cache(maxsize=8)
def builtin_taxonomy(kind: str) -> Taxonomy:
    """A built-in taxonomy: ``narratives`` (URW + CC), ``roles`` or ``techniques``."""
    if kind not in BUILTIN_FILES:
        raise TaxonomyError(f"no built-in taxonomy of kind {kind!r}; known: {', '.join(KINDS)}")
    folder = resources.files("narrascope") / "resources" / "taxonomies"
    parts = [
        parse_json(folder.joinpath(f).read_text("utf-8"), f, kind) for f in BUILTIN_FILES[kind]
    ]
    taxonomy = parts[0]
    for part in parts[1:]:
        taxonomy = taxonomy.merged(part)
    return taxonomy
