"""Article text with findings highlighted, built safely from hostile text.

The text is cut at every mark boundary; each piece is escaped with
:func:`markupsafe.escape` and wrapped only in tags written here, so markup in
an article is always shown as text and never interpreted.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from itertools import pairwise

from markupsafe import Markup, escape

from narrascope.models import Document, OffsetMap

LAYERS = ("entity", "quote", "speaker", "date", "narrative", "technique", "role", "chrome")


@dataclass(frozen=True, slots=True)
class Mark:
    """A highlighted range: its layer (CSS class) and the explanation shown on hover."""

    start: int
    end: int
    layer: str
    tip: str


def render(text: str, marks: Iterable[Mark]) -> Markup:
    """``text`` as HTML with ``marks`` wrapped in ``<span class="hl ...">`` elements."""
    valid = [m for m in marks if 0 <= m.start < m.end <= len(text) and m.layer in LAYERS]
    cuts = sorted({0, len(text)} | {m.start for m in valid} | {m.end for m in valid})
    starts: dict[int, list[Mark]] = {}
    for m in valid:
        starts.setdefault(m.start, []).append(m)
    active: list[Mark] = []
    out: list[str] = []
    for left, right in pairwise(cuts):
        active = [m for m in active if m.end > left] + starts.get(left, [])
        piece = escape(text[left:right])
        out.append(_wrap(piece, active) if active else str(piece))
    return Markup("".join(out))


def _wrap(piece: Markup, active: Sequence[Mark]) -> str:
    layers = sorted({m.layer for m in active})
    classes = " ".join(f"hl-{layer}" for layer in layers)
    tips = []
    for m in active:
        if m.tip not in tips:
            tips.append(m.tip)
    title = escape(" · ".join(tips))
    return f'<span class="hl {classes}" title="{title}">{piece}</span>'


def title_marks(doc: Document) -> list[Mark]:
    """Marks of the entities named in the headline, in title offsets."""
    names = {e.id: e.name for e in doc.entities}
    return [
        Mark(m.start, m.end, "entity", f"{m.label}: {names.get(m.entity_id or '', m.text)}")
        for m in doc.title_mentions
    ]


def document_marks(doc: Document) -> list[Mark]:
    """Marks of every finding of ``doc``, in clean-text offsets."""
    marks: list[Mark] = []
    for ent in doc.entities:
        for m in ent.mentions:
            marks.append(Mark(m.start, m.end, "entity", f"{m.label}: {ent.name}"))
    for q in doc.quotes:
        who = q.speaker_label
        marks.append(Mark(q.start, q.end, "quote", f"{q.kind} quote by {who}"))
        if q.speaker_start is not None and q.speaker_end is not None:
            marks.append(Mark(q.speaker_start, q.speaker_end, "speaker", f"speaker: {who}"))
    for ev in doc.events:
        marks.append(Mark(ev.date_start, ev.date_end, "date", f"date {ev.value} ({ev.precision})"))
    for label in doc.narratives:
        why = f" — {label.explanation}" if label.explanation else ""
        for span in label.evidence:
            marks.append(Mark(span.start, span.end, "narrative", f"narrative: {label.label}{why}"))
    for tech in doc.techniques:
        why = f" — {tech.explanation}" if tech.explanation else ""
        marks.append(Mark(tech.start, tech.end, "technique", f"technique: {tech.technique}{why}"))
    for role in doc.roles:
        if role.start is not None and role.end is not None:
            fine = f" ({', '.join(role.fine_roles)})" if role.fine_roles else ""
            marks.append(Mark(role.start, role.end, "role", f"role: {role.main_role}{fine}"))
    return marks


def to_raw(marks: Iterable[Mark], offsets: OffsetMap) -> list[Mark]:
    """The same marks in raw-text offsets (through ``Document.offsets``)."""
    out = []
    for m in marks:
        start, end = offsets.span_to_raw(m.start, m.end)
        out.append(Mark(start, end, m.layer, m.tip))
    return out


def raw_marks(doc: Document) -> list[Mark]:
    """Marks for the raw text: the findings mapped back, and the removed chrome."""
    marks = to_raw(document_marks(doc), doc.offsets) if doc.offsets.segments else []
    for chrome in doc.boilerplate:
        marks.append(Mark(chrome.start, chrome.end, "chrome", f"removed: {chrome.reason}"))
    return marks


def snippet(text: str) -> Markup:
    """A search snippet whose ``[match]`` parts become ``<mark>``, everything else escaped."""
    out: list[str] = []
    rest = text
    while True:
        open_at = rest.find("[")
        close_at = rest.find("]", open_at + 1) if open_at >= 0 else -1
        if open_at < 0 or close_at < 0:
            out.append(str(escape(rest)))
            break
        out.append(str(escape(rest[:open_at])))
        out.append(f"<mark>{escape(rest[open_at + 1 : close_at])}</mark>")
        rest = rest[close_at + 1 :]
    return Markup("".join(out))
