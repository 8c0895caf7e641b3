"""The one exception family specrepo raises, and the exit codes it maps to."""

from __future__ import annotations

import os
from enum import IntEnum


class ExitCode(IntEnum):
    """The documented exit codes of every command."""

    CLEAN = 0
    FINDINGS = 1
    USAGE = 2
    INTERNAL = 3
    INTERRUPTED = 130
    """Ctrl-C (SIGINT), as shells report a process that a signal 2 ended: 128 + 2."""
    READER_GONE = 141
    """Standard output's reader went away (`| head`): SIGPIPE, as shells report git or
    any C program that signal 13 ended: 128 + 13, and nothing is printed."""


class SpecrepoError(Exception):
    """Base class of every error specrepo reports to the user as a message, not a traceback."""

    exit_code: ExitCode = ExitCode.USAGE


class ConfigError(SpecrepoError):
    """The configuration (file or options) is unusable."""


class UsageError(SpecrepoError):
    """A command was asked for something it cannot do."""


class OutputError(SpecrepoError):
    """A file specrepo was asked to write could not be written safely."""


def stdout_write_failed(reason: str) -> OutputError:
    """The error of a write to standard output that failed (`reason`: the system's words,
    a full disk's `No space left on device`); standard output is then the null device, so
    that the interpreter's last flush at exit succeeds quietly instead of failing again."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, 1)
    os.close(devnull)
    return OutputError(f"cannot write to standard output: {reason}")
