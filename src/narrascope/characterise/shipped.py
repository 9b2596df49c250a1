"""The learned default models shipped in the package and where user-trained ones live.

``resources/models/semeval2025/`` holds ``narratives.{npz,json}`` and
``roles.{npz,json}``: weights, thresholds and label names learned from the
SemEval-2025 Task 10 training release (see ``docs/characterise.md``), no text.
``narrascope train --semeval-release`` writes the same files to a folder of the
user's choice (by default ``<cache>/models/learned``, which ``model="auto"``
prefers over the shipped copy).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from narrascope.characterise.learned import FORMAT as NARRATIVE_FORMAT
from narrascope.characterise.learned import NarrativeModel, load_narrative_model
from narrascope.characterise.learned_roles import FORMAT as ROLE_FORMAT
from narrascope.characterise.learned_roles import FORMATS as ROLE_FORMATS
from narrascope.characterise.learned_roles import RoleModel, load_role_model
from narrascope.embeddings import cache_dir

NARRATIVES = "narratives"
ROLES = "roles"


@dataclass
class LearnedModels:
    """A learned narrative model and, when present, a learned role model."""

    narratives: NarrativeModel
    roles: RoleModel | None
    path: Path


def shipped_dir() -> Path:
    """Folder of the default model inside the package."""
    return Path(str(resources.files("narrascope") / "resources" / "models" / "semeval2025"))


def user_dir() -> Path:
    """Default output folder of ``narrascope train --semeval-release``."""
    return cache_dir() / "models" / "learned"


def is_learned_dir(path: Path) -> bool:
    """Whether ``path`` is a folder holding a learned narrative model."""
    return (path / f"{NARRATIVES}.json").is_file() and (path / f"{NARRATIVES}.npz").is_file()


def is_current(path: Path) -> bool:
    """Whether the learned models of ``path`` use this release's features (file formats)."""
    try:
        narratives = json.loads((path / f"{NARRATIVES}.json").read_text(encoding="utf-8"))
        roles_file = path / f"{ROLES}.json"
        roles = json.loads(roles_file.read_text(encoding="utf-8")) if roles_file.is_file() else {}
    except (OSError, ValueError):
        return False
    current: bool = narratives.get("format") == NARRATIVE_FORMAT
    return current and roles.get("format", ROLE_FORMAT) in ROLE_FORMATS


def load_learned(path: Path) -> LearnedModels:
    """Load the learned models of a folder (roles optional)."""
    roles = load_role_model(path / ROLES) if (path / f"{ROLES}.json").is_file() else None
    return LearnedModels(load_narrative_model(path / NARRATIVES), roles, path)


def default_learned() -> Path | None:
    """The user's learned model folder if present and current, else the shipped one (None
    if neither): a model trained on an older release's features is passed over."""
    for path in (user_dir(), shipped_dir()):
        if is_learned_dir(path) and is_current(path):
            return path
    return None
