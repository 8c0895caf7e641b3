"""Search the tracked files for lines matching a pattern, with `git grep`.

git does the searching: it reads only the files the index tracks (as they are in the work
tree), skips binary ones and runs threads, far faster than a walk of the tree in Python.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from specrepo.gitio.git_command import Git, HistoryError, NotARepositoryError, Started, failure
from specrepo.load.locations import SpecLocation

_NOTHING_FOUND = 1
"""git grep's exit code when no line matched (0: some did; anything else: an error)."""
_RECORD = re.compile(rb"([^\0]*)\0([0-9]+)\0([^\n]*)(?:\n|\Z)")
"""One record of `git grep --null --line-number`: path, line number, line."""
# What `git ls-files --error-unmatch` says of each pathspec that matched nothing (LC_ALL=C).
_UNMATCHED = re.compile(r"^error: pathspec '(.*)' did not match any file\(s\) known to git$",
                        re.MULTILINE)


@dataclass(frozen=True)
class GrepLine:
    """A line git grep found."""

    path: str
    """The file's path from the top of the work tree, `/`-separated (a byte that is not
    UTF-8 as a lone surrogate, PEP 383, as `os.fsdecode` reads it)."""
    number: int
    """1-based."""
    text: str
    """The line without its end, read as UTF-8 (an undecodable byte as U+FFFD)."""


class TrackedFilesGrep:
    """A `git grep`, started now and read later (`lines`): git searches while this process
    does other work; `stop` ends a search whose lines are not wanted any more.

    The lines matching the POSIX extended regular expression `pattern` in the tracked
    text files that match a glob of `include` and none of `exclude` (git's `glob`
    pathspecs, relative to `folder`: `*` stays within a folder, `**` crosses folders, as in
    .gitignore), nor a place of `never` (relative to `folder` too: spec files, say). By
    path, then line, as git prints them. Nothing is searched when `include` is empty.

    The user's git configuration (colour, columns, pattern type, line numbers, full names,
    submodules) changes nothing. Raises `NotARepositoryError` when `folder` is not in a
    work tree, `HistoryError` with git's reason when git fails (a glob outside the
    repository, say).
    Outside a work tree it raises at once."""

    def __init__(self, folder: Path, pattern: str, include: Sequence[str],
                 exclude: Sequence[str] = (), never: Sequence[SpecLocation] = ()) -> None:
        self._started: Started | None = None
        if include:
            git = Git(folder)
            self._started = Started(
                git, "grep", "--no-color", "--no-column", "--line-number", "--null",
                "--full-name", "-I", "--extended-regexp", "--no-recurse-submodules",
                "-e", pattern, "--", *scan_pathspecs(git, include, exclude, never))

    def lines(self) -> list[GrepLine]:
        """The lines found, once git has ended."""
        if self._started is None:
            return []
        completed = self._started.answer()
        if completed.returncode == _NOTHING_FOUND and not completed.stderr.strip():
            return []
        if completed.returncode != 0:
            raise failure(self._started.arguments, completed.stderr)
        return grep_lines(completed.stdout)

    def stop(self) -> None:
        """End git if it still runs."""
        if self._started is not None:
            self._started.stop()


def globs_matching_nothing(folder: Path, globs: Sequence[str]) -> list[str]:
    """The globs of `globs` (git `glob` pathspecs relative to `folder`) that match no
    tracked file, in their order (none asked: none, even outside a repository): one
    `git ls-files --error-unmatch`, which names each pathspec that matched nothing. Raises
    `NotARepositoryError` outside a work tree, `HistoryError` when git fails otherwise."""
    if not globs:
        return []
    git = Git(folder)
    _prefix(git, folder)  # the clear message outside a repository
    pathspecs = {f":(glob){glob}": glob for glob in globs}
    arguments = ("ls-files", "-z", "--error-unmatch", "--", *pathspecs)
    listed = git.attempt(*arguments)
    if listed.returncode == 0:
        return []
    unmatched = set(_UNMATCHED.findall(listed.stderr.decode("utf-8", "surrogateescape")))
    if not unmatched:
        raise failure(arguments, listed.stderr)
    return [glob for pathspec, glob in pathspecs.items() if pathspec in unmatched]


def scan_pathspecs(git: Git, include: Sequence[str], exclude: Sequence[str] = (),
                   never: Sequence[SpecLocation] = ()) -> list[str]:
    """git's pathspecs for the files that match a glob of `include` and none of `exclude`
    (relative to git's folder), nor a place of `never`; raises `NotARepositoryError` when
    the folder is not in a work tree."""
    prefix = _prefix(git, git.folder)
    return [*(f":(glob){glob}" for glob in include),
            *(f":(glob,exclude){glob}" for glob in exclude),
            # A file a place's `exclude:` leaves out is no spec: it may be scanned.
            *(_excluded(pathspec) for place in never
              for pathspec in place.below(prefix).included_pathspecs("top,"))]


def _prefix(git: Git, folder: Path) -> str:
    """Where `folder` is below the top of its work tree (`docs`; empty at the top)."""
    shown = git.attempt("rev-parse", "--show-prefix")
    if shown.returncode != 0:
        message = shown.stderr.decode("utf-8", "replace").strip()
        if "not a git repository" in message:
            raise NotARepositoryError(
                f"{folder} is not inside a git repository; `trace:` scans the files git "
                "tracks, so it needs one (run `git init`, or run specrepo inside a clone)")
        raise HistoryError(f"git cannot read the repository at {folder}: {message}")
    return shown.stdout.decode("utf-8", "surrogateescape").strip().rstrip("/")


def _excluded(pathspec: str) -> str:
    """`:(top,glob)x` as `:(top,glob,exclude)x`."""
    magic, _, path = pathspec[2:].partition(")")
    return f":({magic},exclude){path}"


def grep_lines(output: bytes) -> list[GrepLine]:
    """The records of `git grep --null --line-number` output: `path NUL number NUL line LF`
    (a path may hold a line feed; a line past git's binary check, a NUL). Each path is
    decoded once, however many of its lines were found."""
    lines: list[GrepLine] = []
    paths: dict[bytes, str] = {}
    for record in _RECORD.finditer(output):
        raw = record[1]
        path = paths.get(raw)
        if path is None:
            path = paths[raw] = raw.decode("utf-8", "surrogateescape")  # PEP 383
        lines.append(GrepLine(path, int(record[2]), record[3].decode("utf-8", "replace")))
    return lines
