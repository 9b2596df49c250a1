"""Quality gate: extraction scores on the hand-annotated gold set stay above pinned floors.

``dev`` is the split the rules were developed on; ``test`` is held out and was never
tuned on. Floors live in tests/eval/baseline.json under "extraction".
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from narrascope.errors import EvaluationError
from narrascope.evaluation.extraction import evaluate, load_gold

GOLD = Path(__file__).parent / "data" / "gold" / "extraction"
BASELINE = json.loads((Path(__file__).parent / "eval" / "baseline.json").read_text("utf-8"))[
    "extraction"
]


@pytest.fixture(scope="module", params=["dev", "test"])
def scores(request: pytest.FixtureRequest) -> tuple[str, dict[str, float]]:
    return request.param, evaluate(GOLD / request.param)


def test_eval_extraction_gold_set_size() -> None:
    articles = load_gold(GOLD)
    assert len(articles) >= 12
    assert sum(len(a.quotes) for a in articles) >= 40
    assert sum(1 for a in articles for q in a.quotes if q.speaker) >= 40
    assert sum(len(a.timexes) for a in articles) >= 60


def test_eval_extraction_floors(scores: tuple[str, dict[str, float]]) -> None:
    split, got = scores
    floors = BASELINE[split]
    low = {k: (got[k], v) for k, v in floors["min"].items() if got[k] < v}
    high = {k: (got[k], v) for k, v in floors["max"].items() if got[k] > v}
    assert not low, f"{split}: below floor {low}"
    assert not high, f"{split}: above ceiling {high}"


def test_eval_extraction_predictions_file_round_trip(tmp_path: Path) -> None:
    from narrascope import serde
    from narrascope.evaluation.extraction import _predictions

    gold = load_gold(GOLD / "dev")
    preds = _predictions(gold)
    path = tmp_path / "pred.jsonl"
    path.write_text("\n".join(serde.dumps(d) for d in preds.values()), "utf-8")
    assert (
        evaluate(GOLD / "dev", path)["quote_speaker_f1"]
        == evaluate(GOLD / "dev")["quote_speaker_f1"]
    )


def test_eval_extraction_bad_gold_raises(tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text(
        json.dumps(
            {
                "id": "x",
                "text": "Hello.",
                "quotes": [{"text": "not in the text", "kind": "direct", "speaker": None}],
            }
        ),
        "utf-8",
    )
    with pytest.raises(EvaluationError):
        evaluate(bad)
