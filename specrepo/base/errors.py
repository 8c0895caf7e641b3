"""The one exception family specrepo raises, and the exit codes it maps to."""

from __future__ import annotations

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
