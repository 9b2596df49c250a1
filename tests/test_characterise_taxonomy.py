"""Taxonomy loading: built-in label sets and user files with validation."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from narrascope.characterise.taxonomy import TaxonomyError, builtin_taxonomy, load_taxonomy

SHARED = Path(__file__).resolve().parent / "data" / "taxonomies"  # copy of the label sets


def _shared_labels(name: str, pattern: str) -> set[str]:
    text = (SHARED / name).read_text(encoding="utf-8")
    return {m.group(1) for m in re.finditer(pattern, text, re.MULTILINE)}


@pytest.mark.skipif(not SHARED.is_dir(), reason="shared taxonomies not checked out")
def test_characterise_taxonomy_builtin_labels_match_task_strings() -> None:
    shared = _shared_labels("narratives.md", r"^(?:- |### )((?:URW|CC): .+)$")
    shared = {s for s in shared if not s.endswith(": Other")}
    assert {lb.name for lb in builtin_taxonomy("narratives").labels} == shared
    assert "URW: Discrediting Ukraine: Rewriting Ukraine’s history" in builtin_taxonomy(
        "narratives"
    )
    roles = {s.split(" — ")[0] for s in _shared_labels("roles.md", r"^- (.+)$")}
    assert {lb.name for lb in builtin_taxonomy("roles").leaves} == roles
    assert {lb.name for lb in builtin_taxonomy("techniques").leaves} == _shared_labels(
        "persuasion.md", r"^- (.+)$"
    )


def test_characterise_taxonomy_every_builtin_label_has_description_and_examples() -> None:
    for kind in ("narratives", "roles", "techniques"):
        for label in builtin_taxonomy(kind).labels:
            assert label.description, label.name
            assert len(label.examples) >= (2 if label.parent or kind == "narratives" else 1), (
                label.name
            )


def test_characterise_taxonomy_loads_user_json_and_tsv(tmp_path: Path) -> None:
    payload = {
        "name": "pets",
        "kind": "narratives",
        "labels": [
            {"label": "Cats", "description": "Cats are great.", "examples": ["My cat purrs."]},
            {"label": "Cats: Lazy", "parent": "Cats", "description": "Cats sleep all day."},
        ],
    }
    (tmp_path / "pets.json").write_text(json.dumps(payload), encoding="utf-8")
    tax = load_taxonomy(tmp_path / "pets.json")
    assert [lb.name for lb in tax.roots] == ["Cats"]
    assert [lb.name for lb in tax.children("Cats")] == ["Cats: Lazy"]
    (tmp_path / "pets.tsv").write_text(
        "label\tparent\tdescription\texamples\nDogs\t\tDogs are loyal.\tMy dog waits.|Dogs guard\n"
        "Dogs: Loud\tDogs\tDogs bark.\t\n",
        encoding="utf-8",
    )
    tsv = load_taxonomy(tmp_path / "pets.tsv")
    assert tsv.get("Dogs").examples == ("My dog waits.", "Dogs guard")
    assert tsv.get("Dogs: Loud").parent == "Dogs"


@pytest.mark.parametrize(
    ("labels", "message"),
    [
        ([{"label": "A", "description": "a"}, {"label": "A", "description": "b"}], "duplicate"),
        ([{"label": "A: x", "parent": "A", "description": "x"}], "unknown parent"),
        ([{"label": "A", "description": ""}], "needs a description"),
        (
            [
                {"label": "A", "description": "a"},
                {"label": "A: Other", "parent": "A", "description": "o"},
            ],
            "implicit",
        ),
        ([{"label": "A", "description": "a", "cues": ["(unclosed"]}], "bad cue"),
    ],
)
def test_characterise_taxonomy_rejects_bad_files(
    tmp_path: Path, labels: list[dict[str, object]], message: str
) -> None:
    path = tmp_path / "bad.json"
    path.write_text(json.dumps({"labels": labels}), encoding="utf-8")
    with pytest.raises(TaxonomyError, match=message):
        load_taxonomy(path)


def test_characterise_taxonomy_reports_unreadable_and_invalid_json(tmp_path: Path) -> None:
    with pytest.raises(TaxonomyError, match="cannot read"):
        load_taxonomy(tmp_path / "missing.json")
    (tmp_path / "x.json").write_text("{not json", encoding="utf-8")
    with pytest.raises(TaxonomyError, match="not valid JSON"):
        load_taxonomy(tmp_path / "x.json")
