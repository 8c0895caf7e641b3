"""Standard output that fails as an environment problem, never as a crash.

A pipe or console whose encoding cannot hold a character gets a replacement character
(`?` in cp1252). A full disk, a closed descriptor or any other failed write raises
OutputError (exit 2); a reader that went away still raises BrokenPipeError, which the CLI
answers with one line and exit 2 as well.
"""

from __future__ import annotations

import io
import os
from collections.abc import Mapping
from typing import TextIO, cast

from specrepo.base.errors import OutputError


class _GuardedOutput(io.TextIOWrapper):
    """The process's standard output, writing through the same buffer."""

    def write(self, text: str) -> int:
        try:
            return super().write(text)
        except BrokenPipeError:
            raise
        except OSError as error:
            raise _write_failed(error.strerror or str(error)) from None

    def flush(self) -> None:
        try:
            super().flush()
        except BrokenPipeError:
            raise
        except OSError as error:
            raise _write_failed(error.strerror or str(error)) from None


class _ClosedOutput(io.TextIOBase):
    """Standard output when the process started without one (`specrepo … >&-`)."""

    encoding = "utf-8"

    def write(self, text: str) -> int:
        if text:
            raise OutputError("standard output is closed; nothing can be printed")
        return 0


def _write_failed(reason: str) -> OutputError:
    # The interpreter flushes standard output once more on exit; let that one succeed
    # quietly instead of printing a second error.
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, 1)
    os.close(devnull)
    return OutputError(f"cannot write to standard output: {reason}")


def guarded_stdout(stdout: TextIO | None) -> TextIO:
    """A stream for what `stdout` (the process's `sys.stdout`, None when closed) writes to.

    Characters the stream's encoding lacks are replaced; failed writes raise OutputError.
    Streams that are not a console or pipe of this process (a test's capture) are returned
    as they are.
    """
    if stdout is None:
        return cast(TextIO, _ClosedOutput())  # io.TextIOBase implements TextIO at run time
    if not isinstance(stdout, io.TextIOWrapper):
        return stdout
    stdout.flush()
    return _GuardedOutput(stdout.buffer, encoding=stdout.encoding, errors="replace",
                          newline=None, line_buffering=stdout.line_buffering,
                          write_through=stdout.write_through)


def use_color(stream: TextIO, environment: Mapping[str, str]) -> bool:
    """Whether to colour text for `stream`: a terminal, and no `NO_COLOR` (no-color.org)."""
    return stream.isatty() and not environment.get("NO_COLOR")
