"""Shareable reports: one self-contained HTML file (inline CSS and SVG, no script).

``render_report(store, "STORY_ID")`` compares the outlets of one story;
``render_report(store)`` summarises the whole corpus. The file opens offline
and can be mailed: it loads nothing and runs nothing.
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, select_autoescape

from narrascope.errors import NarrascopeError
from narrascope.extract.timeline import claim_value_label
from narrascope.store import Store
from narrascope.store import aggregates as agg
from narrascope.stories.keys import outlet_of
from narrascope.web import charts
from narrascope.web.views import narrative_matrix, overview, quote_matrix, story_view

MAX_EVENTS = 400


def _environment() -> Environment:
    from narrascope.web.routes import is_http_url, template_dir, unquote

    env = Environment(
        loader=FileSystemLoader(template_dir()), autoescape=select_autoescape(["html"])
    )
    env.tests["http_url"] = is_http_url
    env.filters["unquote"] = unquote
    env.filters["claim_value"] = claim_value_label
    env.filters["basename"] = lambda source: Path(str(source)).name
    return env


def _css() -> str:
    from narrascope.api.app import static_dir

    return (static_dir() / "app.css").read_text(encoding="utf-8")


def _story_context(store: Store, story_id: str) -> dict[str, Any]:
    view = story_view(store, story_id)
    points = [
        charts.Point(ev.value, outlet_of(doc), ev.sentence.text)
        for doc in view.docs
        for ev in doc.events
    ]
    return {
        "view": view,
        "outlets": sorted(view.by_outlet),
        "quotes": quote_matrix(view.docs),
        "timeline": charts.timeline(points),
        "title": view.story.label,
    }


def _corpus_context(store: Store) -> dict[str, Any]:
    view = overview(store)
    matrix = narrative_matrix(view.narratives)
    labels = sorted(
        {lab for row in matrix.values() for lab in row}, key=lambda lab: (lab == "Other", lab)
    )
    events, _ = agg.list_events(store, limit=MAX_EVENTS)
    points = [
        charts.Point(i.event.value, i.outlet or "(unknown outlet)", i.event.sentence.text)
        for i in events
    ]
    return {
        "title": "Corpus report",
        "overview": view,
        "narrative_chart": charts.stacked_shares(matrix, labels),
        "speaker_chart": charts.bars([(n, c) for n, _, c in view.speakers]),
        "outlet_chart": charts.bars([(o or "(unknown outlet)", n) for o, n in view.outlets[:15]]),
        "stories": store.list_stories(limit=100),
        "contradictions": store.list_contradictions(limit=50),
        "timeline": charts.timeline(points),
    }


def render_report(store: Store, story_id: str | None = None) -> str:
    """The report as one HTML string (a story when ``story_id`` is given, else the corpus)."""
    from narrascope import __version__

    context = _story_context(store, story_id) if story_id else _corpus_context(store)
    template = _environment().get_template("report.html")
    return template.render(
        links=False,
        css=_css(),
        version=__version__,
        store_url=store.url,
        generated=datetime.now(UTC).isoformat(timespec="seconds"),
        **context,
    )


def write_report(store: Store, path: str | Path, story_id: str | None = None) -> Path:
    """Write the report to ``path`` atomically; returns the path."""
    html = render_report(store, story_id)
    target = Path(path)
    tmp = target.with_name(target.name + ".tmp")
    try:
        tmp.write_text(html, encoding="utf-8")
        tmp.replace(target)
    except OSError as exc:
        raise NarrascopeError(f"{target}: cannot write the report ({exc.strerror})") from exc
    return target
