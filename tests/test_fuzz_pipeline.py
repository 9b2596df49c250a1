"""Property-based fuzzing of every stage and of connect on mutated real-looking articles.

Mutations (``tests/mutations.py``): numbers in every locale and malformed or huge
ones, dates (impossible ones too), Unicode controls and bidi marks, right-to-left
words, unbalanced quotes and brackets, long tokens, repeats and truncation. No
step may raise or record a failure on them; cleaning may only refuse an article
with a ``NarrascopeError``. ``bench/bench_fuzz.py`` runs the same at scale.
"""

from __future__ import annotations

import math
import random
import re
from datetime import date

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import mutations
from narrascope.clean import clean_article
from narrascope.config import Settings
from narrascope.errors import NarrascopeError
from narrascope.extract.dates import find_timexes
from narrascope.extract.stage import ExtractStage
from narrascope.models import Document, RawArticle
from narrascope.pipeline import Pipeline
from narrascope.stories.numbers import MAX_VALUE, parse_number
from narrascope.workers import build_pipeline

RANDOMS = st.randoms(use_true_random=False)
QUICK = settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _paragraphs(rng: random.Random, k: int = 2) -> str:
    """A few paragraphs of a fixture article: short mutants for the model-backed stages."""
    parts = [p for p in re.split(r"\n\s*\n", rng.choice(mutations.articles())) if p.strip()]
    start = rng.randrange(len(parts))
    return "\n\n".join(parts[start : start + k])


def test_mutations_change_the_text_and_cover_every_kind() -> None:
    rng = random.Random(3)
    assert len(mutations.articles()) >= 20
    assert len(mutations.locale_names()) == len(mutations.LOCALES)
    text = mutations.articles()[0]
    for name, mutation in mutations.MUTATIONS.items():
        changed = [mutation(text, rng) != text for _ in range(5)]
        assert any(changed), name


@settings(QUICK, max_examples=1500)
@given(rng=RANDOMS, language=st.sampled_from([None, *mutations.LOCALES, "zz", ""]))
def test_fuzz_numbers_in_every_locale(rng: random.Random, language: str | None) -> None:
    value = parse_number(mutations.number(rng), language)
    assert value is None or (math.isfinite(value) and abs(value) <= MAX_VALUE)


@settings(QUICK, max_examples=500)
@given(rng=RANDOMS)
def test_fuzz_dates_only_real_days(rng: random.Random) -> None:
    text = _paragraphs(rng)
    for _ in range(rng.randint(1, 4)):
        text = mutations.MUTATIONS["date"](text, rng)
    published = rng.choice([None, "2025-02-28", "0001-01-01", "9999-12-31", "2024-02-29"])
    for timex in find_timexes(mutations.mutate(rng, text, 2), published):
        if timex.precision in ("day", "time"):
            date.fromisoformat(timex.value[:10])


@settings(QUICK, max_examples=400)
@given(rng=RANDOMS, fmt=st.sampled_from(["text", "html"]))
def test_fuzz_clean_mutants(rng: random.Random, fmt: str) -> None:
    raw = RawArticle(source="mutant", content=mutations.mutate(rng), fmt=fmt)  # type: ignore[arg-type]
    try:
        doc = clean_article(raw)
    except NarrascopeError:
        return
    assert doc.text.strip()
    doc.text.encode("utf-8")


@pytest.fixture(scope="module")
def extract_stage() -> ExtractStage:
    return ExtractStage()


@settings(QUICK, max_examples=150)
@given(rng=RANDOMS)
def test_fuzz_extract_mutants(extract_stage: ExtractStage, rng: random.Random) -> None:
    text = mutations.mutate(rng, _paragraphs(rng, 3))
    if not text.strip():
        return
    doc = Document(id="m", source="mutant", raw=text, text=text,
                   published=rng.choice([None, "2025-05-01"]),
                   language=rng.choice([None, "en", "de", "ar"]))
    (done,) = list(extract_stage.pipe([doc]))
    for entity in done.entities:
        for m in entity.mentions:
            assert text[m.start : m.end] == m.text
    for quote in done.quotes:
        assert text[quote.start : quote.end] == quote.text
    for event in done.events:
        if event.precision in ("day", "time"):
            date.fromisoformat(event.value[:10])


@pytest.fixture(scope="module")
def full_pipeline() -> tuple[Pipeline, Settings]:
    settings_ = Settings(db=":memory:", workers=1, batch_size=16)
    return build_pipeline(settings_), settings_


@settings(QUICK, max_examples=12)
@given(rng=RANDOMS)
def test_fuzz_every_stage_and_connect(
    full_pipeline: tuple[Pipeline, Settings], rng: random.Random
) -> None:
    """Mutants of one article and of others: stories, duplicates and contradictions too."""
    pipeline, settings_ = full_pipeline
    base = _paragraphs(rng, 3)
    texts = [mutations.mutate(rng, base, rng.randint(1, 3)) for _ in range(3)]
    texts += [mutations.mutate(rng, _paragraphs(rng, 2)) for _ in range(2)]
    assert mutations.analyse_mutants(texts, pipeline, settings_) == []
