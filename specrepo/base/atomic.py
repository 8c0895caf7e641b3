"""Write files whole or not at all: a temporary file in the same folder, then a rename."""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import suppress
from pathlib import Path
from typing import Final, TypeAlias

from specrepo.base import inputs
from specrepo.base.errors import OutputError
from specrepo.base.paths import display_path, outside_why
from specrepo.base.temporary import temporary_file
from specrepo.base.writable_folders import write_refused

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows: no lock, no leftovers removed
    fcntl = None  # type: ignore[assignment]

_UNNAMED: Final = getattr(os, "O_TMPFILE", None) if sys.platform == "linux" else None
"""Opens a file with no name in a folder (Linux 3.11 and later, on most file systems)."""
TEMPORARY_SUFFIX: Final = ".specrepo-tmp"
"""The end of every temporary file's name: `.<name>.p<process id>.<8 random
characters>.specrepo-tmp` (older ones lack the process id)."""
_TEMPORARY_NAME: Final = re.compile(r"\..+\.[a-z0-9_]{8}" + re.escape(TEMPORARY_SUFFIX))
_MADE_BY: Final = re.compile(r"\.p([0-9]+)\.[a-z0-9_]{8}" + re.escape(TEMPORARY_SUFFIX) + "$")


class FileAppeared(OutputError):
    """A file `write_atomically(..., must_be_new=True)` was to create exists: made by
    someone else since the caller looked."""


def is_temporary_name(name: str) -> bool:
    """Whether a file name is that of a temporary file `write_atomically` makes.

    Only a process killed between creating and renaming one (SIGKILL, power loss) leaves
    such a file behind; every other exit removes it.
    """
    return _TEMPORARY_NAME.fullmatch(name) is not None


def _new_file_mode() -> int:
    """The mode `open()` gives a new file: read-write for all, less the process umask."""
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


class Remade:
    """A file's bytes in parts that `make` makes again each time they are iterated, so
    that each is held only while it is hashed or written (the history cache's objects
    read, 15 MB of JSON at 100,000 commits: mem66b)."""

    def __init__(self, make: Callable[[], Iterable[bytes | memoryview]]) -> None:
        self.make = make

    def __iter__(self) -> Iterator[bytes | memoryview]:
        return iter(self.make())


Chunks: TypeAlias = Sequence[bytes | memoryview] | Remade
"""A file's bytes in parts, written one after another (never joined: a cache of tens of
megabytes is not copied whole once more to be written)."""


def write_atomically(path: Path, text: str | bytes | Chunks, *,
                     must_be_new: bool = False) -> None:
    """Write `text` (UTF-8 when it is text; its parts in turn when it is `Chunks`) to
    `path`; with `must_be_new`, refuse to replace an existing file (`FileAppeared`).

    The temporary file is locked (flock) from its creation until it is renamed (or
    removed), so no clean-up of another run ever takes it for a killed writer's leftover
    (`remove_unheld`). Raises OutputError; whatever happens, no temporary file is left
    behind (short of the process being killed: the next clean-up removes it). A new file
    is written with no name at all where the system allows it (`_link_unnamed`).
    """
    data: Chunks = (text.encode("utf-8"),) if isinstance(text, str) \
        else (text,) if isinstance(text, bytes) else text
    if must_be_new and _link_unnamed(path, data):
        return
    descriptor, temporary = _held_temporary(path)
    named = True  # the temporary file still has its name
    try:
        with os.fdopen(descriptor, "wb") as stream:  # closed, so unlocked, after the rename
            try:
                # mkstemp makes the file private (0600); the file it becomes should not be.
                os.chmod(temporary, _new_file_mode())
                stream.writelines(data)
                stream.flush()
                if must_be_new:
                    # link() fails if the name exists: a file created meanwhile is kept.
                    os.link(temporary, path)
                else:
                    os.replace(temporary, path)
                    named = False
            finally:
                if named:
                    with suppress(FileNotFoundError):
                        os.unlink(temporary)
    except FileExistsError:
        raise FileAppeared(f"{path}: already exists; not replaced") from None
    except OSError as error:
        raise OutputError(f"{display_path(path)}: cannot write: {error.strerror}") from None


def _link_unnamed(path: Path, data: Chunks) -> bool:
    """Write `data` to a new file of `path`'s folder that has no name yet (Linux's
    `O_TMPFILE`), then give it the name `path` (`linkat`, which never replaces a file);
    False, nothing written, where the system or the folder cannot (the caller then writes
    a named temporary file, which also says why a folder refuses). Raises `FileAppeared`.

    One change of the folder instead of three (a temporary file made, linked, removed):
    render writes a page at a quarter of the time, and a process killed meanwhile leaves
    no file behind, nor any lock to take."""
    if _UNNAMED is None:
        return False
    try:
        descriptor = os.open(path.parent, _UNNAMED | os.O_WRONLY, 0o666)  # less the umask
    except OSError:  # no such file system (NFS, a kernel before 3.11), or a refusal
        return False
    with os.fdopen(descriptor, "wb") as stream:
        try:
            stream.writelines(data)
            stream.flush()
            # The file's link in /proc, followed (a descriptor given makes Python ask
            # `linkat`, which follows it; an absolute path ignores that descriptor).
            os.link(f"/proc/self/fd/{descriptor}", path, src_dir_fd=descriptor,
                    follow_symlinks=True)
        except FileExistsError:
            raise FileAppeared(f"{path}: already exists; not replaced") from None
        except OSError:  # no /proc, a full disk: the named way says so, or writes it
            return False
    return True


def _held_temporary(path: Path) -> tuple[int, str]:
    """A new temporary file next to `path`, locked: its descriptor and name. Another run's
    clean-up may remove it between its creation and the lock (it is then no killed
    writer's, unlocked); the name is checked to be this file's once locked, else another
    is made. Raises OutputError when the folder cannot hold one."""
    folder = path.parent
    while True:
        try:
            descriptor, temporary = temporary_file(folder, f".{path.name}.p{os.getpid()}.",
                                                   TEMPORARY_SUFFIX)
        except OSError as error:
            missing = folder_problem(folder)
            if missing:
                raise OutputError(f"{display_path(path)}: cannot write: {missing}") from None
            raise write_refused(folder, "write in this folder", error.strerror or str(error),
                                f"{display_path(path)} not written") from None
        if fcntl is None:
            return descriptor, temporary
        try:
            fcntl.flock(descriptor, fcntl.LOCK_EX)
            if _names(temporary, descriptor):
                return descriptor, temporary
        except BaseException:  # Ctrl-C while it waits: none is left behind
            with suppress(OSError):
                os.unlink(temporary)
            os.close(descriptor)
            raise
        os.close(descriptor)  # removed by a clean-up before it was locked


def _names(name: str | Path, descriptor: int) -> bool:
    """Whether the file called `name` is the one open as `descriptor` (not removed)."""
    try:
        named, opened = inputs.reader.lstat(name), inputs.reader.fstat(descriptor)
    except OSError:
        return False
    return (named.st_dev, named.st_ino) == (opened.st_dev, opened.st_ino)


def is_leftover(path: Path) -> bool:
    """Whether the temporary file `path` is a killed writer's leftover: it is there, holds
    something, and no running process holds its lock (`write_atomically`). One gone
    meanwhile (renamed into place) is none, nor an empty one whose writer still runs: it
    is between creating it and locking it (it writes only once locked)."""
    if fcntl is None:
        return inputs.reader.lexists(path)
    try:
        descriptor = inputs.reader.open_descriptor(
            path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK)
    except OSError:
        return False
    try:
        fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
        return inputs.reader.fstat(descriptor).st_size > 0 or not _writer_lives(path.name)
    except OSError:
        return False  # held: being written
    finally:
        os.close(descriptor)


def _writer_lives(name: str) -> bool:
    """Whether the process that made the temporary file `name` (its id in the name:
    `.<name>.p<id>.<random>.specrepo-tmp`) still runs."""
    made_by = _MADE_BY.search(name)
    if made_by is None:
        return False
    try:
        os.kill(int(made_by.group(1)), 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True  # another user's: it runs
    return True


def remove_unheld(path: Path) -> None:
    """Remove the temporary file `path` unless a running writer holds it (its lock, taken
    here while removing, is free: the file is a killed writer's leftover); one already gone
    or that cannot be looked at is left alone. Raises OSError when it cannot be removed."""
    if fcntl is None:
        path.unlink(missing_ok=True)
        return
    try:
        descriptor = inputs.reader.open_descriptor(
            path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK)
    except OSError:
        return
    try:
        try:
            fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            return  # held: being written
        if _names(path, descriptor):
            path.unlink(missing_ok=True)
    finally:
        os.close(descriptor)


def refuse_outside(repository: Path, *folders: Path, named: str = "the repository") -> None:
    """Refuse (OutputError, exit 2) to write in any of `folders` (made when missing) that
    resolves outside `repository` (`named` in messages: `Config.root_named`; a symbolic
    link on its way leads out) or that cannot be
    a folder (a file or a link to nothing in the way). Every command that writes into the
    repository asks this of all the folders it will write in before it writes the first,
    so a refusal leaves nothing half made (README, Safety); render and site decide where
    their output folder is the same way (`outside_why`)."""
    for folder in folders:
        why = outside_why(repository, folder, named)
        if why is not None:
            raise OutputError(f"{display_path(folder)}, {why}: not written in; specrepo "
                              f"writes only inside {named} ({repository})")
        blocked = in_the_way(folder)
        if blocked is not None:
            raise OutputError(f"{display_path(folder)}: cannot write in it: "
                              f"{display_path(blocked[0])} is {blocked[1]}")


def in_the_way(folder: Path) -> tuple[Path, str] | None:
    """What stands where `folder`, or the nearest folder above it that exists, should be a
    folder: that place, and what it is (`not a folder`, `a symbolic link to nothing`); None
    when that nearest one is a folder (or cannot be looked at: the caller's own error says
    why)."""
    for place in (folder, *folder.parents):
        try:
            if inputs.reader.isdir(place):
                return None
            if inputs.reader.lexists(place):
                return place, ("a symbolic link to nothing" if inputs.reader.islink(place)
                               else "not a folder")
        except OSError:
            return None
    return None


def folder_problem(folder: Path) -> str | None:
    """Why `folder` cannot hold files when it is no folder, named: `the folder reports
    does not exist` (the nearest missing one), `reports is not a folder` (`in_the_way`);
    None when it is a folder (or cannot be looked at: the caller's own error says why)."""
    blocked = in_the_way(folder)
    if blocked is not None:
        return f"{blocked[0]} is {blocked[1]}"
    missing = None
    for place in (folder, *folder.parents):
        if inputs.reader.lexists(place):
            break
        missing = place
    return None if missing is None else f"the folder {missing} does not exist"


def make_parent_folders(path: Path) -> None:
    """Make the missing folders above `path`, a file the user named for output (`--junit
    reports/x.xml`), as `mkdir -p` does. Raises OutputError naming the folder that cannot
    be made (a file in the way, no permission)."""
    if inputs.reader.isdir(path.parent):
        return
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        in_the_way = isinstance(error, (FileExistsError, NotADirectoryError))
        why = folder_problem(path.parent) if in_the_way else None
        raise OutputError(f"{path}: cannot make its folder {path.parent}: "
                          f"{why or error.strerror}") from None


def remove_stale_temporaries(folder: Path) -> None:
    """Remove the temporary files in `folder` that no running writer holds (left by a
    process killed while writing: `remove_unheld`); anything that cannot be removed is
    left alone."""
    if fcntl is None:
        return
    try:
        names = [name for name in inputs.reader.listdir(folder) if is_temporary_name(name)]
    except OSError:
        return
    for name in names:
        with suppress(OSError):
            remove_unheld(folder / name)

