"""One title rule for every input: date and time chrome is not part of a headline.

Scrapes glue the publication line to the headline ("... Remains A Major Problem
Published 24 mins ago", "Title | 15 May 2025, 12:49"). :func:`clean_title`
strips such date/time chrome from either end; a title that is nothing but
chrome is unknown (``None``).
"""

from __future__ import annotations

import re

_MONTH = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?"
_DATE = (
    r"(?:\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2})?(?:\.\d+)?(?:Z|[+-]\d{2}:?\d{2})?)?"
    r"|\d{1,2}[./-]\d{1,2}[./-](?:\d{4}|\d{2})"
    rf"|\d{{1,2}}(?:st|nd|rd|th)?\s+{_MONTH},?\s+\d{{4}}"
    rf"|{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}})"
)
_ZONE = r"(?:\s*(?:utc|gmt|[ecmp][sd]t|cet|cest|bst|ist|msk)(?:\s*[+-]\s*\d{1,2})?)?"
_TIME = rf"(?:\d{{1,2}}:\d{{2}}(?::\d{{2}})?(?:\s*[ap]\.?m\.?)?){_ZONE}"
_UNIT = (
    r"(?:s|secs?|seconds?|m|mins?|minutes?|h|hrs?|hours?|d|days?|w|wks?|weeks?|mos?|months?|"
    r"y|yrs?|years?)"
)
_AGO = rf"(?:(?:\d+|an?|one)\s*{_UNIT}\s+ago|just now)"
_WHEN = rf"(?:{_AGO}|{_DATE}(?:\s*(?:at|,|\||-)?\s*{_TIME})?|{_TIME}(?:\s*(?:,|\||on)?\s*{_DATE})?)"
_LEAD = (
    r"(?:(?:first\s+|last\s+)?(?:published|updated|posted|modified|updated on|published on)"
    r"(?:\s+on)?\s*:?\s*)"
)
_SEP = r"[\s|·•,–—\-:/]"
_TAIL = re.compile(rf"(?i){_SEP}*(?:{_LEAD})?{_WHEN}{_SEP}*$")
_HEAD = re.compile(rf"(?i)^{_SEP}*(?:{_LEAD})?{_WHEN}(?:{_SEP}+|$)")
_BARE_LEAD = re.compile(rf"(?i){_SEP}+(?:published|updated|posted)\s*:?\s*$")
# What every match of the three patterns holds: a digit, "ago", "just now" or a lead
# word. Text without any of them is left as it is, without the slow anchored scans.
_MAYBE_CHROME = re.compile(r"(?i)\d|ago|just now|published|updated|posted")


def clean_title(title: str | None) -> str | None:
    """``title`` without leading or trailing date/time chrome (``None`` when nothing is left)."""
    if title is None:
        return None
    text = " ".join(title.split())
    while _MAYBE_CHROME.search(text) is not None:
        trimmed = _BARE_LEAD.sub("", _TAIL.sub("", _HEAD.sub("", text))).strip()
        if trimmed == text:
            break
        text = trimmed
    return text if any(ch.isalpha() for ch in text) else None
