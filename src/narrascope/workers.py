"""What every runner's workers need: the pipeline from settings, and the stage modules.

Shared by :mod:`narrascope.runner` (serial, process pool) and
:mod:`narrascope.distributed` (Ray) so that neither imports the other's module
for it.
"""

from __future__ import annotations

import importlib
import sys
from collections.abc import Iterable
from pathlib import Path

from narrascope.config import Settings
from narrascope.errors import StageError
from narrascope.models import Document
from narrascope.pipeline import Pipeline, create_stage, registered_stages


def build_pipeline(settings: Settings) -> Pipeline:
    """The per-document pipeline named by ``settings.stages``."""
    stages = [create_stage(name, **_stage_options(name, settings)) for name in settings.stages]
    if settings.strict:

        def reraise(doc: Document, stage: str, exc: Exception) -> None:
            raise StageError(f"{doc.source}: stage {stage} failed: {exc}") from exc

        return Pipeline(stages, on_error=reraise)
    return Pipeline(stages)


def _stage_options(name: str, settings: Settings) -> dict[str, object]:
    if name.startswith("narrascope.characterise"):
        return {"taxonomy": settings.taxonomy, "model_dir": settings.model_dir}
    return {}


StageModule = tuple[str, str | None]  # (module name, the sys.path folder it came from)


def stage_modules(settings: Settings) -> tuple[StageModule, ...]:
    """Modules that register the stages of ``settings`` (imported again in every worker).

    Built-in stages register in :mod:`narrascope.registrations`; a user's stage
    registered by its own module works in worker processes and on Ray because
    the worker imports that module (from the same folder) before building the
    pipeline.
    """
    factories = registered_stages()
    names = {factories[name].__module__ for name in settings.stages if name in factories}
    return tuple(sorted((name, _import_root(name)) for name in names if name != "__main__"))


def _import_root(module: str) -> str | None:
    path = getattr(sys.modules.get(module), "__file__", None)
    if path is None:
        return None
    root = Path(path).resolve().parent
    if Path(path).name == "__init__.py":
        root = root.parent
    for _ in range(module.count(".")):
        root = root.parent
    return str(root)


def import_stage_modules(modules: Iterable[StageModule]) -> None:
    """Import the modules named by :func:`stage_modules` (in a worker)."""
    for name, root in modules:
        if root is not None and root not in sys.path and Path(root).is_dir():
            sys.path.append(root)
        importlib.import_module(name)
