"""Stable identifiers derived from content."""

from __future__ import annotations

import hashlib
import unicodedata


def content_id(content: str) -> str:
    """Stable 16-hex-digit id of an article's raw content.

    Whitespace at the ends and Unicode normal form do not change the id, so the
    same article ingested twice (even re-saved by another editor) gets one id.
    """
    normalised = unicodedata.normalize("NFC", content).strip()
    normalised = normalised.replace("\r\n", "\n").replace("\r", "\n")
    return hashlib.sha256(normalised.encode("utf-8", "surrogatepass")).hexdigest()[:16]


def short_id(prefix: str, *parts: str) -> str:
    """Stable id of a derived object (entity, story, claim)."""
    digest = hashlib.sha1("\x1f".join(parts).encode("utf-8", "surrogatepass")).hexdigest()
    return f"{prefix}_{digest[:12]}"
