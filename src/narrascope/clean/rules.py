"""Per-line chrome rules: what a line is, judged from the line alone.

Each rule looks at shape (length, punctuation, symbols), script, the packaged
UI lexicon and phrase cues. Position-dependent decisions (header, footer, title,
related-headline lists) live in :mod:`narrascope.clean.layout`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from narrascope.clean.byline import line_author
from narrascope.clean.dates import dateline_value
from narrascope.clean.lexicon import Lexicon, normalise
from narrascope.clean.lines import Line
from narrascope.clean.script import is_foreign

_LETTER = re.compile(r"[^\W\d_]")
_DIGITS4 = re.compile(r"\d(?:[\s-]?\d){3,}")
_COPYRIGHT = re.compile(r"©|\(c\)\s*(?:19|20)\d\d|^\s*(?:copyright|\(c\))\b", re.IGNORECASE)
_COUNTER_WORDS = (
    r"views?|reads?|viewed|просмотр\w*|прочтени\w*|baxış\w*|oxunub|görüntülenme|okunma|"
    r"vues?|lectures?|aufrufe|visitas|lecturas|visualizzazioni|مشاهدات|مشاهدة|👁\ufe0f?"
)
_VIEW_COUNTER = re.compile(
    rf"^(?:(?:{_COUNTER_WORDS})\s*[:\-]?\s*\d[\d\s,.]*[kmкм]?|\d[\d\s,.]*[kmкм]?\s*(?:{_COUNTER_WORDS}))$",
    re.IGNORECASE,
)
_CAPTION_WORDS = (
    r"photo(?:graph)?s?|image|picture|pictured|illustration|illustrative (?:photo|image)|"
    r"graphic|infographic|map|chart|"
    r"file (?:photo|image)|(?:photo |image )?credit|screenshot|screengrab|video|фото|foto|fotoğraf|"
    r"image d'illustration|image illustrative|photo d'illustration|beitragsbild|titelbild|"
    r"şəkil|صورة"
)
_AGENCIES = (
    r"getty images|getty|afp|reuters|ap|ap photo|epa(?:-efe)?|anadolu(?: agency)?|shutterstock|"
    r"tass|ria novosti|sputnik|xinhua|pool|efe|dpa|alamy|imago|handout"
)
_CAPTION_START = re.compile(rf"^(?:{_CAPTION_WORDS})\s*(?:by\b|:|\||/|—|–|-\s|©)", re.IGNORECASE)
_CAPTION_END = (  # searched in the last characters of a line only
    re.compile(
        rf"[(\[][^)\]]{{0,40}}\b(?:{_CAPTION_WORDS})\b[^)\]]{{0,40}}[)\]]\s*$", re.IGNORECASE
    ),
    re.compile(rf"(?:^|\s)(?:{_CAPTION_WORDS})\s*(?::|by|©)\s*[^.!?]{{1,60}}$", re.IGNORECASE),
    re.compile(rf"(?:/|\||©|—|–)\s*(?:{_AGENCIES})\b[^.!?]{{0,40}}$", re.IGNORECASE),
)
CAPTION_TAIL_CHARS = 100
# a bare media label closing a page's first line ("… March (Video)", "[PHOTOS]") credits no one
_MEDIA_LABEL = re.compile(
    r"[(\[]\s*(?:videos?|photos?|pictures?|images?|watch|audio)\s*[)\]]\s*$", re.IGNORECASE
)
_DOMAIN = re.compile(r"^(?:www\.)?[a-z0-9][\w-]*(?:\.[\w-]+)*\.[a-z]{2,12}/?$", re.IGNORECASE)
_TAGS = re.compile(
    r"^(?:tags|tagged|topics|keywords|filed under|теги|метки|etiketlər|açar sözlər|etiketler|"
    r"mots[- ]clés|schlagworte|etiquetas)\s*[:|\-—]",
    re.IGNORECASE,
)
MAX_SENTENCE_WORDS = 40  # a chrome sentence inside a line, whatever its category allows
FOREIGN_UI_WORDS = 12  # longer lines in another script are quotations, not interface
# "Home > World > Europe"; a slash separates crumbs only with spaces around it
# ("Home / World"), not inside words ("oil/grease").
_CRUMB_SEP = r"(?:\s*[>»›|]\s*|\s+/\s+)"
_BREADCRUMB = re.compile(rf"^(?:(?:(?!{_CRUMB_SEP}).){{1,30}}{_CRUMB_SEP}){{2,}}[^>»|›]{{1,30}}$")


@dataclass(frozen=True, slots=True)
class RuleContext:
    """What the rules know about the whole article."""

    script: str  # dominant script of the article
    lexicon: Lexicon
    used: frozenset[str] = frozenset()  # scripts the article uses at length


def line_reason(line: Line, ctx: RuleContext) -> str | None:
    """The chrome reason of a line judged alone, or ``None`` when it may be article text."""
    text = line.text
    if line.words <= 16 and line_author(line) is not None:
        return "byline"
    if line.words <= 12 and dateline_value(text) is not None:
        return "dateline"
    if line.words <= FOREIGN_UI_WORDS and is_foreign(text, ctx.script, used=ctx.used):
        return "foreign-script-ui"
    if line.is_table_row:
        return None  # a table row: kept or dropped with its table, by the layout
    if line.words <= 2 and len(_LETTER.findall(text)) <= 2:
        return "navigation"
    reason = _shape_reason(line)
    if reason is not None:
        return reason
    if line.words > 120:
        return None
    norm = line.norm
    if line.words <= 8 and norm in ctx.lexicon.lines:
        return ctx.lexicon.lines[norm][0]
    return _cue_reason(line, norm, ctx.lexicon)


def _shape_reason(line: Line) -> str | None:
    text = line.text
    if line.words <= 45 and _may_be_copyright(text) and _COPYRIGHT.search(text):
        return "copyright"
    if line.words <= 4 and _VIEW_COUNTER.match(text):
        return "view-counter"
    if line.words <= 3 and _DOMAIN.match(text):
        return "outlet-signoff"
    if line.words <= 30 and _TAGS.match(text):
        return "tags"
    if line.words <= 40 and _is_caption(text, headline=line.index == 0):
        return "image-caption"
    if line.words <= 12 and not line.sentence_end and _BREADCRUMB.match(text):
        return "navigation"
    return None


def _may_be_copyright(text: str) -> bool:
    return "©" in text or "(c" in text or "(C" in text or text[:9].casefold() == "copyright"


def _is_caption(text: str, *, headline: bool = False) -> bool:
    """A photo or video caption or credit; the page's first line ending in a bare media
    label ("… (Video)") is a headline, not a caption."""
    if _CAPTION_START.match(text):
        return True
    tail = text[-CAPTION_TAIL_CHARS:]
    if headline and _MEDIA_LABEL.search(tail):
        return False
    return any(pattern.search(tail) for pattern in _CAPTION_END)


def _cue_reason(line: Line, norm: str, lexicon: Lexicon) -> str | None:
    threshold = 4 if line.words > 25 else 3 if line.is_prose else 2
    scores = _scores(norm, lexicon)
    for number, cue in enumerate(lexicon.cues):
        if line.words > cue.max_words:
            continue
        if cue.requires_digits and not _DIGITS4.search(line.text):
            continue
        if cue.start is not None:
            if cue.start.match(line.text):
                return cue.reason
        elif scores.get(number, 0) >= threshold:
            return cue.reason
    return None


def _scores(norm: str, lexicon: Lexicon) -> dict[int, int]:
    """Per category: 2 per distinct strong cue plus 1 per distinct weak cue."""
    scores: dict[int, int] = {}
    for cue in lexicon.find_cues(norm):
        for number, weight in lexicon.cue_weights[cue].items():
            scores[number] = scores.get(number, 0) + weight
    return scores


def sentence_reason(text: str, lexicon: Lexicon, categories: frozenset[str]) -> str | None:
    """The chrome reason of one sentence inside a longer line, among ``categories``.

    Scored as a line that reads as a sentence (see :func:`_cue_reason`): two strong
    cues, or one strong and one weak, of one category; a sentence of more than
    :data:`MAX_SENTENCE_WORDS` words is never chrome.
    """
    norm = normalise(text)
    words = len(norm.split())
    threshold = 4 if words > 25 else 3
    scores = _scores(norm, lexicon)
    for number, cue in enumerate(lexicon.cues):
        if cue.reason not in categories or words > MAX_SENTENCE_WORDS or cue.start is not None:
            continue
        if cue.requires_digits and not _DIGITS4.search(text):
            continue
        if scores.get(number, 0) >= threshold:
            return cue.reason
    return None


def has_cues(norm: str, lexicon: Lexicon, categories: frozenset[str]) -> bool:
    """Any cue of ``categories`` in a normalised text (a cheap test before scoring parts)."""
    wanted = {n for n, cue in enumerate(lexicon.cues) if cue.reason in categories}
    return any(
        not wanted.isdisjoint(lexicon.cue_weights[cue]) for cue in lexicon.find_cues(norm)
    )
