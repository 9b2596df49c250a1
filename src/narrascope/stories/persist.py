"""Saving and loading a :class:`~narrascope.stories.cluster.StoryIndex`.

A directory holds ``vectors.npz`` (story centroid sums) and ``index.json``
(stories, postings, options); no pickle, so a saved index is safe to share.
"""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from dataclasses import asdict
from pathlib import Path
from typing import Any

import numpy as np

from narrascope.errors import StoreError
from narrascope.stories.blocking import CandidateIndex
from narrascope.stories.cluster import ClusterOptions, StoryIndex, StoryState
from narrascope.stories.vectors import Embedder

FORMAT = 1


def save_index(index: StoryIndex, path: Path) -> None:
    """Write ``index`` under directory ``path``."""
    path.mkdir(parents=True, exist_ok=True)
    sums = index.sums if index.sums is not None else np.zeros((0, 0), dtype=np.float32)
    np.savez_compressed(path / "vectors.npz", sums=sums[: len(index.states)])
    blocks = index.blocks
    data: dict[str, Any] = {
        "format": FORMAT,
        "options": asdict(index.options),
        "states": [_state_dict(s) for s in index.states],
        "names": index.names,
        "entity_df": dict(index.entity_df),
        "n_docs": index.n_docs,
        "by_entity": dict(blocks.by_entity) if blocks else {},
        "by_bucket": {f"{t}:{c}": v for (t, c), v in blocks.by_bucket.items()} if blocks else {},
    }
    (path / "index.json").write_text(json.dumps(data), encoding="utf-8")


def _state_dict(state: StoryState) -> dict[str, Any]:
    data = asdict(state)
    data["entities"] = dict(state.entities)
    data["event_days"] = {str(k): v for k, v in state.event_days.items()}
    return data


def load_index(path: Path, embedder: Embedder | None = None) -> StoryIndex:
    """Read an index written by :func:`save_index`."""
    try:
        data = json.loads((path / "index.json").read_text(encoding="utf-8"))
        with np.load(path / "vectors.npz", allow_pickle=False) as arrays:
            sums = np.array(arrays["sums"], dtype=np.float32)
    except (OSError, ValueError, KeyError) as exc:
        raise StoreError(f"cannot read story index at {path}: {exc}") from exc
    if data.get("format") != FORMAT:
        raise StoreError(
            f"story index at {path} has format {data.get('format')}; expected {FORMAT}"
        )
    index = StoryIndex(ClusterOptions(**data["options"]), embedder)
    index.states = [_state(s) for s in data["states"]]
    index.names = dict(data["names"])
    index.entity_df = Counter(data["entity_df"])
    index.n_docs = int(data["n_docs"])
    index.story_of = {d: n for n, s in enumerate(index.states) for d in s.documents}
    if sums.size:
        index.sums = np.zeros((max(64, 2 * len(sums)), sums.shape[1]), dtype=np.float32)
        index.sums[: len(sums)] = sums
        index.blocks = _blocks(sums.shape[1], data)
    return index


def _state(data: dict[str, Any]) -> StoryState:
    state = StoryState(**data)
    state.entities = Counter(data["entities"])
    state.event_days = Counter({int(k): v for k, v in data["event_days"].items()})
    return state


def _blocks(dim: int, data: dict[str, Any]) -> CandidateIndex:
    blocks = CandidateIndex(dim)
    blocks.by_entity = defaultdict(list, data["by_entity"])
    for key, stories in data["by_bucket"].items():
        table, code = key.split(":")
        blocks.by_bucket[(int(table), int(code))] = stories
    return blocks
