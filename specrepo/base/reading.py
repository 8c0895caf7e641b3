"""Read a named input file whole, within bounds: only a regular file (a pipe would block
forever, a device such as /dev/zero never ends), and at most a given number of bytes."""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path
from typing import BinaryIO

from specrepo.base import inputs


class UnreadableFile(Exception):
    """Why a file was not read: `strerror` (the system's words) when it could not be opened
    or read; `size` (bytes) when it is over `limit`; neither when it is not a regular file."""

    def __init__(self, strerror: str | None = None, size: int | None = None,
                 limit: int = 0) -> None:
        super().__init__(strerror or size or "not a regular file")
        self.strerror = strerror
        self.size = size
        self.limit = limit

    def describe(self, what: str) -> str:
        """The reason in words, for a file that is `what` (`configuration`, `schema`)."""
        if self.strerror is not None:
            return f"cannot read the {what}: {self.strerror}"
        if self.size is not None:
            return f"the {what} is {self.size:,} bytes, over the limit of {self.limit:,}"
        return f"the {what} is not a regular file (a folder, pipe or device); not read"


def read_bounded(path: Path, max_bytes: int) -> bytes:
    """The bytes of the file at `path` (links followed), at most `max_bytes` of them.

    Raises `UnreadableFile` for a file that is not a regular file, is larger than
    `max_bytes`, or cannot be opened or read."""
    try:
        status = inputs.reader.stat(path)
        if not stat.S_ISREG(status.st_mode):
            raise UnreadableFile()
        if status.st_size > max_bytes:
            raise UnreadableFile(size=status.st_size, limit=max_bytes)
        descriptor = inputs.reader.open_descriptor(path, os.O_RDONLY | _BINARY)
        try:
            data = _read_at_most(descriptor, status.st_size, max_bytes + 1)
        finally:
            os.close(descriptor)
    except OSError as error:
        raise UnreadableFile(error.strerror or str(error)) from None
    if len(data) > max_bytes:  # it grew after its size was read
        raise UnreadableFile(size=len(data), limit=max_bytes)
    return data


_BINARY = getattr(os, "O_BINARY", 0)
"""Windows reads a descriptor as text (line ends translated) unless told otherwise."""


def _read_at_most(descriptor: int, expected: int, limit: int) -> bytes:
    """Up to `limit` bytes from `descriptor` until its end; the first read asks for the
    `expected` size and one byte more, not for `limit`: a buffer of `limit` bytes (a
    megabyte by default) per file would be mapped and unmapped by the allocator each time,
    several times the cost of reading a spec file."""
    data = b""
    request = min(expected + 1, limit)
    while len(data) < limit:
        chunk = os.read(descriptor, request)
        if not chunk:
            break
        data += chunk
        request = min(limit - len(data), _CHUNK)
    return data


_CHUNK = 1 << 16


def open_regular(path: Path) -> BinaryIO:
    """`path` opened for reading in binary, when it is a regular file (links followed).

    Raises `FileNotFoundError` when there is none, and another `OSError` when it is not a
    regular file (a pipe would block forever, a link to /dev/zero never ends: what a cache
    folder restored from an archive may hold) or cannot be opened. Opened without waiting
    for a writer, then judged by the open file's own status: a file swapped in between
    cannot slip through."""
    descriptor = inputs.reader.open_descriptor(path, os.O_RDONLY | os.O_NONBLOCK | _BINARY)
    try:
        if not stat.S_ISREG(inputs.reader.fstat(descriptor).st_mode):
            raise OSError(errno.EINVAL, "not a regular file (a folder, pipe or device)")
        return os.fdopen(descriptor, "rb")
    except BaseException:
        os.close(descriptor)
        raise


def read_regular(path: Path) -> bytes:
    """The whole of `path`, a regular file (see `open_regular`, which says what it raises)."""
    with open_regular(path) as stream:
        return stream.read()
