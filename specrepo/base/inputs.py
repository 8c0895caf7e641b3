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

Methods keep the semantics of the call each stands for, named after it: `read_bytes`,
`read_text`, `iterdir`, `glob`, `absolute`, `expanduser`, `cwd` are `pathlib.Path`'s;
`exists`, `lexists`, `isfile`, `isdir`, `islink` are `os.path`'s (which answer False on
any error, where pathlib's raise before Python 3.14 on a path that cannot be examined: a
folder on its way that cannot be searched, a name too long); `stat`, `lstat`, `fstat`,
`scandir`, `listdir`, `walk`, `realpath`, `readlink`, `abspath`, `access`, `getcwd`,
`open_descriptor` are `os`'s. The module reader of the run is `inputs.reader`. Writes
stay where they are (see the test's list of them).
"""

from __future__ import annotations

import os
import shutil
import time as _time
from collections.abc import Callable, Iterator, Mapping, Sequence
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
    them: each method is the standard library's own function (a static method: no frame
    of ours between the caller and the read, so the door costs a warm run nothing), with
    its arguments, answers and errors; a recording reader overrides the ones it records.
    """

    if TYPE_CHECKING:  # the signatures the package calls them with
        # files, as pathlib reads them: `read_bytes(path)` is `path.read_bytes()`, which
        # raise (`OSError`, `UnicodeDecodeError`)
        def read_bytes(self, path: Path) -> bytes: ...
        def read_text(self, path: Path, encoding: str | None = None,
                      errors: str | None = None) -> str: ...
        def iterdir(self, path: Path) -> Iterator[Path]: ...
        def glob(self, path: Path, pattern: str) -> Iterator[Path]: ...
        def absolute(self, path: Path) -> Path: ...  # the working folder before it
        def expanduser(self, path: Path) -> Path: ...  # `HOME`, or the user database
        def cwd(self) -> Path: ...

        # the file system, as os reads it: `stat(path)` is `os.stat(path)`; `exists`,
        # `lexists`, `isfile`, `isdir`, `islink` answer False on any error, as os.path's
        def stat(self, path: StrPath) -> os.stat_result: ...
        def lstat(self, path: StrPath) -> os.stat_result: ...
        def fstat(self, descriptor: int) -> os.stat_result: ...  # opened before
        def open_descriptor(self, path: StrPath, flags: int) -> int: ...  # O_RDONLY
        def exists(self, path: StrPath) -> bool: ...
        def lexists(self, path: StrPath) -> bool: ...
        def isfile(self, path: StrPath) -> bool: ...
        def isdir(self, path: StrPath) -> bool: ...
        def islink(self, path: StrPath) -> bool: ...
        def realpath(self, path: StrPath) -> str: ...
        def readlink(self, path: StrPath) -> str: ...
        def abspath(self, path: StrPath) -> str: ...  # the working folder before it
        def access(self, path: StrPath, mode: int) -> bool: ...
        def scandir(self, path: StrPath) -> os._ScandirIterator[str]: ...
        def listdir(self, path: StrPath) -> list[str]: ...
        def walk(self, top: StrPath, topdown: bool = True,
                 onerror: Callable[[OSError], object] | None = None,
                 followlinks: bool = False) -> Iterator[tuple[str, list[str], list[str]]]: ...
        def getcwd(self) -> str: ...
        def which(self, name: str, mode: int = os.F_OK | os.X_OK,
                  path: str | None = None) -> str | None: ...  # a program on a path

        # a folder's entries (from `scandir`): `entry_is_dir(entry)` is `entry.is_dir()`
        def entry_is_dir(self, entry: os.DirEntry[str], *,
                         follow_symlinks: bool = True) -> bool: ...
        def entry_is_file(self, entry: os.DirEntry[str], *,
                          follow_symlinks: bool = True) -> bool: ...
        def entry_is_symlink(self, entry: os.DirEntry[str]) -> bool: ...
        def entry_stat(self, entry: os.DirEntry[str]) -> os.stat_result: ...

        # the clock: `time()` and `time_ns()` since the epoch, `today()` the local date
        def time(self) -> float: ...
        def time_ns(self) -> int: ...
        def today(self) -> date: ...
    else:  # the standard library's functions themselves
        read_bytes = staticmethod(Path.read_bytes)
        read_text = staticmethod(Path.read_text)
        iterdir = staticmethod(Path.iterdir)
        glob = staticmethod(Path.glob)
        absolute = staticmethod(Path.absolute)
        expanduser = staticmethod(Path.expanduser)
        cwd = staticmethod(Path.cwd)
        stat = staticmethod(os.stat)
        lstat = staticmethod(os.lstat)
        fstat = staticmethod(os.fstat)
        open_descriptor = staticmethod(os.open)
        # os.path's, not pathlib's (see the module: trial43b, a traceback on `chmod 000`)
        exists = staticmethod(os.path.exists)
        lexists = staticmethod(os.path.lexists)
        isfile = staticmethod(os.path.isfile)
        isdir = staticmethod(os.path.isdir)
        islink = staticmethod(os.path.islink)
        realpath = staticmethod(os.path.realpath)
        readlink = staticmethod(os.readlink)
        abspath = staticmethod(os.path.abspath)
        access = staticmethod(os.access)
        scandir = staticmethod(os.scandir)
        listdir = staticmethod(os.listdir)
        walk = staticmethod(os.walk)
        getcwd = staticmethod(os.getcwd)
        which = staticmethod(shutil.which)
        entry_is_dir = staticmethod(os.DirEntry.is_dir)
        entry_is_file = staticmethod(os.DirEntry.is_file)
        entry_is_symlink = staticmethod(os.DirEntry.is_symlink)
        entry_stat = staticmethod(os.DirEntry.stat)
        time = staticmethod(_time.time)
        time_ns = staticmethod(_time.time_ns)
        today = staticmethod(date.today)

    @contextmanager
    def unrecorded(self) -> Iterator[None]:
        """A block whose reads (by this thread) a recording reader does not record: for
        what only decides whether to ask git something the run's record asks again anyway
        (`gitio.object_stamp`). This reader records nothing."""
        yield

    def open_binary(self, path: StrPath) -> BinaryIO:
        """`open(path, "rb")`, a stream to read. Raises `OSError`."""
        return open(path, "rb")

    def names_caseless(self, path: StrPath, names: frozenset[str]) -> list[str]:
        """The names of `path`'s entries that are one of `names` (case folded) in any case,
        sorted (`os.listdir`'s, filtered): a question of a few names, not of the whole
        folder, whose other entries come and go. Raises `OSError`."""
        return caseless_names(path, names)

    # the package's own files, the environment, the machine
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

    def ran_git(self, folder: Path, arguments: Sequence[str], stdin: bytes | None = None,
                *, started: bool = True) -> None:
        """Told by `gitio.git_command.Git` before each git it starts (in `folder`, with
        `arguments`, and `stdin` when its whole input is known), and (`started` False) of
        a presence check the object store's stamp answered without git
        (`gitio.object_stamp`): a recording reader notes what the run's git answers depend
        on (`base.recording`); this reader, nothing."""

    def read_object(self, folder: Path, name: str, answered: str | None) -> None:
        """Told by `gitio.batch_names.read_answer` of each answer of a `git cat-file
        --batch` run in `folder`: the object `name` asked, and the id git answered (None:
        no such object; "": git stopped answering). A recording reader keeps what a hit
        must find again (`base.recording`); this reader, nothing."""

    def clock_bound(self, bound: int | None) -> None:
        """Told by a command whose output depends on the clock (`time`) only through
        whether it is at least `bound` (Unix seconds; None: not at all): a recording reader
        keeps it for the hit's check (`base.recording`); this reader, nothing."""

    def processors(self) -> int:
        """How many cores this process may run on (`os.process_cpu_count`, else its CPU
        affinity, else `os.cpu_count`), at least one."""
        if hasattr(os, "process_cpu_count"):  # Python 3.13
            return os.process_cpu_count() or 1
        if hasattr(os, "sched_getaffinity"):
            return len(os.sched_getaffinity(0)) or 1
        return os.cpu_count() or 1


def caseless_names(path: StrPath, names: frozenset[str]) -> list[str]:
    """`Reader.names_caseless`, which a recording reader's question asks again."""
    return sorted(name for name in os.listdir(path) if name.casefold() in names)


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
