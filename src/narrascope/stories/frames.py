"""Which claims are worth comparing across outlets, and their event/statement frame.

A claim row of a story's comparison should be a fact several outlets could
report, omit or state differently: who did what to whom, when, how many. Not
every parsed statement is one:

* a title or status ("President X") describes a person; it feeds the title and
  status contradictions, not the claims table;
* a number alone does not make a claim: a count needs a known actor, a counted
  unit and a predicate other than a copula ("X was one of the few ..."), and a
  count that merely numbers its own coordinated subjects ("Brazil and China,
  two actors") is no claim;
* a count of a share of its own subject ("46 percent of voters back X") or of what
  someone said ("officials said 12") lacks what it counts: its key cannot tell two polls'
  questions apart, so they would read as disagreeing;
* a dated statement needs a known actor and a predicate other than a copula;
* that an event of a class took place ("a meeting", "the attacks") says which event
  only with an ordinal ("the first talks", "the last attack"): a story holds many
  meetings, and their dates differing is no disagreement;
* a fact needs a known actor and target, a predicate other than a copula, and a
  named entity on either side (opinions about "the media" or "the ball" are
  not facts of the event).

:func:`frame_of` spells a claim key out as its frame slots (actor, action,
target, time, quantity), the normalised form matched across outlets.
"""

from __future__ import annotations

from functools import cache

from narrascope.models import Claim

COPULAS = frozenset({"be", "become", "seem", "remain", "appear", "may be", "might be", "can be"})
UNKNOWN = frozenset({"", "_"})
GENERIC_UNITS = frozenset({"count", "_", ""})
PERSON_ONLY = frozenset({"title", "status", "quote"})


_SHARES = frozenset({"percent", "percentage", "share", "proportion"})


def _share_of_subject(subject: str, unit: str) -> bool:
    """The count is the share of people its subject is ("46 percent of voters")."""
    return unit in _SHARES and (subject == unit or subject.startswith(f"{unit} of "))


@cache
def _speech_verbs() -> frozenset[str]:
    from narrascope.extract.resources import cues

    return cues().speech_verbs


def worth_comparing(claim: Claim) -> bool:
    """Whether a claim belongs in the claims x outlets table (see the module doc)."""
    parts = claim.key.split("|")
    kind = parts[0]
    if kind in PERSON_ONLY:
        return False
    if kind == "occur":  # "a meeting took place": only "the first / last meeting" is one
        return len(parts) > 2 and parts[2] not in UNKNOWN
    if kind == "none":
        return True
    if len(parts) != 4:
        return False
    _, subject, predicate, other = parts
    if subject in UNKNOWN or predicate in UNKNOWN or predicate in COPULAS:
        return False
    if kind == "count":
        return (
            other not in GENERIC_UNITS
            and not _counts_its_subject(subject, claim.value)
            and not _share_of_subject(subject, other)  # "46 percent of voters back X": whom?
            and predicate.removeprefix("not ").removeprefix("may ") not in _speech_verbs()
        )  # "officials said 12": said what? the key cannot tell
    if kind == "date":
        return True
    if kind == "fact":
        named = subject.startswith("name:") or other.startswith("name:") or "+name:" in subject
        return other not in UNKNOWN and named
    return False


def _counts_its_subject(subject: str, value: str | None) -> bool:
    parts = subject.split("+")
    return len(parts) > 1 and value is not None and value.lstrip("~") == str(len(parts))


def frame_of(claim: Claim) -> dict[str, str]:
    """The frame slots a claim key holds: actor, action, target, time, quantity."""
    parts = claim.key.split("|")
    kind, value = parts[0], claim.value or ""
    frame: dict[str, str] = {}
    if kind in ("fact", "date", "count") and len(parts) == 4:
        frame.update(actor=parts[1], action=parts[2])
        if kind == "count":
            frame["quantity"] = f"{value} {parts[3]}".strip()
        else:
            frame["target"] = parts[3]
        if kind == "date":
            frame["time"] = value
    elif kind == "occur" and len(parts) >= 2:
        frame.update(action=parts[1], time=value)
        if len(parts) > 2 and parts[2]:
            frame["qualifier"] = parts[2]
    elif kind == "none" and len(parts) >= 2:
        frame.update(action=f"no {parts[1]}", time=f"since {value}")
    return {k: v for k, v in frame.items() if v and v not in UNKNOWN}
