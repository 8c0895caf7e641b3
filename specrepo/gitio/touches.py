"""When each of a set of files was last committed: one `git log --name-only` pass."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from specrepo.gitio.git_command import Git, Started, failure
from specrepo.gitio.grep import scan_pathspecs
from specrepo.load.locations import SpecLocation


@dataclass(frozen=True)
class Touch:
    """The last commit that changed a file."""

    commit: str
    committed: int
    """Its committer time, in seconds since the Unix epoch."""


class LastTouches:
    """A `git log` walk, started now and read later (`result`): git walks the history while
    this process does other work; `stop` ends a walk whose result is not wanted.

    For each file that matches a glob of `include` and none of `exclude` (git's glob
    pathspecs, relative to `folder`), nor a place of `never`, and that a commit reachable
    from HEAD changed: the latest such commit by committer time (the first met in git's
    order on a tie). Paths are from the top of the work tree, `/`-separated, as `git grep
    --full-name` names them. One `git log` walk, whatever the number of files; empty when
    `include` is, or the repository has no commit yet.

    Raises `NotARepositoryError` when `folder` is not in a work tree, `HistoryError` when
    git fails.
    Outside a work tree it raises at once."""

    def __init__(self, folder: Path, include: Sequence[str], exclude: Sequence[str] = (),
                 never: Sequence[SpecLocation] = ()) -> None:
        self._started: Started | None = None
        if not include:
            return
        git = Git(folder)
        pathspecs = scan_pathspecs(git, include, exclude, never)
        if git.attempt("rev-parse", "--verify", "--quiet", "HEAD^{commit}").returncode == 0:
            self._started = Started(git, "log", "--no-renames", "--name-only", "-z",
                                    "--format=%x01%H %ct", "HEAD", "--", *pathspecs)

    def result(self) -> dict[str, Touch]:
        """Each file's last commit , once git has ended."""
        if self._started is None:
            return {}
        completed = self._started.answer()
        if completed.returncode != 0:
            raise failure(self._started.arguments, completed.stderr)
        touches: dict[str, Touch] = {}
        for record in completed.stdout.split(b"\x01")[1:]:
            header, _, names = record.partition(b"\0")
            commit, committed = header.decode("ascii").split()
            touch = Touch(commit, int(committed))
            for name in names.lstrip(b"\n").split(b"\0"):
                path = name.decode("utf-8", "surrogateescape")  # as git grep's paths
                if path and (path not in touches or touches[path].committed < touch.committed):
                    touches[path] = touch
        return touches

    def stop(self) -> None:
        """End git if it still runs."""
        if self._started is not None:
            self._started.stop()
