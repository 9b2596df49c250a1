"""PolNeAR attribution scoring: the reader and the matching rules on a tiny corpus written
here, and a gate on the real dev split (skipped when the corpus is absent)."""

from __future__ import annotations

from pathlib import Path

import pytest

from narrascope.errors import EvaluationError
from narrascope.evaluation.attribution import Predicted, evaluate_polnear, score, speaker_correct
from narrascope.evaluation.polnear import default_root, load_split

TEXT = (
    "Storm Hits Coast\n\n"
    "Mayor Lena Ortiz said the shelters would stay open all week.\n"
    "“We will not leave anyone outside,” she said.\n"
    "Officials believe the damage is limited.\n"
)


def _corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "data" / "dev"
    (folder / "text").mkdir(parents=True)
    (folder / "attributions").mkdir()
    (folder / "text" / "storm.txt").write_text(TEXT, "utf-8")

    def at(piece: str) -> str:
        start = TEXT.index(piece)
        return f"{start} {start + len(piece)}\t{piece}"

    ann = "\n".join(
        [
            f"T1\tSource {at('Mayor Lena Ortiz')}",
            f"T2\tCue {at('said the')[:-4]}",
            f"T3\tContent {at('the shelters would stay open all week')}",
            f"T4\tSource {at('she')}",
            f"T5\tCue {at('said.')[:-1]}",
            f"T6\tContent {at('“We will not leave anyone outside,”')}",
            f"T7\tCue {at('believe')}",
            f"T8\tContent {at('the damage is limited')}",
            "E1\tAttribution:T2 Source:T1 Cue:T2 Content:T3",
            "E2\tAttribution:T5 Source:T4 Cue:T5 Content:T6",
            "E3\tAttribution-no-source:T7 Cue:T7 Content:T8",
        ]
    )
    (folder / "attributions" / "storm_ab12.ann").write_text(ann + "\n", "utf-8")
    return tmp_path


def _span(piece: str) -> tuple[int, int]:
    start = TEXT.index(piece)
    return start, start + len(piece)


def test_reader_links_source_cue_content(tmp_path: Path) -> None:
    (article,) = load_split(_corpus(tmp_path), "dev")
    assert len(article.attributions) == 3
    first, second, third = article.attributions
    assert first.source_text == "Mayor Lena Ortiz"
    assert first.named
    assert not second.named  # "she": no capitalised word after the first
    assert third.source == ()


def test_reserved_split_is_refused(tmp_path: Path) -> None:
    with pytest.raises(EvaluationError):
        load_split(_corpus(tmp_path), "test")


def test_scores_follow_the_matching_rules(tmp_path: Path) -> None:
    (article,) = load_split(_corpus(tmp_path), "dev")
    good = Predicted(*_span("the shelters would stay open"), None, ("Lena Ortiz",), True)
    pronoun = Predicted(*_span("We will not leave anyone"), _span("she"), ("Lena Ortiz",), True)
    wrong_speaker = Predicted(*_span("the damage is limited"), None, ("Officials",), False)
    stray = Predicted(*_span("Storm Hits"), None, ("Ortiz",), True)
    scores = score([article], [[good, pronoun, wrong_speaker, stray]])
    assert scores["content_recall"] == 1.0
    assert scores["content_precision"] == 0.75
    # no source: the content match suffices; the stray prediction costs precision
    assert scores["e2e_all_recall"] == 1.0
    assert scores["e2e_all_precision"] == 0.75
    assert scores["e2e_named_recall"] == 1.0
    assert scores["e2e_named_precision"] == 0.5  # the named gold + the stray named prediction
    assert scores["quoted_content_recall"] == 1.0
    assert scores["quoted_content_precision"] == 1.0


def test_speaker_needs_the_source_or_its_head(tmp_path: Path) -> None:
    (article,) = load_split(_corpus(tmp_path), "dev")
    gold = article.attributions[0]
    span = _span("the shelters")
    assert speaker_correct(gold, Predicted(*span, None, ("Ortiz",), True), TEXT)
    assert not speaker_correct(gold, Predicted(*span, None, ("Coast",), True), TEXT)
    assert not speaker_correct(gold, Predicted(*span, None, ("he",), False), TEXT)
    assert speaker_correct(gold, Predicted(*span, _span("Lena"), ("x",), False), TEXT)


# Measured on PolNeAR dev (see docs/extraction.md); a gate, not a target.
FLOORS = {
    "narrascope.e2e_all_f1": 0.69,
    "narrascope.e2e_named_f1": 0.75,
    "narrascope.quoted_content_recall": 0.99,
    "narrascope.quoted_content_precision": 0.98,
    "narrascope.speaker_accuracy_named": 0.935,
}


def test_polnear_dev_gate() -> None:
    root = default_root()
    if not (root / "data" / "dev" / "text").is_dir():
        pytest.skip(f"PolNeAR not found at {root}: see docs/datasets.md")
    scores = evaluate_polnear(root, "dev", systems=("narrascope",))
    for key, floor in FLOORS.items():
        assert scores[key] >= floor, (key, scores[key])


def test_second_piece_of_an_interrupted_quote_is_not_a_false_alarm(tmp_path: Path) -> None:
    (article,) = load_split(_corpus(tmp_path), "dev")
    first = Predicted(*_span("the shelters would stay open all"), None, ("Lena Ortiz",), True)
    piece = Predicted(*_span("all week"), None, ("Lena Ortiz",), True)
    other = Predicted(*_span("all week"), None, ("Someone Else",), True)
    assert score([article], [[first, piece]])["content_precision"] == 1.0
    assert score([article], [[first, other]])["content_precision"] == 0.5


def test_cli_runs_both_systems(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from narrascope.cli import cli

    root = _corpus(tmp_path)
    result = CliRunner().invoke(cli, ["eval", "attribution", "--polnear", str(root), "--json"])
    assert result.exit_code == 0, result.output
    assert '"narrascope.e2e_named_f1"' in result.output
    assert '"textacy.e2e_named_f1"' in result.output


def test_pieces_of_one_speaker_cover_an_interrupted_content_together(tmp_path: Path) -> None:
    (article,) = load_split(_corpus(tmp_path), "dev")
    # the first gold content has 7 words; each piece alone covers less than half of them
    first, last = _span("the shelters"), _span("open all week")
    alone = [Predicted(*first, None, ("Lena Ortiz",), True)]
    assert score([article], [alone])["e2e_named_recall"] == 0.0
    same = [*alone, Predicted(*last, None, ("Lena Ortiz",), True)]
    assert score([article], [same])["e2e_named_recall"] == 1.0
    mixed = [*alone, Predicted(*last, None, ("Someone Else",), True)]
    assert score([article], [mixed])["e2e_named_recall"] == 0.0
