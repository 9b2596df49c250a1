"""Users' merge and split decisions applied to linked clusters.

``merge A B``: the identities named (or with id) ``A`` and ``B`` are one.
``split A ALIAS``: mentions written ``ALIAS`` do not belong to ``A``; they
become an identity of their own.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from typing import Protocol, TypeVar

from narrascope.extract.canonical import cluster_identity, mention_name
from narrascope.models import Entity, Mention
from narrascope.store.base import EntityOverride
from narrascope.unionfind import UnionFind


class _HasEntity(Protocol):
    @property
    def entity(self) -> Entity: ...


R = TypeVar("R", bound=_HasEntity)
Cluster = list[tuple[R, Entity]]


def apply_overrides(
    clusters: list[Cluster[R]], overrides: Sequence[EntityOverride]
) -> list[Cluster[R]]:
    """Clusters after the users' merges, then their splits."""
    merges = [o for o in overrides if o.kind == "merge"]
    splits = [o for o in overrides if o.kind == "split"]
    if merges:
        clusters = _merge(clusters, merges)
    for split in splits:
        clusters = _split(clusters, split)
    return clusters


def _matches(cluster: Cluster[R], ref: str) -> bool:
    """True when ``ref`` is the cluster's id, its name or one of its aliases (any case)."""
    cid, name, _ = cluster_identity([part for _, part in cluster])
    wanted = ref.strip().casefold()
    if wanted in {cid.casefold(), name.casefold()}:
        return True
    return any(wanted == a.casefold() for _, part in cluster for a in part.aliases)


def _merge(clusters: list[Cluster[R]], merges: Sequence[EntityOverride]) -> list[Cluster[R]]:
    uf: UnionFind[int] = UnionFind()
    for i in range(len(clusters)):
        uf.find(i)
    for override in merges:
        left = [i for i, c in enumerate(clusters) if _matches(c, override.a)]
        right = [i for i, c in enumerate(clusters) if _matches(c, override.b)]
        for i in left[1:] + right:
            if left:
                uf.union(left[0], i)
    return [[pair for i in members for pair in clusters[i]] for members in uf.groups().values()]


def _split(clusters: list[Cluster[R]], split: EntityOverride) -> list[Cluster[R]]:
    out: list[Cluster[R]] = []
    alias = split.b.strip().casefold()
    for cluster in clusters:
        if not _matches(cluster, split.a):
            out.append(cluster)
            continue
        kept: Cluster[R] = []
        moved: Cluster[R] = []
        for rec, part in cluster:
            inside = tuple(m for m in part.mentions if mention_name(m).casefold() == alias)
            rest = tuple(m for m in part.mentions if mention_name(m).casefold() != alias)
            if rest or not inside:
                kept.append((rec, _part(part, rest, part.id)))
            if inside:
                moved.append((rec, _part(part, inside, f"{part.id}~{alias}")))
        out.extend(c for c in (kept, moved) if c)
    return out


def _part(entity: Entity, ms: tuple[Mention, ...], new_id: str) -> Entity:
    aliases = tuple(sorted({mention_name(m) for m in ms})) or entity.aliases
    name = entity.name if entity.name in aliases else (aliases[0] if aliases else entity.name)
    return replace(entity, id=new_id, mentions=ms, aliases=aliases, name=name)
