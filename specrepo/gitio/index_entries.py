"""The paths git's index holds and their objects, read from the index file in one read,
without starting git: what the commit being made holds, for the hooks' questions that
would otherwise each start a `git diff-index --cached` or a `git ls-files --stage`."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from specrepo.base import inputs
from specrepo.base.paths import real_path

_SIGNATURE = b"DIRC"
_STAT_BYTES = 40
"""ctime, mtime (seconds and nanoseconds each), dev, ino, mode, uid, gid, size: 10 x 4."""
_EXTENDED = 0x4000
_NAME_LENGTH = 0x0FFF
_STAGE_SHIFT = 12
_DIRECTORY_MODE = 0o040000
_UNREADABLE_EXTENSIONS = frozenset({b"link"})
"""A split index (`link`) keeps most entries in a shared file: not read here."""


def index_file(git_dir: Path, top: Path | None = None) -> Path | None:
    """The index file git reads for the work tree whose git folder is `git_dir` (a linked
    worktree's own) and whose top folder is `top`: `GIT_INDEX_FILE` when set (git gives
    its hooks `.git/index` for a plain commit, and the absolute path of a temporary one
    for `git commit -a` or `git commit PATH`), else `git_dir/index`. A relative
    `GIT_INDEX_FILE` is read from `top` only where this process runs there (as a hook
    does; git reads it from the folder it ran in): else None, unknown here."""
    named = inputs.reader.environment().get("GIT_INDEX_FILE")
    if not named:
        return git_dir / "index"
    if Path(named).is_absolute():
        return Path(named)
    if top is not None and real_path(inputs.reader.cwd()) == real_path(top):
        return top / named
    return None


def index_entries(git_dir: Path, object_format: str,
                  top: Path | None = None) -> Mapping[str, str] | None:
    """Each path the index holds (from the repository's top, at any stage: a conflicted
    file is held) -> its object id (hex; of stage 0, else of its lowest stage), read from
    `index_file` (of `git_dir` and `top`, the work tree's top folder; git's index
    format, versions 2 to 4: Documentation/gitformat-index.txt). `object_format`:
    "sha1" or "sha256". An empty mapping where there is no index file (nothing staged
    yet). None where this reader cannot tell for certain (an index it cannot read, of
    another version, a split index, a sparse index's folder entries, a truncated
    entry): the caller then asks git. Never raises."""
    path = index_file(git_dir, top)
    if path is None:
        return None
    try:
        data = inputs.reader.read_bytes(path)
    except FileNotFoundError:
        return {} if not inputs.reader.environment().get("GIT_INDEX_FILE") else None
    except OSError:
        return None
    try:
        return _parsed(data, 32 if object_format == "sha256" else 20)
    except (IndexError, ValueError, UnicodeDecodeError):
        return None


def _parsed(data: bytes, hash_bytes: int) -> dict[str, str] | None:
    """`index_entries` of an index file's bytes; raises IndexError or ValueError where
    they end early."""
    if len(data) < 12 + hash_bytes or data[:4] != _SIGNATURE:
        return None
    version = int.from_bytes(data[4:8], "big")
    if version not in (2, 3, 4):
        return None
    count = int.from_bytes(data[8:12], "big")
    entries: dict[str, str] = {}
    at, previous = 12, b""
    for _ in range(count):
        mode = int.from_bytes(data[at + 24:at + 28], "big")
        at += _STAT_BYTES
        object_id = data[at:at + hash_bytes].hex()
        at += hash_bytes
        flags = int.from_bytes(data[at:at + 2], "big")
        at += 2
        start = at - _STAT_BYTES - hash_bytes - 2
        if flags & _EXTENDED:
            if version < 3:
                return None
            at += 2
        if version == 4:
            dropped, at = _varint(data, at)
            end = data.index(b"\0", at)
            if dropped > len(previous):
                raise ValueError("a path dropped more than the previous one holds")
            name = previous[:len(previous) - dropped] + data[at:end]
            at = end + 1
        else:
            length = flags & _NAME_LENGTH
            end = at + length if length < _NAME_LENGTH else data.index(b"\0", at)
            name = data[at:end]
            at = start + ((end - start) // 8 + 1) * 8  # 1 to 8 NULs pad each entry
        if mode & 0o170000 == _DIRECTORY_MODE or at > len(data) - hash_bytes:
            return None
        previous = name
        path = name.decode("utf-8", "surrogateescape")
        if (flags >> _STAGE_SHIFT) & 3 == 0 or path not in entries:
            entries[path] = object_id
    return entries if _extensions_readable(data, at, hash_bytes) else None


def _varint(data: bytes, at: int) -> tuple[int, int]:
    """Git's offset varint (`varint.c`: each continued byte adds one) at `at`, and where
    what follows starts."""
    byte = data[at]
    value = byte & 0x7F
    while byte & 0x80:
        at += 1
        byte = data[at]
        value = ((value + 1) << 7) | (byte & 0x7F)
    return value, at + 1


def _extensions_readable(data: bytes, at: int, hash_bytes: int) -> bool:
    """Whether the extensions after the entries (signature, size, data each, up to the
    trailing checksum) leave the entries whole: none of them a split index's `link`."""
    end = len(data) - hash_bytes
    while at + 8 <= end:
        signature, size = data[at:at + 4], int.from_bytes(data[at + 4:at + 8], "big")
        if signature in _UNREADABLE_EXTENSIONS:
            return False
        at += 8 + size
    return at == end
