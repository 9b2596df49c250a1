"""Options of the ingest step: one frozen, validated object instead of many flags."""

from __future__ import annotations

import math
from dataclasses import dataclass

from narrascope.errors import ConfigError

#: Default size limit of one input (a file, a JSONL line, a download): 10 MB.
DEFAULT_MAX_BYTES = 10_000_000

#: Extensions read when walking a folder (files given explicitly are always read).
DEFAULT_EXTENSIONS = (
    ".txt",
    ".text",
    ".md",
    ".html",
    ".htm",
    ".xhtml",
    ".jsonl",
    ".ndjson",
    ".json",
    ".xml",
    ".rss",
    ".atom",
)


@dataclass(frozen=True, slots=True, kw_only=True)
class IngestOptions:
    """How inputs are read.

    ``max_bytes`` caps one file, one JSONL line or one download; ``timeout`` is
    the per-request network timeout in seconds; ``follow_feeds`` makes a feed
    entry fetch its linked page (otherwise the entry's own content is used);
    ``recursive`` walks sub-folders; ``extensions`` are the file suffixes read
    when walking a folder.
    """

    max_bytes: int = DEFAULT_MAX_BYTES
    timeout: float = 20.0
    follow_feeds: bool = True
    recursive: bool = True
    extensions: tuple[str, ...] = DEFAULT_EXTENSIONS

    def __post_init__(self) -> None:
        if isinstance(self.max_bytes, bool) or not isinstance(self.max_bytes, int):
            raise ConfigError(f"max_bytes must be an integer, got {self.max_bytes!r}")
        if self.max_bytes <= 0:
            raise ConfigError(f"max_bytes must be positive, got {self.max_bytes}")
        timeout_ok = isinstance(self.timeout, int | float) and not isinstance(self.timeout, bool)
        if not timeout_ok or not math.isfinite(self.timeout) or self.timeout <= 0:
            raise ConfigError(f"timeout must be a positive number of seconds, got {self.timeout!r}")
        for name in ("follow_feeds", "recursive"):
            if not isinstance(getattr(self, name), bool):
                raise ConfigError(f"{name} must be True or False, got {getattr(self, name)!r}")
        object.__setattr__(self, "extensions", _normalise_extensions(self.extensions))


def _normalise_extensions(extensions: object) -> tuple[str, ...]:
    """Lower-case, dot-prefixed, de-duplicated extensions (order kept)."""
    if isinstance(extensions, str) or not isinstance(extensions, tuple | list | frozenset | set):
        raise ConfigError(f"extensions must be a sequence of suffixes, got {extensions!r}")
    result: list[str] = []
    for ext in extensions:
        if not isinstance(ext, str) or not ext.strip(". ") or any(c in ext for c in "/\\ "):
            raise ConfigError(f"invalid extension {ext!r} (expected something like '.txt')")
        norm = "." + ext.lower().lstrip(".")
        if norm not in result:
            result.append(norm)
    return tuple(result)
