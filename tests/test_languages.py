"""Languages without a model: stored, searchable, labelled, no English-model findings."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from narrascope.cli import cli
from narrascope.languages import EXTRACT, analysable_languages, analyses, base_language
from narrascope.store import open_store

# Written for this test (an invented town and people).
RUSSIAN = (
    "Новый мост открыли в городе Заречный\n\n"
    "В понедельник в городе Заречный открыли новый мост через реку. Поэтому жители "
    "больше не будут ездить в объезд сорок минут. Глава района Ирина Лесная сказала, "
    "что строительство заняло три года и обошлось в два миллиарда рублей.\n\n"
    "«Мы ждали этот мост очень долго», — сказал местный учитель Павел Орлов. По его словам, "
    "теперь дети смогут добираться до школы за десять минут."
)
ENGLISH = (
    "New bridge opens in the river town of Millbrook\n\n"
    "A new bridge opened in Millbrook on Monday, ending a forty-minute detour for residents. "
    "District head Irene Forrest said construction took three years.\n\n"
    '"We waited a long time for this bridge," said local teacher Paul Eagle.'
)


def test_language_gate() -> None:
    assert analysable_languages(EXTRACT) == frozenset({"en"})
    assert analysable_languages("characterise") is None  # multilingual: every language
    assert analyses(EXTRACT, "en")
    assert analyses(EXTRACT, "en-GB")
    assert analyses(EXTRACT, None)  # unknown: analysed
    assert not analyses(EXTRACT, "ru")
    assert analyses("characterise", "ru")
    assert base_language("pt_BR") == "pt"
    assert base_language("und") is None


def test_russian_article_is_stored_searchable_and_gets_no_english_findings(
    tmp_path: Path,
) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "ru.txt").write_text(RUSSIAN, encoding="utf-8")
    (folder / "en.txt").write_text(ENGLISH, encoding="utf-8")
    out = tmp_path / "r.json"
    db = tmp_path / "l.db"
    result = CliRunner().invoke(
        cli, ["analyze", str(folder), "--db", str(db), "--out", str(out)], catch_exceptions=False
    )
    assert result.exit_code == 0, result.output
    partial = "ru 1 narratives and techniques only (no entities, quotes, events or tone)"
    assert partial in result.output
    assert "en 1 analysed" in result.output
    docs = {Path(d["source"]).name: d for d in json.loads(out.read_text())["documents"]}
    russian, english = docs["ru.txt"], docs["en.txt"]
    assert russian["language"] == "ru"
    assert russian["entities"] == []
    assert russian["quotes"] == []
    assert russian["events"] == []
    assert russian["tone"] == []  # VADER is an English lexicon: no tone for Russian
    assert english["language"] == "en"
    assert english["entities"]
    assert english["quotes"]
    assert english["tone"]
    assert english["tone"][0]["target"] is None
    store = open_store(db)
    try:
        hits = store.search("мост", limit=10)
        assert [h.doc_id for h in hits] == [russian["id"]]
    finally:
        store.close()
