"""The paths git's index holds and their objects, read from the index file in one read,
without starting git: what the commit being made holds, for the hooks' questions that
would otherwise each start a `git diff-index --cached` or a `git ls-files --stage`."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from pathlib import Path

from specrepo.base import inputs
from specrepo.base.paths import real_path

_SIGNATURE = b"DIRC"
_STAT_BYTES = 40
"""ctime, mtime (seconds and nanoseconds each), dev, ino, mode, uid, gid, size: 10 x 4."""
_EXTENDED = 0x4000
_NAME_LENGTH = 0x0FFF
_STAGE_BITS = 0x3000
_DIRECTORY_NIBBLE = 0o040000 >> 12
"""The high four bits of a folder entry's mode (its third byte's high nibble)."""
MAX_INDEX_BYTES = 512 * 1024
"""The largest index file read here (about 5,000 entries): parsing one costs about half a
microsecond an entry in Python, so a larger one is left to git, whose one process costs
less than that."""
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
    entry; one larger than `MAX_INDEX_BYTES`): the caller then asks git. Never raises."""
    path = index_file(git_dir, top)
    if path is None:
        return None
    try:
        if inputs.reader.stat(path).st_size > MAX_INDEX_BYTES:
            return None
        data = inputs.reader.read_bytes(path)
    except FileNotFoundError:
        return {} if not inputs.reader.environment().get("GIT_INDEX_FILE") else None
    except OSError:
        return None
    try:
        return _parsed(data, 32 if object_format == "sha256" else 20)
    except (IndexError, ValueError):
        return None


class IndexEntries(Mapping[str, str]):
    """The index's paths (from the top) -> their object ids (hex), kept as the index
    file's bytes and each name's offset of its object id: a look-up decodes only the
    entry asked for (a warm run asks about a few paths of thousands)."""

    def __init__(self, data: bytes, offsets: dict[bytes, int], hash_bytes: int) -> None:
        self._data, self._offsets, self._hash_bytes = data, offsets, hash_bytes

    def __getitem__(self, path: str) -> str:
        at = self._offsets[path.encode("utf-8", "surrogateescape")]
        return self._data[at:at + self._hash_bytes].hex()

    def __contains__(self, path: object) -> bool:
        return isinstance(path, str) \
            and path.encode("utf-8", "surrogateescape") in self._offsets

    def __iter__(self) -> Iterator[str]:
        return (name.decode("utf-8", "surrogateescape") for name in self._offsets)

    def __len__(self) -> int:
        return len(self._offsets)


def _parsed(data: bytes, hash_bytes: int) -> IndexEntries | None:
    """`index_entries` of an index file's bytes; raises IndexError or ValueError where
    they end early."""
    if len(data) < 12 + hash_bytes or data[:4] != _SIGNATURE:
        return None
    version = int.from_bytes(data[4:8], "big")
    if version not in (2, 3, 4):
        return None
    offsets: dict[bytes, int] = {}
    at, previous, last = 12, b"", len(data) - hash_bytes
    flags_at = _STAT_BYTES + hash_bytes  # from an entry's start
    for _ in range(int.from_bytes(data[8:12], "big")):
        start, flags = at, data[at + flags_at] << 8 | data[at + flags_at + 1]
        if data[at + 26] >> 4 == _DIRECTORY_NIBBLE:  # mode 040000: a sparse index's folder
            return None
        at += flags_at + 2
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
        if at > last:
            return None
        previous = name
        if not flags & _STAGE_BITS or name not in offsets:  # stage 0, else the lowest
            offsets[name] = start + _STAT_BYTES
    return IndexEntries(data, offsets, hash_bytes) \
        if _extensions_readable(data, at, hash_bytes) else None


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
