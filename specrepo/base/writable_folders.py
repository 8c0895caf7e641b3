"""Folders a command cannot write in: one wording for them (`write_refused`), checked
before a command's first write, and its files taken back when a later write fails: `init`
writes several files and folders, and one it cannot write must leave none of them
(trial50b: a read-only `.github` ended `init --ci github` in an internal error after it
wrote the configuration, the editor schema and the example)."""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import Final

from specrepo.base import inputs
from specrepo.base.errors import OutputError
from specrepo.base.paths import display_path

UNWRITABLE: Final = "permission denied, or a read-only file system"
"""Why a folder `os.access` finds not writable cannot be written: it does not say which."""


def write_refused(place: Path | str, doing: str, reason: str,
                  written: str | None = None) -> OutputError:
    """The error (exit 2) for a folder, or a file in it, that cannot be written: `place`
    (a path as `display_path` names it; text, such as an option's value, as given), what
    was being done, the system's reason in words (`strerror`) and, when the caller knows
    it, what was or was not written: `docs: cannot create the output folder: Permission
    denied; nothing written`."""
    shown = display_path(place) if isinstance(place, Path) else place
    said = f"; {written}" if written else ""
    return OutputError(f"{shown}: cannot {doing}: {reason}{said}")


def refuse_unwritable(folders: Iterable[Path], command: str) -> None:
    """Raise `OutputError` naming the first of `folders` (each to write in, made if
    missing) that `command` cannot write in: its nearest folder that exists denies this
    user writing (file permissions, a read-only file system; `os.access`, as the kernel
    decides for the real user). A place that is no folder is left to the writes to say."""
    for folder in folders:
        existing = next((above for above in (folder, *folder.parents)
                         if inputs.reader.exists(above)), None)
        if existing is None or not inputs.reader.isdir(existing):
            continue
        if not inputs.reader.access(existing, os.W_OK | os.X_OK):
            doing = "write in this folder" if existing == folder else \
                f"create this folder in {display_path(existing)}"
            raise write_refused(folder, doing, UNWRITABLE, f"{command} wrote nothing")


def make_folder(folder: Path) -> None:
    """Make `folder` and the folders above it that are missing; raises `OutputError`
    naming it, and why, when one cannot be made."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise write_refused(folder, "create this folder", error.strerror or str(error)) from None


@contextmanager
def taken_back_on_error(created: list[Path], command: str) -> Iterator[None]:
    """Remove the files `created` (this run's new files, appended as they are written)
    when an `OutputError` ends the block, and say so in its message: `command` leaves all
    of them or none."""
    try:
        yield
    except OutputError as error:
        for path in reversed(created):
            with suppress(OSError):
                path.unlink()
        written = ", ".join(map(display_path, created))
        taken = f"; {command} removed what it had written ({written})" if created else ""
        raise OutputError(f"{error}{taken}") from None
