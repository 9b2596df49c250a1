"""Shared pieces of the CLI: options, settings, error translation, exit codes."""

from __future__ import annotations

import io
import os
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any, TypeVar

import click

from narrascope.config import Settings, load_settings
from narrascope.errors import NarrascopeError
from narrascope.store import Store, open_store

EXIT_OK = 0
EXIT_SOME_FAILED = 1
EXIT_USAGE = 2
EXIT_NOTHING_USABLE = 3
EXIT_ERROR = 4

CONTEXT_SETTINGS = {"help_option_names": ["-h", "--help"], "max_content_width": 100}

F = TypeVar("F", bound=Callable[..., Any])


DEBUG_ENV = "NARRASCOPE_DEBUG"
_PASS_THROUGH = (click.exceptions.ClickException, click.exceptions.Exit, click.exceptions.Abort)


class NarrascopeGroup(click.Group):
    """A group that turns every error into one clear line and exit code 4.

    No traceback reaches the user unless ``--debug`` (or ``NARRASCOPE_DEBUG=1``)
    asks for it; click's own usage errors keep their exit code 2.
    """

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except _PASS_THROUGH:
            raise
        except BrokenPipeError:  # "narrascope stories | head": the reader stopped, not an error
            _silence_stdout()
            ctx.exit(EXIT_OK)
        except NarrascopeError as exc:
            if debug_enabled(ctx):
                raise
            click.echo(f"Error: {exc}", err=True)
            ctx.exit(EXIT_ERROR)
        except Exception as exc:
            if debug_enabled(ctx):
                raise
            message = " ".join(str(exc).split())[:300] or "(no message)"
            click.echo(
                f"Error: {type(exc).__name__}: {message} (rerun with --debug for the traceback)",
                err=True,
            )
            ctx.exit(EXIT_ERROR)


def _silence_stdout() -> None:
    """Point stdout at the null device, so the interpreter's final flush cannot fail again."""
    try:
        fileno = sys.stdout.fileno()
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, fileno)
        os.close(devnull)
    except (OSError, ValueError, io.UnsupportedOperation):
        pass  # not a real file (a test runner's buffer): nothing to silence


def debug_enabled(ctx: click.Context) -> bool:
    """Whether ``--debug`` or ``NARRASCOPE_DEBUG`` asks for tracebacks."""
    root = ctx.find_root()
    if (root.obj or {}).get("debug"):
        return True
    return os.environ.get(DEBUG_ENV, "").strip().lower() in ("1", "true", "yes", "on")


def db_option(func: F) -> F:
    """``--db``: the store (SQLite path or postgresql:// URL)."""
    return click.option(
        "--db",
        default=None,
        envvar="NARRASCOPE_DB",
        show_envvar=True,
        help="Store: SQLite file (default narrascope.db) or postgresql:// URL.",
    )(func)


def quiet_option(func: F) -> F:
    """``--quiet``: no progress bar, no summary."""
    return click.option("-q", "--quiet", is_flag=True, help="No progress bar or summary.")(func)


def settings_from(ctx: click.Context, **overrides: Any) -> Settings:
    """Settings from the config file, environment and the command's flags."""
    root = ctx.find_root()
    config_file = (root.obj or {}).get("config_file")
    clean = {k: v for k, v in overrides.items() if v is not None}
    return load_settings(config_file, clean)


@contextmanager
def store_for(ctx: click.Context, db: str | None) -> Iterator[Store]:
    """Open the store named by ``--db`` (or the settings) and close it afterwards."""
    settings = settings_from(ctx, db=db)
    store = open_store(settings.db)
    try:
        yield store
    finally:
        store.close()
