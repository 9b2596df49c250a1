"""Per-story comparison of sources: claims x outlets, quotes, narratives, roles, timeline."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import asdict, dataclass, field, replace
from typing import Any, Literal

import numpy as np

from narrascope.models import Claim, Document, Span, Story
from narrascope.stories.claims import extract_claims
from narrascope.stories.dates import compatible
from narrascope.stories.frames import frame_of, worth_comparing
from narrascope.stories.keys import outlet_of
from narrascope.stories.numbers import numbers_conflict
from narrascope.stories.paraphrases import SIMILAR, SIMILAR_OTHER_VERB, Embed, ParaphraseIndex
from narrascope.stories.titles_compare import titles_conflict

Status = Literal["reported", "not_reported", "different"]
PARAPHRASE_ROWS = 1000  # rows of a story filled with claims said in other words


@dataclass(frozen=True, slots=True)
class Cell:
    """What one outlet says about one claim."""

    status: Status
    value: str | None = None
    doc_id: str | None = None
    span: Span | None = None
    similarity: float | None = None  # set when the outlet says it in other words


@dataclass(frozen=True, slots=True)
class ClaimRow:
    """One normalised claim and what each outlet of the story says about it."""

    key: str
    text: str
    subject: str | None
    value: str | None  # the value most outlets give
    cells: dict[str, Cell]
    frame: dict[str, str] = field(default_factory=dict)  # actor, action, target, time, quantity


@dataclass(frozen=True, slots=True)
class Source:
    """Where an item was reported."""

    outlet: str
    doc_id: str
    span: Span


@dataclass(frozen=True, slots=True)
class TimelineEntry:
    """One date of the story and the articles that report something on it."""

    date: str
    precision: str
    text: str
    sources: tuple[Source, ...]


@dataclass(slots=True)
class StoryComparison:
    """How the outlets of one story compare."""

    story_id: str
    label: str
    outlets: list[str]
    documents: dict[str, list[str]]  # outlet -> doc ids
    claims: list[ClaimRow] = field(default_factory=list)
    quotes: dict[str, dict[str, list[Source]]] = field(default_factory=dict)  # speaker -> outlet
    narratives: dict[str, list[str]] = field(default_factory=dict)  # outlet -> labels
    roles: dict[str, list[dict[str, Any]]] = field(default_factory=dict)  # outlet -> roles
    timeline: list[TimelineEntry] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-ready form."""
        return asdict(self)

    def shared_claims(self) -> list[ClaimRow]:
        """Claims every outlet reports."""
        return [r for r in self.claims if all(c.status != "not_reported" for c in r.cells.values())]

    def exclusive_claims(self) -> list[ClaimRow]:
        """Claims only one outlet reports."""
        return [
            r for r in self.claims if sum(c.status != "not_reported" for c in r.cells.values()) == 1
        ]


def compare_story(
    story: Story,
    docs: Iterable[Document],
    claims: Mapping[str, list[Claim]] | None = None,
    *,
    max_rows: int = 200,
    paraphrases: bool = True,
) -> StoryComparison:
    """Compare the outlets of ``story`` (``docs`` may hold more documents than the story).

    ``paraphrases``: an outlet that says a claim in other words counts as reporting it
    (sentences compared with the static embedder, :func:`fill_paraphrases`)."""
    wanted = set(story.documents)
    members = [d for d in docs if d.id in wanted and d.duplicate_of is None]
    by_outlet: defaultdict[str, list[str]] = defaultdict(list)
    for doc in members:
        by_outlet[outlet_of(doc)].append(doc.id)
    outlets = sorted(by_outlet)
    story_claims = [
        c
        for doc in members
        for c in (
            claims[doc.id] if claims is not None and doc.id in claims else extract_claims(doc)
        )
    ]
    outlet_of_doc = {doc.id: outlet_of(doc) for doc in members}
    return StoryComparison(
        story_id=story.id,
        label=story.label,
        outlets=outlets,
        documents=dict(by_outlet),
        claims=claim_matrix(
            story_claims, outlet_of_doc, outlets, _static_embed if paraphrases else None
        )[:max_rows],
        quotes=_quotes(members),
        narratives=_narratives(members),
        roles=_roles(members),
        timeline=merged_timeline(members),
    )


def _static_embed(texts: list[str]) -> np.ndarray:
    from narrascope.embeddings import embed

    return embed(texts)


def claim_matrix(
    claims: list[Claim],
    outlet_of_doc: Mapping[str, str],
    outlets: list[str],
    embed: Embed | None = None,
    threshold: float = SIMILAR,
) -> list[ClaimRow]:
    """Rows of claims x outlets, the most widely reported first.

    With ``embed`` (texts -> unit vectors), an outlet that does not report a row's claim
    under its key is still shown reporting it when one of its claims of the same kind
    says it in other words (:func:`fill_paraphrases`)."""
    by_key: defaultdict[str, list[Claim]] = defaultdict(list)
    for claim in claims:
        if worth_comparing(claim):
            by_key[claim.key].append(claim)
    by_key = defaultdict(list, {k: g for k, g in by_key.items() if not _one_of(k, g)})
    rows = [_row(key, group, outlet_of_doc, outlets) for key, group in by_key.items()]
    if embed is not None:
        fill_paraphrases(rows, by_key, outlet_of_doc, embed, threshold)
    rows.sort(key=lambda r: (-sum(c.status != "not_reported" for c in r.cells.values()), r.key))
    return _one_row_per_sentence(rows)


def fill_paraphrases(
    rows: list[ClaimRow],
    by_key: Mapping[str, list[Claim]],
    outlet_of_doc: Mapping[str, str],
    embed: Embed,
    threshold: float = SIMILAR,
    limit: int = PARAPHRASE_ROWS,
    other_verb: float = SIMILAR_OTHER_VERB,
) -> None:
    """Fill the ``not_reported`` cells of ``rows`` (claims grouped ``by_key``) with an
    outlet's claim said in other words (:func:`narrascope.stories.paraphrases.closest`):
    of the same kind, naming an entity of the row's key, its sentence within ``threshold``
    (cosine) of one of the row's, or ``other_verb`` when its predicate differs. Only the
    ``limit`` most widely reported rows are filled (a story of thousands of articles shows
    its first rows only)."""
    index = ParaphraseIndex(by_key, outlet_of_doc, embed)
    widest = sorted(rows, key=lambda r: -sum(c.status != "not_reported" for c in r.cells.values()))
    for row in widest[:limit]:
        missing = {o for o, c in row.cells.items() if c.status == "not_reported"}
        found = index.closest(row.key, missing, threshold, other_verb)
        for outlet, (claim, closeness) in found.items():
            row.cells[outlet] = _paraphrase_cell(row, claim, closeness)


def _paraphrase_cell(row: ClaimRow, claim: Claim, closeness: float) -> Cell:
    differs = (
        row.value is not None
        and claim.value is not None
        and _differs(row.key, claim.value, row.value)
    )
    status: Status = "different" if differs else "reported"
    return Cell(status, claim.value, claim.doc_id, claim.span, round(closeness, 3))


def _one_of(key: str, group: list[Claim]) -> bool:
    """A count every outlet gives as one: "one guy came in", "at one point", "one of the
    oldest" count nothing (on ECB+ topics 1-35, 7 of 70 such rows were reported by two
    outlets, 2 of them true counts: "one climber fell"); one against two is still shown."""
    return key.startswith("count|") and all(
        (c.value or "").lstrip("~") == "1" for c in group
    )


def _one_row_per_sentence(rows: list[ClaimRow]) -> list[ClaimRow]:
    """One sentence read as several claims (a statement and a count) is shown once: the
    row kept is the most widely reported, with the cells of the others it lacks; a row
    where outlets disagree stays a row of its own."""
    kept: dict[str, ClaimRow] = {}
    apart: list[ClaimRow] = []
    for row in rows:
        text = " ".join(row.text.split()).casefold()
        first = kept.get(text)
        if first is None:
            kept[text] = row
            continue
        if any(c.status == "different" for c in row.cells.values()):
            apart.append(row)  # a disagreement is never folded into another row
            continue
        for outlet, cell in row.cells.items():
            if first.cells.get(outlet, cell).status == "not_reported":
                first.cells[outlet] = cell
    order = {id(row): n for n, row in enumerate(rows)}
    return sorted([*kept.values(), *apart], key=lambda row: order[id(row)])


def _row(
    key: str, group: list[Claim], outlet_of_doc: Mapping[str, str], outlets: list[str]
) -> ClaimRow:
    values = Counter(c.value for c in group if c.value is not None)
    majority = values.most_common(1)[0][0] if values else None
    cells: dict[str, Cell] = {}
    for claim in group:
        outlet = outlet_of_doc[claim.doc_id]
        if outlet in cells and cells[outlet].status == "reported":
            continue
        differs = (
            majority is not None
            and claim.value is not None
            and _differs(key, claim.value, majority)
        )
        status: Status = "different" if differs else "reported"
        cells[outlet] = Cell(status, claim.value, claim.doc_id, claim.span)
    for outlet in outlets:
        cells.setdefault(outlet, Cell("not_reported"))
    first = group[0]
    return ClaimRow(
        key=key,
        text=first.text,
        subject=first.subject,
        value=majority,
        cells=cells,
        frame=frame_of(replace(first, value=majority)),
    )


def _differs(key: str, value: str, majority: str) -> bool:
    kind = key.split("|", 1)[0]
    if kind == "count":
        return numbers_conflict(value, majority)
    if kind in ("date", "occur", "none"):
        return not compatible(value, majority)
    if kind == "title":
        return titles_conflict(value, majority)
    return value != majority


def _quotes(docs: list[Document]) -> dict[str, dict[str, list[Source]]]:
    table: defaultdict[str, defaultdict[str, list[Source]]] = defaultdict(lambda: defaultdict(list))
    for doc in docs:
        for quote in doc.quotes:
            speaker = quote.speaker_name or quote.speaker or "unknown speaker"
            span = Span(quote.start, quote.end, quote.text)
            table[speaker][outlet_of(doc)].append(Source(outlet_of(doc), doc.id, span))
    return {speaker: dict(cols) for speaker, cols in sorted(table.items())}


def _narratives(docs: list[Document]) -> dict[str, list[str]]:
    table: defaultdict[str, list[str]] = defaultdict(list)
    for doc in docs:
        for label in doc.narratives:
            if label.label not in table[outlet_of(doc)]:
                table[outlet_of(doc)].append(label.label)
    return dict(table)


def _roles(docs: list[Document]) -> dict[str, list[dict[str, Any]]]:
    table: defaultdict[str, list[dict[str, Any]]] = defaultdict(list)
    for doc in docs:
        for role in doc.roles:
            table[outlet_of(doc)].append(
                {
                    "entity": role.entity,
                    "entity_id": role.entity_id,
                    "main_role": role.main_role,
                    "fine_roles": list(role.fine_roles),
                    "doc_id": doc.id,
                }
            )
    return dict(table)


def merged_timeline(docs: Iterable[Document]) -> list[TimelineEntry]:
    """Dated events of all documents merged by date, each with its sources."""
    by_date: defaultdict[str, list[tuple[Document, Any]]] = defaultdict(list)
    for doc in docs:
        for event in doc.events:
            if event.precision in ("day", "time", "month"):
                by_date[event.value[:10]].append((doc, event))
    entries = []
    for value, items in sorted(by_date.items()):
        sources = tuple(Source(outlet_of(d), d.id, e.sentence) for d, e in items)
        first = items[0][1]
        entries.append(TimelineEntry(value, first.precision, first.sentence.text, sources))
    return entries
