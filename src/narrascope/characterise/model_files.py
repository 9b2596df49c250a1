"""A learned model on disk: ``<base>.npz`` (float32 weights), ``<base>.json`` (labels, settings)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import numpy as np

from narrascope.errors import ConfigError


def write_model(path: str | Path, arrays: dict[str, np.ndarray], meta: dict[str, Any]) -> Path:
    """Write the weights and the metadata; returns the json path."""
    base = Path(path).with_suffix("")
    base.parent.mkdir(parents=True, exist_ok=True)
    weights: dict[str, Any] = {k: v.astype(np.float32) for k, v in arrays.items()}
    np.savez_compressed(base.with_suffix(".npz"), **weights)
    out = base.with_suffix(".json")
    out.write_text(json.dumps(meta, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    return out


def read_model(
    path: str | Path, fmt: str | tuple[str, ...]
) -> tuple[Path, dict[str, Any], dict[str, np.ndarray]]:
    """Base path, metadata and weights of a model of format ``fmt`` (or one of several;
    raises OSError, ValueError on unreadable files; ConfigError on another format)."""
    base = Path(path).with_suffix("")
    meta = json.loads(base.with_suffix(".json").read_text(encoding="utf-8"))
    formats = (fmt,) if isinstance(fmt, str) else fmt
    if meta.get("format") not in formats:
        raise ConfigError(f"{base}.json: not a {formats[0]} model")
    with np.load(base.with_suffix(".npz")) as arrays:
        data = {k: np.asarray(arrays[k]) for k in arrays.files}
    return base, meta, data
