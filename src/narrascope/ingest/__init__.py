"""Ingest: files, folders, stdin, URLs and feeds in; :class:`RawArticle` out.

``iter_sources`` never raises for a bad input: it yields a
:class:`~narrascope.models.Failure` naming the input and the reason, and goes
on. ``read_source`` and ``parse_bytes`` are the strict variants, raising
:class:`~narrascope.errors.IngestError`.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Iterator
from functools import partial
from pathlib import Path, PurePath

from narrascope.errors import ConfigError, IngestError
from narrascope.ingest import files, formats, web
from narrascope.ingest.decoding import too_large
from narrascope.ingest.options import DEFAULT_EXTENSIONS, DEFAULT_MAX_BYTES, IngestOptions
from narrascope.models import Failure, RawArticle

__all__ = [
    "DEFAULT_EXTENSIONS",
    "DEFAULT_MAX_BYTES",
    "IngestOptions",
    "iter_bytes",
    "iter_sources",
    "parse_bytes",
    "read_source",
]

logger = logging.getLogger(__name__)

Item = RawArticle | Failure


def iter_sources(
    paths: Iterable[str | Path] | str | Path, *, options: IngestOptions | None = None
) -> Iterator[Item]:
    """Articles from files, folders, ``"-"`` (stdin) and http(s) URLs, in order.

    A bad input yields ``Failure(source, "ingest", reason)`` and the batch goes
    on. Raises :class:`ConfigError` only for a bad ``options`` argument.
    """
    options = _check_options(options)
    if isinstance(paths, str | PurePath):
        paths = [paths]
    for item in paths:
        name = str(item)
        if name == "-":
            yield from _guarded(files.STDIN_SOURCE, partial(files.read_stdin, options))
        elif web.is_url(name):
            yield from _guarded(name, partial(web.iter_url, name, options))
        else:
            yield from _iter_path(Path(name), options)


def read_source(
    path_or_url: str | Path, *, options: IngestOptions | None = None
) -> list[RawArticle]:
    """All articles of one file, folder, ``"-"`` or URL; any failure raises :class:`IngestError`."""
    articles: list[RawArticle] = []
    failures: list[Failure] = []
    for item in iter_sources([path_or_url], options=options):
        if isinstance(item, RawArticle):
            articles.append(item)
        else:
            failures.append(item)
    if failures:
        more = f" (and {len(failures) - 1} more failures)" if len(failures) > 1 else ""
        raise IngestError(failures[0].source, failures[0].reason + more)
    if not articles:
        raise IngestError(str(path_or_url), "no articles found")
    return articles


def parse_bytes(
    data: bytes, name: str, *, options: IngestOptions | None = None
) -> list[RawArticle]:
    """Articles in an uploaded file's bytes; ``name`` gives the format and the source.

    Raises :class:`IngestError` for any problem, including one bad JSONL line.
    """
    articles: list[RawArticle] = []
    for item in _parse_bytes(data, name, _check_options(options)):
        if isinstance(item, Failure):
            raise IngestError(item.source, item.reason)
        articles.append(item)
    if not articles:
        raise IngestError(name, "no articles found")
    return articles


def iter_bytes(data: bytes, name: str, *, options: IngestOptions | None = None) -> Iterator[Item]:
    """Lenient :func:`parse_bytes`: a bad record or input becomes a Failure, never an error."""
    options = _check_options(options)
    yield from _guarded(name, partial(_parse_bytes, data, name, options))


def _parse_bytes(data: bytes, name: str, options: IngestOptions) -> Iterator[Item]:
    if not isinstance(data, bytes | bytearray | memoryview):
        raise ConfigError(f"parse_bytes needs bytes, got {type(data).__name__}")
    if len(data) > options.max_bytes:
        raise IngestError(name, too_large(len(data), options.max_bytes))
    yield from formats.parse(bytes(data), name, kind=formats.kind_of(name))


def _iter_path(path: Path, options: IngestOptions) -> Iterator[Item]:
    if path.is_dir():
        for found in files.iter_folder(path, options):
            if isinstance(found, Failure):
                yield found
            else:
                yield from _guarded(str(found), partial(files.read_file, found, options))
    elif path.exists():
        yield from _guarded(str(path), partial(files.read_file, path, options))
    else:
        reason = (files.bad_link(path) if path.is_symlink() else None) or "no such file or folder"
        yield Failure(source=str(path), stage="ingest", reason=reason)


def _guarded(source: str, produce: Callable[[], Iterator[Item]]) -> Iterator[Item]:
    """Items of one input; its errors become one Failure and the batch goes on."""
    try:
        yield from produce()
    except ConfigError:
        raise
    except IngestError as exc:
        yield Failure(source=exc.source, stage="ingest", reason=exc.reason)
    except Exception as exc:  # a library bug on odd input must not stop the batch
        logger.exception("%s: unexpected error while ingesting", source)
        reason = f"unexpected error ({type(exc).__name__}: {exc})"
        yield Failure(source=source, stage="ingest", reason=reason)


def _check_options(options: IngestOptions | None) -> IngestOptions:
    if options is None:
        return IngestOptions()
    if not isinstance(options, IngestOptions):
        raise ConfigError(f"options must be an IngestOptions, got {type(options).__name__}")
    return options
