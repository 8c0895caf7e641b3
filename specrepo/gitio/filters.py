"""Spec files kept through a clean/smudge filter (git-crypt, transcrypt, any `filter=`
attribute but Git LFS's): what git stores is the filter's output, so a historical version
is read through the filter, as `git checkout` would write it.

Every filtered version is read by one `git cat-file --batch --filters` of its driver
(`smudging`); one it does not give is asked alone (`git cat-file --filters --path`), for
git's reason. Git LFS (`filter=lfs`) is left out: its pointers are read from the local LFS store.
"""

from __future__ import annotations

import subprocess
from collections.abc import Iterable
from io import BufferedReader
from pathlib import Path
from typing import Final, cast

from specrepo.gitio.git_command import Git, HistoryError, batches, stop
from specrepo.gitio.shared_batch import shared_check
from specrepo.gitio.smudging import Smudging

_NO_DRIVER: Final = frozenset({"unspecified", "unset", "set", "lfs"})
"""`filter` attribute values that name no filter specrepo runs: none, `-filter`, a bare
`filter` (git runs nothing for them), and Git LFS."""

_BATCH_BYTES: Final = 8192
"""Paths written to `git check-attr` at once at most (within any system's pipe buffer, so
that writing them never waits for git, which may wait for specrepo to read its answers)."""


class FilterAttributes:
    """The filter driver of each path, as git's attributes give it (one `git check-attr
    --stdin -z filter`, started on first use or by `start`, each path asked once; the one
    another gave back within `shared_batch.batch_held`), and blobs read through it. `git`
    runs in the repository's top folder: paths are relative to it."""

    def __init__(self, git: Git) -> None:
        self._git = git
        self._process: subprocess.Popen[bytes] | None = None
        self._known = git.filter_drivers.setdefault(tuple(sorted(git.environment.items())), {})
        self._asked: list[str] = []
        """Paths written to git whose answers are not read yet."""
        self._pending = b""
        self._smudging = Smudging(git)

    @property
    def folder(self) -> Path:
        """The folder git answers in (paths are relative to it)."""
        return self._git.folder

    def start(self) -> None:
        """Start git now (it starts on first use otherwise), so that it gets ready while
        another git process runs: its start is most of what a question costs."""
        if self._process is None:
            self._process = shared_check(self._git).take()

    def driver(self, path: str) -> str | None:
        """The name of the filter `path` goes through; None for none (or Git LFS)."""
        return self.drivers([path]).get(path)

    def drivers(self, paths: Iterable[str]) -> dict[str, str]:
        """The filtered ones among `paths`, each with its filter's name."""
        paths = set(paths)
        self._collect()
        for batch in batches(sorted(paths - self._known.keys()), _BATCH_BYTES):
            self._write(batch)
            self._collect()
        return {path: driver for path in paths
                if (driver := self._known.get(path)) is not None}

    def _write(self, paths: list[str]) -> None:
        if not paths:
            return
        self.start()
        assert self._process is not None and self._process.stdin is not None
        self._process.stdin.write(b"".join(path.encode("utf-8", "surrogateescape") + b"\0"
                                           for path in paths))
        self._process.stdin.flush()
        self._asked += paths

    def _collect(self) -> None:
        """Read the answers to what was asked."""
        if not self._asked:
            return
        assert self._process is not None and self._process.stdout is not None
        paths, self._asked = self._asked, []
        fields = self._pending.split(b"\0")
        while len(fields) <= 3 * len(paths):  # path, "filter", value; and what follows
            chunk = cast(BufferedReader, self._process.stdout).read1(1 << 16)  # what is there
            if not chunk:
                raise HistoryError("git check-attr stopped answering")
            fields[-1:] = (fields[-1] + chunk).split(b"\0")
        self._pending = b"\0".join(fields[3 * len(paths):])
        for path, value in zip(paths, fields[2:3 * len(paths):3], strict=True):
            driver = value.decode("utf-8", "surrogateescape")
            self._known[path] = None if driver in _NO_DRIVER else driver

    def smudged(self, blob: str, path: str, driver: str) -> bytes:
        """A blob's content as the filter `driver` writes it out for `path`; raises
        `HistoryError` when the filter is not set up here or fails (git would otherwise
        hand over what it stores: encrypted text, read as a spec that cannot be read)."""
        if (content := self._smudging.read(blob, path, driver)) is not None:
            return content
        done = self._git.attempt("-c", f"filter.{driver}.required=true", "cat-file",
                                 "--filters", f"--path={path}", blob)
        if done.returncode == 0:
            return done.stdout
        reason = "; ".join(done.stderr.decode("utf-8", "replace").strip().splitlines())
        configured = self._git.attempt(
            "config", "--get-regexp", rf"^filter\.{_escaped(driver)}\.(smudge|process)$")
        why = (f"the filter failed ({reason or 'no message'})" if configured.stdout.strip()
               else f"the filter is not set up here (no filter.{driver}.smudge in git's "
                    "configuration)")
        raise HistoryError(
            f"{path}: git keeps this spec file through the clean/smudge filter '{driver}' "
            f"(its `filter` attribute), and {why}, so its history cannot be read; set the "
            "filter up where specrepo runs (for git-crypt: `git-crypt unlock`) and run again")

    def release(self) -> list[subprocess.Popen[bytes]]:
        """The git processes, if started, for the caller to stop (with others: see
        `stop`): the filters' (`smudging`), and the `check-attr` unless it is kept for the
        next to take (`shared_batch.shared_check`: all its answers read); the next
        question starts another."""
        process, self._process = self._process, None
        answered = not self._asked and not self._pending
        self._asked, self._pending = [], b""
        if process is None or (answered and process.poll() is None
                               and shared_check(self._git).keeps(process)):
            return self._smudging.release()
        return [process, *self._smudging.release()]

    def close(self) -> None:
        """Stop git, if it was started."""
        stop(*self.release())


def _escaped(name: str) -> str:
    """`name` as a literal part of a regular expression for `git config --get-regexp`."""
    return "".join(f"\\{character}" if not character.isalnum() else character
                   for character in name)
