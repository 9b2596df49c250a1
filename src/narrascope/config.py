"""Settings: one declarative table, layered defaults < config file < environment < flags.

Every setting has a name, a default, a help text and a ``NARRASCOPE_*`` variable;
``--help``, ``docs/configuration.md`` and a docs test are generated from the table.
"""

from __future__ import annotations

import json
import os
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any

from narrascope.errors import ConfigError

DEFAULT_STAGES = (
    "narrascope.extract.v1",
    "narrascope.characterise.v1",
    "narrascope.storyvec.v1",
)


AUTO_WORKERS = 0


@dataclass(frozen=True, kw_only=True)
class Settings:
    """Run settings. Build with :func:`load_settings` or keyword arguments."""

    db: str = field(
        default="narrascope.db",
        metadata={"help": "Store: SQLite file path, ':memory:' or postgresql:// URL."},
    )
    stages: tuple[str, ...] = field(
        default=DEFAULT_STAGES,
        metadata={"help": "Per-document stages, by registered name, in order."},
    )
    workers: int = field(
        default=AUTO_WORKERS,
        metadata={
            "help": "Worker processes for the local runner (models load once per worker)"
            " and for the contradiction pass of connect; 0: every core this process may"
            " use (one process when the input fits in two batches)."
        },
    )
    engine: str = field(default="local", metadata={"help": "Runner: 'local' or 'ray'."})
    ray_address: str | None = field(
        default=None,
        metadata={"help": "Ray cluster address (engine 'ray'); None starts a local Ray."},
    )
    batch_size: int = field(
        default=64, metadata={"help": "Documents per batch (model batching and store commits)."}
    )
    max_bytes: int = field(
        default=10_000_000, metadata={"help": "Largest input file accepted, in bytes."}
    )
    timeout: float = field(
        default=20.0, metadata={"help": "Timeout in seconds for fetching URLs and feeds."}
    )
    taxonomy: str | None = field(
        default=None, metadata={"help": "Path of a user taxonomy file replacing the built-in ones."}
    )
    model_dir: str | None = field(
        default=None, metadata={"help": "Folder of models trained with 'narrascope train'."}
    )
    connect: bool = field(
        default=True,
        metadata={"help": "Run corpus-level linking: entities, stories, contradictions."},
    )
    strict: bool = field(
        default=False,
        metadata={"help": "Stop at the first failing document instead of recording it."},
    )

    def __post_init__(self) -> None:
        if self.workers < 0:
            raise ConfigError(f"workers must be >= 0 (0: available cores), got {self.workers}")
        if self.batch_size < 1:
            raise ConfigError(f"batch_size must be >= 1, got {self.batch_size}")
        if self.max_bytes < 1:
            raise ConfigError(f"max_bytes must be >= 1, got {self.max_bytes}")
        if self.engine not in ("local", "ray"):
            raise ConfigError(f"engine must be 'local' or 'ray', got {self.engine!r}")


    @property
    def worker_count(self) -> int:
        """Worker processes to use: ``workers``, or the available cores when it is 0."""
        return self.workers if self.workers > 0 else available_cores()


def available_cores() -> int:
    """Cores this process may run on (its CPU affinity, not the machine's count)."""
    counter = getattr(os, "process_cpu_count", None)  # Python 3.13+
    if counter is not None:
        return max(1, int(counter() or 1))
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):  # not on Linux
        return max(1, os.cpu_count() or 1)


def setting_table() -> list[tuple[str, Any, str, str]]:
    """``(name, default, help, environment variable)`` for every setting."""
    return [
        (f.name, f.default, str(f.metadata["help"]), f"NARRASCOPE_{f.name.upper()}")
        for f in fields(Settings)
    ]


def _coerce(name: str, value: Any) -> Any:
    template = Settings.__dataclass_fields__[name].default
    if isinstance(template, bool):
        if isinstance(value, str):
            return value.strip().lower() in ("1", "true", "yes", "on")
        return bool(value)
    if isinstance(template, int):
        return int(value)
    if isinstance(template, float):
        return float(value)
    if isinstance(template, tuple):
        return tuple(value.split(",")) if isinstance(value, str) else tuple(value)
    return value


def _layer(base: Settings, values: Mapping[str, Any], origin: str) -> Settings:
    known = {f.name for f in fields(Settings)}
    unknown = sorted(set(values) - known)
    if unknown:
        raise ConfigError(
            f"{origin}: unknown setting(s) {', '.join(unknown)}; known: {', '.join(sorted(known))}"
        )
    try:
        return replace(base, **{k: _coerce(k, v) for k, v in values.items() if v is not None})
    except (TypeError, ValueError) as exc:
        raise ConfigError(f"{origin}: {exc}") from exc


def load_settings(
    config_file: str | Path | None = None,
    overrides: Mapping[str, Any] | None = None,
    environ: Mapping[str, str] | None = None,
) -> Settings:
    """Defaults, then a TOML/JSON file, then ``NARRASCOPE_*`` variables, then ``overrides``."""
    settings = Settings()
    if config_file is not None:
        settings = _layer(settings, _read_file(Path(config_file)), str(config_file))
    env = os.environ if environ is None else environ
    from_env = {name: env[var] for name, _, _, var in setting_table() if var in env}
    settings = _layer(settings, from_env, "environment")
    return _layer(settings, dict(overrides or {}), "options")


def _read_file(path: Path) -> dict[str, Any]:
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read config file ({exc.strerror})") from exc
    try:
        data = json.loads(text) if path.suffix == ".json" else tomllib.loads(text)
    except (ValueError, tomllib.TOMLDecodeError) as exc:
        raise ConfigError(f"{path}: invalid config file ({exc})") from exc
    section = data.get("narrascope", data)
    if not isinstance(section, dict):
        raise ConfigError(f"{path}: expected a table of settings")
    return section
