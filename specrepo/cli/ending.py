"""How a command ends: with its result's exit code, the result kept for the process's end.

A command's result holds what the command built (a mined history is a hundred thousand
objects). Freed object by object as the command's frames unwind, it took 5 ms of a warm
`report` or `timeline`, while the console script ends the process without freeing
anything (`specrepo.cli.main`'s `leaving`); so the result is kept until then, and let go
of only where the process goes on (`specrepo.cli.main` called as a function, tests)."""

from __future__ import annotations

from typing import NoReturn, Protocol

import click

from specrepo.base.errors import ExitCode


class Finished(Protocol):
    """A command's result: what it found, and the exit code that says so."""

    @property
    def exit_code(self) -> ExitCode:
        """The code the process exits with."""


LAST_RESULT: list[Finished] = []
"""The last command's result, kept (see `exit_with`)."""


def exit_with(result: Finished) -> NoReturn:
    """Exit with the result's exit code, keeping the result (see the module); code that
    runs the command group again lets it go at the next command's end."""
    LAST_RESULT[:] = [result]
    raise click.exceptions.Exit(result.exit_code)


def command_line_ended(*, leaving: bool) -> None:
    """The command line has run: let go of the last command's result unless the process
    is `leaving` (ends now, freeing nothing)."""
    if not leaving:
        LAST_RESULT.clear()
