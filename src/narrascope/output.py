"""The output contract: ``analyze --out`` JSON and its JSON Schema.

The schema is generated from :mod:`narrascope.models` by :func:`build_schema` and
shipped as ``resources/schema/output.schema.json``; a test keeps the two equal.
"""

from __future__ import annotations

import dataclasses
import json
import types
import typing
from datetime import UTC, datetime
from importlib import resources
from pathlib import Path
from typing import Any, Literal, Union, get_args, get_origin

from narrascope import models
from narrascope.errors import NarrascopeError
from narrascope.serde import to_dict

SCHEMA_ID = "https://narrascope.org/schema/output-1.json"
SCHEMA_RESOURCE = ("narrascope", "resources/schema/output.schema.json")

_DOCUMENT_FIELDS_ORDER = [f.name for f in dataclasses.fields(models.Document)]


def corpus_to_dict(corpus: models.Corpus) -> dict[str, Any]:
    """The corpus as the JSON object described by the shipped schema."""
    from narrascope import __version__

    return {
        "narrascope_version": __version__,
        "generated_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "documents": [to_dict(doc) for doc in corpus.documents],
        "entities": to_dict(corpus.entities),
        "stories": to_dict(corpus.stories),
        "contradictions": to_dict(corpus.contradictions),
        "failures": to_dict(corpus.failures),
    }


def write_output(corpus: models.Corpus, path: str | Path) -> None:
    """Write the corpus JSON to ``path`` ("-" for stdout) atomically."""
    data = dumps_corpus(corpus_to_dict(corpus))
    if str(path) == "-":
        print(data)
        return
    target = Path(path)
    tmp = target.with_name(target.name + ".tmp")
    tmp.write_text(data, encoding="utf-8")
    tmp.replace(target)


def dumps_corpus(data: dict[str, Any]) -> str:
    """The output JSON text: one line per top-level key and per list item.

    Each item goes through the C encoder (``indent`` would switch ``json`` to its
    pure-Python encoder, several times slower on a large corpus).
    """
    parts = []
    for key, value in data.items():
        name = json.dumps(key, ensure_ascii=False)
        if isinstance(value, list) and value:
            items = ",\n  ".join(json.dumps(v, ensure_ascii=False) for v in value)
            parts.append(f"{name}: [\n  {items}\n ]")
        else:
            parts.append(f"{name}: {json.dumps(value, ensure_ascii=False)}")
    return "{\n " + ",\n ".join(parts) + "\n}"


def load_schema() -> dict[str, Any]:
    """The shipped JSON Schema of the output."""
    package, name = SCHEMA_RESOURCE
    text = resources.files(package).joinpath(name).read_text(encoding="utf-8")
    return typing.cast(dict[str, Any], json.loads(text))


def validate_output(data: dict[str, Any]) -> None:
    """Raise :class:`NarrascopeError` naming the first problem if ``data`` breaks the schema."""
    import jsonschema

    validator = jsonschema.Draft202012Validator(load_schema())
    errors = sorted(validator.iter_errors(data), key=lambda e: list(e.absolute_path))
    if errors:
        first = errors[0]
        where = "/".join(str(p) for p in first.absolute_path) or "(root)"
        raise NarrascopeError(f"output does not match the schema at {where}: {first.message}")


# -- schema generation -----------------------------------------------------------


def _type_schema(tp: Any, defs: dict[str, Any]) -> dict[str, Any]:
    origin = get_origin(tp)
    if origin in (Union, types.UnionType):
        options = [arg for arg in get_args(tp) if arg is not type(None)]
        inner = _type_schema(options[0], defs) if len(options) == 1 else {}
        return {"anyOf": [inner, {"type": "null"}]}
    if origin is Literal:
        return {"enum": list(get_args(tp))}
    if tp is models.OffsetMap:
        run = {"type": "array", "items": {"type": "integer"}, "minItems": 3, "maxItems": 3}
        return {
            "type": "array",
            "items": run,
            "description": "(clean_start, raw_start, length) runs",
        }
    if dataclasses.is_dataclass(tp) and isinstance(tp, type):
        _define(tp, defs)
        return {"$ref": f"#/$defs/{tp.__name__}"}
    if origin in (list, tuple):
        args = [arg for arg in get_args(tp) if arg is not Ellipsis]
        item = _type_schema(args[0], defs) if len(set(args)) == 1 else {}
        return {"type": "array", "items": item}
    simple = {str: "string", int: "integer", float: "number", bool: "boolean"}
    if tp in simple:
        return {"type": simple[tp]}
    if isinstance(tp, str):  # a Literal alias resolved lazily
        return {}
    return {}


def _define(cls: type, defs: dict[str, Any]) -> None:
    name = cls.__name__
    if name in defs:
        return
    defs[name] = {}
    hints = typing.get_type_hints(cls, vars(models))
    props = {f.name: _type_schema(hints[f.name], defs) for f in dataclasses.fields(cls)}
    required = [f.name for f in dataclasses.fields(cls)]
    doc = (cls.__doc__ or "").strip().splitlines()[0] if cls.__doc__ else ""
    defs[name] = {
        "type": "object",
        "description": doc,
        "properties": props,
        "required": required,
    }


def build_schema() -> dict[str, Any]:
    """Generate the output JSON Schema from the models."""
    defs: dict[str, Any] = {}
    for cls in (models.Document, models.Entity, models.Story, models.Contradiction, models.Failure):
        _define(cls, defs)
    doc_schema = defs["Document"]
    published = doc_schema["properties"]["published"]
    published["anyOf"][0]["pattern"] = (
        r"^\d{4}(-\d{2}(-\d{2}([T ][0-9:.]+(Z|[+-]\d{2}:?\d{2})?)?)?)?$"
    )
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        "title": "Narrascope analysis output",
        "type": "object",
        "required": [
            "narrascope_version",
            "documents",
            "entities",
            "stories",
            "contradictions",
        ],
        "properties": {
            "narrascope_version": {"type": "string"},
            "generated_at": {"type": "string"},
            "documents": {"type": "array", "items": {"$ref": "#/$defs/Document"}},
            "entities": {"type": "array", "items": {"$ref": "#/$defs/Entity"}},
            "stories": {"type": "array", "items": {"$ref": "#/$defs/Story"}},
            "contradictions": {"type": "array", "items": {"$ref": "#/$defs/Contradiction"}},
            "failures": {"type": "array", "items": {"$ref": "#/$defs/Failure"}},
        },
        "$defs": defs,
    }


def render_schema() -> str:
    """The schema as it is shipped (stable key order, trailing newline)."""
    return json.dumps(build_schema(), indent=2, ensure_ascii=False) + "\n"


if __name__ == "__main__":  # python -m narrascope.output > resources/schema/output.schema.json
    print(render_schema(), end="")
