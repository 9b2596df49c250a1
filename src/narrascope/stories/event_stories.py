"""Stories from event clusters: label, outlets, key entities, dates and duplicate groups.

:func:`event_stories` is what :func:`~narrascope.stories.api.connect` and the
streaming connect of a store call: it clusters the documents' event profiles
(:mod:`narrascope.stories.events`) and describes each cluster as a
:class:`~narrascope.models.Story`. The story id is derived from its smallest
member id (a content hash), so later reports change it only when one sorts first.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from narrascope.ids import short_id
from narrascope.models import Story
from narrascope.stories.dates import iso_day
from narrascope.stories.events import EventOptions, EventProfile, cluster_profiles


def event_stories(
    profiles: Sequence[EventProfile], options: EventOptions | None = None
) -> list[Story]:
    """The stories of the documents ``profiles`` describe, largest first."""
    by_id = {p.id: p for p in profiles}
    groups = cluster_profiles(profiles, options)
    stories = [describe([by_id[d] for d in group]) for group in groups]
    return sorted(stories, key=lambda s: (-len(s.documents), s.id))


def describe(members: Sequence[EventProfile]) -> Story:
    """One story of its member profiles (canonical copies and their duplicates)."""
    members = sorted(members, key=lambda p: p.id)
    inside = {p.id for p in members}
    canon = [p for p in members if p.duplicate_of not in inside]
    entities: Counter[str] = Counter()
    spread: Counter[str] = Counter()  # articles naming each entity
    days: Counter[int] = Counter()
    names: dict[str, str] = {}
    for profile in canon:
        entities.update(profile.entities)
        spread.update(profile.entities.keys())
        days.update(profile.event_days)
        for key, name in profile.names.items():
            names.setdefault(key, name)
    # named by the most articles first: a name one article repeats (a writer's nickname for
    # an outlet) does not label a story the others tell without it
    keys = tuple(sorted(entities, key=lambda k: (-spread[k], -entities[k], k))[:5])
    shown = [d for d, _ in sorted(days.items(), key=lambda kv: (-kv[1], kv[0]))[:3]]
    published = sorted(p.day for p in canon if p.day is not None)
    if not shown and published:
        shown = sorted({published[0], published[-1]})
    dates = tuple(iso_day(d) for d in sorted(shown))
    label = ", ".join(names.get(k, k) for k in keys[:3]) or "untitled story"
    if dates:
        label += f" ({', '.join(dates)})"
    copies: dict[str, list[str]] = {}
    for profile in members:
        if profile.duplicate_of in inside and profile.duplicate_of is not None:
            copies.setdefault(profile.duplicate_of, []).append(profile.id)
    return Story(
        id=short_id("story", members[0].id),
        label=label,
        documents=tuple(p.id for p in members),
        outlets=tuple(dict.fromkeys(p.outlet for p in members)),
        key_entities=keys,
        dates=dates,
        duplicates=tuple((canon_id, *rest) for canon_id, rest in sorted(copies.items())),
    )
