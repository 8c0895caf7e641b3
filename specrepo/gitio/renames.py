"""git's rename detection among the files a commit deleted and added that nothing else
paired.

`detect_renames` asks a `git diff-tree -M` of its own, limited to the paths asked about.
`RenameDetector` answers the walk over history the same way without a process per commit:
one long-lived `git diff-tree --stdin -M` over the walk's pathspecs diffs each commit
against its first parent, and its answer stands when the files it saw deleted and added
are exactly those asked about. git's rename detection (without `-C` or `-B`) pairs the
deleted files with the added ones and looks at nothing else, so the same files give the
same pairs; when the commit deleted or added other files there (a file left out of the
walk, a pair the walk matched itself), the limited diff answers instead. The stream's
thread asks ahead (`ask_ahead`) for the commits that may need it, so that git has answered
by the time the walk asks.
"""

from __future__ import annotations

import subprocess
import threading
from collections import deque
from collections.abc import Iterable, Iterator, Sequence
from io import BufferedReader
from typing import Final, cast

from specrepo.gitio.git_command import Git, stop
from specrepo.gitio.intent_to_add import ITA_INVISIBLE

_OPTIONS: Final = ("-r", "-M", "--raw", "-z", "--no-abbrev")
_END: Final = b"specrepo-end\n"
"""Written after each request: `git diff-tree --stdin` writes back a line that names no
commit as it is, after the answers before it, so it ends each answer (the answer's
entries all start with `:` and end with NUL)."""
_CHUNK: Final = 1 << 16
_AHEAD: Final = 32
"""Requests asked ahead and not read back at most: their few bytes each never fill git's
input, so asking never waits for git, whatever its answers' size."""
_WholeDiff = tuple[list[tuple[str, str]], set[str], set[str]]
"""A commit's renames, and every file it deleted and added (renamed ones included)."""


def detect_renames(git: Git, parent: str, commit: str | None, deleted: list[str],
                   added: list[str]) -> list[tuple[str, str]]:
    """git's rename detection between `parent` and `commit` (None: the commit being made,
    as the index stages it: `staged_renames`, never the work tree, whose unstaged edits
    and deletions the commit will not hold), among these paths only: (old path, new path)
    pairs."""
    if commit is None:
        return staged_renames(git, parent, deleted, added)[0]
    paths = [f":(top,literal){path}" for path in [*deleted, *added]]
    output = git.run("diff-tree", *_OPTIONS, parent, commit, "--", *paths)
    return [(old, new) for status, old, new in _entries(output.split(b"\0"))
            if status.startswith(b"R")]


def staged_renames(git: Git, parent: str, deleted: list[str], added: list[str]
                   ) -> tuple[list[tuple[str, str]], set[str]]:
    """git's rename detection between `parent` and the index (the commit about to be made,
    as the walk's `-M` will pair its files once it is made), among these paths only: its
    (old path, new path) pairs, and the paths of these the index stages deleted or added
    (those renamed too)."""
    paths = [f":(top,literal){path}" for path in [*deleted, *added]]
    pairs, gone, new = _whole(git.run("diff-index", "--cached", ITA_INVISIBLE, *_OPTIONS,
                                      parent, "--", *paths).split(b"\0"))
    return pairs, gone | new


def _entries(tokens: Sequence[bytes]) -> Iterator[tuple[bytes, str, str]]:
    """(status, old path, new path) of each entry of a `--raw -z` diff (the two paths are
    the same but for renames and copies)."""
    index = 0
    while index < len(tokens):
        meta = tokens[index]
        if not meta.startswith(b":"):
            index += 1
            continue
        status = meta.split(b" ")[-1]
        paths = [token.decode("utf-8", "surrogateescape")
                 for token in tokens[index + 1:index + 1 + _path_count(status)]]
        yield status, paths[0], paths[-1]
        index += 1 + len(paths)


def _path_count(status: bytes) -> int:
    """How many paths follow an entry of this status: two for a rename or a copy."""
    return 2 if status.startswith((b"R", b"C")) else 1


class RenameDetector:
    """Answers as `detect_renames` does, for commits against their first parent, through one
    long-lived `git diff-tree --stdin -M` over `pathspecs` (started on first use) where its
    answer is the same (see the module's docstring). `ask_ahead` may be called from another
    thread than the one asking `renames`."""

    def __init__(self, git: Git, pathspecs: Iterable[str]) -> None:
        self._git = git
        self._pathspecs = tuple(pathspecs)
        self._process: subprocess.Popen[bytes] | None = None
        self._broken = False
        self._lock = threading.RLock()
        self._asked: deque[tuple[str, str]] = deque()
        """(commit, parent) of each request whose answer is not read yet, in order."""
        self._answers: dict[tuple[str, str], _WholeDiff] = {}
        self._read = b""
        """What git wrote after the last answer read (the start of the next ones)."""

    def ask_ahead(self, parent: str, commit: str) -> None:
        """Ask git now for what `renames` of `commit` against `parent` will need (its
        answer is read when `renames` asks; not at all if it never does). Skipped while
        `_AHEAD` such requests wait to be read."""
        with self._lock:
            if not self._broken and len(self._asked) < _AHEAD:
                self._ask(parent, commit)

    def renames(self, parent: str, commit: str, deleted: list[str],
                added: list[str]) -> list[tuple[str, str]]:
        """(old path, new path) pairs among `deleted` and `added`, as `detect_renames`."""
        answer = self._whole_diff(parent, commit)
        if answer is not None:
            pairs, gone, new = answer
            if gone == set(deleted) and new == set(added):
                return pairs
        return detect_renames(self._git, parent, commit, deleted, added)

    def _ask(self, parent: str, commit: str) -> None:
        """Write one request (with the lock held); a git that stopped breaks the detector:
        the limited diff answers from then on, and says why."""
        try:
            if self._process is None:
                self._process = self._git.start("diff-tree", "--stdin", "--no-commit-id",
                                                *_OPTIONS, "--", *self._pathspecs,
                                                stdin=True)
            stdin = self._process.stdin
            assert stdin is not None
            stdin.write(f"{commit} {parent}\n".encode() + _END)
            stdin.flush()
            self._asked.append((commit, parent))
        except OSError:
            self._broken = True

    def _whole_diff(self, parent: str, commit: str) -> _WholeDiff | None:
        """The commit's renames, and every file deleted and added (renamed ones included),
        as the long-lived diff sees them; None if it cannot answer (the limited diff says
        why)."""
        key = (commit, parent)
        with self._lock:
            if key not in self._answers and key not in self._asked and not self._broken:
                self._ask(parent, commit)
            if self._broken:
                self.close()
                return None
        while key not in self._answers:
            assert self._process is not None and self._process.stdout is not None
            try:
                tokens, self._read = _answer(cast(BufferedReader, self._process.stdout),
                                             self._read)
            except OSError:
                tokens = None
            with self._lock:
                if tokens is None:
                    self._broken = True
                    self.close()
                    return None
                self._answers[self._asked.popleft()] = _whole(tokens)
        return self._answers.pop(key)

    def close(self) -> None:
        """Stop git, if it was started."""
        with self._lock:
            if self._process is not None:
                stop(self._process)
                self._process = None
            self._asked.clear()
            self._read = b""


def _whole(tokens: Sequence[bytes]) -> _WholeDiff:
    """The renames, deleted and added files of one answer's entries."""
    pairs, gone, new = [], set(), set()
    for status, old, path in _entries(tokens):
        if status.startswith((b"R", b"D")):
            gone.add(old)
        if status.startswith((b"R", b"A")):
            new.add(path)
        if status.startswith(b"R"):
            pairs.append((old, path))
    return pairs, gone, new


def _answer(stdout: BufferedReader, data: bytes) -> tuple[list[bytes] | None, bytes]:
    """The NUL-separated tokens of the next answer, up to the line that ends it (None when
    git stopped before it, or wrote something else), and what git wrote after it (the next
    answers': several may be asked at once), reading on from `data`."""
    while True:
        tokens, position = _complete(data)
        if tokens is not _INCOMPLETE:
            return tokens, data[position:]
        chunk = stdout.read1(_CHUNK)
        if not chunk:
            return None, b""
        data += chunk


_INCOMPLETE: Final[list[bytes]] = []


def _complete(data: bytes) -> tuple[list[bytes] | None, int]:
    """`data`'s first answer's tokens (entries, then `_END`) and where it ends, when it
    holds a whole one; `_INCOMPLETE` while it may still become one; None when it cannot."""
    tokens = []
    position = 0
    while not data.startswith(_END, position):
        if _END.startswith(data[position:]):
            return _INCOMPLETE, 0  # (the start of) the end line, or nothing yet
        if not data.startswith(b":", position):
            return None, 0
        meta_end = data.find(b"\0", position)
        if meta_end < 0:
            return _INCOMPLETE, 0
        for _ in range(1 + _path_count(data[position:meta_end].split(b" ")[-1])):
            end = data.find(b"\0", position)
            if end < 0:
                return _INCOMPLETE, 0
            tokens.append(data[position:end])
            position = end + 1
    return tokens, position + len(_END)
