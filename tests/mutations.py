"""Mutations of real-looking articles for fuzzing every stage and connect.

The articles are the repository's own fixtures (``tests/data/seeds``, the bundled
examples, the gold story articles); a mutation inserts what real corpora hold
and the code once tripped on: numbers written in every locale (and malformed or
huge ones), dates (impossible ones included), Unicode controls and bidirectional
marks, right-to-left words, unbalanced quotes and brackets, long tokens,
repeated sentences and truncation. Driven by a :class:`random.Random`, so the
test suite (through Hypothesis' ``randoms()``) and ``bench/bench_fuzz.py`` share it.
"""

from __future__ import annotations

import json
import random
import re
from collections.abc import Callable
from decimal import Decimal
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from babel import Locale
from babel.numbers import format_currency, format_decimal, format_percent

if TYPE_CHECKING:
    from narrascope.config import Settings
    from narrascope.pipeline import Pipeline

TESTS = Path(__file__).resolve().parent
ROOT = TESTS.parent
SOURCES = (
    TESTS / "data" / "seeds",
    ROOT / "src" / "narrascope" / "examples",
)
STORIES = TESTS / "data" / "gold" / "stories" / "articles.jsonl"

LOCALES = ("en", "en_IN", "de", "de_CH", "fr", "es", "it", "pt_BR", "ru", "uk", "pl", "nl",
           "sv", "ar", "ar_EG", "fa", "hi", "bn", "ja", "zh", "tr", "el", "he", "th")
CURRENCIES = ("USD", "EUR", "GBP", "RUB", "UAH", "INR", "JPY", "CHF", "BRL")
MALFORMED_NUMBERS = (
    "1,2,3", "1.2.3.4", "1,,2", "1..2", ",5", "5,", "1,234.567,8", "0x1F", "1e309", "-0",
    "$15,780.62", "1,002.7", "€1.234,56", "10000000000", "NaN", "inf", "1/0", "½", "٣٫١٤",
)
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December", "Feb.", "Sept.")
UNITS = ("days", "weeks", "months", "years", "decades", "day", "year")
CONTROLS = ("\u200e", "\u200f", "\u202a", "\u202b", "\u202c", "\u202d", "\u202e", "\u2066",
            "\u2067", "\u2068", "\u2069", "\u200b", "\u200c", "\u200d", "\ufeff", "\u00ad",
            "\u2028", "\u2029", "\x0b", "\x0c", "\x85", "\u0301", "\u0489", "\t", "\r")
RTL = ("مرحبا بالعالم", "שלום עולם", "وزير الخارجية", "ראש הממשלה אמר", "۱۲۳٬۴۵۶")
QUOTES = ('"', "'", "“", "”", "„", "‘", "’", "«", "»", "‹", "›", "「", "」", "『", "』", "''", "``")
BRACKETS = ("(", ")", "[", "]", "{", "}", "<", ">", "((", "))", "<p>", "</div>", "&amp;", "&#x0;")


@cache
def articles() -> tuple[str, ...]:
    """The fixture articles' texts (a few dozen, all in the repository)."""
    texts: list[str] = []
    for folder in SOURCES:
        for path in sorted(folder.glob("*.txt")):
            texts.append(path.read_text(encoding="utf-8"))
        for path in sorted(folder.glob("*.jsonl")):
            texts += [json.loads(line)["text"] for line in path.read_text("utf-8").splitlines()
                      if line.strip()]
    if STORIES.is_file():
        texts += [json.loads(line)["text"] for line in STORIES.read_text("utf-8").splitlines()
                  if line.strip()]
    return tuple(t for t in texts if t.strip())


def number(rng: random.Random) -> str:
    """A number as some locale writes it, or a malformed or huge one."""
    kind = rng.randrange(6)
    if kind == 0:
        return rng.choice(MALFORMED_NUMBERS)
    if kind == 1:
        return str(rng.randrange(1, 10)) * rng.choice((20, 80, 400))  # huge
    value = Decimal(rng.randrange(-10**9, 10**12)) / Decimal(10 ** rng.randrange(0, 4))
    locale = rng.choice(LOCALES)
    if kind == 2:
        return format_currency(value, rng.choice(CURRENCIES), locale=locale)
    if kind == 3:
        return format_percent(value / 1000, locale=locale)
    text = format_decimal(value, locale=locale)
    return text + rng.choice(("", " million", " billion", " thousand", "%", " per cent"))


def date(rng: random.Random) -> str:
    """A date expression, real, impossible or absurdly far."""
    day, year = rng.randrange(0, 40), rng.choice((rng.randrange(1, 3000), 10**rng.randrange(4, 12)))
    month = rng.choice(MONTHS)
    forms: list[Callable[[], str]] = [
        lambda: f"{day} {month} {year}",
        lambda: f"on {month} {day}, {year}",
        lambda: f"{year}-{rng.randrange(0, 15):02d}-{day:02d}",
        lambda: f"{rng.choice(('10000000000', '400', str(year), 'two', 'a million'))} "
                f"{rng.choice(UNITS)} {rng.choice(('ago', 'later', 'earlier', 'before'))}",
        lambda: f"in week {rng.randrange(0, 60)} of {year}",
        lambda: f"last {rng.choice(('week', 'month', 'year', 'Tuesday', 'spring'))}",
        lambda: f"the {year // 10 * 10}s",
        lambda: f"{day}.{rng.randrange(0, 14)}.{year}",
    ]
    return rng.choice(forms)()


def _insert(text: str, piece: str, rng: random.Random) -> str:
    at = rng.randrange(len(text) + 1)
    return text[:at] + piece + text[at:]


def _at_word(text: str, piece: str, rng: random.Random) -> str:
    """Insert ``piece`` as its own word (where a number or a date would stand)."""
    spaces = [i for i, ch in enumerate(text) if ch == " "]
    at = rng.choice(spaces) if spaces else len(text)
    return text[:at] + f" {piece} " + text[at:]


MUTATIONS: dict[str, Callable[[str, random.Random], str]] = {
    "number": lambda t, r: _at_word(t, number(r), r),
    "date": lambda t, r: _at_word(t, date(r), r),
    "control": lambda t, r: _insert(t, "".join(r.choices(CONTROLS, k=r.randint(1, 4))), r),
    "rtl": lambda t, r: _at_word(t, r.choice(RTL), r),
    "quote": lambda t, r: _insert(t, r.choice(QUOTES), r),
    "bracket": lambda t, r: _insert(t, r.choice(BRACKETS), r),
    "truncate": lambda t, r: t[: r.randrange(len(t) + 1)],
    "long_token": lambda t, r: _at_word(t, r.choice("x-_.0") * r.randrange(50, 3000), r),
    "repeat": lambda t, r: t + ("\n\n" + t[: r.randrange(1, 200)]) * r.randrange(1, 30),
    "caps": lambda t, r: t.upper() if r.random() < 0.5 else t.lower(),
    "no_space": lambda t, r: t.replace(" ", "", r.randrange(1, 200)),
    "newlines": lambda t, r: re.sub(r"([.,;:]) ", "\\1\n", t, count=r.randrange(1, 50)),
    "said": lambda t, r: _at_word(t, f'{r.choice(QUOTES)}{number(r)} {date(r)}'
                                     f'{r.choice(QUOTES)} said {r.choice(RTL)}', r),
}


def mutate(rng: random.Random, text: str | None = None, steps: int | None = None) -> str:
    """A fixture article (or ``text``) with 1-8 random mutations applied."""
    out = text if text is not None else rng.choice(articles())
    for _ in range(steps if steps is not None else rng.randint(1, 8)):
        out = MUTATIONS[rng.choice(sorted(MUTATIONS))](out, rng)
    return out


def locale_names() -> list[str]:
    """The locales numbers are written in (checked to exist in Babel's CLDR data)."""
    return [str(Locale.parse(name)) for name in LOCALES]


def analyse_mutants(texts: list[str], pipeline: Pipeline, settings: Settings) -> list[str]:
    """Clean, analyse, store and connect mutated articles; the crashes found (none expected).

    A crash is an exception a step let out (cleaning may refuse an article with a
    ``NarrascopeError``: that is a recorded failure, not a crash), a failure a
    stage recorded (stages fail only on bugs), or a failure connect recorded.
    """
    from narrascope.analysis import connect_stored
    from narrascope.clean import clean_article
    from narrascope.errors import NarrascopeError
    from narrascope.models import RawArticle
    from narrascope.runner import pipeline_version
    from narrascope.serde import from_dict, to_dict
    from narrascope.store import open_store

    crashes: list[str] = []
    docs = []
    for i, text in enumerate(texts):
        try:
            docs.append(clean_article(RawArticle(source=f"mutant-{i}", content=text)))
        except NarrascopeError:
            continue
        except Exception as exc:
            crashes.append(f"clean: {type(exc).__name__}: {exc}")
    unique = list({doc.id: doc for doc in docs}.values())
    pipeline.failures.clear()
    analysed = list(pipeline.pipe(unique, batch_size=16))
    crashes += [f"{f.stage}: {f.reason}" for f in pipeline.failures]
    store = open_store(":memory:")
    try:
        store.add_documents(analysed)
        store.save_analyses(analysed, pipeline_version(settings))
        crashes += [f"{f.stage}: {f.reason}" for f in connect_stored(store, settings)]
        for doc in store.iter_documents():
            if from_dict(type(doc), to_dict(doc)) != doc:
                crashes.append(f"serde: {doc.source} does not round-trip")
    finally:
        store.close()
    return crashes
