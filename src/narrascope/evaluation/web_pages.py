"""Cleaning on real web pages: trafilatura's own evaluation set, scored its way.

The set (``adbar/trafilatura``, ``tests/evaldata.py`` and ``tests/cache/*.html``)
lists, per page, snippets that must be in the extracted text (``with``) and
snippets that must not (``without``). Scoring follows trafilatura's
``tests/comparison_small.py``: per snippet, a ``with`` snippet found is a true
positive (else a false negative), a ``without`` snippet found is a false
positive (else a true negative); no output counts every ``with`` as missed and
every ``without`` as avoided. Precision, recall, accuracy and F1 = 2TP/(2TP+FP+FN).

Narrascope (``clean_article`` on the page) is scored side by side with
trafilatura settings in the same run, on the same decoded pages. ``evaldata.py``
is loaded from its path and never copied.
"""

from __future__ import annotations

import contextlib
import importlib.util
import os
import re
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from narrascope.errors import CleaningError, EvaluationError
from narrascope.models import RawArticle

Extractor = Callable[[str, str], str | None]  # (html, url) -> text or None
DEFAULT_DIR = "trafilatura-eval"


@dataclass(frozen=True, slots=True)
class EvalPage:
    """One page of the set: its URL, HTML and expected snippets."""

    url: str
    file: str
    html: str
    with_: tuple[str, ...]
    without: tuple[str, ...]


@dataclass(slots=True)
class Counts:
    """Snippet counts of one system, and the seconds it spent extracting."""

    tp: int = 0
    fn: int = 0
    fp: int = 0
    tn: int = 0
    seconds: float = 0.0
    pages: int = 0
    failed: list[str] = field(default_factory=list)

    def add(self, text: str | None, page: EvalPage) -> None:
        """Score one output the way trafilatura's comparison does."""
        self.pages += 1
        if not isinstance(text, str):
            self.fn += len(page.with_)
            self.tn += len(page.without)
            self.failed.append(page.file)
            return
        for snippet in page.with_:
            found = snippet in text
            self.tp += found
            self.fn += not found
        for snippet in page.without:
            found = snippet in text
            self.fp += found
            self.tn += not found

    def scores(self) -> dict[str, float]:
        """Precision, recall, accuracy, F1, pages per second."""
        tp, fn, fp, tn = self.tp, self.fn, self.fp, self.tn
        total = tp + fn + fp + tn
        return {
            "precision": round(tp / (tp + fp), 4) if tp + fp else 0.0,
            "recall": round(tp / (tp + fn), 4) if tp + fn else 0.0,
            "accuracy": round((tp + tn) / total, 4) if total else 0.0,
            "f1": round(2 * tp / (2 * tp + fp + fn), 4) if tp + fp + fn else 0.0,
            "pages": float(self.pages),
            "no_output": float(len(self.failed)),
            "pages_per_s": round(self.pages / self.seconds, 1) if self.seconds else 0.0,
        }


def default_root() -> Path:
    """``$NARRASCOPE_DATA/trafilatura-eval`` (default ``~/.cache/narrascope-data``)."""
    base = os.environ.get("NARRASCOPE_DATA") or str(Path.home() / ".cache" / "narrascope-data")
    return Path(base) / DEFAULT_DIR


def load_pages(root: str | Path) -> list[EvalPage]:
    """Pages of the set whose HTML file is in ``root/tests/cache`` (others are skipped)."""
    base = Path(root)
    tests = base / "tests" if (base / "tests" / "evaldata.py").is_file() else base
    spec_path = tests / "evaldata.py"
    if not spec_path.is_file():
        raise EvaluationError(f"{spec_path}: not found (see docs/datasets.md)")
    spec = importlib.util.spec_from_file_location("_narrascope_trafilatura_evaldata", spec_path)
    if spec is None or spec.loader is None:
        raise EvaluationError(f"{spec_path}: cannot be loaded")
    module = importlib.util.module_from_spec(spec)
    try:
        spec.loader.exec_module(module)
    except Exception as exc:  # a broken third-party file is an evaluation error
        raise EvaluationError(f"{spec_path}: cannot be loaded ({exc})") from exc
    entries: dict[str, dict[str, Any]] = getattr(module, "EVAL_PAGES", {})
    pages: list[EvalPage] = []
    for url, item in entries.items():
        path = tests / "cache" / str(item.get("file") or "")
        if not item.get("file") or not path.is_file():
            continue
        pages.append(
            EvalPage(
                url=url,
                file=path.name,
                html=_decode(path.read_bytes()),
                with_=tuple(item.get("with", ())),
                without=tuple(item.get("without", ())),
            )
        )
    if not pages:
        raise EvaluationError(f"{tests / 'cache'}: no page of the set has its HTML file")
    return pages


def _decode(data: bytes) -> str:
    from trafilatura.utils import decode_file

    text = decode_file(data)
    return text if isinstance(text, str) else data.decode("utf-8", errors="replace")


def narrascope_text(html: str, url: str) -> str | None:
    """Narrascope's clean text of a page (``None`` when cleaning fails)."""
    from narrascope.clean import CleanOptions, clean_article

    raw = RawArticle(source=url, content=html, url=url, fmt="html")
    try:
        return clean_article(raw, options=CleanOptions(detect_language=False)).text
    except CleaningError:
        return None


def _trafilatura(**kwargs: Any) -> Extractor:
    def run(html: str, url: str) -> str | None:
        import trafilatura

        text: str | None = trafilatura.extract(html, url=url, **kwargs)
        return text

    return run


def _trafilatura_with_metadata(html: str, url: str) -> str | None:
    """trafilatura's text when it also reads the metadata, as Narrascope has it do."""
    import trafilatura

    found = trafilatura.bare_extraction(
        html, url=url, include_comments=False, with_metadata=True, include_tables=True
    )
    text = getattr(found, "text", None) if found is not None else None
    return text if isinstance(text, str) else None


_BLOCKS = frozenset(
    {
        *("p", "div", "li", "tr", "td", "th", "br", "pre", "blockquote", "dd", "dt"),
        *("h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "table", "form", "figure"),
        *("article", "section", "header", "footer", "nav", "aside", "main", "figcaption"),
    }
)


_BLANK_RUN = re.compile(r"\n{3,}")  # blank lines between blocks stay, as one


def page_as_text(html: str, url: str = "") -> str | None:
    """The whole visible page as a text scrape would give it: one line per block
    element, a blank line where blocks nest, scripts, styles and ``<head>``
    dropped (the plain-text scenario)."""
    import lxml.html
    from lxml.etree import ParserError

    try:
        tree = lxml.html.fromstring(html)
    except (ParserError, ValueError):
        return None
    for node in tree.xpath("//script|//style|//noscript|//template|//head"):
        node.drop_tree()
    for node in tree.iter():
        if isinstance(node.tag, str) and node.tag in _BLOCKS:
            with contextlib.suppress(ValueError):  # text lxml cannot hold (control characters)
                node.tail = "\n" + (node.tail or "")
                if node.tag != "br":
                    node.text = "\n" + (node.text or "")
    lines = (" ".join(line.split()) for line in tree.text_content().splitlines())
    return _BLANK_RUN.sub("\n\n", "\n".join(lines)).strip()


def narrascope_on_page_text(html: str, url: str) -> str | None:
    """Narrascope's plain-text cleaner on :func:`page_as_text` (``None`` on failure)."""
    from narrascope.clean import CleanOptions, clean_text

    text = page_as_text(html)
    if not text:
        return None
    try:
        return clean_text(text, url=url, options=CleanOptions(detect_language=False)).text
    except CleaningError:
        return None


SYSTEMS: dict[str, Extractor] = {
    "narrascope": narrascope_text,
    "trafilatura (defaults)": _trafilatura(),
    "trafilatura include_comments=False": _trafilatura(include_comments=False),
    "trafilatura favor_precision": _trafilatura(include_comments=False, favor_precision=True),
    "trafilatura favor_recall": _trafilatura(include_comments=False, favor_recall=True),
    "trafilatura fast": _trafilatura(include_comments=False, fast=True),
    "trafilatura include_comments=False +metadata": _trafilatura_with_metadata,
    "page as plain text, all kept": page_as_text,
    "narrascope on the page as plain text": narrascope_on_page_text,
}


def score_systems(pages: list[EvalPage], systems: Iterable[str] | None = None) -> dict[str, Counts]:
    """Counts of each named system over ``pages`` (all of :data:`SYSTEMS` by default)."""
    names = list(systems) if systems is not None else list(SYSTEMS)
    counts: dict[str, Counts] = {}
    for name in names:
        if name not in SYSTEMS:
            raise EvaluationError(f"unknown system {name!r}; systems: {', '.join(SYSTEMS)}")
        extract = SYSTEMS[name]
        extract(pages[0].html, pages[0].url)  # warm-up (imports, caches), not timed
        tally = Counts()
        for page in pages:
            start = time.perf_counter()
            text = extract(page.html, page.url)
            tally.seconds += time.perf_counter() - start
            tally.add(text, page)
        counts[name] = tally
    return counts


def evaluate_pages(root: str | Path | None = None) -> dict[str, float]:
    """Flat scores of every system, keyed ``"<system>/<metric>"``, plus the best trafilatura F1."""
    pages = load_pages(root if root is not None else default_root())
    counts = score_systems(pages)
    flat: dict[str, float] = {}
    for name, tally in counts.items():
        for metric, value in tally.scores().items():
            flat[f"{name}/{metric}"] = value
    flat["trafilatura best/f1"] = max(
        flat[f"{name}/f1"] for name in counts if name.startswith("trafilatura")
    )  # the plain-text rows are another scenario: text scrapes, no markup
    return flat


METRICS = ("precision", "recall", "accuracy", "f1", "no_output", "pages_per_s")


def format_table(scores: dict[str, float]) -> str:
    """The flat scores of :func:`evaluate_pages` as a markdown table, one row a system."""
    systems = list(dict.fromkeys(key.rsplit("/", 1)[0] for key in scores if "/" in key))
    rows = ["| system | " + " | ".join(METRICS) + " |", "|---" + "|---:" * len(METRICS) + "|"]
    for name in systems:
        if any(f"{name}/{metric}" not in scores for metric in METRICS):
            continue
        cells = [_cell(scores[f"{name}/{metric}"], metric) for metric in METRICS]
        rows.append(f"| {name} | " + " | ".join(cells) + " |")
    pages = scores.get(f"{systems[0]}/pages", 0.0) if systems else 0.0
    best = scores.get("trafilatura best/f1", 0.0)
    rows.append(f"\n{pages:.0f} pages; best trafilatura F1 {best:.4f}")
    return "\n".join(rows)


def _cell(value: float, metric: str) -> str:
    if metric == "no_output":
        return f"{value:.0f}"
    return f"{value:.1f}" if metric == "pages_per_s" else f"{value:.4f}"
