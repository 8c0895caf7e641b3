"""Who made many commits and when, through one long-lived git instead of one each.

`commit_meta` starts a `git show -s` for one commit (about 1.5 ms of git's processor time
and a process start in this one, on the walk's path). `CommitMetas` answers the same
through one `git diff-tree --stdin -s --always` with the same format (`META_FORMAT`), started
on first use: `diff-tree` formats a commit it reads from its input as `show` does (the
same pretty-printer: the mailmap for `%aN`/`%aE`, the output encoding), and `--always`
makes it write a commit with no diff. A line that names no commit is written back as it
is, and flushed: it ends each answer. `ask_ahead` (from any thread) asks before the answer
is needed, so that git has written it by the time `meta` reads it.
"""

from __future__ import annotations

import subprocess
import threading
from collections import deque
from io import BufferedReader
from typing import Final, cast

from specrepo.gitio.git_command import Git, stop
from specrepo.gitio.graph import META_FORMAT, CommitMeta, commit_meta, parsed_meta

_END: Final = b"specrepo-end\n"
"""Written after each commit asked: `git diff-tree --stdin` writes it back as it is (it
names no commit), after the commit's line, and flushes its output."""
_AHEAD: Final = 32
"""Commits asked ahead whose answers are not read yet, at most: their answers (a few
hundred bytes each) never fill git's output, so git never waits to write one."""
_CHUNK: Final = 1 << 16
_FIELDS: Final = META_FORMAT.count("%x00") + 1


class CommitMetas:
    """`commit_meta` of the commits asked, from one long-lived git. `ask_ahead` may be
    called from another thread than `meta`. A git that cannot start or stops early is not
    asked again: `commit_meta` answers (and raises as it does)."""

    def __init__(self, git: Git) -> None:
        self._git = git
        self._process: subprocess.Popen[bytes] | None = None
        self._broken = False
        self._lock = threading.Lock()
        self._asked: deque[str] = deque()
        """The commits whose answers git has not been read for, in the order asked."""
        self._answers: dict[str, CommitMeta] = {}
        self._read = b""
        """What git wrote after the last answer read."""

    def ask_ahead(self, commit: str) -> None:
        """Ask git now about `commit` (its answer is read when `meta` asks for it).
        Skipped while `_AHEAD` answers wait to be read, or once asked."""
        with self._lock:
            if len(self._asked) < _AHEAD and commit not in self._answers \
                    and commit not in self._asked:
                self._ask(commit)

    def meta(self, commit: str) -> CommitMeta:
        """Author, times and parents of `commit`, as `commit_meta` gives them."""
        with self._lock:
            if commit not in self._asked and commit not in self._answers:
                self._ask(commit)
        while commit not in self._answers and not self._broken:
            self._read_answer()
        found = self._answers.pop(commit, None)
        return found if found is not None else commit_meta(self._git, commit)

    def _ask(self, commit: str) -> None:
        """Write one request (the lock held); a git that stopped breaks the reader."""
        if self._broken:
            return
        try:
            if self._process is None:
                self._process = self._git.start("diff-tree", "--stdin", "-s", "--always",
                                                f"--format={META_FORMAT}", stdin=True)
            stdin = self._process.stdin
            assert stdin is not None
            stdin.write(commit.encode() + b"\n" + _END)
            stdin.flush()
            self._asked.append(commit)
        except OSError:
            self._broken = True

    def _read_answer(self) -> None:
        """Read git's next answer; on no answer (git stopped, or wrote something else),
        break the reader."""
        assert self._process is not None and self._process.stdout is not None
        stdout = cast(BufferedReader, self._process.stdout)
        while (end := self._read.find(b"\n" + _END)) < 0:
            try:
                chunk = stdout.read1(_CHUNK)
            except OSError:
                chunk = b""
            if not chunk:
                self._break()
                return
            self._read += chunk
        answer, self._read = self._read[:end], self._read[end + 1 + len(_END):]
        fields = answer.decode("utf-8", "surrogateescape").split("\0")
        if len(fields) != _FIELDS:
            self._break()
            return
        with self._lock:
            commit = self._asked.popleft()
            self._answers[commit] = parsed_meta(commit, fields)

    def _break(self) -> None:
        with self._lock:
            self._broken = True
            self._asked.clear()

    def close(self) -> None:
        """Stop git, if it was started."""
        with self._lock:
            if self._process is not None:
                stop(self._process)
                self._process = None
            self._broken = True
            self._asked.clear()

