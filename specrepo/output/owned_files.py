"""Files specrepo may replace: only its own, recognised by their first bytes, read safely."""

from __future__ import annotations

import os
import stat
from collections.abc import Callable
from pathlib import Path
from typing import Final, NamedTuple

from specrepo.base import inputs
from specrepo.base.atomic import in_the_way, make_parent_folders, write_atomically
from specrepo.base.errors import OutputError

HEAD_BYTES: Final = 64 * 1024
"""How much of a file is read to recognise it."""
# Never follow a link, and never block on a pipe swapped in after the check.
_OPEN_FLAGS: Final = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)


def read_head(path: Path, limit: int = HEAD_BYTES) -> bytes:
    """The first `limit` bytes of a file, without following a symbolic link.

    Raises OSError when the file cannot be opened (a link raises ELOOP).
    """
    descriptor = inputs.reader.open_descriptor(path, _OPEN_FLAGS)
    try:  # no buffered stream: a site's commit has thousands of files to recognise
        chunks: list[bytes] = []
        while limit > 0 and (chunk := os.read(descriptor, limit)):
            chunks.append(chunk)
            limit -= len(chunk)
        return b"".join(chunks)
    finally:
        os.close(descriptor)


def refusal(status: os.stat_result) -> str:
    """Why a file of this `lstat` is never read or replaced; empty for a regular file."""
    if stat.S_ISLNK(status.st_mode):
        return "a symbolic link, which specrepo never writes through"
    if stat.S_ISDIR(status.st_mode):
        return "a folder"
    if not stat.S_ISREG(status.st_mode):
        return "not a regular file"
    return ""


class NamedOutput(NamedTuple):
    """A file the user named for a command's output (`--junit reports/x.xml`): its path,
    the option that named it (for messages), and how a file specrepo wrote in its format
    is recognised by its first 64 KiB (`is_own`)."""

    path: Path
    option: str
    is_own: Callable[[str], bool]


def replace_own_file(path: Path, text: str, is_own: Callable[[str], bool],
                     option: str) -> None:
    """Write `text` to `path` atomically, replacing only an empty file or one that `is_own`
    recognises (by its first 64 KiB) as written by specrepo (`check_replaceable`).

    `option` names the command-line option that chose the file, for the message; a folder
    it names that does not exist yet is made (`make_parent_folders`). Raises OutputError
    for anything else: a file of the user's, a link, a folder, a device, a read-only file.
    """
    if not check_replaceable(NamedOutput(path, option, is_own)):
        make_parent_folders(path)
    write_atomically(path, text)


def check_replaceable(output: NamedOutput) -> bool:
    """Whether `output`'s file exists, when specrepo may replace it: an empty file or one
    its `is_own` recognises, writable. Raises OutputError naming what is there otherwise (a
    file of the user's, a link, a folder, a device, a read-only file), and for a missing
    file whose folder cannot be made (a file or a link to nothing in the way)."""
    path, option = output.path, output.option
    try:
        status = inputs.reader.lstat(path)
    except (FileNotFoundError, NotADirectoryError):  # its missing folders are made
        blocked = in_the_way(path.parent)
        if blocked is not None:
            raise OutputError(f"{path}: cannot make its folder {path.parent}: "
                              f"{blocked[0]} is {blocked[1]}") from None
        return False
    except OSError as error:
        raise OutputError(f"{path}: cannot read: {error.strerror}") from None
    why = refusal(status) or ("a read-only file" if not status.st_mode & 0o222 else "")
    if why:
        raise OutputError(f"{path}: {why}; not replaced (choose another {option})")
    try:
        head = read_head(path).decode("utf-8", "replace")
    except OSError as error:
        raise OutputError(f"{path}: cannot read: {error.strerror}") from None
    if head and not output.is_own(head):
        raise OutputError(f"{path}: exists and is not a file specrepo wrote for "
                          f"{option}; not replaced (remove it, or choose another "
                          f"{option})")
    return True
