"""One `git cat-file --batch` for the object readers of one `Git` that are open at once
(`gitio.objects.ObjectReader`): a reader holds it only while answers it asked for are
unread, and gives it back once it has read them all, so that another reader, of the
walk or of a configuration's sides, asks the same git rather than starting its own (a
cold `report` of the benchmark's 11,000 commits started 10). Each git lives no longer
than the readers that could use it: the last one to close stops it, as each stopped its
own before (no git nor thread left running between commands, nor while workers fork).
The filter attributes' `git check-attr` (`gitio.filters.FilterAttributes`) is kept alike
while held (`batch_held`): a reader closed gives its own back for the next to take."""

from __future__ import annotations

import os
import subprocess
import threading
from collections.abc import Iterator
from contextlib import contextmanager

from specrepo.gitio.batch_names import batch_safe, read_answer
from specrepo.gitio.git_command import Git, StoppedAnswering, stop


class SharedBatch:
    """The `cat-file --batch` a `Git`'s open readers share (`shared_batch`). `join` when
    a reader is made and `leave` when it closes; `take` a git to ask (a new one when
    another reader holds the kept one), `give_back` once all its answers are read, or
    `stop` it (`gitio.git_command.stop`) when some may not be. A process forked from the
    one that made it shares nothing: its readers each start their own."""

    def __init__(self, git: Git, command: tuple[str, ...] = ("cat-file", "--batch")) -> None:
        self._git = git
        self._command = command
        """The git it keeps (read from its standard input)."""
        self._kept: subprocess.Popen[bytes] | None = None
        self._open = 0
        self._lock = threading.Lock()
        self._pid = os.getpid()

    def join(self) -> None:
        """A reader that may `take` is open."""
        with self._lock:
            self._open += 1

    def take(self) -> subprocess.Popen[bytes]:
        """A running `git cat-file --batch` none of whose answers are unread, the
        caller's alone until it gives it back: the one kept, else a new one. Raises
        `HistoryError` when git cannot start."""
        kept = None
        with self._lock:
            if self._pid == os.getpid():
                kept, self._kept = self._kept, None
        if kept is not None and kept.poll() is None:
            return kept
        if kept is not None:
            stop(kept)  # ended meanwhile (killed from outside): its successor answers
        return self._git.start(*self._command, stdin=True)

    def give_back(self, process: subprocess.Popen[bytes]) -> None:
        """Keep `process`, every answer asked of it read, for the next reader to `take`;
        stopped when one is kept already or no reader is open."""
        if not self.keeps(process):
            stop(process)

    def keeps(self, process: subprocess.Popen[bytes]) -> bool:
        """`give_back`, but False where it would stop `process`: the caller's to stop."""
        with self._lock:
            keep = self._kept is None and self._open > 0 and self._pid == os.getpid()
            if keep:
                self._kept = process
        return keep

    def last_one(self) -> subprocess.Popen[bytes] | None:
        """The git kept, taken back, when the caller's is the only open reader (it can tell
        git that no more requests come: `ObjectReader.end_requests`); else None."""
        with self._lock:
            if self._open != 1 or self._pid != os.getpid():
                return None
            kept, self._kept = self._kept, None
        return kept

    def leave(self) -> None:
        """A reader closed (what it held given back or stopped): the last one to close
        stops the git kept."""
        kept = None
        with self._lock:
            self._open -= 1
            if self._open <= 0 and self._pid == os.getpid():
                kept, self._kept = self._kept, None
        if kept is not None:
            stop(kept)


def shared_batch(git: Git) -> SharedBatch:
    """`git`'s `SharedBatch` (made on first use, one per `Git`: one repository, one
    object format)."""
    with _MAKING:
        if git.shared_batch is None:
            git.shared_batch = SharedBatch(git)
        return git.shared_batch


def shared_check(git: Git) -> SharedBatch:
    """`git`'s kept `git check-attr --stdin -z filter` (`filters.FilterAttributes`; made
    on first use, one per `Git`: one repository, one environment), kept only within
    `batch_held` (no reader joins it)."""
    with _MAKING:
        if git.shared_check is None:
            git.shared_check = SharedBatch(git, ("check-attr", "--stdin", "-z", "filter"))
        return git.shared_check


_MAKING = threading.Lock()


@contextmanager
def batch_held(git: Git) -> Iterator[None]:
    """Within it, `git`'s object readers, made and closed one after another, ask one
    `cat-file` (`SharedBatch`: the one given back is kept between them), stopped on leaving
    when no reader is open then, and one `check-attr` (`shared_check`), stopped on
    leaving. No process may fork within it."""
    batch, check = shared_batch(git), shared_check(git)
    batch.join()
    check.join()
    try:
        yield
    finally:
        check.leave()
        batch.leave()


def shared_answer(git: Git, name: str, max_bytes: int
                  ) -> tuple[str, str, int, bytes | None] | None:
    """`git cat-file --batch`'s answer for the object `name` (`batch_names.read_answer`:
    its content dropped over `max_bytes`), asked of `git`'s shared one (started for this
    when none is kept: what a git of its own would cost); None when it is missing or git
    cannot tell (a name `cat-file` cannot be asked, git ended)."""
    if not batch_safe(name):
        return None
    batch = shared_batch(git)
    process = batch.take()
    assert process.stdin is not None and process.stdout is not None
    try:
        process.stdin.write(name.encode("utf-8", "surrogateescape") + b"\n")
        process.stdin.flush()
        answer = read_answer(process.stdout, max_bytes, (git.folder, name))
    except (OSError, StoppedAnswering):
        stop(process)
        return None
    batch.give_back(process)
    return answer
