"""Files specrepo may replace: only its own, recognised by their first bytes, read safely."""

from __future__ import annotations

import os
import stat
from collections.abc import Callable
from pathlib import Path
from typing import Final

from specrepo.base.atomic import make_parent_folders, write_atomically
from specrepo.base.errors import OutputError

HEAD_BYTES: Final = 64 * 1024
"""How much of a file is read to recognise it."""
# Never follow a link, and never block on a pipe swapped in after the check.
_OPEN_FLAGS: Final = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)


def read_head(path: Path, limit: int = HEAD_BYTES) -> bytes:
    """The first `limit` bytes of a file, without following a symbolic link.

    Raises OSError when the file cannot be opened (a link raises ELOOP).
    """
    descriptor = os.open(path, _OPEN_FLAGS)
    with os.fdopen(descriptor, "rb") as stream:
        return stream.read(limit)


def refusal(status: os.stat_result) -> str:
    """Why a file of this `lstat` is never read or replaced; empty for a regular file."""
    if stat.S_ISLNK(status.st_mode):
        return "a symbolic link, which specrepo never writes through"
    if stat.S_ISDIR(status.st_mode):
        return "a folder"
    if not stat.S_ISREG(status.st_mode):
        return "not a regular file"
    return ""


def replace_own_file(path: Path, text: str, is_own: Callable[[str], bool],
                     option: str) -> None:
    """Write `text` to `path` atomically, replacing only an empty file or one that `is_own`
    recognises (by its first 64 KiB) as written by specrepo.

    `option` names the command-line option that chose the file, for the message; a folder
    it names that does not exist yet is made (`make_parent_folders`). Raises OutputError
    for anything else: a file of the user's, a link, a folder, a device.
    """
    try:
        status = path.lstat()
    except (FileNotFoundError, NotADirectoryError):  # made below, or named as in the way
        make_parent_folders(path)
        status = None
    except OSError as error:
        raise OutputError(f"{path}: cannot read: {error.strerror}") from None
    if status is not None:
        why = refusal(status)
        if why:
            raise OutputError(f"{path}: {why}; not replaced (choose another {option})")
        try:
            head = read_head(path).decode("utf-8", "replace")
        except OSError as error:
            raise OutputError(f"{path}: cannot read: {error.strerror}") from None
        if head and not is_own(head):
            raise OutputError(f"{path}: exists and is not a file specrepo wrote for "
                              f"{option}; not replaced (remove it, or choose another "
                              f"{option})")
    write_atomically(path, text)
