"""The tracked symbolic links among the files a search reads, and where each leads: `git
grep` passes over a link (it searches regular files only), though the file it leads to is
what a test runner runs at the link's path (pytest reports a linked test module there).

A link is followed to a file inside the work tree (outside `.git`); one that leads out of
the work tree (text git does not track), to a folder, or to nothing (a broken link, a
loop) is not, and the caller names it.

The links are listed with `git ls-files`, by the included globs only: git 2.39's ls-files
drops files an exclude pathspec does not match once a glob pathspec is given
(`:(glob)tests/**` with `:(exclude)zzz` lists nothing). When there are links, the whole
pathspecs pick among them through `git diff-index` against the empty tree, which reads
them right.
"""

from __future__ import annotations

from pathlib import Path
from typing import Final, Literal

from specrepo.base import inputs
from specrepo.base.paths import real_path
from specrepo.gitio.git_command import Git, Started
from specrepo.gitio.historical_filters import EMPTY_TREES

Unfollowed = Literal["outside", "folder", "nowhere"]
"""Why a tracked link is not followed: it leads out of the work tree (or into its `.git`),
to a folder, or to no file."""
_LINK_MODE: Final = b"120000 "
"""The mode git records a symbolic link with, as `ls-files --stage` starts its entry."""


class TrackedLinks:
    """The tracked symbolic links among the files of `pathspecs`, listed by a git started
    now (`git ls-files --stage` of `included`, the pathspecs without the excluding ones);
    `targets` says where each leads."""

    def __init__(self, git: Git, included: list[str], pathspecs: list[str]) -> None:
        self._git, self._pathspecs = git, pathspecs
        self._targets: list[tuple[str, Path | Unfollowed]] | None = None
        self._started = Started(git, "ls-files", "--stage", "-z", "--full-name", "--",
                                *included)

    def targets(self, top: Path) -> list[tuple[str, Path | Unfollowed]]:
        """Each link's path from `top` (the work tree's top folder, `/`-separated), by
        path, and the file it leads to (its real path) or why it is not followed (worked
        out once). Raises `HistoryError` when git fails."""
        if self._targets is None:
            self._targets = self._read(top)
        return self._targets

    def _read(self, top: Path) -> list[tuple[str, Path | Unfollowed]]:
        completed = self._started.answer()
        if completed.returncode != 0:
            raise self._started.failure(completed.stderr)
        paths: dict[str, None] = {}  # a conflicted link is listed once per stage
        for entry in completed.stdout.split(b"\0"):
            if entry.startswith(_LINK_MODE):  # `mode blob stage<TAB>path`
                paths[entry.partition(b"\t")[2].decode("utf-8", "surrogateescape")] = None
        if not paths:
            return []
        kept = set(self._git.run(
            "diff-index", "--cached", "--no-renames", "--name-only", "-z",
            EMPTY_TREES[self._git.text("rev-parse", "--show-object-format")], "--",
            *self._pathspecs).split(b"\0"))
        real_top = real_path(top)
        return [(path, _target(top / path, real_top)) for path in sorted(paths)
                if path.encode("utf-8", "surrogateescape") in kept]

    def stop(self) -> None:
        """End git if it still runs."""
        self._started.stop()


def _target(link: Path, real_top: Path) -> Path | Unfollowed:
    """The real path of the file `link` leads to inside the work tree whose real top folder
    is `real_top`, or why it is not followed. A path the work tree holds as a file now
    (the link replaced, not yet committed) is that file."""
    target = real_path(link)
    if not target.is_relative_to(real_top) or \
            target.relative_to(real_top).parts[:1] == (".git",):
        return "outside"
    if inputs.reader.isdir(target):
        return "folder"
    return target if inputs.reader.isfile(target) else "nowhere"
