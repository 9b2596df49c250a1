"""Narrascope's exceptions: one base class, one subclass per boundary."""

from __future__ import annotations


class NarrascopeError(Exception):
    """Base class of every error Narrascope raises on purpose."""


class ConfigError(NarrascopeError):
    """A setting, option or configuration file is invalid."""


class IngestError(NarrascopeError):
    """An input could not be read or decoded; the message names the source."""

    def __init__(self, source: str, reason: str) -> None:
        super().__init__(f"{source}: {reason}")
        self.source = source
        self.reason = reason


class CleaningError(NarrascopeError):
    """An article had no usable text after cleaning."""

    def __init__(self, source: str, reason: str) -> None:
        super().__init__(f"{source}: {reason}")
        self.source = source
        self.reason = reason


class ExtractionError(NarrascopeError):
    """Entity, quote or date extraction failed for a document."""


class StageError(NarrascopeError):
    """A pipeline stage failed or the pipeline is mis-assembled."""


class StoreError(NarrascopeError):
    """The store could not be opened, migrated, read or written."""


class NotFoundError(StoreError):
    """The requested object does not exist in the store."""


class EvaluationError(NarrascopeError):
    """Gold or prediction files for ``narrascope eval`` are malformed."""
