"""The one door through which the package reads the file system, the environment and the
clock, as `gitio.git_command.Git` is the one door for git processes.

Each read the package makes outside its arguments goes through a `Reader` method (a test,
tests/base/test_inputs_door.py, refuses the raw calls anywhere else in `specrepo/`), so
that a later reader can record what a run read (path, what was asked, the answer) and a
whole-result cache can be keyed on it. The reader is run-scoped, not passed down: one
process runs one command, and the many readers of one run (listing, configuration, the
git folder's probes) sit below functions that take no `Git` either; `reading_through`
swaps it for a block (a recording run, a test). Worker processes forked by
`base.parallel` read through the reader they inherited; a recording reader must not
fill a cache from a run that started workers.

Methods keep the semantics of the call each stands for, named after it: `exists`,
`is_file`, `is_dir`, `is_symlink` are `pathlib.Path`'s (which raise on errors other than
"not there"); `os_exists`, `lexists`, `isfile`, `isdir`, `islink` are `os.path`'s (which
answer False on any error); `stat`, `lstat`, `fstat`, `scandir`, `listdir`, `walk`,
`realpath`, `abspath`, `access`, `getcwd`, `open_descriptor` are `os`'s. The module
reader of the run is `inputs.reader`. Writes stay where they are (see the
test's list of them).
"""

from __future__ import annotations

import os
import shutil
import time as _time
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO

if TYPE_CHECKING:
    from importlib.abc import Traversable

StrPath = str | os.PathLike[str]
"""A path as the `os` functions take it."""


class Reader:
    """The file system, the environment and the clock, read as the standard library reads
    them (the methods are its calls, unchanged)."""

    # -- files, as pathlib reads them -------------------------------------------------
    def read_bytes(self, path: Path) -> bytes:
        """`path.read_bytes()`. Raises `OSError`."""
        return path.read_bytes()

    def read_text(self, path: Path, encoding: str | None = None,
                  errors: str | None = None) -> str:
        """`path.read_text(encoding, errors)`. Raises `OSError`, `UnicodeDecodeError`."""
        return path.read_text(encoding, errors)

    def open_binary(self, path: StrPath) -> BinaryIO:
        """`open(path, "rb")`, a stream to read. Raises `OSError`."""
        return open(path, "rb")

    def exists(self, path: Path) -> bool:
        """`path.exists()` (links followed; raises `OSError` other than "not there")."""
        return path.exists()

    def is_file(self, path: Path) -> bool:
        """`path.is_file()`."""
        return path.is_file()

    def is_dir(self, path: Path) -> bool:
        """`path.is_dir()`."""
        return path.is_dir()

    def is_symlink(self, path: Path) -> bool:
        """`path.is_symlink()`."""
        return path.is_symlink()

    def iterdir(self, path: Path) -> Iterator[Path]:
        """`path.iterdir()`. Raises `OSError` when iterated."""
        return path.iterdir()

    def glob(self, path: Path, pattern: str) -> Iterator[Path]:
        """`path.glob(pattern)`. Raises `ValueError` for a pattern pathlib refuses."""
        return path.glob(pattern)

    def absolute(self, path: Path) -> Path:
        """`path.absolute()` (the working folder joined before a relative path)."""
        return path.absolute()

    def expanduser(self, path: Path) -> Path:
        """`path.expanduser()` (`HOME`, or the user database). Raises `RuntimeError`."""
        return path.expanduser()

    def cwd(self) -> Path:
        """`Path.cwd()`, the working folder. Raises `OSError` (it was removed)."""
        return Path.cwd()

    # -- the file system, as os reads it ----------------------------------------------
    def stat(self, path: StrPath) -> os.stat_result:
        """`os.stat(path)` (links followed). Raises `OSError`."""
        return os.stat(path)

    def lstat(self, path: StrPath) -> os.stat_result:
        """`os.lstat(path)`. Raises `OSError`."""
        return os.lstat(path)

    def fstat(self, descriptor: int) -> os.stat_result:
        """`os.fstat(descriptor)`, of a file opened before. Raises `OSError`."""
        return os.fstat(descriptor)

    def open_descriptor(self, path: StrPath, flags: int) -> int:
        """`os.open(path, flags)` for reading (`O_RDONLY` and its modifiers). Raises
        `OSError`."""
        return os.open(path, flags)

    def os_exists(self, path: StrPath) -> bool:
        """`os.path.exists(path)`."""
        return os.path.exists(path)

    def lexists(self, path: StrPath) -> bool:
        """`os.path.lexists(path)`."""
        return os.path.lexists(path)

    def isfile(self, path: StrPath) -> bool:
        """`os.path.isfile(path)`."""
        return os.path.isfile(path)

    def isdir(self, path: StrPath) -> bool:
        """`os.path.isdir(path)`."""
        return os.path.isdir(path)

    def islink(self, path: StrPath) -> bool:
        """`os.path.islink(path)`."""
        return os.path.islink(path)

    def realpath(self, path: StrPath) -> str:
        """`os.path.realpath(path)`."""
        return os.path.realpath(path)

    def abspath(self, path: StrPath) -> str:
        """`os.path.abspath(path)` (the working folder joined before a relative path)."""
        return os.path.abspath(path)

    def access(self, path: StrPath, mode: int) -> bool:
        """`os.access(path, mode)`."""
        return os.access(path, mode)

    def scandir(self, path: StrPath) -> os._ScandirIterator[str]:
        """`os.scandir(path)`, a context manager too. Raises `OSError`."""
        return os.scandir(path)

    def listdir(self, path: StrPath) -> list[str]:
        """`os.listdir(path)`. Raises `OSError`."""
        return os.listdir(path)

    def walk(self, top: StrPath, onerror: Callable[[OSError], object] | None = None,
             followlinks: bool = False) -> Iterator[tuple[str, list[str], list[str]]]:
        """`os.walk(top, onerror=onerror, followlinks=followlinks)`."""
        return os.walk(top, onerror=onerror, followlinks=followlinks)

    def getcwd(self) -> str:
        """`os.getcwd()`. Raises `OSError`."""
        return os.getcwd()

    def which(self, name: str, path: str | None) -> str | None:
        """`shutil.which(name, path=path)`: the program on the search path `path`."""
        return shutil.which(name, path=path)

    # -- a folder's entries (from `scandir`) --------------------------------------------
    def entry_is_dir(self, entry: os.DirEntry[str], follow_symlinks: bool = True) -> bool:
        """`entry.is_dir(follow_symlinks=follow_symlinks)`."""
        return entry.is_dir(follow_symlinks=follow_symlinks)

    def entry_is_file(self, entry: os.DirEntry[str], follow_symlinks: bool = True) -> bool:
        """`entry.is_file(follow_symlinks=follow_symlinks)`."""
        return entry.is_file(follow_symlinks=follow_symlinks)

    def entry_is_symlink(self, entry: os.DirEntry[str]) -> bool:
        """`entry.is_symlink()`."""
        return entry.is_symlink()

    def entry_stat(self, entry: os.DirEntry[str]) -> os.stat_result:
        """`entry.stat()` (links followed). Raises `OSError`."""
        return entry.stat()

    # -- the package's own files, the environment, the machine, the clock ---------------
    def package_bytes(self, package: str, *names: str) -> bytes:
        """The bytes of the package data file `names` of `package`
        (`importlib.resources`). Raises `OSError`."""
        return _package_file(package, names).read_bytes()

    def package_text(self, package: str, *names: str, encoding: str) -> str:
        """The text of the package data file `names` of `package`, read as
        `importlib.resources`' `read_text(encoding=encoding)` reads it (newlines
        translated). Raises `OSError`, `UnicodeDecodeError`."""
        return _package_file(package, names).read_text(encoding=encoding)

    def user(self) -> tuple[int, int, list[int]]:
        """Who this process is: its effective user id, group id and its groups
        (`os.geteuid`, `os.getegid`, `os.getgroups`; POSIX only)."""
        return os.geteuid(), os.getegid(), os.getgroups()

    def environment(self) -> Mapping[str, str]:
        """The process's environment (`os.environ`)."""
        return os.environ

    def processors(self) -> int:
        """How many cores this process may run on (`os.process_cpu_count`, else its CPU
        affinity, else `os.cpu_count`), at least one."""
        if hasattr(os, "process_cpu_count"):  # Python 3.13
            return os.process_cpu_count() or 1
        if hasattr(os, "sched_getaffinity"):
            return len(os.sched_getaffinity(0)) or 1
        return os.cpu_count() or 1

    def time(self) -> float:
        """`time.time()`, the clock in seconds since the epoch."""
        return _time.time()

    def time_ns(self) -> int:
        """`time.time_ns()`, the clock in ns since the epoch."""
        return _time.time_ns()

    def today(self) -> date:
        """`date.today()`, the local date."""
        return date.today()


def _package_file(package: str, names: tuple[str, ...]) -> Traversable:
    """The package data file `names` of `package` (`importlib.resources`)."""
    from importlib import resources  # noqa: PLC0415 (not on --version's path)

    found = resources.files(package)
    for name in names:
        found = found.joinpath(name)
    return found


reader = Reader()
"""The reader this run reads through: read it as `inputs.reader` at each call (never
imported by name, which would keep the reader of the import's time)."""


@contextmanager
def reading_through(chosen: Reader) -> Iterator[Reader]:
    """Read through `chosen` inside the block (this process, every thread), then through
    the reader before."""
    global reader  # noqa: PLW0603 (the run-scoped reader; see the module)
    before, reader = reader, chosen
    try:
        yield chosen
    finally:
        reader = before
