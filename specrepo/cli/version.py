"""`specrepo --version`, with the version looked up only when asked for."""

from __future__ import annotations

import click

import specrepo


def _show_version(context: click.Context, _: click.Parameter, wanted: bool) -> None:
    """Print the version as Click's `version_option` does, and stop. The version is read
    (from the package's metadata) here, not when the command line is imported: that read
    is a good part of a short command's start-up."""
    if wanted and not context.resilient_parsing:
        click.echo(f"specrepo, version {specrepo.__version__}")
        context.exit()


version_option = click.option("--version", is_flag=True, expose_value=False, is_eager=True,
                              callback=_show_version, help="Show the version and exit.")
