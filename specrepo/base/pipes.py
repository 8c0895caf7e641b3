"""Pipes between processes made wider where the system allows, so that a writer is not
held up while its reader is busy elsewhere."""

from __future__ import annotations

import sys
from contextlib import suppress
from typing import Final

if sys.platform == "linux":  # where a pipe can be widened
    import fcntl

PIPE_BYTES: Final = 1 << 20
"""The room asked for in a widened pipe (Linux allows 1 MiB to any process)."""


def widen_pipe(descriptor: int) -> None:
    """Ask for `PIPE_BYTES` of room in the pipe `descriptor` is an end of (on Linux; a
    lower limit set by the system, or another system, leaves it as it is)."""
    if sys.platform == "linux":
        with suppress(OSError):
            fcntl.fcntl(descriptor, fcntl.F_SETPIPE_SZ, PIPE_BYTES)
