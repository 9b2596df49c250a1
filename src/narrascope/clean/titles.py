"""One title rule for every input: date and time chrome is not part of a headline.

Scrapes glue the publication line to the headline ("... Remains A Major Problem
Published 24 mins ago", "Title | 15 May 2025, 12:49"). :func:`clean_title`
strips such date/time chrome from either end; a title that is nothing but
chrome is unknown (``None``). Page titles also end in the site's name ("Headline |
Daily Courier: news"): :func:`site_suffix` splits it off.
"""

from __future__ import annotations

import re

from narrascope.clean.lexicon import load_lexicon, normalise

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


_PIPE = re.compile(r"\s+[|｜]\s+")
_SITE_WORDS = 6  # a site name is short: "Daily Courier: news"
_HEADLINE_WORDS = 3  # and the headline before it is not


def site_suffix(title: str) -> tuple[str, str | None]:
    """``title`` split into headline and site name at its last " | " ("Ferry Sails Again |
    Daily Courier: news" -> "Ferry Sails Again", "Daily Courier"); the site's section
    after a colon is dropped. A title with no such tail is returned whole."""
    parts = _PIPE.split(title.strip())
    if len(parts) < 2:
        return title, None
    head, tail = " | ".join(parts[:-1]), parts[-1]
    if len(tail.split()) > _SITE_WORDS or len(head.split()) < _HEADLINE_WORDS:
        return title, None
    if len(tail.split()) >= len(head.split()):
        return title, None
    site = tail.split(":")[0].strip(" -–—")
    return head.strip(), site if _site_name(site) else None


def _site_name(name: str) -> bool:
    """A tail that names a site: two words or more ("Bangkok Post"), or one word that is
    an address or an outlet word ("Courier"); not a section word ("Articles", "News")."""
    lexicon = load_lexicon()
    if not name or lexicon.lines.get(normalise(name)) is not None:
        return False
    words = name.split()
    return len(words) >= 2 or "." in name or name.casefold() in lexicon.outlet_words


def clean_title(title: str | None) -> str | None:
    """``title`` without leading or trailing date/time chrome or a site-name tail
    (``None`` when nothing is left)."""
    text = without_chrome(title)
    if text is None:
        return None
    head = site_suffix(text)[0]
    return without_chrome(head) if head != text else text  # "Headline | 3 hours ago | Site"


def without_chrome(title: str | None) -> str | None:
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
