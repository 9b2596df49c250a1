"""Contradictions: statements from different articles of one story that cannot both hold.

Built on claims (:mod:`narrascope.stories.claims`) that share a normalised key:

* **date**: the same dated event (same key, an article giving it one date) with
  dates that cannot coincide (2022-03-29 vs 2022-03-30; 2022-03 fits both);
* **number**: the same count with values that differ (beyond 10 % when approximate);
* **occurrence**: one article says no event of a class took place since a date
  (or that the *last* one was then) while another reports one after that date
  and before the first article was published; or one asserts what the other negates;
* **title**: one person given two titles of the same office that differ in
  portfolio or rank ("foreign minister" vs "defence minister"), at the same time;
* **status**: one person presented as *former* holder of an office by one article
  and as holding it by another ("former President X" vs "the X administration"),
  at the same time (:mod:`narrascope.stories.status`).

Every contradiction carries both evidence spans and a one-line reason, and all
are ranked by a confidence that drops when the subject is unknown, a value is
approximate or a publication date is missing.

Each distinct clash is reported once, not once per pair of articles: the claims
of a key are grouped by value (title, "since" date, reported date...), each value
is represented by its claim from the earliest-published article (then doc id;
syndicated copies count as one article), and the reason says how many articles
back each side when one has several ("... (3 articles give 12, 2 articles give
15)"). Only the :data:`MAX_VALUES` most supported values of a key are compared
and at most :data:`MAX_PER_KEY` contradictions are kept per key, so the output of
a story stays bounded however many articles it has.
"""

from __future__ import annotations

from bisect import bisect_left
from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping
from itertools import combinations, islice

from narrascope.ids import short_id
from narrascope.models import Claim, Contradiction, Document, Story
from narrascope.stories.claims import extract_claims
from narrascope.stories.dates import compatible, day_ordinal
from narrascope.stories.keys import outlet_of
from narrascope.stories.numbers import numbers_conflict
from narrascope.stories.status import statuses_conflict
from narrascope.stories.titles_compare import titles_conflict

Kind = str
TITLE_WINDOW_DAYS = 365
MAX_VALUES = 8  # values of one key compared, the most supported ones
MAX_PER_KEY = 28  # contradictions reported for one key (all pairs of MAX_VALUES values)


def find_contradictions(
    docs: Iterable[Document],
    stories: Iterable[Story],
    claims: Mapping[str, list[Claim]] | None = None,
) -> list[Contradiction]:
    """Contradictions inside each story, most confident first.

    ``claims`` (doc id -> claims) skips claim extraction for documents it covers.
    """
    by_id = {doc.id: doc for doc in docs}
    found: dict[str, Contradiction] = {}
    for story in stories:
        members = [  # a syndicated copy is one article with its canonical copy
            by_id[d]
            for d in story.documents
            if d in by_id and by_id[d].duplicate_of not in story.documents
        ]
        if len(members) < 2:
            continue
        story_claims = [
            c
            for doc in members
            for c in (claims[doc.id] if claims and doc.id in claims else extract_claims(doc))
        ]
        for item in _story_contradictions(story.id, story_claims, {d.id: d for d in members}):
            found.setdefault(item.id, item)
    return sorted(found.values(), key=lambda c: (-c.confidence, c.id))


def _story_contradictions(
    story_id: str, claims: list[Claim], docs: dict[str, Document]
) -> Iterator[Contradiction]:
    """Each distinct clash of a story once, at most :data:`MAX_PER_KEY` per claim key."""
    by_key: defaultdict[str, list[Claim]] = defaultdict(list)
    occurs: defaultdict[str, list[Claim]] = defaultdict(list)  # by event class
    for claim in claims:
        by_key[claim.key].append(claim)
        if claim.key.startswith("occur|"):
            occurs[claim.key.split("|")[1]].append(claim)
    for key, group in by_key.items():
        yield from islice(
            _key_contradictions(story_id, key, group, by_key, occurs, docs), MAX_PER_KEY
        )


def _key_contradictions(
    story_id: str,
    key: str,
    group: list[Claim],
    by_key: Mapping[str, list[Claim]],
    occurs: Mapping[str, list[Claim]],
    docs: dict[str, Document],
) -> Iterator[Contradiction]:
    kind = key.split("|", 1)[0]
    if kind == "date" or (kind == "occur" and not key.endswith("|")):
        yield from _value_conflicts(story_id, group, docs, "date")
    elif kind == "count":
        yield from _value_conflicts(story_id, group, docs, "number")
    elif kind == "title":
        yield from _title_conflicts(story_id, group, docs)
    elif kind == "status":
        yield from _status_conflicts(story_id, group, docs)
    elif kind == "none":
        yield from _occurrence_conflicts(story_id, group, occurs.get(key[5:], []), docs)
    elif kind == "fact" and "|not " in key:
        positive = by_key.get(key.replace("|not ", "|", 1), [])
        yield from _negation_conflicts(story_id, group, positive, docs)


def _single_values(group: list[Claim]) -> dict[str, Claim]:
    """One claim per document, for documents that give the key one value only."""
    per_doc: defaultdict[str, list[Claim]] = defaultdict(list)
    for claim in group:
        if claim.value is not None:
            per_doc[claim.doc_id].append(claim)
    single = {}
    for doc_id, items in per_doc.items():
        values = {c.value for c in items if c.value}
        if all(compatible(a, b) for a, b in combinations(values, 2)) or len(values) == 1:
            single[doc_id] = max(items, key=lambda c: len(c.value or ""))
    return single


class _Side:
    """The claims of a story giving one value of a key, ranked, one per article.

    ``claims`` keeps the first claim (earliest published document, then doc id,
    then offset) of each article, syndicated copies counting as one article;
    ``support`` is the number of such articles and ``outlets`` of their outlets.
    """

    __slots__ = ("claims", "outlets", "support", "value")

    def __init__(self, value: str, claims: Iterable[Claim], docs: dict[str, Document]) -> None:
        kept: dict[str, Claim] = {}
        for claim in sorted(claims, key=lambda c: _rank(docs, c)):
            kept.setdefault(_article(docs, claim.doc_id), claim)
        self.value = value
        self.claims = list(kept.values())
        self.support = len(self.claims)
        self.outlets = len({_outlet(docs, c.doc_id) for c in self.claims})

    def order(self, docs: dict[str, Document]) -> tuple[int, tuple[int, int, str, str, int], str]:
        """Most supported first, then earliest representative, then value."""
        return -self.support, _rank(docs, self.claims[0]), self.value

    def says(self, verb: str) -> str:
        """Support of this side for a reason: "3 articles (2 outlets) give 12"."""
        plural = self.support > 1
        outlets = f" ({self.outlets} outlets)" if 1 < self.outlets < self.support else ""
        noun = "articles" if plural else "article"
        return f"{self.support} {noun}{outlets} {verb if plural else _singular(verb)}"


def _singular(verb: str) -> str:
    """Third person singular of a phrase's first word ("give 12" -> "gives 12")."""
    first, space, rest = verb.partition(" ")
    if first.endswith("y") and first[-2:-1] not in ("a", "e", "o", "u"):
        first = f"{first[:-1]}ie"
    return f"{first}s{space}{rest}"


def _sides(
    claims: Iterable[Claim], docs: dict[str, Document], limit: int = MAX_VALUES
) -> list[_Side]:
    """Claims grouped by value, the ``limit`` most supported values first."""
    by_value: defaultdict[str, list[Claim]] = defaultdict(list)
    for claim in claims:
        if claim.value:
            by_value[claim.value].append(claim)
    sides = [_Side(value, items, docs) for value, items in by_value.items()]
    return sorted(sides, key=lambda s: s.order(docs))[:limit]


def _support_note(left: _Side, left_verb: str, right: _Side, right_verb: str) -> str:
    """The support of both sides when one has several articles: " (3 articles give 12, ...)"."""
    if left.support == 1 and right.support == 1:
        return ""
    return f" ({left.says(left_verb)}, {right.says(right_verb)})"


def _pick_pair(
    left: list[Claim], right: list[Claim], docs: dict[str, Document], *, same_weeks: bool = False
) -> tuple[Claim, Claim] | None:
    """The first pair, in rank order, of claims from two different articles (with
    ``same_weeks``, articles about the same weeks: a count or date given a month apart
    is of another period, a monthly figure or a recurring event).

    Each side holds one claim per article, so the first two of each suffice.
    """
    for a in left[:2]:
        for b in right[:2]:
            if _same_article(docs, a.doc_id, b.doc_id):
                continue
            if same_weeks and not _same_weeks(docs[a.doc_id], docs[b.doc_id]):
                continue
            return a, b
    return None


NUMBER_WINDOW_DAYS = 31  # counts and dates from articles further apart are of other periods


def _same_weeks(a: Document, b: Document) -> bool:
    da, db = _when(a), _when(b)
    return da is None or db is None or abs(da - db) <= NUMBER_WINDOW_DAYS


def _when(doc: Document) -> int | None:
    """The article's day: its publication date, else the median of the month or day
    dates it states outright (a monthly report on May 2018 is about May 2018)."""
    published = day_ordinal(doc.published)
    if published is not None:
        return published
    days = sorted(
        d
        for e in doc.events
        if not e.relative and e.precision in ("day", "month")
        and (d := day_ordinal(e.value)) is not None
    )  # fmt: skip
    return days[len(days) // 2] if days else None


def _value_conflicts(
    story_id: str, group: list[Claim], docs: dict[str, Document], kind: str
) -> Iterator[Contradiction]:
    """One contradiction per pair of clashing values, between their representatives."""
    sides = _sides(_single_values(group).values(), docs)
    for one, two in combinations(sides, 2):
        clash = (
            not compatible(one.value, two.value)
            if kind == "date"
            else numbers_conflict(one.value, two.value)
        )
        pair = _pick_pair(one.claims, two.claims, docs, same_weeks=True) if clash else None
        if pair is None:
            continue
        (a, side_a), (b, side_b) = sorted(
            ((pair[0], one), (pair[1], two)), key=lambda item: item[0].doc_id
        )
        reason = (
            f"{outlet_of(docs[a.doc_id])} gives {a.value} and {outlet_of(docs[b.doc_id])} "
            f"gives {b.value} for {_describe(a.key)}"
            + _support_note(side_a, f"give {side_a.value}", side_b, f"give {side_b.value}")
        )
        yield _make(kind, reason, _value_confidence(a, kind), a, b, story_id)


def _value_confidence(claim: Claim, kind: str) -> float:
    parts = claim.key.split("|")
    confidence = 0.8 if kind == "date" else 0.75
    if parts[0] != "occur" and parts[1] == "_":
        confidence -= 0.2
    if kind == "number" and "~" in (claim.value or ""):
        confidence -= 0.15
    return round(confidence, 2)


def _occurrence_conflicts(
    story_id: str, nones: list[Claim], occurs: list[Claim], docs: dict[str, Document]
) -> Iterator[Contradiction]:
    """One contradiction per ("none since" date, reported date) pair that clash."""
    since_sides = _sides((c for c in nones if day_ordinal(c.value) is not None), docs)
    occur_sides = _sides((c for c in occurs if day_ordinal(c.value) is not None), docs)
    for since_side in since_sides:
        since = day_ordinal(since_side.value) or 0
        for occur_side in occur_sides:
            when = day_ordinal(occur_side.value) or 0
            if when <= since or compatible(since_side.value, occur_side.value):
                continue
            # only articles published on or after the reported event deny it
            deniers = [
                c
                for c in since_side.claims
                if (published := day_ordinal(docs[c.doc_id].published)) is None or when <= published
            ]
            pair = _pick_pair(deniers, occur_side.claims, docs)
            if pair is None:
                continue
            none, occur = pair
            what = none.key.split("|")[1]
            denying = _Side(since_side.value, deniers, docs)
            reason = (
                f"{outlet_of(docs[none.doc_id])} says no {what} took place after {none.value}; "
                f"{outlet_of(docs[occur.doc_id])} reports one on {occur.value}"
                + _support_note(denying, "say none", occur_side, f"report one on {occur.value}")
            )
            published = day_ordinal(docs[none.doc_id].published)
            yield _make("occurrence", reason, 0.7 if published else 0.55, none, occur, story_id)


def _negation_conflicts(
    story_id: str, negated: list[Claim], positive: list[Claim], docs: dict[str, Document]
) -> Iterator[Contradiction]:
    """One contradiction per negated statement, between the first denial and assertion."""
    parts = negated[0].key.split("|") if negated else []
    if len(parts) < 4 or "_" in (parts[1], parts[3]):
        return
    deny, assert_ = _Side("-", negated, docs), _Side("+", positive, docs)
    pair = _pick_pair(deny.claims, assert_.claims, docs)
    if pair is None:
        return
    a, b = pair
    reason = (
        f"{outlet_of(docs[a.doc_id])} denies what {outlet_of(docs[b.doc_id])} "
        f"asserts: {_describe(b.key)}" + _support_note(deny, "deny it", assert_, "assert it")
    )
    yield _make("occurrence", reason, 0.5, a, b, story_id)


def _title_conflicts(
    story_id: str, group: list[Claim], docs: dict[str, Document]
) -> Iterator[Contradiction]:
    """One contradiction per pair of clashing titles of a person, given at the same time."""
    titles: defaultdict[str, set[str]] = defaultdict(set)
    for claim in group:
        titles[claim.doc_id].add(claim.value or "")
    for one, two in combinations(_sides(group, docs), 2):
        if not titles_conflict(one.value, two.value):
            continue
        # an article giving both titles contradicts neither
        left = [c for c in one.claims if two.value not in titles[c.doc_id]]
        right = [c for c in two.claims if one.value not in titles[c.doc_id]]
        pair = _pick_timely_pair(left, right, docs)
        if pair is None:
            continue
        a, b = sorted(pair, key=lambda c: (c.doc_id, c.span.start))
        person = a.text if len(a.text) < 80 else a.key.split("|", 1)[1]
        first, second = (one, two) if a.value == one.value else (two, one)
        reason = f"'{a.value}' vs '{b.value}' for the same person ({person})" + _support_note(
            first, f"give '{first.value}'", second, f"give '{second.value}'"
        )
        yield _make("title", reason, 0.6, a, b, story_id)


def _status_conflicts(
    story_id: str, group: list[Claim], docs: dict[str, Document]
) -> Iterator[Contradiction]:
    """A person presented as out of an office by one article and in it by another."""
    for one, two in combinations(_sides(group, docs), 2):
        if not statuses_conflict(one.value, two.value):
            continue
        pair = _pick_timely_pair(one.claims, two.claims, docs)
        if pair is None:
            continue
        a, b = sorted(pair, key=lambda c: (c.doc_id, c.span.start))
        said = [f"{_status_words(c.value or '')} ('{_short(c.text)}')" for c in (a, b)]
        reason = f"{said[0]} vs {said[1]}: the same person, at the same time"
        yield _make("status", reason, 0.55, a, b, story_id)


def _status_words(value: str) -> str:
    state, office = value.split(":", 1)
    if office == "*":
        return "in office"
    return f"former {office}" if state == "former" else f"{office} in office"


def _short(text: str, limit: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _pick_timely_pair(
    left: list[Claim], right: list[Claim], docs: dict[str, Document]
) -> tuple[Claim, Claim] | None:
    """The first ``left`` claim (rank order) with a ``right`` one of another article
    published within :data:`TITLE_WINDOW_DAYS` (or undated), and the first such one."""
    dated = [(d, c) for c in right if (d := _published_day(docs, c)) is not None]
    days = [d for d, _ in dated]
    undated = [c for c in right if _published_day(docs, c) is None]
    for a in left:
        day = _published_day(docs, a)
        if day is None:
            candidates = right[:2]
        else:
            lo = bisect_left(days, day - TITLE_WINDOW_DAYS)
            candidates = [c for d, c in dated[lo : lo + 2] if d <= day + TITLE_WINDOW_DAYS]
            candidates += undated[:2]
        for b in candidates:
            if not _same_article(docs, a.doc_id, b.doc_id):
                return a, b
    return None


def _published_day(docs: dict[str, Document], claim: Claim) -> int | None:
    return day_ordinal(docs[claim.doc_id].published)


def _rank(docs: dict[str, Document], claim: Claim) -> tuple[int, int, str, str, int]:
    """Earliest-published document first (undated last), then doc id, then offset."""
    doc = docs.get(claim.doc_id)
    published = doc.published if doc else None
    day = day_ordinal(published)
    return (day is None, day or 0, published or "", claim.doc_id, claim.span.start)


def _article(docs: dict[str, Document], doc_id: str) -> str:
    """The id of the canonical copy of a document (its own id unless syndicated)."""
    doc = docs.get(doc_id)
    return doc.duplicate_of if doc is not None and doc.duplicate_of else doc_id


def _outlet(docs: dict[str, Document], doc_id: str) -> str:
    doc = docs.get(doc_id)
    return outlet_of(doc) if doc is not None else doc_id


def _same_time(a: Document, b: Document) -> bool:
    da, db = day_ordinal(a.published), day_ordinal(b.published)
    return da is None or db is None or abs(da - db) <= TITLE_WINDOW_DAYS


def _same_article(docs: dict[str, Document], a: str, b: str) -> bool:
    if a == b:
        return True
    da, db = docs.get(a), docs.get(b)
    if da is None or db is None:
        return False
    return (
        da.duplicate_of == b
        or db.duplicate_of == a
        or (da.duplicate_of is not None and da.duplicate_of == db.duplicate_of)
    )


def _describe(key: str) -> str:
    parts = [p for p in key.split("|")[1:] if p and p != "_"]
    return " ".join(p.split(":", 1)[-1] for p in parts)


def _make(
    kind: str, reason: str, confidence: float, a: Claim, b: Claim, story_id: str
) -> Contradiction:
    cid = short_id("contra", kind, a.doc_id, str(a.span.start), b.doc_id, str(b.span.start))
    return Contradiction(
        id=cid,
        kind=kind,  # type: ignore[arg-type]
        reason=reason,
        confidence=confidence,
        doc_a=a.doc_id,
        span_a=a.span,
        doc_b=b.doc_id,
        span_b=b.span,
        story_id=story_id,
    )
