"""`specrepo new`: a spec with the next free id."""

from __future__ import annotations

import sys

import click

from specrepo.base import inputs
from specrepo.cli.ending import exit_with
from specrepo.cli.options import (
    PERSON,
)
from specrepo.cli.settings import Settings, tell
from specrepo.commands import new
from specrepo.output.created import write_new_spec


@click.command("new")
@click.argument("title")
@click.option("--author", type=PERSON, help="The author (default: git's user.name).")
@click.option("--allow-shallow", is_flag=True, help="Go on in a shallow clone.")
@click.pass_obj
def command(settings: Settings, title: str, author: str | None, allow_shallow: bool) -> None:
    """Create a spec with the next free id: a bundled Draft, or `new.template` filled in."""
    result = new.run(settings.config(), new.NewOptions(title, author, inputs.reader.today(),
                                                       allow_shallow))
    write_new_spec(sys.stdout, result.path, inputs.reader.cwd())
    tell(result)
    exit_with(result)
