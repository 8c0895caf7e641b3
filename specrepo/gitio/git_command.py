"""Run git so that nothing in the user's configuration changes what specrepo parses.

Every git process gets the same overrides and environment (`gitio.git_overrides`). A git
that fails is never read as an empty answer: its exit code and message become a
`HistoryError`.
"""

from __future__ import annotations

import re
import subprocess
import threading
import weakref
from collections.abc import Generator, Iterable, Iterator, Sequence
from contextlib import suppress
from io import BufferedReader
from pathlib import Path
from typing import TYPE_CHECKING, Final, cast

from specrepo.base import inputs
from specrepo.base.errors import SpecrepoError
from specrepo.base.pipes import widen_pipe
from specrepo.gitio.git_overrides import git_environment
from specrepo.gitio.object_damage import (
    damage,
    damaged_repository,
    given_lost_words,
    lost_words,
    object_state,
    says_lost,
)

if TYPE_CHECKING:
    from specrepo.gitio.config_log import LineChange
    from specrepo.gitio.shared_batch import SharedBatch
    from specrepo.gitio.watched_log import Logged


class HistoryError(SpecrepoError):
    """The repository cannot give the history asked for."""


class StoppedAnswering(HistoryError):
    """A long-running git ended before it answered everything it was asked."""


class NotARepositoryError(HistoryError):
    """The folder is not inside a git work tree."""


def _not_installed() -> HistoryError:
    return HistoryError(
        "git is not installed or not on PATH; specrepo needs it in a git checkout, even "
        "without --history (it asks git which files are tracked and their attributes: "
        "submodules, Git LFS, filters, conflict-marker-size), and for any history: install "
        "git (in CI, in the image that runs specrepo)")


def _not_started(folder: Path) -> HistoryError:
    """Why git could not start (`FileNotFoundError`): not installed, or (which the error
    does not tell apart) the folder it was to run in is not there."""
    if not inputs.reader.isdir(folder):
        return HistoryError(f"cannot run git in {folder}: there is no such folder")
    return _not_installed()


class Git:
    """git, run in one folder with specrepo's overrides."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.environment = git_environment()
        self.common_dir: Path | None = None
        """The repository's common git folder (`git rev-parse --git-common-dir`), once
        known: it does not change while specrepo runs."""
        self.attributes_file: tuple[bytes, int] | None = None
        """What `git config --get core.attributesFile` printed and its exit code, once
        asked (the repository's readers of commits' attributes all need it; the
        configuration does not change while specrepo runs)."""
        self.filter_drivers: dict[tuple[tuple[str, str], ...], dict[str, str | None]] = {}
        """Each path's `filter` attribute as `git check-attr` answered it
        (`filters.FilterAttributes`), by the environment git ran in: the attributes of
        the work tree do not change while specrepo runs, so the object readers made one
        after another (the departures', the set membership's...) ask git each path once."""
        self.shared_batch: SharedBatch | None = None
        self.shared_check: SharedBatch | None = None
        """Its readers' shared `cat-file --batch` and kept `check-attr` (`gitio.shared_batch`)."""
        self.file_logs: dict[tuple[str, str | None, tuple[str, ...]], list[Logged]] = {}
        """The logs of a few files (the configuration, the schema) asked so far, by head,
        the commit they start after and the files (`gitio.watched_log`): the walk's and the
        departures' read the same history once."""
        self.started_logs: dict[tuple[str, str | None, tuple[str, ...]], Started] = {}
        """Those logs started before they are asked (`watched_log.start_log`), by the same
        key: the first asker takes the answer."""
        self.ids: dict[str, str] = {}
        """One string for each commit id (and person) that git's long answers name, for the
        run: the commit graph, HEAD's line (`graph.line_metas`) and the watched files' log
        (`watched_log`) share them (at 100,000 commits, tens of MB). Not `sys.intern`,
        whose strings Python 3.12.0 to 3.12.4 never free."""
        self.started_ranges: dict[tuple[str, str, str], Started] = {}
        """The logs of a configuration file along a merged branch's line after its fork,
        by tip, path and fork, started before they are asked
        (`config_log.start_range_logs`): the first asker takes the answer."""
        self.line_changes: dict[tuple[str, str], tuple[LineChange, ...]] = {}
        """The changes of a configuration file along a head's whole first-parent line, by
        head and the file's path there, once followed (`config_log.first_parent_changes`):
        the departures and the configuration's line (`history.config_line`) follow it
        once."""

    def attempt(self, *arguments: str,
                stdin: bytes | None = None) -> subprocess.CompletedProcess[bytes]:
        """Run git and return what happened, whatever the exit code."""
        inputs.reader.ran_git(self.folder, arguments, stdin)
        try:
            done = subprocess.run(["git", *arguments], cwd=self.folder, env=self.environment,
                                  input=stdin, capture_output=True, check=False)
        except FileNotFoundError:
            raise _not_started(self.folder) from None
        except OSError as error:
            raise HistoryError(f"cannot run git: {error.strerror}") from None
        if done.returncode != 0 and _REFUSED in done.stderr:
            raise refused(self.folder, done.stderr)
        return done

    def attempt_together(self, *commands: Sequence[str]
                         ) -> list[subprocess.CompletedProcess[bytes]]:
        """Run several gits at once (each waits for no other: on two cores they overlap)
        and return what happened to each, in order, whatever the exit codes."""
        started: list[subprocess.Popen[bytes]] = []
        try:
            for arguments in commands:  # `communicate` reads both streams as they come
                started.append(self.start(*arguments, read_errors=False))
            done = []
            for arguments, process in zip(commands, started, strict=True):
                stdout, stderr = process.communicate()
                done.append(subprocess.CompletedProcess(["git", *arguments],
                                                        process.returncode, stdout, stderr))
            return done
        finally:
            for process in started:  # none left running when one could not start
                if process.returncode is None:
                    stop(process)

    def run(self, *arguments: str, stdin: bytes | None = None) -> bytes:
        """Run git and return its output; a failure raises `HistoryError` with git's reason."""
        completed = self.attempt(*arguments, stdin=stdin)
        if completed.returncode != 0:
            raise failure(arguments, completed.stderr, self.folder)
        complained(completed.stderr, self.folder)
        return completed.stdout

    def text(self, *arguments: str) -> str:
        """Run git and return its output as text, without the final newline."""
        return self.run(*arguments).decode("utf-8", "surrogateescape").rstrip("\n")

    def fields(self, *arguments: str) -> Generator[str, None, None]:
        """Run git and give its output's NUL-separated fields (as `run`'s output decoded
        as UTF-8 with surrogate escapes and split at NUL would: the last one is what
        follows the last NUL), as git writes them: never its whole output at once (a log
        of 100,000 commits is 15 MB of text, and three times that as a list of strings).
        A failure raises `HistoryError` with git's reason once the output is read."""
        return self.fields_of(self.start(*arguments), arguments)

    def fields_of(self, process: subprocess.Popen[bytes], arguments: Sequence[str]
                  ) -> Generator[str, None, None]:
        """`fields` of a git `start` started earlier with `arguments`."""
        stdout = cast(BufferedReader, process.stdout)
        pending = b""
        ended = False
        try:
            while chunk := stdout.read1(_FIELDS_CHUNK):
                *complete, pending = (pending + chunk).split(b"\0")
                for field in complete:
                    yield field.decode("utf-8", "surrogateescape")
            ended = True
        finally:
            if not ended:  # the caller stopped reading, or an error: git is not waited for
                stop(process)
        code, message = process.wait(), error_output(process)
        stop(process)  # its output's pipe closed
        if code != 0:
            raise refused(self.folder, message) if _REFUSED in message \
                else failure(arguments, message, self.folder)
        complained(message, self.folder)
        yield pending.decode("utf-8", "surrogateescape")

    def start(self, *arguments: str, stdin: bool = False,
              read_errors: bool = True) -> subprocess.Popen[bytes]:
        """Start a long-running git whose output is read as it comes. Its standard error
        is read as it comes too (`read_errors_of`; without `read_errors`, the caller
        starts it), so that git never waits for anyone to read its messages (a trace the
        user asked for, warnings) while specrepo waits for its output."""
        inputs.reader.ran_git(self.folder, arguments)
        try:
            process = subprocess.Popen(["git", *arguments], cwd=self.folder,
                                       env=self.environment,
                                       stdin=subprocess.PIPE if stdin else subprocess.DEVNULL,
                                       stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        except FileNotFoundError:
            raise _not_started(self.folder) from None
        except OSError as error:
            raise HistoryError(f"cannot run git: {error.strerror}") from None
        if read_errors:
            read_errors_of(process)
        return process


def read_errors_of(process: subprocess.Popen[bytes]) -> None:
    """Read a started git's standard error as it comes, in a thread (`error_output` has
    it). Not before a fork: a thread running then made the forked process twice as slow."""
    assert process.stderr is not None
    _DRAINS[process] = _Drain(cast(BufferedReader, process.stderr))
    process.stderr = None  # the drain's alone (`communicate` leaves it alone too)


_FIELDS_CHUNK: Final = 1 << 16
"""Bytes `Git.fields` reads at most at once (what the pipe holds, up to this)."""
_KEPT: Final = 1 << 16
"""Bytes of a started git's standard error kept at most (its last ones)."""
_STOPPED_GRACE: Final = 1.0
"""Seconds `stop` waits for a stopped git's message reader to end."""


class _Drain:
    """A started git's standard error, read by a thread of its own as it comes."""

    def __init__(self, stream: BufferedReader) -> None:
        self._kept = b""
        self._thread = threading.Thread(target=self._read, args=(stream,), daemon=True)
        self._thread.start()

    def _read(self, stream: BufferedReader) -> None:
        with suppress(OSError, ValueError), stream:
            while chunk := stream.read1(_KEPT):
                self._kept = (self._kept + chunk)[-_KEPT:]

    def output(self) -> bytes:
        """All of it (its last `_KEPT` bytes), once git and what it started closed it."""
        self._thread.join()
        return self._kept

    def end(self) -> None:
        """Wait for the thread to end, at most `_STOPPED_GRACE` seconds (a process git
        started may hold the stream open after git was stopped)."""
        self._thread.join(_STOPPED_GRACE)


_DRAINS: weakref.WeakKeyDictionary[subprocess.Popen[bytes], _Drain] = \
    weakref.WeakKeyDictionary()


def error_output(process: subprocess.Popen[bytes]) -> bytes:
    """What a git `Git.start` started wrote to its standard error, once it has ended
    (its last 64 KB)."""
    drain = _DRAINS.get(process)
    return drain.output() if drain is not None else b""


class Started:
    """A git started now whose whole answer is read later (`answer`): it runs beside
    whatever this process does meanwhile. Its output pipe is widened where the system
    allows, so that git is not held up before the answer is read; `stop` ends it if it is
    never read."""

    def __init__(self, git: Git, *arguments: str, stdin: bytes | None = None) -> None:
        """`stdin`: written to git's standard input, which is then closed (a few bytes
        git reads before it starts: `grep -f -` patterns)."""
        self.arguments, self.folder = arguments, git.folder
        self.process = git.start(*arguments, stdin=stdin is not None)
        if stdin is not None:
            assert self.process.stdin is not None
            with suppress(OSError), self.process.stdin:  # git ended early: its answer says why
                self.process.stdin.write(stdin)
            self.process.stdin = None  # closed: `communicate` leaves it alone
        widen_output(self.process)

    def answer(self) -> subprocess.CompletedProcess[bytes]:
        """What git wrote and its exit code, whatever it is, once it has ended."""
        stdout, _ = self.process.communicate()  # its standard error: read by a thread
        return subprocess.CompletedProcess(("git", *self.arguments), self.process.returncode,
                                           stdout, error_output(self.process))

    def stop(self) -> None:
        """End git if it still runs (nothing is read any more)."""
        stop(self.process)

    def failure(self, stderr: bytes) -> HistoryError:
        """The error for this git's failure with the message `stderr` (`failure`)."""
        return failure(self.arguments, stderr, self.folder)


def widen_output(process: subprocess.Popen[bytes]) -> None:
    """Widen the pipe a started git writes its answer to, where the system allows, so that
    git is not held up while its reader is busy elsewhere."""
    if process.stdout is not None:
        widen_pipe(process.stdout.fileno())


def batches(requests: Iterable[str], limit: int) -> Iterator[list[str]]:
    """`requests` in batches of at most `limit` bytes each as UTF-8 (with a separator after
    each), at least one request a batch: what is written to a git process at once, so that
    the writing never waits for git (which may wait for its answers to be read)."""
    batch: list[str] = []
    size = 0
    for request in requests:
        length = len(request.encode("utf-8", "surrogateescape")) + 1
        if batch and size + length > limit:
            yield batch
            batch, size = [], 0
        batch.append(request)
        size += length
    if batch:
        yield batch


def stop(*processes: subprocess.Popen[bytes]) -> None:
    """Stop started gits (each killed if it still runs: all of them before waiting for
    the first to end), and close their pipes."""
    for process in processes:
        if process.poll() is None:
            with suppress(OSError):
                process.kill()
    for process in processes:
        process.wait()
        for stream in (process.stdin, process.stdout, process.stderr):
            if stream is not None:
                with suppress(OSError):
                    stream.close()
        if (drain := _DRAINS.get(process)) is not None:
            drain.end()  # no thread of ours left running to keep workers from forking


_REFUSED: Final = b"detected dubious ownership"
"""What git says of a repository it will not read (`safe.directory` in git-config(1)): never
an answer about the repository (not one, no such file...), whichever command asked."""


class RefusedRepositoryError(SpecrepoError):
    """git will not read the repository (`_REFUSED`). Not a `HistoryError`: no reader that
    goes on without git when there is none may take it for that."""


def refused(folder: Path, stderr: bytes) -> RefusedRepositoryError:
    """The error for a repository git will not read, with git's own words (its fix)."""
    reason = stderr.decode("utf-8", "replace").strip()
    return RefusedRepositoryError(f"git cannot read the repository at {folder}: {reason}")


def failure(arguments: Sequence[str], stderr: bytes,
            folder: Path | None = None) -> HistoryError:
    """A failed git's error, in git's words; advice when an object is lost or damaged;
    one git names as missing or damaged worded as any read of it is, asked of git run in
    `folder` (`object_damage.lost_words`: a cold walk's failure as a warm run's check)."""
    if folder is not None and (words := lost_words(Git(folder), stderr)
                               or given_lost_words(Git(folder), stderr)) is not None:
        return HistoryError(words)
    reason = stderr.decode("utf-8", "replace").strip() or "no message"
    if (tree := _BAD_TREE.search(reason)) is not None:  # git names what it was given
        reason = f"git cannot read the tree of {tree[1]}: {object_state(stderr)} ({reason})"
    advice = f"; {damaged_repository()}" if says_lost(stderr) else ""
    return HistoryError(f"git {arguments[0]} failed: {reason}{advice}")


_BAD_TREE: Final = re.compile(r"bad tree object ([0-9a-f]{40,64})\b")
"""What git says when the tree of a commit it was given is lost: it names the commit."""


def finish(process: subprocess.Popen[bytes], arguments: Sequence[str], folder: Path,
           fed: Sequence[str] = (), kind: str = "object") -> None:
    """Wait for a started git, run in `folder`, and the thread reading its messages (one
    still running keeps `base.parallel` from forking workers); raise if it failed, or if
    it said it could not read an object (`complained`: of those `fed` to it, of `kind`)."""
    code = process.wait()
    message = error_output(process)
    if code != 0:
        raise failure(arguments, message, folder)
    complained(message, folder, fed, kind)


def complained(stderr: bytes, folder: Path, fed: Sequence[str] = (),
               kind: str = "object") -> None:
    """Raise `HistoryError` when a git run in `folder` that exited 0 said in `stderr` it
    could not read an object it holds (`object_damage.damage`; nothing is asked when it
    did not) and git cannot read it now: the one it names (`lost_words`), else the
    first of the objects `fed` to it (of `kind`) that does not read in full
    (`object_reread.read_whole`, a `batch_names.DamagedObject`): git 2.47's `diff-tree
    --stdin` writes no record of a commit it cannot read, says only "error: inflate: ..."
    and exits 0 (newuser66b). A complaint about a damaged copy of an object git then read
    whole from another is no damage (newuser65b M1)."""
    if damage(stderr) is None:
        return
    if (words := lost_words(Git(folder), stderr)) is not None:
        raise HistoryError(words)
    from specrepo.gitio.object_reread import read_whole  # noqa: PLC0415 (on a complaint only)

    read_whole(folder, fed, kind)
