"""When two titles of one person cannot both be current."""

from __future__ import annotations

from narrascope.stories.lexicon import OFFICE_WORDS, RANK_WORDS

# Words that name no portfolio: a body's generic name ("panel chair" is the "oversight
# chair"), honorifics that ride along with a title ("chair rep.") and seniority that any
# holder of the office may have ("lead attorney" and "defence attorney" fit one person).
_NEUTRAL_WORDS = frozenset(
    {
        "panel", "committee", "subcommittee", "board", "council", "house", "senate",
        "chamber", "the", "of", "rep.", "rep", "sen.", "sen", "gov.", "dr.", "mr.", "ms.",
        "mrs.", "hon.", "lead", "senior", "principal", "top",
    }
)  # fmt: skip


def _split(title: str) -> tuple[frozenset[str], frozenset[str], frozenset[str]]:
    words = [w for w in title.split() if w not in _NEUTRAL_WORDS]
    offices = frozenset(w for w in words if w in OFFICE_WORDS and w not in RANK_WORDS)
    ranks = frozenset(w for w in words if w in RANK_WORDS)
    rest = frozenset(w for w in words if w not in OFFICE_WORDS and w not in RANK_WORDS)
    return offices, ranks, rest


def titles_conflict(a: str, b: str) -> bool:
    """Same office but a different portfolio or rank ("foreign minister" vs "defence minister").

    Titles of different offices ("adviser" and "negotiator") can be held together,
    and a title that only adds words to the other ("minister" vs "foreign minister")
    is a fuller form of it, so neither conflicts.
    """
    offices_a, ranks_a, rest_a = _split(a)
    offices_b, ranks_b, rest_b = _split(b)
    if not offices_a or offices_a != offices_b:
        return False
    if ranks_a != ranks_b:
        return True
    if not rest_a or not rest_b:
        return False
    return not (rest_a <= rest_b or rest_b <= rest_a)
