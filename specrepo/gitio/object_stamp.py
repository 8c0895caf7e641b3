"""Whether the object store provably lost nothing since a presence check passed: its stamp
(`_stamp`), kept with the checks it vouches for in `specrepo/objects-present.json` of the
work tree's git folder, spares git's `cat-file --batch-check` (`vouched_or_asked`).

git deletes an object by removing its file from its `objects/??` folder (which changes the
folder's modification time, gitrepository-layout(5)) or by replacing packs (a repack,
`gc`, `prune`: new pack and index files, the old ones removed); it finds objects through
`objects/info/alternates` and `GIT_OBJECT_DIRECTORY` / `GIT_ALTERNATE_OBJECT_DIRECTORIES`,
and answers for one through replace refs (git-replace(1), unless `GIT_NO_REPLACE_OBJECTS`).
A stamp names each of those (and each loose object file, which a crash can leave empty in
place): a folder's or file's inode, size and modification time (an object file's change
time too), the alternates' content and each alternate store's own stamp, the
environment's variables. A time within `RACY_NS` of the stamp's is not trusted (as git's
index treats racy timestamps): a file system's coarse clock could hide a change made in
the same tick, so such a stamp is not kept and the next run asks git.

A presence check reads only an object's header: an object file damaged in place (a
flipped byte) still passes it. The record also keeps each object file's status, and the
objects of one rewritten or freshened in place since are read in full before the stamp
is kept again, unless the file's bytes match its hash (`object_reread.intact`).
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Callable
from contextlib import suppress
from pathlib import Path
from typing import Final

from specrepo.base import inputs
from specrepo.base.git_state import PRESENCE_CHECK, named_by_id, repository
from specrepo.gitio.git_overrides import git_environment
from specrepo.gitio.object_reread import (
    FileStatuses,
    Rereads,
    file_status,
    read_in_full,
    rewritten,
    settled,
    suspects,
)

RECORD: Final = Path("specrepo") / "objects-present.json"
"""Where a work tree's git folder keeps the last trusted stamp and the checks it vouches
for (`{"stamp": digest, "checked": [digest of the names asked...]}`)."""
RACY_NS: Final = 2_000_000_000
"""A time this close to the stamp's (ns), or later, is not trusted (FAT's clock ticks in
2 s; ext4's, XFS's and APFS's in ns)."""
_KEPT: Final = 8
"""How many checks one stamp vouches for at most (report's, validate's...)."""
_NESTED: Final = 5
"""How deep git follows alternates of alternates (sha1-file.c, `link_alt_odb_entry`)."""
_OBJECT_ID_BYTES: Final = b"0123456789abcdef\n"
_LOCATING: Final = ("GIT_DIR", "GIT_COMMON_DIR")
_STORE_VARIABLES: Final = ("GIT_OBJECT_DIRECTORY", "GIT_ALTERNATE_OBJECT_DIRECTORIES",
                           "GIT_NO_REPLACE_OBJECTS", "GIT_REPLACE_REF_BASE")


class _Untrusted(Exception):
    """A stamp that cannot vouch: a time within `RACY_NS`, or a folder or file that cannot
    be read as git would."""


def vouched_or_asked(folder: str, text: str, asked: Callable[[], bool]) -> bool:
    """Whether git run in `folder` holds every object of `text` (object ids, one a line,
    each ending with a line feed): True without asking when the object store's stamp is
    one a passing check of the same `text` kept (the check told to the run's reader as
    asked, `Reader.ran_git`: a recording run's record asks it again); else `asked()`
    (git's answer), then the objects of files rewritten or freshened in place since the
    record was kept read in full (`object_reread`), and when both pass and `text` names
    objects by id only (whole ids, `id:path`, `id^{tree}`: `git_state.named_by_id`; never
    a ref's name), the stamp taken before them kept. The stamp's reads are not recorded
    (`Reader.unrecorded`): they decide only whether to ask git. Raises
    `batch_names.DamagedObject` for an object git holds but cannot read."""
    environment = git_environment()
    digest = hashlib.sha256(text.encode("utf-8", "surrogateescape")).hexdigest()
    seen = _Seen(inputs.reader.time_ns())
    with inputs.reader.unrecorded():
        try:
            place = _places(folder, environment)
            stamp = None if place is None else _stamp(*place[1:], environment, seen)
        except _Untrusted:
            place = stamp = None
        record = _Record.read(place[0]) if place is not None else _Record()
    if stamp is not None and record.stamp == stamp and digest in record.checked:
        inputs.reader.ran_git(Path(folder), PRESENCE_CHECK,
                              text.encode("utf-8", "surrogateescape"), started=False)
        return True
    if not asked():
        return False
    files, rereads = record.files()
    with inputs.reader.unrecorded():
        suspect = suspects(files, seen.files)
    read_in_full(folder, text, rewritten(suspect, rereads, seen.files, digest))
    if place is not None and (object_ids(text[:-1]) or named_by_id(text)):
        kept = settled(files, rereads, seen.files, suspect, digest)
        with inputs.reader.unrecorded():
            if stamp is not None:
                _keep(place[0], stamp, [digest, *(item for item in record.checked
                                                  if record.stamp == stamp and item != digest)],
                      kept)
            else:  # racy: no stamp, but what was read stays read (`_steady`)
                _keep(place[0], "", [], _steady(kept, seen.now))
    return True


def _steady(kept: tuple[FileStatuses, Rereads], now: int) -> tuple[FileStatuses, Rereads]:
    """The statuses and full reads of `kept` (`object_reread.settled`) but those of files
    whose modification time is within `RACY_NS` of `now` (the stamp's rule, `_status`): a
    racy stamp vouches for nothing, yet a file it found intact (hashed) or read in full
    need not be again while its status holds. Else every run within the margin of a
    commit (CI's, a benchmark's) hashed again each object file written since the last
    stamp kept."""
    def steady(status: str) -> bool:  # "inode size mtime_ns ctime_ns" (`file_status`)
        return int(status.split(" ")[2]) <= now - RACY_NS

    statuses, rereads = kept
    return {path: status for path, status in statuses.items() if steady(status)}, \
        {path: entry for path, entry in rereads.items() if steady(entry[0])}


def object_ids(names: str) -> bool:
    """Whether `names` is object ids of one length, one a line (checked in C: a warm
    run reads tens of thousands; `bytes.translate` takes 1 ms for 45,000, a regular
    expression 7)."""
    width = 41 if names[40:41] in ("", "\n") else 65
    return not names or (not names.encode("ascii", "replace").translate(None, _OBJECT_ID_BYTES)
                         and (len(names) + 1) % width == 0
                         and names.count("\n") == (len(names) + 1) // width - 1
                         and set(names[width - 1::width]) <= {"\n"})


def _places(folder: str, environment: dict[str, str]) -> tuple[Path, Path, Path] | None:
    """The record's file, the common git folder and the object folder of the repository
    git finds from `folder`; None when the environment places them (`GIT_DIR`...: git
    alone knows) or no repository is found."""
    named = environment.get("GIT_OBJECT_DIRECTORY")
    if any(environment.get(name) for name in _LOCATING) or (named and not os.path.isabs(named)):
        return None
    try:
        found = repository(Path(folder))
    except OSError:
        return None
    if found is None:
        return None
    git_folder = found[1]
    common = _read(git_folder / "commondir")
    common_folder = git_folder if common is None \
        else git_folder / os.fsdecode(common.rstrip(b"\n"))
    return git_folder / RECORD, common_folder, Path(named) if named else common_folder / "objects"


class _Seen:
    """What taking a stamp saw besides its digest: the object files' statuses
    (`object_reread.FileStatuses`) and whether a time was within `RACY_NS` of `now`'s."""

    def __init__(self, now: int) -> None:
        self.now, self.racy = now, False
        self.files: FileStatuses = {}


def _stamp(common: Path, objects: Path, environment: dict[str, str], seen: _Seen) -> str | None:
    """The digest of what changes when git loses an object of the repository of common
    git folder `common` and object folder `objects`, git run in `environment` (see the
    module); None when a time is racy (`seen.racy`). Raises `_Untrusted`."""
    parts = [f"{name}={environment.get(name)}" for name in _STORE_VARIABLES]
    for name in ("shallow", "packed-refs", "config"):
        parts.append(_status(common / name, seen, missing=True))
    for place, _, files in inputs.reader.walk(common / "refs" / "replace"):
        parts += [_status(Path(place, name), seen) for name in sorted(files)]
    alternates = environment.get("GIT_ALTERNATE_OBJECT_DIRECTORIES", "")
    for store in [objects, *(Path(path) for path in alternates.split(os.pathsep) if path)]:
        _store_stamp(store, seen, parts, 0)
    return None if seen.racy \
        else hashlib.sha256("\n".join(parts).encode("utf-8", "surrogateescape")).hexdigest()


def _store_stamp(objects: Path, seen: _Seen, parts: list[str], depth: int) -> None:
    """Add to `parts` the stamp of the object folder `objects` and of its alternates."""
    if depth > _NESTED:
        return
    parts.append(f"store {objects} {_status(objects, seen)}")
    try:
        names = sorted(inputs.reader.listdir(objects))
    except OSError:
        raise _Untrusted(objects) from None
    for name in names:
        if len(name) == 2 and not name.encode("ascii", "replace").translate(
                None, _OBJECT_ID_BYTES[:-1]):
            parts += _object_files(objects / name, seen)
    if "pack" in names:
        parts += _object_files(objects / "pack", seen)
    listed = _read(objects / "info" / "alternates") or b""
    parts.append(f"alternates {listed!r}")
    for line in listed.split(b"\n"):
        if line.startswith(b'"'):  # a quoted path: git unquotes it; not worth copying
            raise _Untrusted(objects)
        if line.strip() and not line.startswith(b"#"):
            _store_stamp(objects / os.fsdecode(line.strip()), seen, parts, depth + 1)


def _object_files(folder: Path, seen: _Seen) -> list[str]:
    """The stamp of an `objects/??` or `objects/pack` folder and of each file in it: a
    file emptied or rewritten in place (a crash's "object file ... is empty") changes its
    own time and size, not its folder's. Raises `_Untrusted`."""
    try:
        files = sorted(inputs.reader.listdir(folder))
    except OSError:
        raise _Untrusted(folder) from None
    return [_status(folder, seen), *(_status(folder / name, seen, held=True) for name in files)]


def _status(path: Path, seen: _Seen, *, missing: bool = False, held: bool = False) -> str:
    """`path`'s inode, size and modification time (and change time, for an object file,
    `held`: a damage whose time was set back); "absent" when it is not there and
    `missing` allows it. An object file's status is also noted in `seen.files`,
    a time within `RACY_NS` of `seen.now` in `seen.racy`. Raises `_Untrusted` for a path
    that cannot be examined."""
    try:
        status = inputs.reader.stat(path)
    except FileNotFoundError:
        if missing:
            return f"{path.name} absent"
        raise _Untrusted(path) from None
    except OSError:
        raise _Untrusted(path) from None
    seen.racy = seen.racy or status.st_mtime_ns > seen.now - RACY_NS
    if held:
        seen.files[os.fspath(path)] = file_status(status)
        return f"{path.name} {seen.files[os.fspath(path)]}"
    return f"{path.name} {status.st_ino} {status.st_size} {status.st_mtime_ns}"


class _Record:
    """The record's stamp and the digests of the checks it vouches for (its first line);
    nothing when there is none to read. Its second line, read only when needed, holds
    the object files' statuses and full reads (`object_reread.settled`)."""

    def __init__(self, stamp: str = "", checked: list[str] | None = None,
                 rest: bytes = b"") -> None:
        self.stamp, self.checked, self._rest = stamp, checked or [], rest

    @classmethod
    def read(cls, record: Path) -> _Record:
        try:
            first, _, rest = inputs.reader.read_bytes(record).partition(b"\n")
            kept = json.loads(first)
            stamp, checked = kept["stamp"], kept["checked"]
        except (OSError, ValueError, TypeError, KeyError):
            return cls()
        if not isinstance(stamp, str) or not isinstance(checked, list):
            return cls()
        return cls(stamp, [item for item in checked if isinstance(item, str)], rest)

    def files(self) -> tuple[FileStatuses, Rereads]:
        """The object files' statuses kept, and their full reads; none when unreadable."""
        try:
            files, rereads = json.loads(self._rest) if self._rest else ({}, {})
        except (ValueError, TypeError):
            return {}, {}
        if not isinstance(files, dict) or not isinstance(rereads, dict):
            return {}, {}
        return {path: status for path, status in files.items() if isinstance(status, str)}, \
            {path: (entry[0], entry[1]) for path, entry in rereads.items()
             if isinstance(entry, list) and len(entry) == 2 and isinstance(entry[0], str)
             and isinstance(entry[1], list) and all(isinstance(item, str) for item in entry[1])}


def _keep(record: Path, stamp: str, checked: list[str],
          files: tuple[FileStatuses, Rereads]) -> None:
    """Write the record (atomically; into the cache folder only when it is there): a
    failure only costs a git run next time."""
    if not inputs.reader.isdir(record.parent):
        return
    from specrepo.base.atomic import write_atomically  # noqa: PLC0415 (a replay's rare write)
    from specrepo.base.errors import OutputError  # noqa: PLC0415

    with suppress(OutputError):
        write_atomically(record, json.dumps({"stamp": stamp, "checked": checked[:_KEPT]})
                         + "\n" + json.dumps(files))


def _read(path: Path) -> bytes | None:
    try:
        return inputs.reader.read_bytes(path)
    except FileNotFoundError:
        return None
    except OSError:
        raise _Untrusted(path) from None
