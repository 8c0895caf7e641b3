"""What `init` and `new` created: one path a line, relative to the working folder.

The files exist before a word is printed, so when standard output cannot take the list
(closed, a full disk, a reader gone) the error names every file created: running the
command again would create another spec.
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import TextIO

from specrepo.base.errors import OutputError


@contextmanager
def _naming_the_created(stream: TextIO, created: Sequence[Path], base: Path) -> Iterator[None]:
    """Writes to `stream` inside, flushed; an OutputError naming `created` if they fail."""
    try:
        yield
        stream.flush()
    except (OutputError, OSError) as error:
        if not created:
            raise
        if isinstance(error, BrokenPipeError):  # what is still buffered goes nowhere
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, stream.fileno())
            os.close(devnull)
        reason = "its reader closed it" if isinstance(error, BrokenPipeError) else str(error)
        names = ", ".join(os.path.relpath(path, base) for path in created)
        raise OutputError(f"created {names}, but could not print it to standard output "
                          f"({reason})") from None


def write_created(stream: TextIO, created: Sequence[Path], base: Path,
                  advice: Sequence[str] = (), followed: Path | None = None,
                  kept: Sequence[tuple[Path, str]] = ()) -> None:
    """`created <path>` for each file `init` created, or that there was nothing to do; then
    `kept <path>: <why>` for each file it would have written that exists (`kept`) and
    each line of `advice`; first, the configuration above `base` that `init` followed, if
    it did.

    Raises OutputError naming the created files when `stream` cannot be written."""
    with _naming_the_created(stream, created, base):
        if followed is not None:
            stream.write(f"following {os.path.relpath(followed, base)}: this folder is inside "
                         "that spec repository already\n")
        for path in created:
            stream.write(f"created {os.path.relpath(path, base)}\n")
        if not created:
            stream.write("nothing to do: the configuration and specs already exist\n")
        for path, why in kept:
            stream.write(f"kept {os.path.relpath(path, base)}: {why}\n")
        for line in advice:
            stream.write(f"{line}\n")


def write_new_spec(stream: TextIO, path: Path, base: Path) -> None:
    """The path of the spec `new` wrote.

    Raises OutputError naming the spec's file when `stream` cannot be written."""
    with _naming_the_created(stream, (path,), base):
        stream.write(f"{os.path.relpath(path, base)}\n")
