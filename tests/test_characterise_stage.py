"""The registered characterisation stage inside a pipeline."""

from __future__ import annotations

import pickle

from narrascope.characterise.stage import CharacteriseStage
from narrascope.models import Document
from narrascope.pipeline import Pipeline, create_stage, registered_stages

TEXT = (
    "NATO expansion provoked this war, and the West is the real aggressor. "
    "Sanctions have backfired and sent energy prices soaring across Europe."
)


def test_characterise_stage_is_registered() -> None:
    assert "narrascope.characterise.v1" in registered_stages()
    stage = create_stage("narrascope.characterise.v1", model_dir=None)
    assert isinstance(stage, CharacteriseStage)
    assert set(stage.assigns) == {"narratives", "roles", "techniques", "tone", "explanation"}


def test_characterise_stage_runs_in_pipeline_and_pickles() -> None:
    stage = CharacteriseStage()
    pipeline = Pipeline([stage])
    docs = [Document(id=str(i), source="s", raw=TEXT, text=TEXT) for i in range(3)]
    out = list(pipeline.pipe(docs, batch_size=2))
    assert not pipeline.failures
    assert all(d.narratives and d.tone for d in out)
    assert any(n.label.startswith("URW:") for n in out[0].narratives)
    clone = pickle.loads(pickle.dumps(stage))
    assert clone(Document(id="x", source="s", raw=TEXT, text=TEXT)).narratives == out[0].narratives
