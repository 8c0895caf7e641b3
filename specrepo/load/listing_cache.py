"""The spec files' listing kept between runs: reused while no folder it was read from has
changed, told by each folder's status (`lstat`), as git's index tells a file unchanged.

Which files a location holds (`discover_spec_files`) follows from the names and kinds of
the entries of the folders below where its pattern starts (its base: `specs/`, `keps/`
for `keps/**/kep.yaml`), and from each folder on the way there being the folder it was
(the walk looks each up by name), never from what a file holds. A folder's entries change
only with its status: adding, removing or renaming an entry sets its modification and
change times, a `chmod` or `touch` its change time, and one folder put in another's place
has another inode. So when every such folder (the base, each one below it, hidden ones
too, and each on the way to it; where one on the way is missing, the one above it) has the
status it had before the listing was made, the listing is the same, and one `lstat` a
folder replaces the walk; a new file at the top of the repository changes nothing. A
listing is kept only where that holds whatever the entries are: never with a
symbolic link in those folders (what a link leads to changes without its folder), a
folder that cannot be read, a file location, a pattern that leaves the root (`..`), a base
that holds the git folder (writing the kept file would change it), or on Windows (whose
change time is a file's creation).

Times are as precise as the file system's clock, which may tick in seconds: a folder
changed right after its status was taken could keep the same times (git's racy-clean
entries). Each status is taken before its folder is listed, and a listing is trusted only
when every folder's newest time is older than the listing's start by `RACY_MARGIN`, read
on the machine's clock and, from the kept file's own modification time, on the file
system's (a network file system's clock may be another's): a later change then always
shows as a newer time. A listing made too soon after a change is not kept; the next run
lists again. Watching the folders costs about half a listing, so a first run (no kept
file: a fresh clone's one CI run) only marks that a listing is wanted; the next keeps it.
"""

from __future__ import annotations

import hashlib
import json
import os
import stat
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Final

from specrepo.base import inputs
from specrepo.base.code_digest import code_digest
from specrepo.base.headed_cache import read_headed, write_headed
from specrepo.base.replay_doubts import outdone
from specrepo.load.locations import walked_glob

if TYPE_CHECKING:
    from specrepo.load.spec_files import SpecFileSettings

CACHE_FORMAT: Final = 5
"""2: the hidden folders the listing skipped that hold spec files are kept too; 3: and the
misnamed files (`locations.misnamed`: `x.yaml `) among them; 4: and the `exclude:` globs
that left out a path the listing saw; 5: and the files a glob matched whose names lack a
spec file's ending."""
RACY_MARGIN: Final = 3_000_000_000
"""Nanoseconds a folder's times must lie before a listing's start for it to be kept: more
than the coarsest clock of a common file system (FAT's 2 s) and its lag behind the
machine's time."""
_WILDCARDS: Final = frozenset("*?[\\")

Status = tuple[int, int, int, int, int, int]
"""A folder's `lstat`: inode, device, mode, size, modification and change time (ns)."""


def kept_listing(settings: SpecFileSettings, git_dir: Path | None, variant: str,
                 listed: Callable[[], list[Path]],
                 clock: Callable[[], int] | None = None, *,
                 hidden: list[Path] | None = None,
                 used_excludes: set[str] | None = None) -> list[Path]:
    """`listed()` (the spec files, `discover_spec_files`'s answer for `settings`; `variant`
    names its other arguments), or the answer kept in `git_dir`'s `specrepo/` folder when
    no folder it depends on has changed since (see the module). `git_dir` None: nothing
    kept. `hidden`: the list `listed()` adds the hidden folders it skipped to
    (`discover_spec_files`'s `hidden`), kept with the files and added to it from the kept
    answer alike, so a note on them is the same warm or cold; so are the `exclude:` globs
    `listed()` adds to `used_excludes` (`discover_spec_files`'s). `clock`: the machine's time
    in ns (default: the run's reader's `time_ns`). Raises what `listed` raises (nothing is
    kept then)."""
    root = os.fspath(settings.root)
    bases = _bases(settings)
    if git_dir is None or bases is None or not os.path.isabs(root) or os.name == "nt":
        return listed()  # Windows: a status's "change time" is the folder's creation
    real_root = inputs.reader.realpath(root)
    # a file for each work tree and variant: commands that list alike do not take turns
    path = git_dir / "specrepo" / f"listing-{_digest([real_root, variant])[:16]}.json"
    if _inside_any(inputs.reader.realpath(path.parent), real_root, bases):
        return listed()  # writing the file would change a folder it depends on
    key = _digest([str(CACHE_FORMAT), code_digest(), root, real_root,
                   os.fspath(settings.file or ""), os.fspath(settings.schema_path or ""),
                   variant, *(location.key for location in settings.locations),
                   *_user()])
    clock = clock or inputs.reader.time_ns
    started = clock()
    try:
        kept, recent, ours = _read(path, key, root, started, hidden, used_excludes)
    except FileNotFoundError:  # a first run (a fresh clone's CI job may be the only one):
        write_headed(path, {"format": CACHE_FORMAT}, b"{}")  # the next keeps a listing
        outdone("a listing of the spec files is wanted: the next run keeps it")
        return listed()
    if kept is not None:
        return kept
    if recent:  # a folder changed within the margin: a new listing would not be kept
        return listed()
    statuses = _statuses(root, bases)
    files = listed()
    if statuses is not None:
        newest = max((max(status[4], status[5]) for status in statuses.values()), default=0)
        if newest < started - RACY_MARGIN:
            payload = json.dumps({
                "key": key, "started": started, "written": clock(), "newest": newest,
                "folders": statuses, "files": [os.fspath(file) for file in files],
                "hidden": [os.fspath(folder) for folder in hidden or ()],
                "used": sorted(used_excludes or ()),
            }, separators=(",", ":")).encode("utf-8", "surrogateescape")
            write_headed(path, {"format": CACHE_FORMAT}, payload)
            if ours:  # not in turn with another specrepo's listing: each run would keep
                outdone("a listing of the spec files kept: the next run reads it")
    return files


def _read(path: Path, key: str, root: str, now: int, hidden: list[Path] | None,
          used_excludes: set[str] | None = None) -> tuple[list[Path] | None, bool, bool]:
    """The files kept in `path` for `key` (the hidden folders kept with them added to
    `hidden`, the `exclude:` globs to `used_excludes`), if every folder kept there has its status
    still and the listing was not made too soon after a change on the file system's
    clock; else None (a missing or damaged file, another key or format), and whether a
    folder whose status changed did so within `RACY_MARGIN` of `now` (ns), and whether the
    file is this key's (a listing of its folders as they were, or the mark that one is
    wanted: what this run keeps, the next reads). Raises FileNotFoundError when there is
    no such file."""
    try:
        headed = read_headed(path)
    except FileNotFoundError:
        raise
    except OSError:  # not a regular file (a pipe), unreadable
        return None, False, False
    payload = headed.payload_for(format=CACHE_FORMAT)
    if payload is None:
        return None, False, False
    try:
        kept = json.loads(bytes(payload))
        if kept == {}:
            return None, False, True  # the mark that a listing is wanted
        written_at = headed.written
        if kept["key"] != key or kept["newest"] >= written_at - (
                kept["written"] - kept["started"]) - RACY_MARGIN:
            return None, False, False  # too soon after a change, on the file system's clock
        for relative, status in kept["folders"].items():
            now_status = _status(os.path.join(root, relative))
            if list(now_status) != status:
                return None, max(now_status[4], now_status[5]) >= now - RACY_MARGIN, True
        files = [Path(file) for file in kept["files"]]
        if hidden is not None:
            hidden.extend(Path(folder) for folder in kept["hidden"])
        if used_excludes is not None:
            used_excludes.update(str(glob) for glob in kept["used"])
        return files, False, True
    except (OSError, ValueError, KeyError, TypeError):
        return None, False, False


def _status(folder: str) -> Status:
    found = inputs.reader.lstat(folder)
    return (found.st_ino, found.st_dev, found.st_mode, found.st_size, found.st_mtime_ns,
            found.st_ctime_ns)


def _statuses(root: str, bases: list[str]) -> dict[str, Status] | None:
    """The status of every folder the listing depends on (by its path relative to `root`,
    `.` for the root), each taken before it is listed: each base and each folder below it,
    and each folder on the way there from the root, which the walk only looks up by name
    (its own status tells whether it is still that folder); where one on the way is
    missing, the one above it (its entries tell when it appears). None when the listing
    must not be kept (a symbolic link or an unreadable folder among them)."""
    statuses: dict[str, Status] = {}
    try:
        for base in bases:
            folder = "."
            for name in base.split("/") if base != "." else ():
                inner = os.path.normpath(os.path.join(folder, name))
                try:
                    status = _status(os.path.join(root, inner))
                except FileNotFoundError:
                    statuses[folder] = _status(os.path.join(root, folder))
                    break
                if not stat.S_ISDIR(status[2]):
                    return None  # a link (or something else) where a folder was
                statuses[folder := inner] = status
            else:
                if folder == ".":
                    statuses[folder] = _status(root)
                for below, status in _folders_below(root, folder):
                    statuses[below] = status
    except _Unkept:
        return None
    except OSError:
        return None
    return statuses


class _Unkept(Exception):
    """A folder holds what the kept listing cannot follow (a link, an unreadable entry)."""


def _folders_below(root: str, top: str) -> Iterator[tuple[str, Status]]:
    """Each folder below `top` (relative to `root`, hidden ones too) with its status,
    taken before it is listed; raises `_Unkept` at a symbolic link or an entry whose kind
    cannot be told, OSError when a folder cannot be listed."""
    pending = [top]
    while pending:
        folder = pending.pop()
        with inputs.reader.scandir(os.path.join(root, folder)) as listing:
            entries = list(listing)
        prefix = "" if folder == "." else f"{folder}/"  # as `normpath` names the folders
        for entry in entries:
            try:
                if inputs.reader.entry_is_symlink(entry):
                    raise _Unkept
                if not inputs.reader.entry_is_dir(entry, follow_symlinks=False):
                    continue
            except OSError:
                raise _Unkept from None
            below = prefix + entry.name
            yield below, _status(entry.path)
            pending.append(below)


def _bases(settings: SpecFileSettings) -> list[str] | None:
    """The folders (relative to the root, `/`-separated, `.` for the root itself) below
    which each location's files are found: a folder location's folder, a glob's leading
    parts without wildcards (all but its last part); None when a location cannot be
    kept (a file location; a pattern that is absolute, goes up (`..`) or that
    `Path.glob` reads in its own way)."""
    bases = []
    for location in settings.locations:
        if location.kind == "file":
            return None
        pattern = location.path if location.kind == "folder" else walked_glob(location.glob)
        if location.kind == "glob" and (not pattern or pattern.startswith("/") or "\\" in pattern):
            return None
        named = [part for part in pattern.split("/") if part not in ("", ".")]
        if ".." in named or (location.kind == "glob" and any(
                "**" in part and part != "**" for part in named)):
            return None
        parts = named
        if location.kind == "glob":
            parts = []
            for part in named[:-1]:
                if part == "**" or _WILDCARDS.intersection(part):
                    break
                parts.append(part)
        bases.append("/".join(parts) or ".")
    return bases


def _inside_any(folder: str, real_root: str, bases: list[str]) -> bool:
    """Whether `folder` (a real path) is one of the `bases` below `real_root`, or below one."""
    for base in bases:
        top = os.path.normpath(os.path.join(real_root, base))
        if folder == top or folder.startswith(top.rstrip(os.sep) + os.sep):
            return True
    return False


def _user() -> list[str]:
    """Who lists (folders one user may read, another may not): user, group and groups."""
    if not hasattr(os, "geteuid"):  # pragma: no cover - Windows
        return []
    user, group, groups = inputs.reader.user()
    return [str(user), str(group), *map(str, sorted(groups))]


def _digest(parts: list[str]) -> str:
    digest = hashlib.sha256()
    for part in parts:
        digest.update(part.encode("utf-8", "surrogateescape") + b"\0")
    return digest.hexdigest()
