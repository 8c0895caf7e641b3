"""git's rename detection among the files a commit deleted and added that nothing else
paired.

`detect_renames` asks a `git diff-tree -M` of its own, limited to the paths asked about.
`RenameDetector` answers the walk over history the same way without a process per commit:
one long-lived `git diff-tree --stdin -M` over the walk's pathspecs diffs each commit
against its first parent, and its answer stands when the files it saw deleted and added
are exactly those asked about. git's rename detection (without `-C` or `-B`) pairs the
deleted files with the added ones and looks at nothing else, so the same files give the
same pairs; when the commit deleted or added other files there (a file left out of the
walk, a pair the walk matched itself), the limited diff answers instead.
"""

from __future__ import annotations

import subprocess
from collections.abc import Iterable, Iterator, Sequence
from io import BufferedReader
from typing import Final, cast

from specrepo.gitio.git_command import Git, stop

_OPTIONS: Final = ("-r", "-M", "--raw", "-z", "--no-abbrev")
_END: Final = b"specrepo-end\n"
"""Written after each request: `git diff-tree --stdin` writes back a line that names no
commit as it is, after the answers before it, so it ends each answer (the answer's
entries all start with `:` and end with NUL)."""
_CHUNK: Final = 1 << 16


def detect_renames(git: Git, parent: str, commit: str | None, deleted: list[str],
                   added: list[str]) -> list[tuple[str, str]]:
    """git's rename detection between `parent` and `commit` (None: the work tree, whose
    files git does not track yet it cannot see), among these paths only: (old path, new
    path) pairs."""
    paths = [f":(top,literal){path}" for path in [*deleted, *added]]
    output = git.run("diff-tree", *_OPTIONS, parent, commit, "--", *paths) \
        if commit is not None else \
        git.run("diff", "-M", "--raw", "-z", "--no-abbrev", "--no-ext-diff", parent, "--",
                *paths)
    return [(old, new) for status, old, new in _entries(output.split(b"\0"))
            if status.startswith(b"R")]


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
    answer is the same (see the module's docstring)."""

    def __init__(self, git: Git, pathspecs: Iterable[str]) -> None:
        self._git = git
        self._pathspecs = tuple(pathspecs)
        self._process: subprocess.Popen[bytes] | None = None
        self._broken = False

    def renames(self, parent: str, commit: str, deleted: list[str],
                added: list[str]) -> list[tuple[str, str]]:
        """(old path, new path) pairs among `deleted` and `added`, as `detect_renames`."""
        answer = self._whole_diff(parent, commit)
        if answer is not None:
            pairs, gone, new = answer
            if gone == set(deleted) and new == set(added):
                return pairs
        return detect_renames(self._git, parent, commit, deleted, added)

    def _whole_diff(self, parent: str, commit: str
                    ) -> tuple[list[tuple[str, str]], set[str], set[str]] | None:
        """The commit's renames, and every file deleted and added (renamed ones included),
        as the long-lived diff sees them; None if it cannot answer (the limited diff says
        why)."""
        if self._broken:
            return None
        if self._process is None:
            self._process = self._git.start("diff-tree", "--stdin", "--no-commit-id",
                                            *_OPTIONS, "--", *self._pathspecs, stdin=True)
        stdin, stdout = self._process.stdin, self._process.stdout
        assert stdin is not None and stdout is not None
        try:
            # One small request, its answer read whole before the next: neither pipe fills.
            stdin.write(f"{commit} {parent}\n".encode() + _END)
            stdin.flush()
            tokens = _answer(cast(BufferedReader, stdout))
        except OSError:
            tokens = None
        if tokens is None:
            self._broken = True
            self.close()
            return None
        pairs, gone, new = [], set(), set()
        for status, old, path in _entries(tokens):
            if status.startswith((b"R", b"D")):
                gone.add(old)
            if status.startswith((b"R", b"A")):
                new.add(path)
            if status.startswith(b"R"):
                pairs.append((old, path))
        return pairs, gone, new

    def close(self) -> None:
        """Stop git, if it was started."""
        if self._process is not None:
            stop(self._process)
            self._process = None


def _answer(stdout: BufferedReader) -> list[bytes] | None:
    """The NUL-separated tokens of one answer, up to the line that ends it; None when git
    stopped before it, or wrote something else."""
    data = b""
    while True:
        tokens = _complete(data)
        if tokens is not _INCOMPLETE:
            return tokens
        chunk = stdout.read1(_CHUNK)
        if not chunk:
            return None
        data += chunk


_INCOMPLETE: Final[list[bytes]] = []


def _complete(data: bytes) -> list[bytes] | None:
    """`data`'s tokens when it holds a whole answer (entries, then `_END`); `_INCOMPLETE`
    while it may still become one; None when it cannot."""
    tokens = []
    position = 0
    while not data.startswith(_END, position):
        if _END.startswith(data[position:]):
            return _INCOMPLETE  # (the start of) the end line, or nothing yet
        if not data.startswith(b":", position):
            return None
        meta_end = data.find(b"\0", position)
        if meta_end < 0:
            return _INCOMPLETE
        for _ in range(1 + _path_count(data[position:meta_end].split(b" ")[-1])):
            end = data.find(b"\0", position)
            if end < 0:
                return _INCOMPLETE
            tokens.append(data[position:end])
            position = end + 1
    return tokens if len(data) == position + len(_END) else None
