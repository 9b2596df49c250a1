"""Claims worth comparing (narrascope.stories.frames): titles and bare numbers are not claims."""

from __future__ import annotations

import pytest

from narrascope.models import Claim, Span
from narrascope.stories.frames import frame_of, worth_comparing


def claim(key: str, value: str | None = None) -> Claim:
    return Claim(id="c", doc_id="d", text="t", span=Span(0, 1, "t"), key=key, value=value)


@pytest.mark.parametrize(
    ("key", "value", "worth"),
    [
        ("title|name:ida berg", "mayor", False),  # a title describes a person
        ("status|name:ida berg", "former:mayor", False),
        ("count|_|arrive|official", "12", False),  # a number with no actor
        ("count|name:ruritania|send|count", "4000", False),  # a number with no unit
        ("count|meeting|be|meeting", "1", False),  # "was one of the few"
        ("count|name:ruritania+name:osterlich|sign|state", "2", False),  # counts its subjects
        ("count|name:ruritania|send|official", "12", True),
        ("count|percent of voter|say|percent", "46", False),  # said what? a poll answer
        ("count|percent of voter|back|percent", "46", False),  # back whom? the key lacks it
        ("count|percent|view|percent", "50", False),
        ("count|candidate|opt|candidate", ">4", True),  # four candidates opting out: a count
        ("count|name:ruritania|not tell|reporter", "3", False),
        ("count|name:ruritania|dismiss|worker", "40", True),
        ("date|_|occur|meeting", "2030-01-02", False),
        ("date|name:ruritania|sign|treaty", "2030-01-02", True),
        ("fact|ball|be|court", None, False),
        ("fact|medium|portray|strategy", None, False),  # no named actor or target
        ("fact|name:ruritania|reject|proposal", None, True),
        ("occur|meeting|in-person", "2030-05", True),
        ("occur|meeting|first", "2030-05", True),
        ("occur|meeting|", "2030-05", False),  # which meeting? a story holds many
        ("none|meeting", "2028", True),
    ],
)
def test_stories_frames_worth_comparing(key: str, value: str | None, worth: bool) -> None:
    assert worth_comparing(claim(key, value)) is worth


def test_stories_frames_spell_out_the_slots() -> None:
    assert frame_of(claim("count|name:ruritania|send|official", "12")) == {
        "actor": "name:ruritania",
        "action": "send",
        "quantity": "12 official",
    }
    assert frame_of(claim("date|name:ruritania|sign|treaty", "2030-01-02")) == {
        "actor": "name:ruritania",
        "action": "sign",
        "target": "treaty",
        "time": "2030-01-02",
    }
    assert frame_of(claim("none|meeting", "2028")) == {"action": "no meeting", "time": "since 2028"}
