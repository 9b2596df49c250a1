"""Saving and reading the state of a :class:`~narrascope.stories.cluster.StoryIndex`.

A directory holds ``vectors.npz`` (story centroid sums) and ``index.json``
(stories, postings, options); no pickle, so a saved index is safe to share.
This module knows the file format only: the index builds itself from what
:func:`read_index` returns (:meth:`StoryIndex.load`), so the arrow points from
``cluster`` to ``persist`` and not back.
"""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any, Protocol

import numpy as np

from narrascope.errors import StoreError
from narrascope.stories.blocking import CandidateIndex

FORMAT = 1


class SavableIndex(Protocol):
    """What :func:`save_index` reads of an index (a ``StoryIndex``)."""

    options: Any  # a dataclass
    states: list[Any]  # dataclasses with ``entities`` and ``event_days`` counters
    sums: np.ndarray | None
    blocks: CandidateIndex | None
    names: dict[str, str]
    entity_df: Counter[str]
    n_docs: int


@dataclass(slots=True)
class SavedIndex:
    """An index as read from its directory, before the index is built from it."""

    options: dict[str, Any]
    states: list[dict[str, Any]]  # entities and event_days already counters
    names: dict[str, str]
    entity_df: Counter[str]
    n_docs: int
    sums: np.ndarray  # (stories, dim); empty when no story has a vector
    blocks: CandidateIndex | None


def save_index(index: SavableIndex, path: Path) -> None:
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


def _state_dict(state: Any) -> dict[str, Any]:
    data = asdict(state)
    data["entities"] = dict(state.entities)
    data["event_days"] = {str(k): v for k, v in state.event_days.items()}
    return data


def read_index(path: Path) -> SavedIndex:
    """Read what :func:`save_index` wrote under ``path``."""
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
    return SavedIndex(
        options=dict(data["options"]),
        states=[_state(s) for s in data["states"]],
        names=dict(data["names"]),
        entity_df=Counter(data["entity_df"]),
        n_docs=int(data["n_docs"]),
        sums=sums,
        blocks=_blocks(sums.shape[1], data) if sums.size else None,
    )


def _state(data: dict[str, Any]) -> dict[str, Any]:
    state = dict(data)
    state["entities"] = Counter(data["entities"])
    state["event_days"] = Counter({int(k): v for k, v in data["event_days"].items()})
    return state


def _blocks(dim: int, data: dict[str, Any]) -> CandidateIndex:
    blocks = CandidateIndex(dim)
    blocks.by_entity = defaultdict(list, data["by_entity"])
    for key, stories in data["by_bucket"].items():
        table, code = key.split(":")
        blocks.by_bucket[(int(table), int(code))] = stories
    return blocks
