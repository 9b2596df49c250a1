"""ECB+ as a story-clustering gold set: reading the corpus and analysing it once.

ECB+ (Cybulska & Vossen, LREC 2014) groups news articles by *topic*; each topic
holds two events of the same kind (two earthquakes, two product launches): the
``<topic>_<n>ecb.xml`` files report one, the ``<topic>_<n>ecbplus.xml`` files
the other. Articles are token XML; the text is rebuilt from the ``<token>``
elements (one line per sentence, tokens detokenised).

Only topics 1-35 are development data (36-45 are reserved for judging):
:data:`DEV_TOPICS` bounds what :func:`read_corpus` will read.

:func:`analysed_documents` runs Narrascope's real analysis (ingest, clean,
extract, story vectors, entity linking) on the articles once and keeps the
result in a SQLite store under a cache folder, so later experiments only redo
the clustering.
"""

from __future__ import annotations

import json
import os
import re
import xml.etree.ElementTree as ET
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from narrascope.errors import EvaluationError
from narrascope.ids import content_id
from narrascope.models import Document

DEV_TOPICS = frozenset(range(1, 36))  # topics 36-45 are reserved: never read
ANALYSIS_STAGES = ("narrascope.extract.v1", "narrascope.storyvec.v1")
_NAME = re.compile(r"^(\d+)_(\d+)(ecb|ecbplus)\.xml$")
_NO_SPACE_BEFORE = {",", ".", ";", ":", "!", "?", ")", "]", "}", "%", "'s", "n't", "'re", "'ll",
                    "'ve", "'m", "'d", "''", "’s"}  # fmt: skip
_NO_SPACE_AFTER = {"(", "[", "{", "$", "``", "#"}


@dataclass(frozen=True, slots=True)
class EcbArticle:
    """One ECB+ article: its file stem, topic, event (``topic/ecb`` or ``topic/ecbplus``), text."""

    name: str
    topic: int
    event: str
    text: str


def default_root() -> Path:
    """``$NARRASCOPE_DATA/ecbplus/ECB+_LREC2014/ECB+`` (data root defaults to the user cache)."""
    data = os.environ.get("NARRASCOPE_DATA") or str(Path.home() / ".cache" / "narrascope-data")
    return Path(data) / "ecbplus" / "ECB+_LREC2014" / "ECB+"


def detokenise(tokens: Iterable[str]) -> str:
    """A readable sentence from tokens (no space before closing punctuation, after opening)."""
    out: list[str] = []
    glue = True
    for token in tokens:
        token = token.strip()
        if not token:
            continue
        if out and not glue and token not in _NO_SPACE_BEFORE:
            out.append(" ")
        out.append(token)
        glue = token in _NO_SPACE_AFTER
    text = "".join(out)
    return text.replace(" ", "") if text.startswith("http") else text  # a tokenised URL


def read_article(path: Path) -> EcbArticle | None:
    """The article of one ECB+ file, or ``None`` when the name or XML is not ECB+'s."""
    match = _NAME.match(path.name)
    if match is None:
        return None
    try:
        root = ET.parse(path).getroot()
    except (ET.ParseError, OSError):
        return None
    sentences: dict[int, list[str]] = {}
    for token in root.iter("token"):
        try:
            number = int(token.get("sentence", "0"))
        except ValueError:
            continue
        sentences.setdefault(number, []).append(token.text or "")
    text = "\n".join(detokenise(sentences[n]) for n in sorted(sentences))
    topic = int(match.group(1))
    return EcbArticle(path.stem, topic, f"{topic}/{match.group(3)}", text)


def read_corpus(
    root: str | Path | None = None, topics: Iterable[int] | None = None
) -> list[EcbArticle]:
    """Articles of the development topics under ``root`` (sorted by name).

    Raises :class:`EvaluationError` when the folder is missing or a reserved topic is asked for.
    """
    base = Path(root) if root is not None else default_root()
    wanted = set(topics) if topics is not None else set(DEV_TOPICS)
    if wanted - DEV_TOPICS:
        raise EvaluationError(f"ECB+ topics {sorted(wanted - DEV_TOPICS)} are reserved")
    if not base.is_dir():
        raise EvaluationError(f"ECB+ not found at {base}: see docs/datasets.md")
    articles = []
    for topic in sorted(wanted):
        folder = base / str(topic)
        if not folder.is_dir():
            continue  # topics 15 and 17 do not exist in the release
        for path in sorted(folder.glob("*.xml")):
            article = read_article(path)
            if article is not None and article.text.strip():
                articles.append(article)
    if not articles:
        raise EvaluationError(f"no ECB+ articles under {base}")
    return articles


def cache_dir() -> Path:
    """Where the analysed corpus is kept (``$NARRASCOPE_DATA/work-17``)."""
    data = os.environ.get("NARRASCOPE_DATA") or str(Path.home() / ".cache" / "narrascope-data")
    return Path(data) / "work-17"


def analysed_documents(
    articles: list[EcbArticle], cache: str | Path | None = None, workers: int = 1
) -> dict[str, Document]:
    """Article name -> the Narrascope document analysed from it (cached in a store).

    The articles are written as JSONL (``id`` = file stem, no outlet or date:
    ECB+ gives none) and run through :func:`narrascope.analysis.run` with the
    extraction and story-vector stages; a rerun finds them analysed and only
    reads them back.
    """
    from narrascope.analysis import link_stored
    from narrascope.analysis import run as run_analysis
    from narrascope.config import Settings
    from narrascope.store import open_store

    folder = Path(cache) if cache is not None else cache_dir()
    folder.mkdir(parents=True, exist_ok=True)
    source = folder / "ecbplus.jsonl"
    lines = [json.dumps({"id": a.name, "text": a.text}) + "\n" for a in articles]
    if not source.exists() or source.read_text(encoding="utf-8") != "".join(lines):
        source.write_text("".join(lines), encoding="utf-8")
    settings = Settings(
        db=str(folder / "ecbplus.db"), stages=ANALYSIS_STAGES, connect=False, workers=workers
    )
    store = open_store(settings.db)
    try:
        report = run_analysis([source], store, settings)
        if report.analysed or not (folder / "linked").exists():
            link_stored(store, settings)
            (folder / "linked").write_text("ok", encoding="utf-8")
        by_id = {doc.id: doc for doc in store.iter_documents()}
    finally:
        store.close()
    found: dict[str, Document] = {}
    taken: set[str] = set()
    for article in articles:  # a document's id is the hash of its raw content
        doc = by_id.get(content_id(article.text))
        if doc is not None and doc.id not in taken:  # an exact repeat is one document
            found[article.name] = doc
            taken.add(doc.id)
    return found
