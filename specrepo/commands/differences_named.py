"""How a refusal names the work tree's files that differ from what a commit holds (the
commit pushed, or the commit being made: the index), each with why `git status` may not
show it, and the advice that goes with those reasons."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import NamedTuple

from specrepo.base.paths import display_path
from specrepo.gitio.commit_match import ignored_files, status_blind_files
from specrepo.gitio.git_command import Git


class NamedDifferences(NamedTuple):
    """The files named, and the advice their reasons call for."""

    shown: str
    """Each file (its path as shown), comma-separated, sorted, with its reason: ignored by
    git, marked assume-unchanged or skip-worktree, or only its index entry differs."""
    ignored: bool
    """Whether one of them is a file git ignores."""
    unmark: str
    """"; …`git update-index --no-assume-unchanged --no-skip-worktree FILE` first" where
    one of them is marked, else ""."""


def named_differences(git: Git, top: Path, held: Iterable[str], differing: Iterable[str],
                      staged: Iterable[str] = ()) -> NamedDifferences:
    """The files `differing` (their work-tree file differs; paths from the top folder
    `top`) and `staged` (only their index entry differs), those of `differing` that
    `held` (the commit's or the index's paths) lacks asked of git whether it ignores them
    (`git check-ignore`), the others whether the index marks them (`git ls-files -v`).
    Raises `HistoryError` when git fails."""
    known, differing, staged = set(held), sorted(differing), set(staged)
    ignored = ignored_files(git, [path for path in differing if path not in known])
    blind = status_blind_files(git, [path for path in differing if path in known])
    shown = ", ".join(_shown(top, path, ignored, blind, staged_only=path in staged)
                      for path in sorted({*differing, *staged}))
    unmark = ("; for a file marked assume-unchanged or skip-worktree, `git update-index "
              "--no-assume-unchanged --no-skip-worktree FILE` first") if blind else ""
    return NamedDifferences(shown, bool(ignored), unmark)


def _shown(top: Path, path: str, ignored: frozenset[str],
           blind: frozenset[str], *, staged_only: bool) -> str:
    shown = display_path(top / Path(path))
    if path in ignored:
        return f"{shown} (ignored by git, so `git status` does not list it)"
    if path in blind:
        return f"{shown} (marked assume-unchanged or skip-worktree: `git status` does not " \
               "show its change)"
    return f"{shown} (in the index)" if staged_only else shown
