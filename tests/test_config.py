"""Settings: defaults < file < environment < flags, validation with clear errors."""

from __future__ import annotations

from pathlib import Path

import pytest

from narrascope.config import Settings, available_cores, load_settings, setting_table
from narrascope.errors import ConfigError


def test_config_defaults() -> None:
    settings = load_settings(environ={})
    assert settings == Settings()
    assert settings.workers == 0  # every core this process may use
    assert settings.worker_count == available_cores() >= 1


def test_config_layers_file_env_flags(tmp_path: Path) -> None:
    path = tmp_path / "narrascope.toml"
    path.write_text('[narrascope]\nworkers = 3\nbatch_size = 16\ndb = "a.db"\n')
    settings = load_settings(path, {"db": "c.db"}, environ={"NARRASCOPE_BATCH_SIZE": "8"})
    assert settings.workers == 3  # file
    assert settings.batch_size == 8  # environment beats file
    assert settings.db == "c.db"  # flags beat everything


def test_config_unknown_key_is_named(tmp_path: Path) -> None:
    path = tmp_path / "bad.json"
    path.write_text('{"wokers": 2}')
    with pytest.raises(ConfigError, match="wokers"):
        load_settings(path, environ={})


@pytest.mark.parametrize(
    ("key", "value"), [("workers", -1), ("batch_size", -1), ("engine", "spark")]
)
def test_config_invalid_values(key: str, value: object) -> None:
    with pytest.raises(ConfigError, match=key):
        load_settings(overrides={key: value}, environ={})


def test_config_invalid_file(tmp_path: Path) -> None:
    path = tmp_path / "broken.toml"
    path.write_text("workers = = 2")
    with pytest.raises(ConfigError, match=r"broken\.toml"):
        load_settings(path, environ={})


def test_config_table_has_help_and_env_for_every_setting() -> None:
    for name, _default, help_text, env in setting_table():
        assert help_text, name
        assert env == f"NARRASCOPE_{name.upper()}"
