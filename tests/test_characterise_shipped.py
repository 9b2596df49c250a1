"""The learned default model shipped in the package: weights only, loads, abstains off-domain."""

from __future__ import annotations

import json

import pytest

from narrascope.characterise.core import CharacteriseOptions, Characteriser
from narrascope.characterise.encode import DIM
from narrascope.characterise.learned_roles import N_SIMPLE, NAME_DIM, with_names
from narrascope.characterise.shipped import is_learned_dir, load_learned, shipped_dir
from narrascope.characterise.taxonomy import OTHER, builtin_taxonomy
from narrascope.models import Document

ELECTION = """County officials finished counting mail ballots on Thursday, two days after polls
closed in the governor's race, and the challenger now leads by about 11,000 votes.
The incumbent's campaign said it would wait for provisional ballots before conceding.
Turnout reached 61 percent, the highest for a midterm in the state since 1994, the
secretary of state's office said. Both campaigns spent heavily on television advertising
in the suburbs around the capital, where the margin shifted most compared with four years
ago. A recount is automatic if the final gap is below half a percentage point."""

MATCH = """The home side scored twice in the last ten minutes to win 3-1 on Saturday and move
two points clear at the top of the table. Their captain headed in a corner in the 81st
minute and a substitute added a third from the edge of the box in stoppage time. The
visitors had equalised just after half-time through a penalty. The manager said his
players had shown patience against a deep defence, and that the title race would go to
the final weekend. Attendance was 41,200, a record for the renovated stadium."""


def _engine() -> Characteriser:
    return Characteriser(CharacteriseOptions(model="auto", techniques=False, max_entities=0))


def test_shipped_model_is_present_small_and_text_free() -> None:
    folder = shipped_dir()
    assert is_learned_dir(folder)
    total = sum(p.stat().st_size for p in folder.iterdir())
    assert total < 6_000_000
    meta = json.loads((folder / "narratives.json").read_text(encoding="utf-8"))
    taxonomy = builtin_taxonomy("narratives")
    assert set(meta["labels"]) == {lb.name for lb in taxonomy.labels}
    assert "cv_narratives" in meta["info"]  # the CV scores travel with the weights
    text = json.dumps(meta)
    assert "raw-documents" not in text
    assert ".txt" not in text


def test_shipped_model_is_the_default() -> None:
    engine = _engine()
    assert engine.learned is not None
    assert is_learned_dir(engine.learned.path)  # the shipped copy unless the user trained one
    assert engine.learned_narratives is not None
    assert engine.learned_roles is not None


@pytest.mark.parametrize("text", [ELECTION, MATCH], ids=["election", "football"])
def test_shipped_model_off_domain_article_gets_other(text: str) -> None:
    doc = Document(id="x", source="x", raw=text, text=text)
    labels = {(n.label, n.level) for n in _engine().characterise([doc])[0].narratives}
    assert labels == {(OTHER, "coarse"), (OTHER, "fine")}


def test_shipped_model_round_trips(tmp_path: object) -> None:
    from pathlib import Path

    import numpy as np

    models = load_learned(shipped_dir())
    out = Path(str(tmp_path))
    models.narratives.save(out / "narratives")
    assert models.roles is not None
    models.roles.save(out / "roles")
    back = load_learned(out)
    x = np.random.default_rng(1).normal(0, 0.05, size=(6, models.narratives.heads.coef.shape[1]))
    assert back.narratives.decide(x.astype(np.float32)) == models.narratives.decide(
        x.astype(np.float32)
    )
    assert models.roles.products
    assert set(models.roles.language_bias) == {"BG", "EN", "HI", "PT", "RU"}
    assert back.roles is not None
    assert models.roles.name_dim == NAME_DIM
    embedded = np.random.default_rng(2).normal(0, 0.05, size=(6, 3 * DIM + N_SIMPLE))
    xr = with_names(embedded.astype(np.float32), ["Russia", "NATO", "Ukraine"] * 2)
    for langs in (["en"] * 6, ["hi"] * 6, [None] * 6):
        assert back.roles.predict(xr, langs) == models.roles.predict(xr, langs)


def test_shipped_model_survives_empty_and_odd_input() -> None:
    texts = ["", "   \n  ", "x" * 3000]
    docs = [Document(id=str(i), source="x", raw=t, text=t) for i, t in enumerate(texts)]
    for doc in _engine().characterise(docs):
        assert {(n.label, n.level) for n in doc.narratives} == {(OTHER, "coarse"), (OTHER, "fine")}
