"""Cache files of one JSON header line and a payload whose SHA-256 the header keeps: written
whole (`write_headed`), read (`read_headed`), and trusted only when they are this cache's.

Every cache specrepo keeps in the git folder has this shape (history, departures, removals,
workflows, findings, render pages, site HTML, spec listing, ancestry, adoption, readings,
the kept configuration):
a line holding a JSON object (the cache's own fields, `format` and most often `key`, and
`sha256`: the hex SHA-256 of the payload), a line feed, then the payload (bytes, JSON in
every cache so far). A cache is only a shortcut, so a file that is missing, cannot be
read, is foreign (another format or key: `ForeignCache`) or is damaged (a first line that
is no JSON object, no line feed after it, a payload whose digest is not the header's:
`DamagedCache`) reads as absent, never as an answer (`Headed.payload_for`,
`trusted_json`); only the history cache tells the two apart, to warn of a damaged one
(`Headed.checked`).
"""

from __future__ import annotations

import hashlib
import json
import os
from contextlib import suppress
from itertools import chain
from pathlib import Path
from typing import Any

from specrepo.base import atomic, inputs
from specrepo.base.errors import OutputError
from specrepo.base.reading import open_regular


class ForeignCache(Exception):
    """A cache file of another format or key: not damaged, just not this run's."""


class DamagedCache(ValueError):
    """A cache file that is not what `write_headed` writes: its header cannot be read, or
    its payload is not the one the header's digest names."""


class Headed:
    """A headed cache file as read (`read_headed`), not yet trusted (`checked`). (A plain
    class: a NamedTuple costs about 0.1 ms to define, on every warm run.)"""

    __slots__ = ("header", "raw", "readable", "start", "written")

    def __init__(self, header: dict[str, Any], raw: bytes = b"", start: int = -1,
                 written: int = 0, *, readable: bool = False) -> None:
        self.header = header
        """The first line's fields; empty when it is no JSON object (`readable` False)."""
        self.raw = raw
        """The whole file."""
        self.start = start
        """Where the payload starts in `raw` (after the first line feed); -1: none."""
        self.written = written
        """The file's modification time (ns since the epoch), as read."""
        self.readable = readable
        """Whether the first line is a JSON object."""

    @property
    def payload(self) -> memoryview:
        """The bytes after the header line, not copied (empty when there is no line feed)."""
        return memoryview(self.raw)[self.start:] if self.start >= 0 else memoryview(b"")

    def checked(self, **expected: object) -> memoryview:
        """The payload, when the header holds each of `expected`'s fields with that value
        (and type: `true` is no format 1) and the payload's SHA-256. Raises `DamagedCache`
        (header unreadable, no line feed, another digest) or `ForeignCache` (another
        value of a field: another format or key)."""
        if not self.readable:
            raise DamagedCache("its header cannot be read")
        for name, value in expected.items():
            found = self.header.get(name)
            if type(found) is not type(value) or found != value:
                raise ForeignCache(name)
        payload = self.payload
        if self.start < 0 or hashlib.sha256(payload).hexdigest() != self.header.get("sha256"):
            raise DamagedCache("its checksum does not match its content")
        return payload

    def payload_for(self, **expected: object) -> memoryview | None:
        """The payload (`checked`), or None when the file is foreign or damaged."""
        try:
            return self.checked(**expected)
        except (ForeignCache, DamagedCache):
            return None


def read_headed(path: Path) -> Headed:
    """The cache file `path`, read whole, its header decoded (`Headed`). Raises
    `FileNotFoundError` when there is none and another `OSError` when it cannot be read or
    is not a regular file (`open_regular`)."""
    with open_regular(path) as stream:
        written = inputs.reader.fstat(stream.fileno()).st_mtime_ns
        raw = stream.read()
    end = raw.find(b"\n")
    try:
        header = json.loads(raw[:end] if end >= 0 else raw)
    except ValueError:
        header = None
    if not isinstance(header, dict):
        return Headed({}, raw, -1 if end < 0 else end + 1, written)
    return Headed(header, raw, -1 if end < 0 else end + 1, written, readable=True)


def read_headed_or_empty(path: Path) -> Headed:
    """The cache file `path`, read (`read_headed`); one with no header and nothing after it
    when there is none or it cannot be read."""
    try:
        return read_headed(path)
    except OSError:
        return Headed({})


def read_header(path: Path) -> dict[str, Any]:
    """The header of the cache file `path`, its first line alone, not checked; empty when
    there is no file, it cannot be read, or its first line is no JSON object."""
    try:
        with open_regular(path) as stream:
            header = json.loads(stream.readline())
    except (OSError, ValueError):
        return {}
    return header if isinstance(header, dict) else {}


def trusted_json(path: Path, **expected: object) -> tuple[dict[str, Any], Any] | None:
    """The header and the payload's JSON value of the cache file `path` when it is trusted
    (`Headed.checked` with `expected`); None when it is missing, unreadable, foreign,
    damaged, or its payload is no JSON."""
    headed = read_headed_or_empty(path)
    payload = headed.payload_for(**expected)
    try:
        return None if payload is None else (headed.header, json.loads(bytes(payload)))
    except ValueError:
        return None


def head_key(format: int, key: str, head: str) -> str:
    """The key (hex SHA-256) of a cache file holding one HEAD's answers (`keyed_json`):
    its `format`, the history cache's `key` (`history.cache.cache_key`) and the HEAD
    commit `head`."""
    return hashlib.sha256(f"{format}\0{key}\0{head}".encode()).hexdigest()


def keyed_json(path: Path, format: int, key: str) -> dict[str, Any] | None:
    """The JSON object a cache file `path` of `format` holds for `key` (written by
    `write_keyed_json`), its `key` field beside the others; None when the file is missing,
    not trusted (`trusted_json`), or holds no object of that key."""
    trusted = trusted_json(path, format=format)
    kept = None if trusted is None else trusted[1]
    return kept if isinstance(kept, dict) and kept.get("key") == key else None


def write_keyed_json(path: Path, format: int, key: str, fields: dict[str, object]) -> None:
    """Write a cache file of `format` whose payload is one JSON object, `fields` and `key`
    as `key` (keys sorted, no spaces: the same fields give the same bytes), as
    `write_headed` does."""
    payload = json.dumps({"key": key, **fields}, sort_keys=True,
                         separators=(",", ":")).encode()
    write_headed(path, {"format": format}, payload)


def write_headed(path: Path, header: dict[str, object],
                 payload: bytes | atomic.Chunks) -> None:
    """Write a cache file (`payload`, or its parts one after another, after one JSON
    header line: `header` and the SHA-256 of `payload` as `sha256`) atomically, its folder
    made if need be; the parts are never joined (the history cache's, some 5 MB at 11,000
    commits, was copied twice more). Failing to write it
    (a full disk, a read-only folder) only costs speed next time: nothing is raised, and
    nothing is left behind.

    The file it replaces is removed first: a rename over an existing file makes ext4
    (`auto_da_alloc`, its default) write the new file's data to disk before the rename
    returns, 4 ms each on a CI machine's disk. A reader meanwhile finds no cache, and one
    that a crash left short or empty fails its SHA-256: either is a cold run."""
    parts = (payload,) if isinstance(payload, bytes) else payload
    digest = hashlib.sha256()
    for part in parts:
        digest.update(part)
    line = json.dumps({**header, "sha256": digest.hexdigest()}).encode()
    try:
        path.parent.mkdir(exist_ok=True)
        with suppress(OSError):  # none there; a folder (then writing fails too)
            os.unlink(path)
        atomic.write_atomically(path, atomic.Remade(lambda: chain((line, b"\n"), parts)))
    except (OSError, OutputError):
        pass  # the cache is only a shortcut
