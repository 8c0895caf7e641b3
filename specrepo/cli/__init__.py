"""The `specrepo` command: Click options in, a command's `run`, a reporter, the exit code out.

The only package that imports Click (`boundary` holds its error boundary). Each command
maps its options to the typed options of `specrepo.commands.<name>`, runs it, hands the
result to a reporter from `specrepo.output` and exits with the result's exit code. Each
command lives in its own module (`<name>_command`), imported only when the command is
looked up (Click's lazily loading group): a run loads its own command's layers and output
only, and `--version` none of them.
"""

from __future__ import annotations

import importlib
import sys
from collections.abc import Iterator, MutableMapping
from pathlib import Path
from typing import Final

import click

from specrepo.base.collection import (
    garbage_left_to_the_end,
    modules_loading,
    set_aside_what_lives_on,
)
from specrepo.cli.boundary import ErrorBoundary, say, stderr_or_nowhere
from specrepo.cli.ending import command_line_ended
from specrepo.cli.options import FilledPath
from specrepo.cli.settings import Settings
from specrepo.cli.version import version_option
from specrepo.output.standard_output import escaped_characters, guarded_stdout

COMMANDS: Final = ("diff", "init", "new", "render", "report", "schema", "site", "timeline",
                   "trace", "validate")
"""Every command's name; `specrepo.cli.<name>_command.command` is the command."""


class CommandModules(MutableMapping[str, click.Command]):
    """The group's commands by name (`click.Group.commands`), each command's module imported
    when Click first looks the command up: to run it, to complete its options, or to list
    it in `--help` (Click's "lazily loading subcommands"). Click reads the names (for
    `--help`, a suggestion for a mistyped command) without importing anything."""

    def __init__(self) -> None:
        self._loaded: dict[str, click.Command] = {}

    def __getitem__(self, name: str) -> click.Command:
        if name not in self._loaded:
            if name not in COMMANDS:
                raise KeyError(name)
            with modules_loading():
                command = importlib.import_module(f"specrepo.cli.{name}_command").command
            if not isinstance(command, click.Command):
                raise TypeError(f"specrepo.cli.{name}_command.command is no Click command")
            self._loaded[name] = command
        return self._loaded[name]

    def __setitem__(self, name: str, command: click.Command) -> None:
        self._loaded[name] = command

    def __delitem__(self, name: str) -> None:
        raise TypeError("specrepo's commands are fixed")

    def __iter__(self) -> Iterator[str]:
        return iter(sorted({*COMMANDS, *self._loaded}))

    def __len__(self) -> int:
        return len({*COMMANDS, *self._loaded})


@click.group(cls=ErrorBoundary, commands=CommandModules(),
             context_settings={"help_option_names": ["-h", "--help"]})
@version_option
@click.option("--config", "config_path", type=FilledPath(path_type=Path, dir_okay=False),
              help="Use this configuration file instead of the nearest specrepo.yaml.")
@click.option("--debug", is_flag=True, help="Show the traceback of an internal error.")
@click.pass_context
def cli(context: click.Context, config_path: Path | None, debug: bool) -> None:
    """Keep technical design specs as YAML in git: validate, render and report on them."""
    with modules_loading():  # a command's, not --version's
        from specrepo.gitio.environment_paths import settle_git_paths  # noqa: PLC0415

    settle_git_paths()  # before git runs anywhere but here
    context.obj = Settings(config_path, debug)


def main(*, leaving: bool = False) -> None:
    """Run the command line (the console script is `specrepo.__main__.main`, which also
    answers Ctrl-C while this module is imported). `leaving`: the process ends once this
    returns, freeing nothing (the console script), so the command's result is left to
    that end (`ending`); else it is let go here: an interpreter's exit never walks it."""
    set_aside_what_lives_on()  # the modules just imported
    if leaving:
        garbage_left_to_the_end()
    sys.stdout = guarded_stdout(sys.stdout)
    sys.stderr = stderr_or_nowhere(sys.stderr)
    try:
        cli.main(prog_name="specrepo")
    finally:
        for escaped in filter(None, [escaped_characters(sys.stdout.encoding)]):
            say(f"specrepo: warning: {escaped}")
        command_line_ended(leaving=leaving)
