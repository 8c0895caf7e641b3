"""`specrepo init`: a configuration, a specs/ folder and an example spec."""

from __future__ import annotations

import sys
from typing import cast

import click

from specrepo.base import inputs
from specrepo.cli.ending import exit_with
from specrepo.cli.options import (
    PERSON,
    PREFIX,
    ShownChoice,
)
from specrepo.commands import init
from specrepo.commands.ci_workflow import CI_WORKFLOW_PATHS, CiProvider
from specrepo.output.created import write_created


@click.command("init")
@click.option("--prefix", type=PREFIX, help="The prefix of spec ids (default: SPEC; an existing "
                                "specrepo.yaml keeps its own, and another is refused).")
@click.option("--author", type=PERSON, help="The example spec's author (default: git's user.name).")
@click.option("--ci", type=ShownChoice(sorted(CI_WORKFLOW_PATHS)),
              help="Also write a CI workflow that validates the specs (never replaced), "
                   "and the rendered pages it checks.")
def command(prefix: str | None, author: str | None, ci: str | None) -> None:
    """Create specrepo.yaml, a specs/ folder and an example spec here (following an
    existing specrepo.yaml here or above)."""
    result = init.run(init.InitOptions(inputs.reader.cwd(), inputs.reader.today(), prefix, author,
                                       cast("CiProvider | None", ci)))
    write_created(sys.stdout, result.created, inputs.reader.cwd(), result.advice, result.followed,
                  result.kept)
    exit_with(result)
