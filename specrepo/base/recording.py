"""A reader that records what a run asked of the file system and the clock, and what it
was told (`RecordingReader`), so that a whole-result cache (`base.result_cache`) can ask
each question again (`answer`) and replay the run only when every answer is the same.

A question is a JSON list: its kind and what it names (`["stat", path]`, `["read", path]`,
`["list", path]`...), its answer JSON too, as `base.questions` gives it (which describes
each kind) from the call's own result when recording and from a fresh call when
checking, so the two are comparable by equality.

Not questions: the environment (the cache keys on all of it), `time_ns` (read only to
decide whether a cache may trust a file's status, which never changes the output: the
house rule that output is the same whatever a cache holds), the number of processors
(it decides whether workers are forked, and a run that forks is never stored), `fstat`
of a descriptor opened before (its file is a `read` question). `time()` is kept aside:
the output of `report` and `timeline` depends on it only through whether it is at least
HEAD's commit time (`clock_bound`), which a hit checks; it, and what git told the run, are
kept in `base.outside_record`.

This module is the door's other half: like `base/inputs.py`, it may call the standard
library's readers directly (tests/base/test_inputs_door.py lists both).
"""

from __future__ import annotations

import hashlib
import os
from _thread import get_ident
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import Any, BinaryIO, Final, cast

from specrepo.base.inputs import Reader, StrPath, _package_file
from specrepo.base.outside_record import OutsideRecord
from specrepo.base.questions import (
    Answer,
    answer,
    digest_answer,
    error_answer,
    status_answer,
    walk_answer,
)

_PLAIN: Final = Reader()
"""The standard library's readers (`Reader`'s), which the recording reader asks."""
Question = tuple[Any, ...]


def _then_raise(found: list[Path], error: OSError) -> Iterator[Path]:
    """`found`, then `error` raised, as `Path.glob` gave them."""
    yield from found
    raise error


class _Listing:
    """A folder's entries read whole (`os.scandir`'s iterator, as a context manager)."""

    def __init__(self, entries: list[os.DirEntry[str]]) -> None:
        self._entries = iter(entries)

    def __iter__(self) -> Iterator[os.DirEntry[str]]:
        return self._entries

    def __next__(self) -> os.DirEntry[str]:
        return next(self._entries)

    def __enter__(self) -> _Listing:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()

    def close(self) -> None:
        self._entries = iter(())


class RecordingReader(Reader):
    """`Reader`, each answer recorded (`questions`), what git and the clock told
    (`outside`), and why the run cannot be stored (`doubts`: a question answered two
    ways, a file read that is not settled, a git command or a process the cache does not
    cover). Overrides every method of `Reader` (tests/base/test_result_cache.py checks
    it). `started_ns`: when the run started (`time.time_ns`)."""

    def __init__(self, started_ns: int, excluded: Sequence[str] = ()) -> None:
        self.started_ns = started_ns
        self.excluded = tuple(excluded)
        """Folders whose paths are not recorded: the caches' own (the output is the same
        whatever a cache holds)."""
        self.questions: dict[Question, Answer] = {}
        self.read_later: dict[str, None] = {}
        """The files read through a stream or descriptor, digested at the end (`_read`)."""
        self.doubts: list[str] = []
        self.outside = OutsideRecord(self.doubts)
        self._unrecorded: set[int] = set()  # the threads in an `unrecorded` block

    @property
    def git_folders(self) -> list[str]:
        """The folder of each git process the run started (`OutsideRecord.git_folders`)."""
        return self.outside.git_folders

    @property
    def presence(self) -> list[list[str]]:
        """The presence checks a hit asks git again (`OutsideRecord.presence`), complete
        once `finish`ed."""
        return self.outside.presence

    @contextmanager
    def unrecorded(self) -> Iterator[None]:
        """A block whose reads by this thread are not recorded (`Reader.unrecorded`)."""
        self._unrecorded.add(get_ident())
        try:
            yield
        finally:
            self._unrecorded.discard(get_ident())

    def _note(self, question: Question, found: Answer) -> None:
        if self._skipped(question):
            return
        known = self.questions.setdefault(question, found)
        if known != found:
            self.doubts.append(f"{question!r} answered twice, differently")

    def _skipped(self, question: Question) -> bool:
        """Whether `question` is not recorded: the caches' own folder's, or `unrecorded`."""
        return (bool(self._unrecorded) and get_ident() in self._unrecorded) or (
            len(question) > 1 and isinstance(question[1], str) and any(
                question[1] == folder or question[1].startswith(folder + os.sep)
                for folder in self.excluded))

    def _ask(self, kind: str, path: StrPath, function: Callable[[], Any]) -> Any:
        try:
            found = function()
        except OSError as error:
            self._note((kind, os.fspath(path)), error_answer(error))
            raise
        return found

    def _status_of(self, kind: str, path: StrPath) -> None:
        """Record the status of `path` (once: a status asked again within the run is
        answered by the first answer; a file changed meanwhile is not settled); `kind` is
        `kind` or `lkind` for a test of a path, which answers from the kind of file alone (a
        folder's times change with every entry added anywhere in it, `/tmp`, a home
        folder: no part of that answer; a listing the run made is its own question)."""
        question = (kind, os.fspath(path))
        if question not in self.questions and not self._skipped(question):
            self.questions[question] = answer(question)

    def _read(self, path: StrPath) -> None:
        """Note that the run read `path` through a stream or descriptor: its digest is
        taken when the run is stored (`finish`), not now (a run not stored pays nothing),
        and its status then, which must be settled: a file changed since the run
        started is not."""
        question = ("read", os.fspath(path))
        if question not in self.questions and not self._skipped(question):
            self.read_later[os.fspath(path)] = None

    def finish(self) -> None:
        """Answer the questions left for the end (`_read`), and name the objects read
        (`OutsideRecord.finish`)."""
        for path in self.read_later:
            self.questions.setdefault(("read", path), digest_answer(path))
            self._status_of("stat", path)
        self.read_later.clear()
        self.outside.finish()

    # files, as pathlib reads them
    def read_bytes(self, path: Path) -> bytes:
        found: bytes = self._ask("read", path, lambda: _PLAIN.read_bytes(path))
        if not self._skipped(("read", os.fspath(path))):
            self._note(("read", os.fspath(path)), hashlib.sha256(found).hexdigest())
            self._status_of("stat", path)
        return found

    def read_text(self, path: Path, encoding: str | None = None,
                  errors: str | None = None) -> str:
        found: str = self._ask("read", path,
                               lambda: _PLAIN.read_text(path, encoding, errors))
        self._read(path)
        return found

    def iterdir(self, path: Path) -> Iterator[Path]:
        names = self._ask("list", path, lambda: os.listdir(path))
        self._note(("list", os.fspath(path)), names)
        return iter([path / name for name in names])

    def glob(self, path: Path, pattern: str) -> Iterator[Path]:
        found: list[Path] = []
        try:
            found.extend(_PLAIN.glob(path, pattern))
        except OSError as error:
            self._note(("glob", os.fspath(path), pattern), error_answer(error))
            return _then_raise(found, error)
        self._note(("glob", os.fspath(path), pattern), [str(each) for each in found])
        return iter(found)

    def absolute(self, path: Path) -> Path:
        found = _PLAIN.absolute(path)
        self._note(("absolute", os.fspath(path)), str(found))
        return found

    def expanduser(self, path: Path) -> Path:
        self._note(("expanduser", os.fspath(path)), answer(("expanduser", os.fspath(path))))
        return _PLAIN.expanduser(path)

    def cwd(self) -> Path:
        found = _PLAIN.cwd()
        self._note(("cwd",), str(found))
        return found

    # the file system, as os reads it
    def stat(self, path: StrPath) -> os.stat_result:
        found: os.stat_result = self._ask("stat", path, lambda: _PLAIN.stat(path))
        self._note(("stat", os.fspath(path)), status_answer(found))
        return found

    def lstat(self, path: StrPath) -> os.stat_result:
        found: os.stat_result = self._ask("lstat", path, lambda: _PLAIN.lstat(path))
        self._note(("lstat", os.fspath(path)), status_answer(found))
        return found

    def fstat(self, descriptor: int) -> os.stat_result:
        return _PLAIN.fstat(descriptor)  # its file: a `read` question (see the module)

    def open_descriptor(self, path: StrPath, flags: int) -> int:
        found: int = self._ask("read", path, lambda: _PLAIN.open_descriptor(path, flags))
        self._read(path)
        return found

    def exists(self, path: StrPath) -> bool:
        self._status_of("kind", path)
        return _PLAIN.exists(path)

    def lexists(self, path: StrPath) -> bool:
        self._status_of("lkind", path)
        return _PLAIN.lexists(path)

    def isfile(self, path: StrPath) -> bool:
        self._status_of("kind", path)
        return _PLAIN.isfile(path)

    def isdir(self, path: StrPath) -> bool:
        self._status_of("kind", path)
        return _PLAIN.isdir(path)

    def islink(self, path: StrPath) -> bool:
        self._status_of("lkind", path)
        return _PLAIN.islink(path)

    def realpath(self, path: StrPath) -> str:
        found = _PLAIN.realpath(path)
        self._note(("realpath", os.fspath(path)), found)
        return found

    def readlink(self, path: StrPath) -> str:
        found: str = self._ask("readlink", path, lambda: _PLAIN.readlink(path))
        self._note(("readlink", os.fspath(path)), found)
        return found

    def abspath(self, path: StrPath) -> str:
        found = _PLAIN.abspath(path)
        self._note(("abspath", os.fspath(path)), found)
        return found

    def access(self, path: StrPath, mode: int) -> bool:
        found = _PLAIN.access(path, mode)
        self._note(("access", os.fspath(path), mode), found)
        return found

    def scandir(self, path: StrPath) -> os._ScandirIterator[str]:
        with self._ask("list", path, lambda: _PLAIN.scandir(path)) as listing:
            entries = list(listing)
        self._note(("list", os.fspath(path)), [entry.name for entry in entries])
        return cast("os._ScandirIterator[str]", _Listing(entries))

    def listdir(self, path: StrPath) -> list[str]:
        found: list[str] = self._ask("list", path, lambda: _PLAIN.listdir(path))
        self._note(("list", os.fspath(path)), list(found))
        return found

    def names_caseless(self, path: StrPath, names: frozenset[str]) -> list[str]:
        question = ("caseless", os.fspath(path), tuple(sorted(names)))
        try:
            found = _PLAIN.names_caseless(path, names)
        except OSError as error:
            self._note(question, error_answer(error))
            raise
        self._note(question, list(found))
        return found

    def walk(self, top: StrPath, topdown: bool = True,
             onerror: Callable[[OSError], object] | None = None,
             followlinks: bool = False) -> Iterator[tuple[str, list[str], list[str]]]:
        self._note(("walk", os.fspath(top), followlinks), walk_answer(os.fspath(top), followlinks))
        return _PLAIN.walk(top, topdown, onerror, followlinks)

    def getcwd(self) -> str:
        found = _PLAIN.getcwd()
        self._note(("cwd",), found)
        return found

    def which(self, name: str, mode: int = os.F_OK | os.X_OK,
              path: str | None = None) -> str | None:
        found = _PLAIN.which(name, mode, path)
        self._note(("which", name, mode, path), found)
        return found

    # a folder's entries, asked as their paths' status
    def entry_is_dir(self, entry: os.DirEntry[str], *, follow_symlinks: bool = True) -> bool:
        self._status_of("kind" if follow_symlinks else "lkind", entry.path)
        return _PLAIN.entry_is_dir(entry, follow_symlinks=follow_symlinks)

    def entry_is_file(self, entry: os.DirEntry[str], *, follow_symlinks: bool = True) -> bool:
        self._status_of("kind" if follow_symlinks else "lkind", entry.path)
        return _PLAIN.entry_is_file(entry, follow_symlinks=follow_symlinks)

    def entry_is_symlink(self, entry: os.DirEntry[str]) -> bool:
        self._status_of("lkind", entry.path)
        return _PLAIN.entry_is_symlink(entry)

    def entry_stat(self, entry: os.DirEntry[str]) -> os.stat_result:
        found = self._ask("stat", entry.path, lambda: _PLAIN.entry_stat(entry))
        self._note(("stat", entry.path), status_answer(found))
        return cast(os.stat_result, found)

    # the clock
    def time(self) -> float:
        found = _PLAIN.time()
        self.outside.clock_reads.append(found)
        return found

    def time_ns(self) -> int:
        return _PLAIN.time_ns()  # trust only (see the module)

    def today(self) -> date:
        found = _PLAIN.today()
        self._note(("today",), found.isoformat())
        return found

    # streams, the package's files, the machine
    def open_binary(self, path: StrPath) -> BinaryIO:
        found: BinaryIO = self._ask("read", path, lambda: _PLAIN.open_binary(path))
        self._read(path)
        return found

    def package_bytes(self, package: str, *names: str) -> bytes:
        self._package_read(package, names)
        return _PLAIN.package_bytes(package, *names)

    def package_text(self, package: str, *names: str, encoding: str) -> str:
        self._package_read(package, names)
        return _PLAIN.package_text(package, *names, encoding=encoding)

    def _package_read(self, package: str, names: tuple[str, ...]) -> None:
        found = _package_file(package, names)
        if isinstance(found, Path):
            self._read(found)
        else:  # inside an archive: not a file this reader can ask about again
            self.doubts.append(f"package data {package}/{'/'.join(names)} is no file")

    def user(self) -> tuple[int, int, list[int]]:
        found = _PLAIN.user()
        self._note(("user",), [found[0], found[1], list(found[2])])
        return found

    def environment(self) -> Any:
        return _PLAIN.environment()  # the cache keys on all of it

    def processors(self) -> int:
        return _PLAIN.processors()  # decides forks only; a run that forks is not kept

    # what the run's git and clock depend on (`OutsideRecord`)
    def ran_git(self, folder: Path, arguments: Sequence[str], stdin: bytes | None = None,
                *, started: bool = True) -> None:
        self.outside.ran_git(folder, arguments, stdin, started=started)

    def read_object(self, folder: Path, name: str, answered: str | None) -> None:
        self.outside.read_object(folder, name, answered)

    def clock_bound(self, bound: int | None) -> None:
        self.outside.clock_bound(bound)
