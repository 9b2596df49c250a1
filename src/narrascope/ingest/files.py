"""Local inputs: files, folders (sorted, recursive) and standard input.

A file is checked against the size limit before it is read, so a 50 MB text
costs one ``stat``. JSON Lines files are streamed line by line, the limit
applying to each line, so a large JSONL corpus never sits in memory at once.
"""

from __future__ import annotations

import errno
import logging
import os
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

from narrascope.errors import IngestError
from narrascope.ingest import formats, jsonl
from narrascope.ingest.decoding import SNIFF_BYTES, binary_kind, has_bom, too_large
from narrascope.ingest.options import IngestOptions
from narrascope.models import Failure, RawArticle

logger = logging.getLogger(__name__)

STDIN_SOURCE = "<stdin>"
_CHUNK = 1 << 20


def iter_folder(root: Path, options: IngestOptions) -> Iterator[Path | Failure]:
    """Article files under ``root``: sorted, hidden names skipped, non-articles skipped."""
    try:
        with os.scandir(root) as scan:
            entries = sorted(scan, key=lambda entry: entry.name)
    except OSError as exc:
        yield Failure(source=str(root), stage="ingest", reason=f"cannot list folder ({_why(exc)})")
        return
    for entry in entries:
        if entry.name.startswith("."):
            continue
        path = Path(entry.path)
        try:
            if entry.is_dir(follow_symlinks=False):
                if options.recursive:
                    yield from iter_folder(path, options)
                continue
            if entry.is_symlink():
                reason = bad_link(path)
                if reason is not None:
                    yield Failure(source=str(path), stage="ingest", reason=reason)
                    continue
                if path.is_dir():  # not followed, so a link loop cannot recur
                    logger.info("skipped %s (symbolic link to a folder: not followed)", path)
                    continue
            if entry.is_file() and _is_article_file(path, options):
                yield path
        except OSError as exc:  # an entry that cannot even be looked at
            yield Failure(source=str(path), stage="ingest", reason=f"cannot read ({_why(exc)})")


def bad_link(path: Path) -> str | None:
    """Why a symbolic link leads nowhere ("loop", "broken"), or ``None`` when it does."""
    try:
        path.stat()
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            return "symbolic link loop"
        if exc.errno == errno.ENOENT:
            return "broken symbolic link"
        return f"cannot follow symbolic link ({_why(exc)})"
    return None


def _is_article_file(path: Path, options: IngestOptions) -> bool:
    """Listed extensions are read; files without one are read when they sniff as text."""
    suffix = path.suffix.lower()
    if suffix in options.extensions:
        return True
    if suffix:
        logger.debug("skipped %s (extension %s not in the ingest extensions)", path, suffix)
        return False
    try:
        with path.open("rb") as handle:
            kind = binary_kind(handle.read(SNIFF_BYTES))
    except OSError:
        return True  # let read_file report why it cannot be read
    if kind is not None:
        logger.info("skipped %s (%s)", path, kind)
    return kind is None


def read_file(path: Path, options: IngestOptions) -> Iterator[RawArticle | Failure]:
    """Articles in one file; raises :class:`IngestError` for problems of the whole file."""
    source = str(path)
    try:
        with path.open("rb") as handle:
            size = os.fstat(handle.fileno()).st_size
            if path.suffix.lower() in formats.JSONL_SUFFIXES:
                yield from _read_jsonl(handle, size, source, options)
                return
            if size > options.max_bytes:
                raise IngestError(source, too_large(size, options.max_bytes))
            data = read_capped(handle, options.max_bytes, source)
    except OSError as exc:
        raise IngestError(source, f"cannot read ({_why(exc)})") from exc
    yield from formats.parse(data, source, kind=formats.kind_of(path.name))


def read_stdin(options: IngestOptions) -> Iterator[RawArticle | Failure]:
    """Articles piped on standard input (format sniffed)."""
    stream = getattr(sys.stdin, "buffer", None)
    if stream is not None:
        data = read_capped(stream, options.max_bytes, STDIN_SOURCE)
    else:  # a text stream without a binary buffer (e.g. replaced in tests)
        text = sys.stdin.read(options.max_bytes + 1)
        data = text.encode("utf-8", "surrogatepass")
        if len(text) > options.max_bytes:
            raise IngestError(STDIN_SOURCE, too_large(None, options.max_bytes))
    yield from formats.parse(data, STDIN_SOURCE)


def read_capped(stream: BinaryIO, limit: int, source: str) -> bytes:
    """Read a stream to its end in chunks, raising :class:`IngestError` past ``limit`` bytes.

    Chunked so that a small input does not allocate a ``limit``-sized buffer.
    """
    chunks: list[bytes] = []
    total = 0
    while chunk := stream.read(min(_CHUNK, limit + 1 - total)):
        chunks.append(chunk)
        total += len(chunk)
        if total > limit:
            raise IngestError(source, too_large(None, limit))
    return b"".join(chunks)


def _read_jsonl(
    handle: BinaryIO, size: int, source: str, options: IngestOptions
) -> Iterator[RawArticle | Failure]:
    head = handle.read(SNIFF_BYTES)
    if not head:
        raise IngestError(source, "empty file")
    kind = binary_kind(head)
    if kind is not None:
        raise IngestError(source, f"binary file ({kind})")
    if has_bom(head) and not head.startswith(b"\xef\xbb\xbf"):  # UTF-16/32: not line-safe
        if size > options.max_bytes:
            raise IngestError(source, too_large(size, options.max_bytes))
        data = head + handle.read(options.max_bytes + 1 - len(head))
        yield from formats.parse(data, source, kind="json")
        return
    handle.seek(0)
    yield from jsonl.iter_lines(_lines(handle, source, options.max_bytes), source)


def _lines(handle: BinaryIO, source: str, limit: int) -> Iterator[jsonl.NumberedLine | Failure]:
    """Numbered lines, each read with a cap; an over-long line becomes a failure."""
    number = 0
    while True:
        line = handle.readline(limit + 1)
        if not line:
            return
        number += 1
        if len(line) > limit and not line.endswith(b"\n"):
            _skip_rest_of_line(handle)
            yield Failure(f"{source}:{number}", "ingest", "line " + too_large(None, limit))
            continue
        yield number, line


def _skip_rest_of_line(handle: BinaryIO) -> None:
    while True:
        chunk = handle.readline(_CHUNK)
        if not chunk or chunk.endswith(b"\n"):
            return


def _why(exc: OSError) -> str:
    return exc.strerror or exc.__class__.__name__
