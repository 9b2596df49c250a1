"""The output contract: shipped schema in sync with the models; analyze output validates."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from narrascope.errors import NarrascopeError
from narrascope.output import load_schema, render_schema, validate_output

ROOT = Path(__file__).resolve().parent.parent


def test_output_shipped_schema_matches_models() -> None:
    assert json.loads(render_schema()) == load_schema(), (
        "schema out of date: narrascope schema > src/narrascope/resources/schema/output.schema.json"
    )


def test_output_schema_copy_in_docs_is_current() -> None:
    docs_copy = ROOT / "docs" / "output.schema.json"
    assert json.loads(docs_copy.read_text()) == load_schema()


def test_output_validation_names_the_problem() -> None:
    bad = {
        "narrascope_version": "x",
        "documents": [{"id": 3}],
        "entities": [],
        "stories": [],
        "contradictions": [],
    }
    with pytest.raises(NarrascopeError, match="documents/0"):
        validate_output(bad)
