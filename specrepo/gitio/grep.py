"""Search the tracked files for lines matching a pattern, with `git grep`.

git does the searching: it reads only the files the index tracks (as they are in the work
tree), skips binary ones and runs threads, far faster than a walk of the tree in Python.
Text git cannot search (UTF-16 and UTF-32 with a byte order mark, files with a
`working-tree-encoding`, text a `diff` attribute makes binary) is decoded and read here
(`encoded_text`), and so are the files tracked symbolic links lead to (`tracked_links`).
What is not read is named (`PassedOver`): a binary file that matched, a link not followed.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path
from typing import Literal

from specrepo.base.deferred_dataclass import dataclass
from specrepo.base.paths import real_path
from specrepo.gitio.encoded_text import (
    WIDE_BOM_PATTERNS,
    WITHOUT_ENCODING,
    EncodedFiles,
    grep_answer,
    passed_over_text,
)
from specrepo.gitio.git_command import (
    Git,
    HistoryError,
    Started,
    failure,
)
from specrepo.gitio.repository import not_a_repository
from specrepo.gitio.tracked_links import TrackedLinks, Unfollowed
from specrepo.load.locations import SpecLocation

_RECORD = re.compile(rb"Binary file ((?:(?! matches\n)[^\0])*) matches\n"
                     rb"|([^\0]*)\0([0-9]+)\0([^\n]*)(?:\n|\Z)")
"""One record of `git grep --null --line-number`: a binary file that matched (its path), or
a path, a line number and a line."""
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


PassedOverReason = Literal["binary"] | Unfollowed
"""Why a tracked file was not searched: its content is binary (a NUL byte among its first
bytes), or it is a symbolic link not followed (`tracked_links.Unfollowed`)."""


@dataclass(frozen=True)
class PassedOver:
    """A tracked file a search did not read as text: a binary file that matched, or a link
    not followed (every one, matched or not: what it leads to was not read)."""

    path: str
    """As `GrepLine.path`."""
    reason: PassedOverReason
    lines: tuple[GrepLine, ...] = ()
    """A binary file's lines that hold something, read as UTF-8: whoever searched can tell
    whether something there reads as what was sought."""


@dataclass(frozen=True)
class GrepFound:
    """What a search found: the lines, by path then line, and the files it passed over."""

    lines: list[GrepLine]
    passed_over: list[PassedOver]


class TrackedFilesGrep:
    """A `git grep`, started now and read later (`lines`): git searches while this process
    does other work; `stop` ends a search whose lines are not wanted any more.

    The lines matching the POSIX extended regular expression `pattern` in the tracked
    text files that match a glob of `include` and none of `exclude` (git's `glob`
    pathspecs, relative to `folder`: `*` stays within a folder, `**` crosses folders, as in
    .gitignore), nor a place of `never` (relative to `folder` too: spec files, say). By
    path, then line, as git prints them. Nothing is searched when `include` is empty.
    A file in UTF-16 or UTF-32 with a byte order mark, or with a `working-tree-encoding`
    attribute, is decoded, and a text file a `diff` attribute makes binary to git is read:
    all its lines come, after git's (`pattern` is for git's byte-wise search; the caller's
    finder is the judge). So are the lines of the file a tracked symbolic link leads to
    inside the work tree, at the link's path; a link leading elsewhere is passed over, as
    is a binary file (`found`).

    The user's git configuration (colour, columns, pattern type, line numbers, full names,
    submodules) changes nothing. Raises `NotARepositoryError` when `folder` is not in a
    work tree, `HistoryError` with git's reason when git fails (a glob outside the
    repository, say).
    Outside a work tree it raises at once."""

    def __init__(self, folder: Path, pattern: str, include: Sequence[str],
                 exclude: Sequence[str] = (), never: Sequence[SpecLocation] = ()) -> None:
        self._started: Started | None = None
        self._encoded: EncodedFiles | None = None
        self._links: TrackedLinks | None = None
        self._found: GrepFound | None = None
        self._top = folder
        if include:
            git = Git(folder)
            prefix = _prefix(git, folder)
            self._top = _top(folder, prefix)
            self._started = Started(
                git, "grep", "--no-color", "--no-column", "--line-number", "--null",
                "--full-name", "--extended-regexp", "--no-recurse-submodules",
                "-e", pattern, "-f", "-", "--",
                *_pathspecs(prefix, include, exclude, never, f"glob,{WITHOUT_ENCODING}"),
                stdin=WIDE_BOM_PATTERNS)
            self._encoded = EncodedFiles(git, _pathspecs(prefix, include, exclude, never))
            self._links = TrackedLinks(git, _pathspecs(prefix, include, (), ()),
                                       _pathspecs(prefix, include, exclude, never))

    @property
    def top(self) -> Path:
        """The work tree's top folder (real path), which the paths found are from."""
        return self._top

    def lines(self) -> list[GrepLine]:
        """The lines found, once git has ended (`found`'s)."""
        return self.found().lines

    def followed(self) -> dict[str, str]:
        """Each tracked link searched as the file it leads to: its path, and that file's
        from the top of the work tree (`/`-separated), once git has listed the links."""
        if self._links is None:
            return {}
        return {path: target.relative_to(self._top).as_posix()
                for path, target in self._links.targets(self._top)
                if isinstance(target, Path)}

    def found(self) -> GrepFound:
        """The lines found and the files passed over, once git has ended."""
        if self._found is None:
            self._found = self._read()
        return self._found

    def _read(self) -> GrepFound:
        if self._started is None or self._encoded is None or self._links is None:
            return GrepFound([], [])
        found, passed_over = grep_records(grep_answer(self._started), self._top)
        more = [GrepLine(*line) for line in self._encoded.lines(self._top)]
        for path, target in self._links.targets(self._top):
            if not isinstance(target, Path):
                passed_over.append(PassedOver(path, target))
                continue
            lines, binary = passed_over_text(target, path)
            read = [GrepLine(path, number, text) for number, text in lines]
            if binary:
                passed_over.append(PassedOver(path, "binary", tuple(read)))
            else:
                more.extend(read)
        if more:
            found = sorted((*found, *more), key=lambda line: (line.path, line.number))
        return GrepFound(found, sorted(passed_over, key=lambda file: file.path))

    def stop(self) -> None:
        """End git if it still runs."""
        for started in (self._started, self._encoded, self._links):
            if started is not None:
                started.stop()


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
        raise failure(arguments, listed.stderr, folder)
    return [glob for pathspec, glob in pathspecs.items() if pathspec in unmatched]


def scan_pathspecs(git: Git, include: Sequence[str], exclude: Sequence[str] = (),
                   never: Sequence[SpecLocation] = ()) -> list[str]:
    """git's pathspecs for the files that match a glob of `include` and none of `exclude`
    (relative to git's folder), nor a place of `never`; raises `NotARepositoryError` when
    the folder is not in a work tree."""
    return _pathspecs(_prefix(git, git.folder), include, exclude, never)


def _pathspecs(prefix: str, include: Sequence[str], exclude: Sequence[str],
               never: Sequence[SpecLocation], magic: str = "glob") -> list[str]:
    """`scan_pathspecs`, for a folder at `prefix` below the work tree's top; `magic`: the
    included globs' pathspec magic."""
    return [*(f":({magic}){glob}" for glob in include),
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
            raise not_a_repository(folder, shown.stderr, "`trace:` scans the files git "
                                   "tracks, so it needs one")
        raise HistoryError(f"git cannot read the repository at {folder}: {message}")
    return shown.stdout.decode("utf-8", "surrogateescape").strip().rstrip("/")


def _excluded(pathspec: str) -> str:
    """`:(top,glob)x` as `:(top,glob,exclude)x`."""
    magic, _, path = pathspec[2:].partition(")")
    return f":({magic},exclude){path}"


def grep_lines(output: bytes, top: Path | None = None) -> list[GrepLine]:
    """The lines of `grep_records`."""
    return grep_records(output, top)[0]


def grep_records(output: bytes, top: Path | None = None
                 ) -> tuple[list[GrepLine], list[PassedOver]]:
    """The records of `git grep --null --line-number` output: `path NUL number NUL line LF`
    (a path may hold a line feed; a line past git's binary check, a NUL), or `Binary file
    path matches LF`. Each path is decoded once, however many of its lines were found. A
    file git calls binary is read below `top`, the work tree's top folder (none: not read,
    nor named), and gives all its lines when it is text (`passed_over_text`: a wide byte
    order mark, or only an attribute makes it binary); a binary one is passed over.
    Raises `HistoryError` when such a file cannot be read."""
    lines: list[GrepLine] = []
    passed_over: list[PassedOver] = []
    paths: dict[bytes, str] = {}
    for record in _RECORD.finditer(output):
        raw = record[1] if record[1] is not None else record[2]
        path = paths.get(raw)
        if path is None:
            path = paths[raw] = raw.decode("utf-8", "surrogateescape")  # PEP 383
        if record[1] is None:
            lines.append(GrepLine(path, int(record[3]), record[4].decode("utf-8", "replace")))
        elif top is not None:
            text, binary = passed_over_text(top / path, raw.decode("utf-8", "replace"))
            read = [GrepLine(path, number, line) for number, line in text]
            if binary:
                passed_over.append(PassedOver(path, "binary", tuple(read)))
            else:
                lines.extend(read)
    return lines, passed_over


def _top(folder: Path, prefix: str) -> Path:
    """The work tree's top folder, from `folder` below it at `prefix` (`git rev-parse
    --show-prefix`, the real path's)."""
    top = real_path(folder)
    for _ in Path(prefix).parts:
        top = top.parent
    return top
