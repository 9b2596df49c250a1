"""Shared fixtures: real stores, the seed corpus, the bundled examples, an analysed corpus."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from narrascope.config import Settings
from narrascope.store import Store, open_store

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "src" / "narrascope" / "examples"
DATA = Path(__file__).resolve().parent / "data"
# Five news articles written for the tests (invented places, people and events, in the
# shape of scraped news: headline, paragraphs, quotes, numbers, dates; two tell the same
# story). The five real scraped seed articles (the project's sample corpus, copied from
# the steering repository's corpus/seeds) live in tests/data/real_seeds for the checks
# on their content, so that a fresh clone passes its tests.
SEEDS = DATA / "seeds"
REAL_SEEDS = DATA / "real_seeds"


@pytest.fixture
def seeds_dir() -> Path:
    """Five seed-like news articles that live in the repository (always present)."""
    return SEEDS


@pytest.fixture
def real_seeds_dir() -> Path:
    """The five real scraped seed articles of the project's sample corpus."""
    return REAL_SEEDS


@pytest.fixture
def examples_dir() -> Path:
    """The example articles bundled in the package."""
    return EXAMPLES


@pytest.fixture
def store() -> Iterator[Store]:
    """A real SQLite store in memory."""
    opened = open_store(":memory:")
    yield opened
    opened.close()


@pytest.fixture
def store_path(tmp_path: Path) -> Path:
    """Path of a SQLite store file under tmp_path."""
    return tmp_path / "narrascope.db"


@pytest.fixture(scope="session")
def analysed_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A SQLite file holding the seed-like articles and the examples, fully analysed once."""
    from narrascope.analysis import run

    path = tmp_path_factory.mktemp("analysed") / "corpus.db"
    inputs = [str(EXAMPLES), str(SEEDS)]
    settings = Settings(db=str(path))
    store = open_store(path)
    try:
        run(inputs, store, settings)
    finally:
        store.close()
    return path
