"""Charts as inline SVG strings (no script, no external asset); every label is escaped."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from markupsafe import Markup, escape

PALETTE = (
    "#4e79a7",
    "#f28e2b",
    "#e15759",
    "#76b7b2",
    "#59a14f",
    "#edc948",
    "#b07aa1",
    "#ff9da7",
    "#9c755f",
    "#bab0ac",
)
_ISO = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")
MAX_SPREAD_DAYS = 15 * 366  # historical dates ("since 1250") would squash the axis
_WEEK = re.compile(r"^(\d{4})-W(\d{2})")


def color(index: int) -> str:
    """The palette colour of series ``index``."""
    return PALETTE[index % len(PALETTE)]


def _short(text: str, n: int) -> str:
    return text if len(text) <= n else text[: n - 1] + "…"


def stacked_shares(matrix: dict[str, dict[str, int]], labels: Sequence[str]) -> Markup:
    """One 100 % bar per outlet split by label share, with a legend (hover: counts)."""
    if not matrix:
        return Markup('<p class="muted">No narratives yet.</p>')
    row_h, left, width = 26, 180, 520
    height = row_h * len(matrix) + 8
    parts = [
        f'<svg class="chart" role="img" viewBox="0 0 {left + width + 60} {height}" '
        f'aria-label="Narrative distribution by outlet" xmlns="http://www.w3.org/2000/svg">'
    ]
    for row, (outlet, counts) in enumerate(sorted(matrix.items())):
        y = 4 + row * row_h
        total = sum(counts.values()) or 1
        parts.append(
            f'<text x="{left - 8}" y="{y + 15}" text-anchor="end" class="axis">'
            f"{escape(_short(outlet, 26))}</text>"
        )
        x = float(left)
        for i, label in enumerate(labels):
            n = counts.get(label, 0)
            if not n:
                continue
            w = width * n / total
            parts.append(
                f'<rect x="{x:.1f}" y="{y}" width="{w:.1f}" height="{row_h - 6}" '
                f'fill="{color(i)}"><title>{escape(outlet)} — {escape(label)}: '
                f"{n} document(s)</title></rect>"
            )
            x += w
        parts.append(f'<text x="{left + width + 6}" y="{y + 15}" class="axis">{total}</text>')
    parts.append("</svg>")
    return Markup("".join(parts)) + legend(labels)


def legend(labels: Sequence[str]) -> Markup:
    """A colour legend in palette order."""
    items = "".join(
        f'<li><svg width="12" height="12" aria-hidden="true"><rect width="12" height="12" '
        f'fill="{color(i)}"/></svg> {escape(label)}</li>'
        for i, label in enumerate(labels)
    )
    return Markup(f'<ul class="legend">{items}</ul>')


def bars(rows: Sequence[tuple[str, int]], *, href: Sequence[str | None] = ()) -> Markup:
    """Horizontal bars of ``(label, value)``, optionally linked."""
    if not rows:
        return Markup('<p class="muted">Nothing yet.</p>')
    row_h, left, width = 22, 190, 360
    top = max(n for _, n in rows) or 1
    parts = [
        f'<svg class="chart" role="img" viewBox="0 0 {left + width + 50} '
        f'{row_h * len(rows) + 6}" xmlns="http://www.w3.org/2000/svg">'
    ]
    for i, (label, n) in enumerate(rows):
        y = 3 + i * row_h
        text = (
            f'<text x="{left - 8}" y="{y + 13}" text-anchor="end" class="axis">'
            f"{escape(_short(label, 28))}</text>"
        )
        link = href[i] if i < len(href) else None
        if link:
            text = f'<a href="{escape(link)}">{text}</a>'
        parts.append(text)
        parts.append(
            f'<rect x="{left}" y="{y}" width="{width * n / top:.1f}" '
            f'height="{row_h - 6}" fill="{color(0)}"><title>{escape(label)}: {n}</title></rect>'
        )
        parts.append(
            f'<text x="{left + width * n / top + 6:.1f}" y="{y + 13}" class="axis">{n}</text>'
        )
    parts.append("</svg>")
    return Markup("".join(parts))


def parse_day(value: str) -> date | None:
    """The first day of an ISO date, month, year or week value."""
    week = _WEEK.match(value)
    try:
        if week:
            return date.fromisocalendar(int(week[1]), int(week[2]), 1)
        m = _ISO.match(value)
        if not m:
            return None
        return date(int(m[1]), int(m[2] or 1), int(m[3] or 1))
    except ValueError:
        return None


@dataclass(frozen=True, slots=True)
class Point:
    """One event on the timeline."""

    value: str  # ISO date value
    outlet: str
    tip: str
    href: str | None = None


def timeline(points: Sequence[Point]) -> Markup:
    """Events on a time axis, one lane per outlet, coloured by outlet."""
    dated = [(d, p) for p in points if (d := parse_day(p.value)) is not None]
    if not dated:
        return Markup('<p class="muted">No dated events yet.</p>')
    median = sorted(d for d, _ in dated)[len(dated) // 2]
    kept = [(d, p) for d, p in dated if abs((d - median).days) <= MAX_SPREAD_DAYS]
    hidden = len(dated) - len(kept)
    note = (
        Markup(
            '<p class="muted">{} event(s) more than 15 years from the others '
            "are not drawn.</p>"
        ).format(hidden)
        if hidden
        else Markup("")
    )
    return _timeline_svg(kept) + note


def _timeline_svg(dated: list[tuple[date, Point]]) -> Markup:
    outlets = sorted({p.outlet for _, p in dated})
    first = min(d for d, _ in dated)
    last = max(d for d, _ in dated)
    span = max((last - first).days, 1)
    lane, left, width = 30, 190, 700
    height = lane * len(outlets) + 40
    parts = [
        f'<svg class="chart timeline" role="img" viewBox="0 0 {left + width + 30} {height}" '
        f'aria-label="Timeline of events by outlet" xmlns="http://www.w3.org/2000/svg">'
    ]
    for i, outlet in enumerate(outlets):
        y = 10 + i * lane
        parts.append(
            f'<line x1="{left}" x2="{left + width}" y1="{y + 10}" y2="{y + 10}" '
            f'class="lane"/><text x="{left - 8}" y="{y + 14}" text-anchor="end" '
            f'class="axis" fill="{color(i)}">{escape(_short(outlet, 26))}</text>'
        )
    parts.extend(_ticks(first, span, left, width, 10 + lane * len(outlets)))
    for day, p in dated:
        x = left + 10 + (width - 20) * (day - first).days / span
        y = 20 + outlets.index(p.outlet) * lane
        dot = (
            f'<circle cx="{x:.1f}" cy="{y}" r="6" fill="{color(outlets.index(p.outlet))}" '
            f'class="dot"><title>{escape(p.value)} · {escape(p.outlet)}: '
            f"{escape(p.tip)}</title></circle>"
        )
        parts.append(f'<a href="{escape(p.href)}">{dot}</a>' if p.href else dot)
    parts.append("</svg>")
    return Markup("".join(parts))


def _ticks(first: date, span: int, left: int, width: int, y: int) -> list[str]:
    out = [f'<line x1="{left}" x2="{left + width}" y1="{y}" y2="{y}" class="axis-line"/>']
    for k in range(6):
        day = first + timedelta(days=round(span * k / 5))
        x = left + 10 + (width - 20) * k / 5
        out.append(
            f'<text x="{x:.1f}" y="{y + 16}" text-anchor="middle" class="axis">'
            f"{day.isoformat()}</text>"
        )
    return out
