"""Where the article is on the page: body, title, header and footer chrome.

Lines that read as prose (and that no rule claims) form segments; segments
split where three or more other lines sit between them. The biggest segment is
the article; other segments stay when they hold 25 words or more and are not
teaser fragments. Lines before the first kept segment are the header (the
title is the first of the last run of headline-shaped lines there), lines after
the last one the footer (a truncated last paragraph still counts as article).
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from narrascope.clean.byline import name_shaped
from narrascope.clean.inline import INLINE_REASONS, InlineCuts, find_inline
from narrascope.clean.kicker import find_kickers
from narrascope.clean.lexicon import is_masthead, load_lexicon, normalise
from narrascope.clean.lines import Line, title_cased
from narrascope.clean.rules import RuleContext, line_reason
from narrascope.clean.titles import clean_title

GAP_LINES = 3  # non-prose lines between two prose lines that split segments
MIN_SEGMENT_WORDS = 25
_TEASER_END = re.compile(r"(?:…|\.\.\.|\[…\]|»)\s*$")
_INNER_SENTENCE = re.compile(r"[.!?][\"'’”»)]*\s+[\"'“‘«(]?[A-ZА-ЯЁ]")
_DANGLING = re.compile(
    r"(?i)(?:,|;|\b(?:the|a|an|of|to|in|on|at|for|and|or|but|with|by|from|that|which|who|as|is|"
    r"was|were|are|has|have|had|its|their|his|her))$"
)


@dataclass(slots=True)
class Layout:
    """Per-line decisions: ``reasons[i]`` is ``None`` for article lines."""

    reasons: list[str | None]
    cuts: dict[int, int]  # line index -> leading chars removed (kicker prefix, inline chrome)
    title: int | None
    cut_reasons: dict[int, str] = field(default_factory=dict)  # else "kicker-prefix"
    tails: dict[int, tuple[int, str]] = field(default_factory=dict)  # index -> (kept, reason)


def lay_out(
    lines: list[Line],
    ctx: RuleContext,
    given_title: str | None = None,
    *,
    extracted: bool = False,
) -> Layout:
    """Decide, line by line, what is article text and what is chrome.

    ``extracted``: the text is an extractor's main-content output (trafilatura
    on an HTML page), whose markup already placed the body: only the line rules,
    kickers, related lists and the given title's line are removed, not
    lines judged by their position around the longest prose segment (nor short
    lines next to a caption: each extracted line is its own block element).
    """
    reasons = [line_reason(line, ctx) for line in lines]
    kickers = find_kickers(lines)
    for index in kickers.bare:
        reasons[index] = "kicker-prefix"
    inline = find_inline(lines, reasons, ctx.lexicon)
    _mark_name_lines(lines, reasons)
    _mark_related_lists(lines, reasons)
    if extracted:
        return _with_inline(
            _extracted_layout(lines, reasons, kickers.cuts, given_title), inline
        )
    segments = _segments(lines, reasons)
    if not segments:
        return Layout(reasons=[r or "no-article-text" for r in reasons], cuts={}, title=None)
    start, end = segments[0][0], segments[-1][-1]
    title = _find_title(lines, reasons, start, given_title, kickers.headed)
    if title == start:
        if len(segments[0]) == 1:
            title = None
        else:
            start = segments[0][1]
    decks = _mark_title(lines, reasons, title, start)
    end = _extend_truncated(lines, reasons, end)
    _label_outside(lines, reasons, [i for i in range(start) if i not in decks])
    _label_outside(lines, reasons, range(end + 1, len(lines)))
    _label_gaps(lines, reasons, segments)
    _label_captions(lines, reasons, start, end)
    return _with_inline(Layout(reasons=reasons, cuts=kickers.cuts, title=title), inline)


def _with_inline(layout: Layout, inline: InlineCuts) -> Layout:
    """``layout`` with the inline chrome cuts of its kept lines."""
    for index, (chars, reason) in inline.heads.items():
        if layout.reasons[index] is None and chars > layout.cuts.get(index, 0):
            layout.cuts[index] = chars
            layout.cut_reasons[index] = reason
    for index, tail in inline.tails.items():
        if layout.reasons[index] is None and tail[0] > layout.cuts.get(index, 0):
            layout.tails[index] = tail
    return layout


def _extracted_layout(
    lines: list[Line], reasons: list[str | None], cuts: dict[int, int], given: str | None
) -> Layout:
    title = None
    if given:
        wanted = normalise(clean_title(given) or given)
        title = next((line.index for line in lines[:3] if _is_title(line, wanted)), None)
        if title is not None:
            _mark_title(lines, reasons, title, title)
    return Layout(reasons=reasons, cuts=cuts, title=title)


def _is_title(line: Line, wanted: str) -> bool:
    """The line is the given title, maybe without a "| Site" suffix or with date chrome."""
    if line.norm == wanted:
        return True
    bare = normalise(clean_title(line.text) or "")
    if not bare or bare == wanted:
        return bool(bare)
    return line.words >= 3 and not line.is_prose and wanted.startswith(bare + " ")


def _is_prose(line: Line, reason: str | None) -> bool:
    return reason is None and line.is_prose


MIN_LIST_ITEM_WORDS = 3  # mean words of list items that read as content, not a menu


def _structure(lines: list[Line], reasons: list[str | None]) -> set[int]:
    """Unclaimed tables (two rows or more), and lists of two or more items of three
    words or more on average next to prose: content with the weight of prose."""
    found: set[int] = set()
    run: list[Line] = []
    for line in [*lines, None]:
        kind = _kind(line) if line is not None and reasons[line.index] is None else None
        if kind is not None and line is not None and (not run or _kind(run[-1]) == kind):
            run.append(line)
            continue
        if len(run) >= 2 and (_kind(run[0]) == "table" or _article_list(lines, reasons, run)):
            found.update(x.index for x in run)
        run = [line] if kind is not None and line is not None else []
    return found


def _article_list(lines: list[Line], reasons: list[str | None], run: list[Line]) -> bool:
    if sum(x.words for x in run) < MIN_LIST_ITEM_WORDS * len(run):
        return False  # a menu of one- and two-word items
    near = range(max(run[0].index - GAP_LINES, 0), min(run[-1].index + GAP_LINES + 1, len(lines)))
    return any(_is_prose(lines[i], reasons[i]) for i in near)


def _kind(line: Line) -> str | None:
    return "table" if line.is_table_row else "list" if line.is_list_item else None


def _gap(reasons: list[str | None], before: int, after: int) -> int:
    """Lines between two prose lines, not counting widget chrome run into the article."""
    return sum(1 for i in range(before + 1, after) if reasons[i] not in INLINE_REASONS)


def _segments(lines: list[Line], reasons: list[str | None]) -> list[list[int]]:
    """Runs of prose lines (tables and lists count as prose), split at gaps;
    only the substantial ones are kept."""
    runs: list[list[int]] = []
    structure = _structure(lines, reasons)
    prose = [
        line for line in lines if _is_prose(line, reasons[line.index]) or line.index in structure
    ]
    if not prose:  # a brief without full sentences: take the unclaimed longer lines
        prose = [line for line in lines if reasons[line.index] is None and line.words >= 5]
    for line in prose:
        if runs and _gap(reasons, runs[-1][-1], line.index) < GAP_LINES:
            runs[-1].append(line.index)
        else:
            runs.append([line.index])
    if not runs:
        return []
    main = max(runs, key=lambda run: sum(lines[i].words for i in run))
    kept = [run for run in runs if run is main or _substantial(lines, run)]
    for run in runs:
        if all(run is not k for k in kept):
            for index in run:
                teaser = _TEASER_END.search(lines[index].text) is not None
                reasons[index] = "truncated-fragment" if teaser else "related-headline"
    return kept


def _substantial(lines: list[Line], run: list[int]) -> bool:
    if sum(lines[i].words for i in run) < MIN_SEGMENT_WORDS:
        return False
    return not all(_TEASER_END.search(lines[i].text) for i in run)


def _mark_related_lists(lines: list[Line], reasons: list[str | None]) -> None:
    """Headlines listed under a "Related" / "Read more" cue line."""
    for cue in [i for i, r in enumerate(reasons) if r == "related-headline"]:
        for j in range(cue + 1, len(lines)):
            line = lines[j]
            if reasons[j] is not None or _starts_paragraph(lines, reasons, j):
                break
            if _TEASER_END.search(line.text):
                reasons[j] = "truncated-fragment"
            elif line.is_headline_shaped and not line.is_prose:
                reasons[j] = "related-headline"
            else:
                break


def _starts_paragraph(lines: list[Line], reasons: list[str | None], index: int) -> bool:
    """A line directly followed, in its block, by prose (a subheading)."""
    nxt = index + 1
    if nxt >= len(lines) or lines[nxt].block != lines[index].block:
        return False
    return _is_prose(lines[nxt], reasons[nxt])


def _find_title(
    lines: list[Line],
    reasons: list[str | None],
    start: int,
    given: str | None,
    headed: set[int],
) -> int | None:
    """The headline: the given title's line, else the first line of the last
    run of headline-shaped lines before the body (preferring one without a kicker)."""
    if given:
        wanted = normalise(clean_title(given) or given)
        for line in lines[: start + 1]:
            if _is_title(line, wanted):
                return line.index
    runs: list[list[int]] = []
    for line in lines[:start]:
        if (
            reasons[line.index] is None
            and line.is_headline_shaped
            and not _under_masthead(lines, line)
        ):
            if runs and runs[-1][-1] == line.index - 1:
                runs[-1].append(line.index)
            else:
                runs.append([line.index])
    if runs:
        return next((i for i in runs[-1] if i not in headed), runs[-1][0])
    first = lines[start]
    if first.is_headline_shaped and (
        first.words <= 20 or _dateline_follows(lines, start) or _long_headline(lines, start)
    ):
        return start
    if _headline_sentence(lines, start):
        return start
    return None


# "Kairo (dpo) - ", "WASHINGTON (AP) — ": a place and an agency opening the body
_DATELINE_OPENING = re.compile(r"^[^\W\d_][\w .,'’-]{0,40}\([\w .&/-]{1,24}\)\s*[-–—:]")


def _dateline_follows(lines: list[Line], start: int) -> bool:
    """The next paragraph opens with a dateline: the line before it is the headline,
    however long (satire and tabloid headlines run to 30 words)."""
    return (
        start + 1 < len(lines)
        and lines[start + 1].block != lines[start].block
        and _DATELINE_OPENING.match(lines[start + 1].text) is not None
    )


def _long_headline(lines: list[Line], start: int) -> bool:
    """A first line of up to 30 words, standing alone as its own block and ending with no
    stop, above a paragraph more than twice its length: a long headline ("X accused in
    letter obtained by FBI of …; X denies it happened"); one ending in a quotation that
    has no stop of its own is one too (… Sentence: “We Have to Stop … White Men”), and one
    in headline capitals ending in "!" or "?" ("… Let's Not Let That Go So Fast!")."""
    first = lines[start]
    last = first.text.rstrip("\"”’'»)")[-1:]
    cried = last in "!?" and title_cased(first.text)
    if (last in ".!?:;,…" and not cried) or start + 1 >= len(lines):
        return False
    following = lines[start + 1]
    return following.block != first.block and following.words > 2 * first.words


_LETTER_OR_DIGIT = re.compile(r"[^\W_]")
HEADLINE_LOOKAHEAD = 4  # lines after a sentence-case headline in which its body must start


def _headline_sentence(lines: list[Line], start: int) -> bool:
    """A short first line ending in a full stop that stands alone as its own block
    before a longer paragraph (within :data:`HEADLINE_LOOKAHEAD` lines: a deck, a
    dateline or a time stamp may come first): a sentence-case headline ("Judge
    rejects request.")."""
    first = lines[start]
    if start + 1 >= len(lines) or not first.text.endswith(".") or not 3 <= first.words <= 16:
        return False
    if _LETTER_OR_DIGIT.match(first.text) is None:
        return False
    # the body, or first a deck, a dateline, a time stamp (up to three short lines)
    following = lines[start + 1 : start + 1 + HEADLINE_LOOKAHEAD]
    return following[0].block != first.block and any(
        line.words >= 2 * first.words for line in following
    )



def _under_masthead(lines: list[Line], line: Line) -> bool:
    """A tagline sitting in the masthead's block ("Local news since 1952")."""
    if line.index == 0:
        return False
    previous = lines[line.index - 1]
    return previous.block == line.block and is_masthead(previous.text, load_lexicon())


def _mark_title(
    lines: list[Line], reasons: list[str | None], title: int | None, start: int
) -> set[int]:
    """Label the title and its repeats; return the standfirst (deck) lines to keep."""
    decks: set[int] = set()
    if title is None:
        return decks
    reasons[title] = "title"
    wanted = lines[title].norm
    for line in lines:
        if line.index != title and reasons[line.index] is None and line.norm == wanted:
            reasons[line.index] = "repeated-title"
    for line in lines[title + 1 : start]:
        if line.block != lines[title].block and line.index != title + 1:
            break
        if reasons[line.index] is not None:
            break
        if line.words >= 5:
            decks.add(line.index)
    return decks


def _mark_name_lines(lines: list[Line], reasons: list[str | None]) -> None:
    """A bare "Jane Doe" line next to a dateline is a byline."""
    for line in lines:
        if reasons[line.index] is not None or not name_shaped(line.text):
            continue
        near = (line.index - 1, line.index + 1)
        if any(0 <= i < len(lines) and reasons[i] == "dateline" for i in near):
            reasons[line.index] = "byline"


def _looks_truncated(line: Line) -> bool:
    """A paragraph cut off by the scraper: long, unfinished, mid-sentence."""
    if line.words < 8 or line.sentence_end:
        return False
    if line.words >= 12 and ", " in line.text:  # a clause, not a headline
        return True
    return bool(_INNER_SENTENCE.search(line.text) or _DANGLING.search(line.text))


def _extend_truncated(lines: list[Line], reasons: list[str | None], end: int) -> int:
    nxt = end + 1
    if nxt < len(lines) and reasons[nxt] is None and _looks_truncated(lines[nxt]):
        return nxt
    return end


def _fallback(lines: list[Line], reasons: list[str | None], index: int) -> str:
    """Reason of an unclaimed line outside the article."""
    nxt = index + 1
    if nxt < len(lines) and lines[nxt].block == lines[index].block:
        inherited = reasons[nxt]
        if inherited not in (None, "title", "related-headline", "navigation"):
            return inherited
    if is_masthead(lines[index].text, load_lexicon()):
        return "masthead"
    return "related-headline" if lines[index].is_headline_shaped else "navigation"


def _label_outside(lines: list[Line], reasons: list[str | None], indices: Sequence[int]) -> None:
    for index in reversed(indices):
        if reasons[index] is None:
            reasons[index] = _fallback(lines, reasons, index)


def _label_gaps(lines: list[Line], reasons: list[str | None], segments: list[list[int]]) -> None:
    """Unclaimed lines in wide gaps between kept segments, except a subheading."""
    for before, after in itertools.pairwise(segments):
        gap = range(before[-1] + 1, after[0])
        if _gap(reasons, before[-1], after[0]) < GAP_LINES:
            continue
        for index in reversed(gap):
            if reasons[index] is not None:
                continue
            line = lines[index]
            if index == after[0] - 1 and line.is_headline_shaped and line.words <= 15:
                continue
            reasons[index] = _fallback(lines, reasons, index)


CAPTION_NEIGHBOURS = frozenset({"kicker-prefix", "image-caption"})


def _label_captions(lines: list[Line], reasons: list[str | None], start: int, end: int) -> None:
    """Short lines sharing a block with a caption or a bare kicker line."""
    for index in range(start, end + 1):
        line = lines[index]
        if reasons[index] is not None or line.is_prose or line.words > 15:
            continue
        for other in (index - 1, index + 1):
            same_block = 0 <= other < len(lines) and lines[other].block == line.block
            if same_block and reasons[other] in CAPTION_NEIGHBOURS:
                reasons[index] = "image-caption"
                break
