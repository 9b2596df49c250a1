"""Docs follow code: generated references are current, every command and setting documented."""

from __future__ import annotations

import re
from pathlib import Path

from narrascope.docgen import cli_reference, settings_reference

DOCS = Path(__file__).resolve().parent.parent / "docs"
ROOT = DOCS.parent


def test_docs_cli_reference_is_current() -> None:
    assert (DOCS / "cli.md").read_text() == cli_reference(), "run: python -m narrascope.docgen"


def test_docs_settings_reference_is_current() -> None:
    assert (DOCS / "configuration.md").read_text() == settings_reference(), (
        "run: python -m narrascope.docgen"
    )


def test_docs_readme_opens_with_the_two_commands() -> None:
    readme = (ROOT / "README.md").read_text()
    block = readme.split("```bash", 1)[1].split("```", 1)[0]
    assert "make demo" in block
    assert "make test" in block
    ci = (ROOT / ".ci" / "run").read_text()
    assert re.search(r"^make test$", ci, re.MULTILINE), ".ci/run must call README's test command"


def test_docs_links_in_readme_exist() -> None:
    readme = (ROOT / "README.md").read_text()
    for target in re.findall(r"\]\(((?:docs/)[^)#]+)\)", readme):
        assert (ROOT / target).exists(), target


def test_docs_cli_reference_ignores_earlier_direct_invocations() -> None:
    from click.testing import CliRunner

    from narrascope.cli import cli

    for name in cli.list_commands(None):  # type: ignore[arg-type]
        command = cli.get_command(None, name)  # type: ignore[arg-type]
        assert command is not None
        CliRunner().invoke(command, ["--help"])  # caches a help option without "-h"
    assert (DOCS / "cli.md").read_text() == cli_reference()
