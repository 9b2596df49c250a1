"""The main job: ingest, clean, store, analyse each document, then connect the corpus.

Each step reads from and writes to the store in batches, so a run can stop at
any point (even by SIGKILL) and be resumed: documents are committed with their
id (a content hash), and findings are written per batch with the pipeline
version, so a rerun skips what is done and never duplicates.
"""

from __future__ import annotations

import itertools
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING

from narrascope.config import AUTO_WORKERS, Settings
from narrascope.errors import CleaningError, NarrascopeError
from narrascope.models import Corpus, Document, Failure, RawArticle
from narrascope.runner import create_runner, pipeline_version
from narrascope.store import Store, open_store

if TYPE_CHECKING:
    from narrascope.extract.linking import Part

Progress = Callable[[int], None]


@dataclass
class RunReport:
    """What a run did: documents seen, newly stored, analysed, and failures."""

    seen: list[str] = field(default_factory=list)  # ids of usable inputs, in input order
    added: int = 0
    analysed: int = 0
    failures: list[Failure] = field(default_factory=list)
    languages: Counter[str] = field(default_factory=Counter)  # usable inputs by language

    def language_summary(self) -> str:
        """Which languages were analysed in full and which in part: ``"en 3 analysed, ru 1
        narratives and techniques only (no entities, quotes, events or tone)"``."""
        from narrascope.languages import EXTRACT, analyses

        parts = []
        for language, n in sorted(self.languages.items(), key=lambda item: (-item[1], item[0])):
            known = None if language == UNKNOWN_LANGUAGE else language
            state = (
                "analysed" if analyses(EXTRACT, known)
                else "narratives and techniques only (no entities, quotes, events or tone)"
            )
            parts.append(f"{language} {n} {state}")
        return ", ".join(parts)

    @property
    def duplicates(self) -> list[Failure]:
        """Inputs skipped because an earlier input of the run had the same content."""
        return [f for f in self.failures if f.stage == DUPLICATE_STAGE]

    @property
    def exit_code(self) -> int:
        """0 all ok (duplicates skipped included), 1 some inputs failed, 2 nothing usable."""
        if not self.seen:
            return 2
        return 1 if any(f.stage != DUPLICATE_STAGE for f in self.failures) else 0


UNKNOWN_LANGUAGE = "unknown"
DUPLICATE_STAGE = "duplicate"
"""Stage of the Failure that reports an input identical to an earlier one of the run."""


def _clean_all(items: Iterable[RawArticle | Failure], report: RunReport) -> Iterator[Document]:
    from narrascope.clean import clean_article

    for item in items:
        if isinstance(item, Failure):
            report.failures.append(item)
            continue
        try:
            yield clean_article(item)
        except CleaningError as exc:
            report.failures.append(Failure(item.source, "clean", exc.reason))
        except NarrascopeError as exc:
            report.failures.append(Failure(item.source, "clean", str(exc)))


def ingest_paths(
    paths: Iterable[str | Path],
    store: Store,
    settings: Settings,
    *,
    progress: Progress | None = None,
    report: RunReport | None = None,
) -> RunReport:
    """Read, clean and store articles; already stored ones are a no-op."""
    report = report or RunReport()
    for batch in ingest_batches(paths, store, settings, report=report):
        if progress:
            progress(len(batch))
    return report


def ingest_batches(
    paths: Iterable[str | Path], store: Store, settings: Settings, *, report: RunReport
) -> Iterator[list[Document]]:
    """Read, clean and store articles batch by batch; yields each batch once committed.

    A batch holds every usable input of it, newly stored or stored before.
    """
    from narrascope.ingest import IngestOptions, iter_sources

    options = IngestOptions(max_bytes=settings.max_bytes, timeout=settings.timeout)
    seen: dict[str, str] = {}  # content id -> the first source with that content
    batch: list[Document] = []
    recorded = len(report.failures)
    for doc in _clean_all(iter_sources(paths, options=options), report):
        if doc.id in seen:
            reason = f"same content as {seen[doc.id]} (stored once)"
            report.failures.append(Failure(doc.source, DUPLICATE_STAGE, reason))
            continue
        seen[doc.id] = doc.source
        report.languages[doc.language or UNKNOWN_LANGUAGE] += 1
        report.seen.append(doc.id)
        batch.append(doc)
        if len(batch) >= settings.batch_size:
            report.added += len(store.add_documents(batch))
            recorded = _record_new_failures(store, report.failures, recorded)
            yield batch
            batch = []
    if batch:
        report.added += len(store.add_documents(batch))
    _record_new_failures(store, report.failures, recorded)
    if batch:
        yield batch


def analyse_stored(
    store: Store,
    settings: Settings,
    *,
    ids: Iterable[str] | None = None,
    source: Iterable[Document] | None = None,
    progress: Progress | None = None,
    report: RunReport | None = None,
) -> RunReport:
    """Run the per-document stages on stored documents not yet analysed by this version.

    ``source`` supplies the documents (already stored) instead of reading the
    store: :func:`run` passes the ingest stream, so analysis starts with the
    first stored batch rather than after the last.
    """
    report = report or RunReport()
    version = pipeline_version(settings)
    done = store.analysed_ids(version)
    wanted = None if ids is None else set(ids)
    if source is None and wanted is None and len(done) >= store.count_documents():
        return report  # every stored document is analysed (analyses reference documents)

    def todo() -> Iterator[Document]:
        docs = source
        if docs is None:
            docs = store.iter_documents(with_findings=False, batch_size=settings.batch_size)
        for doc in docs:
            if doc.id in done or (wanted is not None and doc.id not in wanted):
                continue
            done.add(doc.id)
            yield doc

    pending = todo()
    first = next(pending, None)
    if first is None:  # nothing to do: start no workers and load no models
        return report
    head = [first]
    if settings.workers == AUTO_WORKERS and settings.engine == "local":
        head += itertools.islice(pending, 2 * settings.batch_size - 1)
        if len(head) < 2 * settings.batch_size:  # too little to pay for starting a pool
            settings = replace(settings, workers=1)
    runner = create_runner(settings)
    recorded = 0
    try:
        for batch in runner.run(itertools.chain(head, pending)):
            store.save_analyses(batch, version)  # one transaction: all of the batch or none
            report.analysed += len(batch)
            recorded = _record_new_failures(store, runner.failures, recorded)
            if progress:
                progress(len(batch))
    finally:
        runner.close()
    _record_new_failures(store, runner.failures, recorded)
    report.failures.extend(runner.failures)
    return report


def ingest_and_analyse(
    paths: Iterable[str | Path],
    store: Store,
    settings: Settings,
    *,
    progress: Progress | None = None,
    report: RunReport | None = None,
) -> RunReport:
    """Ingest and analyse in one stream: batches are analysed as soon as they are stored.

    Then documents stored but not analysed by an earlier (interrupted) run are
    analysed too, as :func:`analyse_stored` alone would.
    """
    report = report or RunReport()
    batches = ingest_batches(paths, store, settings, report=report)
    stream = (doc for batch in batches for doc in batch)
    analyse_stored(store, settings, source=stream, progress=progress, report=report)
    return analyse_stored(store, settings, progress=progress, report=report)


def _record_new_failures(store: Store, failures: list[Failure], recorded: int) -> int:
    """Store the failures after the first ``recorded`` (kept per batch: a crash loses none)."""
    if len(failures) > recorded:
        store.record_failures(failures[recorded:])
    return len(failures)


def connect_stored(store: Store, settings: Settings) -> list[Failure]:
    """Corpus-level steps: canonical entities across documents, stories, contradictions.

    Both steps stream: entity linking from a projection (:func:`link_stored`),
    stories and contradictions in three passes that keep a signature per
    document and a centroid per story, never the texts
    (:func:`narrascope.stories.streaming.connect_store`). Only documents that a
    step changed are written back, batch by batch.

    Nothing here raises for one bad document or story: it is left out of the
    step, and the returned failures (also recorded in the store) say which and why.
    A step that fails as a whole is recorded with the source ``(corpus)``.
    """
    failures: list[Failure] = []
    try:
        seen = link_stored(store, settings, failures=failures)
    except Exception as exc:
        failures.append(Failure(CORPUS_SOURCE, "link", _reason(exc)))
        seen = store.count_documents()
    if seen:
        try:
            _connect_stories(store, settings, failures)
        except Exception as exc:
            failures.append(Failure(CORPUS_SOURCE, "stories", _reason(exc)))
    if failures:
        store.record_failures(failures)
    return failures


CORPUS_SOURCE = "(corpus)"


def link_only(store: Store, settings: Settings) -> list[Failure]:
    """Link entities across the stored corpus without building stories (``--no-connect``)."""
    failures: list[Failure] = []
    try:
        link_stored(store, settings, failures=failures)
    except Exception as exc:
        failures.append(Failure(CORPUS_SOURCE, "link", _reason(exc)))
    if failures:
        store.record_failures(failures)
    return failures


def _reason(exc: BaseException) -> str:
    return f"{type(exc).__name__}: {exc}"


ENTITIES = frozenset({"entities"})
RELINKED = frozenset({"entities", "quotes", "events"})


def link_stored(
    store: Store, settings: Settings, *, failures: list[Failure] | None = None
) -> int:
    """Link entities across the stored corpus in bounded memory; returns the documents seen.

    The first pass keeps a projection (each document's id and document-level
    entities, no text); the second relinks the stored documents batch by batch
    and rewrites only those whose entity ids changed. Never more than
    ``settings.batch_size`` full documents are held at once. A document whose
    relinking raises keeps its stored findings and is added to ``failures``.
    """
    failures = [] if failures is None else failures
    from narrascope.extract import plan_links

    projection = [
        Document(id=doc.id, source="", raw="", text="", entities=doc.entities)
        for doc in store.iter_documents(with_findings=ENTITIES, batch_size=settings.batch_size)
    ]
    if not projection:
        return 0
    entities, parts = plan_links(projection, store.list_overrides())
    seen = len(projection)
    del projection
    store.save_entities(entities)
    changed = (  # read with the findings relinking touches; what changed is written whole
        doc.id
        for doc in store.iter_documents(with_findings=RELINKED, batch_size=settings.batch_size)
        if doc.id in parts and _relinked(doc, parts[doc.id], failures)  # later arrivals: next run
    )
    whole = (store.get_document(doc_id) for doc_id in changed)
    relinked = (doc for doc in whole if _relinked(doc, parts[doc.id], failures))
    _save_in_batches(store, relinked, settings)
    return seen


def _relinked(doc: Document, parts: Sequence[Part], failures: list[Failure]) -> bool:
    """Relink ``doc`` to corpus entity ids; whether anything changed (False if it failed)."""
    from narrascope.extract import relink_document

    before = (doc.entities, doc.quotes, doc.events)
    try:
        relink_document(doc, parts)
    except Exception as exc:
        if not any(f.source == doc.source and f.stage == "link" for f in failures):
            failures.append(Failure(doc.source, "link", _reason(exc)))
        return False
    return (doc.entities, doc.quotes, doc.events) != before


def _connect_stories(store: Store, settings: Settings, failures: list[Failure]) -> None:
    from narrascope.stories.streaming import connect_store

    connect_store(
        store,
        batch_size=settings.batch_size,
        save=lambda docs: _save_in_batches(store, docs, settings),
        workers=settings.worker_count,
        failures=failures,
    )


def _save_in_batches(store: Store, docs: Iterable[Document], settings: Settings) -> None:
    """Write findings back in bounded transactions of ``settings.batch_size`` documents."""
    version = pipeline_version(settings)
    batch: list[Document] = []
    for doc in docs:
        batch.append(doc)
        if len(batch) >= settings.batch_size:
            store.save_analyses(batch, version)
            batch = []
    if batch:
        store.save_analyses(batch, version)


def load_corpus(store: Store, ids: Iterable[str] | None = None) -> Corpus:
    """The stored corpus (or the documents ``ids``) as one :class:`Corpus`."""
    if ids is None:
        documents = list(store.iter_documents())
    else:
        documents = [store.get_document(doc_id) for doc_id in ids]
    return Corpus(
        documents=documents,
        entities=store.list_entities(limit=1_000_000),
        stories=store.list_stories(limit=1_000_000),
        contradictions=store.list_contradictions(limit=1_000_000),
    )


def run(
    paths: Iterable[str | Path],
    store: Store,
    settings: Settings,
    *,
    progress: Progress | None = None,
) -> RunReport:
    """Ingest, analyse and connect; returns what happened."""
    report = ingest_and_analyse(paths, store, settings, progress=progress)
    if settings.connect and report.seen:
        report.failures.extend(connect_stored(store, settings))
    return report


def analyze(
    paths: Iterable[str | Path] | str | Path,
    *,
    db: str | None = None,
    settings: Settings | None = None,
) -> Corpus:
    """Analyse articles and return the corpus they belong to.

    ``paths`` are files, folders, URLs or ``"-"`` (stdin). ``db`` picks the store
    (default: in memory). Failures are listed in ``Corpus.failures``.
    """
    if isinstance(paths, str | Path):
        paths = [paths]
    settings = settings or Settings(db=db or ":memory:")
    store = open_store(db or settings.db)
    try:
        report = run(paths, store, settings)
        corpus = load_corpus(store, report.seen)
        corpus.failures = report.failures
        return corpus
    finally:
        store.close()
