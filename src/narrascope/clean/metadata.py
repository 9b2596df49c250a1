"""Title, outlet, author and publication date found in the page text.

Metadata given with the article (JSONL fields, HTML meta tags) wins over what
is found here; what cannot be found stays ``None``, never guessed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import urlsplit

from narrascope.clean.byline import line_author, name_shaped
from narrascope.clean.dates import dateline_value, find_date
from narrascope.clean.layout import Layout
from narrascope.clean.lines import Line
from narrascope.clean.titles import site_suffix, without_chrome

_TOKEN = (
    r"(?:(?=[\w&'’.\-]*[^\W\d_])[A-Z0-9][\w&'’\-]*(?:\.[\w\-]+)*"
    r"|[a-z0-9][\w\-]*\.[a-z]{2,12})"
)
_JOIN = r"(?:\s+(?:of|the|and|&|for|de|la|du|des|el|al)\s+|\s+)"
_NAME = rf"(?P<o>{_TOKEN}(?:{_JOIN}{_TOKEN}){{0,5}})"
_YEAR = r"(?:19|20)\d\d(?:\s*[-–]\s*(?:19|20)\d\d)?"
_CREDIT = r"(?:(?i:provided by|courtesy of|via)\s+)?"  # "© Provided by X": X is the outlet
_COPYRIGHT_OUTLET = (
    re.compile(rf"©\s*(?:{_YEAR}\s*,?\s*)?{_CREDIT}{_NAME}"),
    re.compile(rf"{_NAME}\s*©"),
    re.compile(rf"(?i:copyright)\s*(?:©|\(c\))?\s*(?:{_YEAR}\s*,?\s*)?{_NAME}"),
    re.compile(r"(?i:(?:hyper)?link to)\s+(?P<o>(?:www\.)?[\w\-]+(?:\.[\w\-]+)*\.[a-z]{2,12})"),
)
_SUPPORT_OUTLET = re.compile(rf"^(?i:support|donate to)\s+(?:the\s+)?{_NAME}\s*$")
_REPORTS_OUTLET = re.compile(r"(?P<o>\b[\w\-]+(?:\.[\w\-]+)*\.[A-Za-z]{2,12})\s+report(?:s|ed)\b")
_SELF_DESCRIBED = re.compile(
    rf"^{_NAME}\s+is\s+(?:an?\s+|the\s+)?(?:independent|reader|funded|non-profit|nonprofit|"
    r"free|public)"
)
_NOT_NAME = frozenset({"all", "rights", "reserved", "any", "the", "copyright"})
_TRAILING = frozenset(
    {
        "all",
        "rights",
        "reserved",
        "media",
        "group",
        "ltd",
        "inc",
        "llc",
        "limited",
        "holdings",
        "corp",
        "corporation",
        "plc",
        "gmbh",
        "ag",
        "sa",
        "publishing",
        "company",
        "co",
    }
)


@dataclass(frozen=True, slots=True)
class Metadata:
    """What the text says about the article."""

    title: str | None = None
    outlet: str | None = None
    author: str | None = None
    published: str | None = None


def find_metadata(lines: list[Line], layout: Layout, url: str | None) -> Metadata:
    """Title, outlet, author and date read from the lines and their labels."""
    reasons = layout.reasons
    title = lines[layout.title].text if layout.title is not None else None
    bare = without_chrome(title)
    site = site_suffix(bare)[1] if bare else None  # "Headline | Site: section"
    return Metadata(
        title=title,
        outlet=_outlet(lines, reasons)
        or _site_line(lines, reasons, url)
        or site
        or outlet_from_url(url),
        author=_author(lines, reasons),
        published=_published(lines, reasons),
    )


def _author(lines: list[Line], reasons: list[str | None]) -> str | None:
    for line in lines:
        if reasons[line.index] == "byline":
            name = line_author(line) or (line.text if name_shaped(line.text) else None)
            if name:
                return name.title() if name.isupper() else name
    return None


def _published(lines: list[Line], reasons: list[str | None]) -> str | None:
    for line in lines:
        if reasons[line.index] == "dateline":
            value = dateline_value(line.text)
            if value:
                return value
    for line in lines:
        if reasons[line.index] == "byline":
            found = find_date(line.text)
            if found:
                return found.value
    return None


_PICTURE = re.compile(r"(?i:\b(?:photos?|images?|pictures?|illustration)\b)|^\s*/")
_CAPTION_WORDS_AFTER = 6  # a credit without a year followed by this many words is a caption's


def picture_credit(text: str) -> bool:
    """A copyright line that credits a picture, not the article: "© AP Photo / A. Roe …",
    "© Agency Getty Images", or a credit with no year that runs on into a caption
    ("© EPA The minister's visit was overshadowed by …")."""
    match = _COPYRIGHT_OUTLET[0].search(text)
    if match is None:
        return False
    rest = text[match.end() :]
    if _PICTURE.search(match.group("o")) or _PICTURE.search(rest[:12]):
        return True
    notice = re.search(_YEAR, text) or re.search(r"(?i:\brights\b|\breserved\b)", text)
    return not notice and len(rest.split()) >= _CAPTION_WORDS_AFTER


def _outlet(lines: list[Line], reasons: list[str | None]) -> str | None:
    for line in lines:
        if reasons[line.index] == "copyright" and not picture_credit(line.text):
            name = _first_name(line.text, _COPYRIGHT_OUTLET)
            if name:
                return name
    for line in lines:
        if reasons[line.index] == "outlet-signoff":
            return line.text.rstrip("/")
    for line in lines:
        if reasons[line.index] == "donation-appeal" or _next_is_donation(lines, reasons, line):
            name = _first_name(line.text, (_SUPPORT_OUTLET, _SELF_DESCRIBED))
            if name:
                return name
    for line in lines:
        if reasons[line.index] == "masthead":
            return line.text.title() if line.text.isupper() else line.text
    for line in lines:
        if reasons[line.index] is None and " report" in line.text:
            name = _first_name(line.text, (_REPORTS_OUTLET,))
            if name:
                return name
    return None


def _next_is_donation(lines: list[Line], reasons: list[str | None], line: Line) -> bool:
    nxt = line.index + 1
    return nxt < len(lines) and reasons[nxt] == "donation-appeal" and line.words <= 8


def _first_name(text: str, patterns: tuple[re.Pattern[str], ...]) -> str | None:
    for pattern in patterns:
        match = pattern.search(text)
        if match:
            tokens = match.group("o").split()
            while len(tokens) > 1 and (
                tokens[-1].casefold().strip(".") in _TRAILING or tokens[-1].isdigit()
            ):
                tokens.pop()
            name = " ".join(tokens).strip(" .,-")
            if len(name) >= 2 and name.casefold() not in _NOT_NAME:
                return name
    return None


def _site_line(lines: list[Line], reasons: list[str | None], url: str | None) -> str | None:
    """A chrome line spelling the site's domain name ("Meridian Daily" for meridiandaily.com)."""
    host = outlet_from_url(url)
    if host is None:
        return None
    label = host.split(".")[0].replace("-", "")
    for line in lines:
        if reasons[line.index] not in (None, "title") and line.words <= 5:
            squashed = re.sub(r"[\W_]+", "", line.text).casefold()
            if squashed in (label, "the" + label) or squashed.removeprefix("the") == label:
                return line.text.title() if line.text.isupper() else line.text
    return None


def outlet_from_url(url: str | None) -> str | None:
    """The site's host name ("example.com") from an article URL."""
    if not url:
        return None
    try:
        host = urlsplit(url).hostname
    except ValueError:
        return None
    if not host or "." not in host:
        return None
    for prefix in ("www.", "m.", "amp.", "mobile."):
        if host.startswith(prefix):
            host = host[len(prefix) :]
    return host
