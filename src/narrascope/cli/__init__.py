"""The ``narrascope`` command: a click group of thin wrappers over library functions.

Exit codes: 0 all ok, 1 some inputs failed, 2 usage error, 3 nothing usable,
4 any other error (store, configuration, evaluation, or an unexpected one: one
line on stderr; ``--debug`` shows the traceback).
"""

from __future__ import annotations

import importlib
import sys
from typing import Any

import click

from narrascope.cli.common import CONTEXT_SETTINGS, EXIT_ERROR, NarrascopeGroup
from narrascope.cli.core_commands import register as register_core

COMMAND_MODULES = (
    "narrascope.cli.extract_commands",
    "narrascope.cli.characterise_commands",
    "narrascope.cli.stories_commands",
    "narrascope.cli.eval_commands",
    "narrascope.cli.web_commands",
    "narrascope.cli.scale_commands",
)


@click.group(cls=NarrascopeGroup, context_settings=CONTEXT_SETTINGS)
@click.version_option(package_name="narrascope")
@click.option(
    "--config",
    "config_file",
    type=click.Path(dir_okay=False),
    default=None,
    help="TOML or JSON settings file (NARRASCOPE_* variables and flags override it).",
)
@click.option(
    "--debug",
    is_flag=True,
    help="Show the Python traceback of an unexpected error (also NARRASCOPE_DEBUG=1).",
)
@click.pass_context
def cli(ctx: click.Context, config_file: str | None, debug: bool) -> None:
    """Narrascope: how a story is told across news outlets."""
    ctx.ensure_object(dict)
    ctx.obj["config_file"] = config_file
    ctx.obj["debug"] = debug


register_core(cli)
for _name in COMMAND_MODULES:
    importlib.import_module(_name).register(cli)


def main(argv: list[str] | None = None) -> Any:
    """Entry point of the console script."""
    try:
        return cli.main(args=argv, prog_name="narrascope", standalone_mode=True)
    except KeyboardInterrupt:  # pragma: no cover - interactive
        click.echo("interrupted", err=True)
        sys.exit(EXIT_ERROR)
