"""When the content of each of a set of files was last committed, following each file
through the renames that did not change it: one `git log --name-status` pass."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from specrepo.base.timestamps import git_time, utc_offset
from specrepo.gitio.git_command import Git, Started, failure
from specrepo.gitio.grep import scan_pathspecs
from specrepo.load.locations import SpecLocation


@dataclass(frozen=True)
class Touch:
    """The last commit that changed a file's content."""

    commit: str
    committed: int
    """Its committer time, in seconds since the Unix epoch."""
    author_offset: int = 0
    """Its author's offset from UTC, in minutes east (`CommitRecord.author_offset`)."""


class LastTouches:
    """A `git log` walk, started now and read later (`result`): git walks the history while
    this process does other work; `stop` ends a walk whose result is not wanted.

    For each file that matches a glob of `include` and none of `exclude` (git's glob
    pathspecs, relative to `folder`), nor a place of `never`, and whose content a commit
    reachable from HEAD changed: the latest such commit by committer time (the first met in
    git's order on a tie). A commit that only renamed a file (git's exact rename, R100: no
    line changed, as a `git mv` or a folder moved) changed no content: the file is followed
    to its earlier name, in older commits (children before parents: `--topo-order`), and
    what changed it there counts. Paths are from the top of the work tree, `/`-separated, as
    `git grep --full-name` names them. One `git log` walk, whatever the number of files;
    empty when `include` is, or the repository has no commit yet.

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
            self._started = Started(git, "log", "--topo-order", "-M100%", "--name-status",
                                    "-z", "--format=%x01%H %ct %ai", "HEAD", "--", *pathspecs)

    def result(self) -> dict[str, Touch]:
        """Each file's last commit , once git has ended."""
        if self._started is None:
            return {}
        completed = self._started.answer()
        if completed.returncode != 0:
            raise failure(self._started.arguments, completed.stderr)
        touches: dict[str, Touch] = {}
        earlier: dict[str, str] = {}  # a file's name in older commits -> its name now
        for touch, status, paths in _entries(completed.stdout.split(b"\0")):
            now = earlier.get(paths[-1], paths[-1])
            if status == "R100":  # renamed, not changed: older commits name it so
                earlier[paths[0]] = now
            elif now not in touches or touches[now].committed < touch.committed:
                touches[now] = touch
        return touches

    def stop(self) -> None:
        """End git if it still runs."""
        if self._started is not None:
            self._started.stop()


def _entries(tokens: list[bytes]) -> Iterator[tuple[Touch, str, list[str]]]:
    """(commit, status, paths) of each entry of `--name-status -z` lists, each after its
    commit's `\x01id time` header: two paths for a rename or a copy (old, new), else one.
    Read in order, a path is never taken for a header, whatever bytes it holds."""
    index, touch = 0, None
    while index < len(tokens):
        token = tokens[index].lstrip(b"\n")
        index += 1
        if token.startswith(b"\x01"):
            commit, committed, shown = token[1:].decode("ascii").split(" ", 2)
            touch = Touch(commit, git_time(committed), utc_offset(shown))
            continue
        if not token or touch is None:
            continue
        status = token.decode("ascii", "replace")
        count = 2 if status.startswith(("R", "C")) else 1
        paths = [name.decode("utf-8", "surrogateescape")  # as git grep's paths
                 for name in tokens[index:index + count]]
        index += count
        if len(paths) == count:
            yield touch, status, paths
