"""The error boundary of the command line: every error becomes one line on stderr and a
documented exit code (see README "Exit codes"); nothing else turns errors into exit codes."""

from __future__ import annotations

import codecs
import io
import os
import re
import sys
import traceback
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from typing import Any, Final, Protocol, TextIO, runtime_checkable

import click

from specrepo.base import inputs
from specrepo.base.errors import ExitCode, SpecrepoError, UsageError
from specrepo.base.fs_encoding import is_utf8_file_system, unencodable_name
from specrepo.base.one_line import all_escaped, each_line
from specrepo.base.signals import Terminated, signals_end_the_run
from specrepo.cli.repeated_options import repeated_options, repeated_warning


def stderr_or_nowhere(stream: TextIO | None) -> TextIO:
    """`stream`, or a stream to the null device when there is none (Python sets `sys.stderr`
    to None when file descriptor 2 is closed: `specrepo validate 2>&-`), so the output and
    the exit code stay what they would be."""
    return stream if stream is not None else open(os.devnull, "w", encoding="utf-8")


def say(message: str) -> None:
    """A message on stderr, each of its lines kept on one as every text output keeps a
    finding (`one_line.each_line`: a control character written `\\x1b`, a bidirectional
    override `\\u202e`, a file name's byte that is not UTF-8 `\\xe9`), and what
    stderr's encoding lacks as its code point (`\\u00e9`, `_stderr_escape`: click
    would write UTF-8 to an ASCII stream); a stderr that cannot take it (a closed pipe)
    changes no exit code."""
    stream = sys.stderr
    if stream is None:  # fd 2 closed before `main` replaced it
        return
    with suppress(OSError):
        stream.write(f"{each_line(message)}\n")
        stream.flush()


@contextmanager
def error_boundary(debug: bool) -> Iterator[None]:
    """Turns every error raised inside into one message on stderr and a documented exit
    code (raised as Click's `Exit`); Click's own exceptions pass through."""
    try:
        try:
            yield
        finally:
            # Buffered output meets a full disk or a closed pipe here, not at exit.
            sys.stdout.flush()
    except SpecrepoError as error:
        say(f"specrepo: error: {error}")
        raise click.exceptions.Exit(error.exit_code) from None
    except click.ClickException as error:
        vars(error)["message"] = _reprs_as_bytes(error.message)  # typed Final: set once
        raise
    except (click.exceptions.Exit, click.exceptions.Abort):
        raise
    except Terminated as ended:  # SIGTERM, SIGHUP: as Ctrl-C, all cleaned up
        say(f"specrepo: terminated ({ended.name})")
        raise click.exceptions.Exit(ended.exit_code) from None
    except KeyboardInterrupt:
        say("specrepo: interrupted")
        raise click.exceptions.Exit(ExitCode.INTERRUPTED) from None
    except BrokenPipeError:
        # The reader went away (`| head -1`): it has what it wanted, as a shell pipeline
        # means. Quiet, as git and every C program a SIGPIPE ends, with the code a shell
        # reports for them (141), never 0 ("clean") nor 1 ("findings"): the output is
        # incomplete. Later flushes go nowhere.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
        raise click.exceptions.Exit(ExitCode.READER_GONE) from None
    except Exception as error:  # the one place that keeps tracebacks from users
        if (unencodable := _unencodable_name(error)) is not None:
            say(f"specrepo: error: {unencodable}")
            raise click.exceptions.Exit(ExitCode.USAGE) from None
        if debug:
            traceback.print_exc()
        else:
            say(f"specrepo: internal error: {type(error).__name__}: {error} "
                 "(run again with --debug for the traceback, and please report it)")
        raise click.exceptions.Exit(ExitCode.INTERNAL) from None


def _unencodable_name(error: Exception) -> str | None:
    """What to say when `error` is a name (a file, a folder, an argument to git) that this
    environment's file-system encoding cannot express (an ASCII locale without Python's
    UTF-8 mode: a minimal CI image), which is the environment's limit, not a bug; None
    for any other error."""
    if not isinstance(error, UnicodeEncodeError) or is_utf8_file_system() or codecs.lookup(
            error.encoding).name != codecs.lookup(sys.getfilesystemencoding()).name:
        return None
    return unencodable_name(error.object)


def _stderr_escape(error: UnicodeError) -> tuple[str, int]:
    """A codec error handler for stderr: what its encoding lacks written as standard
    output writes it (`all_escaped`: `\\u00e9`), and an argument's or a file name's byte
    that was not UTF-8 (`surrogateescape`'s U+DC80-U+DCFF, PEP 383) as the byte, `\\xe9`,
    as every message of specrepo's own writes it (`say`), not `\\udce9`."""
    if not isinstance(error, UnicodeEncodeError):
        raise error
    return all_escaped(error.object[error.start:error.end]), error.end


def _reprs_as_bytes(message: str) -> str:
    """Click's `message` with an undecodable byte in a value it quoted with `repr` (a
    choice's "'R\\udce9Q' is not one of ...") written `\\xe9`, as `_stderr_escape` writes
    one it did not quote; a backslash the user typed (`repr` doubles it) is left alone."""
    return _REPR_UNDECODABLE.sub(r"\1\\x\2", message)


_REPR_UNDECODABLE: Final = re.compile(r"(?<!\\)((?:\\\\)*)\\udc([89a-f][0-9a-f])")
"""`repr`'s escape of a surrogate U+DC80-U+DCFF (PEP 383's byte), not after a backslash
that is itself escaped."""
_STDERR_ESCAPE: Final = "specrepo-stderr-escape"
codecs.register_error(_STDERR_ESCAPE, _stderr_escape)


class ErrorBoundary(click.Group):
    """Runs the whole command line inside the error boundary: shell completion, the parsing
    (where Click prints `--help`, `--version` and usage errors) and every command."""

    def main(self, *args: Any, **extra: Any) -> Any:
        if isinstance(sys.stderr, io.TextIOWrapper):  # (Click's usage errors too)
            sys.stderr.reconfigure(errors=_STDERR_ESCAPE)
        with signals_end_the_run():
            try:
                with error_boundary(debug=False):  # shell completion, before Click's own
                    return super().main(*args, **extra)
            except click.exceptions.Exit as done:
                sys.exit(done.exit_code)

    def make_context(self, info_name: str | None, args: list[str],
                     parent: click.Context | None = None, **extra: Any) -> click.Context:
        with error_boundary(debug="--debug" in args):
            return super().make_context(info_name, args, parent, **extra)

    def resolve_command(self, ctx: click.Context, args: list[str]
                        ) -> tuple[str | None, click.Command | None, list[str]]:
        name, command, arguments = super().resolve_command(ctx, args)
        if command is not None:
            _warn_of_repeats(click.Context(command, parent=ctx, info_name=name), arguments)
        return name, command, arguments

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        _warn_of_repeats(ctx, args)
        return super().parse_args(ctx, args)

    def invoke(self, ctx: click.Context) -> Any:
        with error_boundary(debug=bool(ctx.params.get("debug"))):
            _refuse_a_deleted_working_folder()
            try:
                done = super().invoke(ctx)
            except click.exceptions.Exit as ended:
                _ended(ctx, ended.exit_code)
                raise
            _ended(ctx, ExitCode.CLEAN)
            return done


def _refuse_a_deleted_working_folder() -> None:
    """Raise `UsageError` (exit 2) when the current folder no longer exists (deleted while
    the shell was in it: `getcwd` fails), which every command starts from; it was an
    internal error, exit 3 (newuser70)."""
    try:
        inputs.reader.getcwd()
    except FileNotFoundError:
        raise UsageError("the current folder no longer exists (it was deleted after the "
                         "shell entered it); cd into a folder that exists") from None


def _warn_of_repeats(context: click.Context, arguments: list[str]) -> None:
    """A warning on stderr for each option given more than once (`repeated_options`)."""
    for option in repeated_options(context, arguments):
        say(f"specrepo: warning: {repeated_warning(option)}")


@runtime_checkable
class Succeeding(Protocol):
    """What the group's settings do when a command succeeds (`Settings.succeeded`)."""

    def succeeded(self) -> None:
        """Keep what the run read for the next run."""


def _ended(ctx: click.Context, code: int) -> None:
    """A command ended with exit code `code`: when it is 0 or 1, the settings keep what
    the run read (`Succeeding`); an error (2 and above) keeps nothing."""
    if code in (ExitCode.CLEAN, ExitCode.FINDINGS) and isinstance(ctx.obj, Succeeding):
        ctx.obj.succeeded()
