"""Web commands: ``serve`` (REST API + web UI) and ``report`` (self-contained HTML)."""

from __future__ import annotations

import click

from narrascope.cli.common import db_option, settings_from, store_for


@click.command()
@db_option
@click.option(
    "--host",
    default="127.0.0.1",
    show_default=True,
    help="Address to bind; anything but loopback makes writes need --token.",
)
@click.option(
    "--port",
    type=click.IntRange(1, 65535),
    default=8000,
    show_default=True,
    help="Port to listen on.",
)
@click.option(
    "--token",
    envvar="NARRASCOPE_TOKEN",
    show_envvar=True,
    default=None,
    help="Token that write endpoints (ingest, merge, delete) require. On the command line it "
    "shows in `ps`: prefer the NARRASCOPE_TOKEN variable or --token-file.",
)
@click.option(
    "--token-file",
    type=click.Path(exists=True, dir_okay=False),
    default=None,
    help="Read the token from this file (first line), so it never shows in `ps`.",
)
@click.pass_context
def serve(
    ctx: click.Context,
    db: str | None,
    host: str,
    port: int,
    token: str | None,
    token_file: str | None,
) -> None:
    """Serve the REST API (/api, /docs) and the web UI on one port."""
    import uvicorn

    from narrascope.api import create_app
    from narrascope.api.security import is_loopback

    if token_file:
        token = read_token_file(token_file)
    elif token and ctx.get_parameter_source("token") == click.core.ParameterSource.COMMANDLINE:
        click.echo(
            "warning: a --token on the command line is visible to other users (ps); "
            "prefer NARRASCOPE_TOKEN or --token-file",
            err=True,
        )
    settings = settings_from(ctx, db=db)
    if not is_loopback(host) and not token:
        click.echo(
            f"warning: {host} is not loopback and no --token is set: write endpoints are disabled",
            err=True,
        )
    app = create_app(settings, host=host, token=token)
    click.echo(f"Narrascope on http://{host}:{port}/ (store {settings.db})", err=True)
    uvicorn.run(app, host=host, port=port, log_level="warning")


def read_token_file(path: str) -> str:
    """The token in ``path``: its first line, stripped; an empty file is a usage error."""
    with open(path, encoding="utf-8") as handle:
        token = handle.readline().strip()
    if not token:
        raise click.BadParameter(f"{path} holds no token", param_hint="--token-file")
    return token


@click.command()
@click.argument("story_id", required=False)
@db_option
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False),
    default="report.html",
    show_default=True,
    help="HTML file to write.",
)
@click.pass_context
def report(ctx: click.Context, story_id: str | None, db: str | None, output: str) -> None:
    """Write one self-contained HTML report of STORY_ID (or of the whole corpus)."""
    from narrascope.report import write_report

    with store_for(ctx, db) as store:
        path = write_report(store, output, story_id)
    click.echo(f"wrote {path}", err=True)


def register(cli: click.Group) -> None:
    """Add the web commands to the ``narrascope`` group."""
    cli.add_command(serve)
    cli.add_command(report)
