"""When the content of each of a set of files was last committed (its blob changed), following
each file through the renames and copies that did not change it: one `git log --raw`
pass."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from pathlib import Path

from specrepo.base.deferred_dataclass import dataclass
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
    git's order on a tie). Content changed means the file's blob changed: a commit that
    only changes its mode (`chmod +x`) changes nothing, and a file a commit adds with
    content an older commit wrote (a rename, `git mv`, a folder moved; a copy; a file
    brought back) was written by the latest older commit that changed a file to that content
    (in git's order, children before parents: `--topo-order`), or else by the oldest that
    added it. Paths are from the top of the work tree,
    `/`-separated, as `git grep --full-name` names them. One `git log` walk, whatever the
    number of files; empty when `include` is, or the repository has no commit yet.

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
            self._started = Started(git, "log", "--topo-order", "--no-renames", "--raw",
                                    "--no-abbrev", "-z", "--format=%x01%H %ct %ai", "HEAD",
                                    "--", *pathspecs)

    def result(self) -> dict[str, Touch]:
        """Each file's last commit , once git has ended."""
        if self._started is None:
            return {}
        completed = self._started.answer()
        if completed.returncode != 0:
            raise failure(self._started.arguments, completed.stderr)
        touches: dict[str, Touch] = {}
        added: dict[str, Touch] = {}  # files added with content whose writer is sought
        awaited: dict[str, list[str]] = {}  # a blob -> the files added with it
        for touch, change in _entries(completed.stdout.split(b"\0")):
            if change.after == change.before:
                continue  # its mode alone changed
            if change.after in awaited:  # older content some files were added with
                if change.before == _NO_BLOB:  # added with it here too: written earlier
                    added.update(dict.fromkeys(awaited[change.after], touch))
                else:  # written here
                    for path in awaited.pop(change.after):
                        _keep_latest(touches, path, touch)
                        del added[path]
            path = change.path
            if path in added:
                continue  # a later commit added it: what was here before is gone
            if change.before == _NO_BLOB and path not in touches:
                added[path] = touch
                awaited.setdefault(change.after, []).append(path)
            else:
                _keep_latest(touches, path, touch)
        for path, touch in added.items():  # its content's first addition wrote it
            _keep_latest(touches, path, touch)
        return touches

    def stop(self) -> None:
        """End git if it still runs."""
        if self._started is not None:
            self._started.stop()


_NO_BLOB = "0" * 40
"""The blob id `--raw` gives the side of a change where the file does not exist."""


@dataclass(frozen=True)
class _Change:
    """A file's entry in a commit's `--raw` list: its blob ids before and after."""

    path: str
    before: str
    after: str


def _keep_latest(touches: dict[str, Touch], path: str, touch: Touch) -> None:
    if path not in touches or touches[path].committed < touch.committed:
        touches[path] = touch


def _entries(tokens: list[bytes]) -> Iterator[tuple[Touch, _Change]]:
    """(commit, change) of each entry of `--raw -z` lists, each after its commit's
    `\x01id time` header: `:modes blobs status`, then one path (two for a rename or a
    copy: old, new; the new one is the entry's). Read in order, a path is never taken for
    a header, whatever bytes it holds."""
    index, touch = 0, None
    while index < len(tokens):
        token = tokens[index].lstrip(b"\n")
        index += 1
        if token.startswith(b"\x01"):
            commit, committed, shown = token[1:].decode("ascii").split(" ", 2)
            touch = Touch(commit, git_time(committed), utc_offset(shown))
            continue
        if not token.startswith(b":") or touch is None:
            continue
        fields = token[1:].decode("ascii", "replace").split(" ")
        if len(fields) != 5:
            continue
        _, _, before, after, status = fields
        count = 2 if status.startswith(("R", "C")) else 1
        paths = tokens[index:index + count]
        index += count
        if len(paths) == count:
            path = paths[-1].decode("utf-8", "surrogateescape")  # as git grep's paths
            yield touch, _Change(path, before, after)
