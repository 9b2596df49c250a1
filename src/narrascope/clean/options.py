"""Options of the cleaner: keyword-only, validated at construction."""

from __future__ import annotations

from dataclasses import dataclass

from narrascope.errors import ConfigError


@dataclass(frozen=True, slots=True, kw_only=True)
class CleanOptions:
    """How :func:`narrascope.clean.clean_article` works.

    ``detect_language``: run py3langid on the clean text.
    ``language_sample_chars``: how much of the clean text the detector reads.
    ``min_words``: fewer article words than this raise ``CleaningError``.
    """

    detect_language: bool = True
    language_sample_chars: int = 600
    min_words: int = 5

    def __post_init__(self) -> None:
        if self.language_sample_chars < 100:
            raise ConfigError("language_sample_chars must be at least 100")
        if self.min_words < 1:
            raise ConfigError("min_words must be at least 1")
