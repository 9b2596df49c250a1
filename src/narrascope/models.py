"""The shared vocabulary of Narrascope: every stage passes these dataclasses.

Offsets are Python string indices (code points). Spans on a :class:`Document`
point into ``Document.text`` (the clean body) unless the field says ``raw``;
``Document.offsets`` maps clean offsets back to ``Document.raw``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

Precision = Literal["day", "month", "year", "week", "season", "decade", "century", "time"]
QuoteKind = Literal["direct", "partial", "indirect"]


@dataclass(frozen=True, slots=True)
class RawArticle:
    """One article as it came in, before cleaning (ingest output)."""

    source: str  # file path, "path.jsonl:LINE", URL or "<stdin>"
    content: str  # the raw text or the raw HTML, decoded
    fmt: Literal["text", "html"] = "text"
    url: str | None = None
    title: str | None = None
    outlet: str | None = None
    author: str | None = None
    published: str | None = None  # ISO 8601 when given by the source
    language: str | None = None
    external_id: str | None = None  # the input's own id (JSONL "id"), kept for reference


@dataclass(frozen=True, slots=True)
class Span:
    """A piece of evidence: offsets into the clean text and the text itself."""

    start: int
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class Boilerplate:
    """A removed piece of web chrome; offsets into the raw text."""

    text: str
    start: int
    end: int
    reason: str


@dataclass(frozen=True, slots=True)
class OffsetMap:
    """Maps clean-text offsets to raw-text offsets.

    ``segments`` holds ``(clean_start, raw_start, length)`` runs in which the
    clean text is a verbatim copy of the raw text. Characters outside every run
    (inserted newlines, normalised spaces) map to the nearest preceding run.
    """

    segments: tuple[tuple[int, int, int], ...] = ()

    def to_raw(self, clean_offset: int) -> int:
        """Raw offset of a clean offset."""
        lo, hi = 0, len(self.segments) - 1
        best = None
        while lo <= hi:
            mid = (lo + hi) // 2
            if self.segments[mid][0] <= clean_offset:
                best = self.segments[mid]
                lo = mid + 1
            else:
                hi = mid - 1
        if best is None:
            return self.segments[0][1] if self.segments else clean_offset
        clean_start, raw_start, length = best
        return raw_start + min(clean_offset - clean_start, length)

    def span_to_raw(self, start: int, end: int) -> tuple[int, int]:
        """Raw ``(start, end)`` of a clean span."""
        if end <= start:
            raw = self.to_raw(start)
            return raw, raw
        return self.to_raw(start), self.to_raw(end - 1) + 1


@dataclass(frozen=True, slots=True)
class Mention:
    """One mention of a named entity in a document."""

    text: str
    start: int
    end: int
    label: str  # spaCy label: PERSON, ORG, GPE, LOC, NORP, ...
    entity_id: str | None = None


@dataclass(frozen=True, slots=True)
class Entity:
    """A canonical identity: one person, organisation or place."""

    id: str
    name: str
    type: str  # PERSON / ORG / GPE / LOC / NORP / ...
    aliases: tuple[str, ...] = ()
    mentions: tuple[Mention, ...] = ()
    documents: tuple[str, ...] = ()  # document ids (corpus level)


_PRONOUNS = frozenset(
    ("i", "we", "you", "he", "she", "it", "they", "him", "her", "them", "one", "someone", "who")
)


@dataclass(frozen=True, slots=True)
class Quote:
    """An attributed statement."""

    text: str
    start: int
    end: int
    kind: QuoteKind
    cue: str | None = None  # cue verb or phrase ("said", "according to")
    speaker: str | None = None  # speaker as written in the text
    speaker_start: int | None = None
    speaker_end: int | None = None
    speaker_entity_id: str | None = None
    speaker_name: str | None = None  # canonical name of the speaker entity
    reason: str | None = None  # why the speaker is unknown / how it was found

    @property
    def speaker_label(self) -> str:
        """What a reader is shown: the speaker's name; an unresolved pronoun is an
        unknown speaker (never "he"); an unresolved description is marked unnamed."""
        if self.speaker_name:
            return self.speaker_name
        written = (self.speaker or "").strip()
        if not written or written.casefold() in _PRONOUNS:
            return "unknown speaker"
        return f"{written} (unnamed)"


@dataclass(frozen=True, slots=True)
class Event:
    """A dated event: a temporal expression, its sentence and its participants."""

    date_text: str
    date_start: int
    date_end: int
    value: str  # ISO value: 2022-03-29, 2022-03, 2022, 2022-W12, 2022-03-29T12:49
    precision: Precision
    sentence: Span
    relative: bool = False
    anchor: str | None = None  # what a relative date was resolved against
    participants: tuple[str, ...] = ()  # entity ids


@dataclass(frozen=True, slots=True)
class NarrativeLabel:
    """A narrative (coarse) or subnarrative (fine) label with its evidence."""

    label: str
    level: Literal["coarse", "fine"]
    score: float
    evidence: tuple[Span, ...] = ()
    explanation: str | None = None


@dataclass(frozen=True, slots=True)
class RoleAssignment:
    """How an article casts an entity."""

    entity: str  # the mention text or canonical name
    main_role: Literal["Protagonist", "Antagonist", "Innocent"]
    fine_roles: tuple[str, ...]
    score: float
    entity_id: str | None = None
    start: int | None = None
    end: int | None = None
    evidence: tuple[Span, ...] = ()


@dataclass(frozen=True, slots=True)
class Technique:
    """A persuasion technique found in a span."""

    technique: str
    start: int
    end: int
    text: str
    score: float
    sentence: Span | None = None
    explanation: str | None = None


@dataclass(frozen=True, slots=True)
class Tone:
    """Tone of an article or towards one entity, in [-1, 1]."""

    score: float
    label: Literal["negative", "neutral", "positive"]
    target: str | None = None  # None: the article; else an entity id
    evidence: tuple[Span, ...] = ()


@dataclass(slots=True)
class Document:
    """A cleaned article and everything found in it."""

    id: str
    source: str
    raw: str
    text: str
    url: str | None = None
    title: str | None = None
    outlet: str | None = None
    author: str | None = None
    published: str | None = None
    language: str | None = None
    boilerplate: list[Boilerplate] = field(default_factory=list)
    offsets: OffsetMap = field(default_factory=OffsetMap)
    entities: list[Entity] = field(default_factory=list)  # document-level identities
    title_mentions: list[Mention] = field(default_factory=list)  # offsets into `title`
    quotes: list[Quote] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)  # entity slots as {eN} placeholders
    narratives: list[NarrativeLabel] = field(default_factory=list)
    roles: list[RoleAssignment] = field(default_factory=list)
    techniques: list[Technique] = field(default_factory=list)
    tone: list[Tone] = field(default_factory=list)
    explanation: str | None = None  # dominant-narrative explanation (<= 80 words)
    duplicate_of: str | None = None  # id of the canonical copy of a near-duplicate
    story_vector: str | None = None  # title+lead embedding for stories (base64 float16)


@dataclass(frozen=True, slots=True)
class Claim:
    """A factual statement normalised for cross-source matching."""

    id: str
    doc_id: str
    text: str
    span: Span
    key: str  # normalised predicate key used to match claims across outlets
    subject: str | None = None
    value: str | None = None  # number, date or other comparable value


@dataclass(frozen=True, slots=True)
class Story:
    """Articles about the same event or thread."""

    id: str
    label: str
    documents: tuple[str, ...]
    outlets: tuple[str, ...] = ()
    key_entities: tuple[str, ...] = ()
    dates: tuple[str, ...] = ()
    duplicates: tuple[tuple[str, ...], ...] = ()  # groups of syndicated copies


@dataclass(frozen=True, slots=True)
class Contradiction:
    """Two statements from different articles that cannot both hold."""

    id: str
    kind: Literal["date", "number", "occurrence", "title", "status", "other"]
    reason: str
    confidence: float
    doc_a: str
    span_a: Span
    doc_b: str
    span_b: Span
    story_id: str | None = None


@dataclass(frozen=True, slots=True)
class Failure:
    """An input or stage that failed; the batch went on without it."""

    source: str
    stage: str
    reason: str


@dataclass(slots=True)
class Corpus:
    """The result of an analysis run."""

    documents: list[Document] = field(default_factory=list)
    entities: list[Entity] = field(default_factory=list)
    stories: list[Story] = field(default_factory=list)
    contradictions: list[Contradiction] = field(default_factory=list)
    failures: list[Failure] = field(default_factory=list)
