"""The commit graph as git lists it (each commit's parents), and who made a commit when.

The order history walks it in is `history.order`'s."""

from __future__ import annotations

import threading
from collections.abc import Iterable
from contextlib import suppress
from typing import Final, NamedTuple

from specrepo.base.timestamps import git_time, utc_offset
from specrepo.gitio.git_command import (
    Git,
    HistoryError,
    finish,
    read_errors_of,
    stop,
    widen_output,
)
from specrepo.gitio.graph_range import overrun


class CommitMeta(NamedTuple):  # a NamedTuple: defined at every history run's start
    """Who made a commit and when (for a merge that is not in the spec log)."""

    sha: str
    author: str
    email: str
    authored: int
    committed: int
    author_offset: int = 0
    """The author's offset from UTC, in minutes east (`CommitRecord.author_offset`)."""
    parents: tuple[str, ...] = ()
    """The commit's parents, first first."""


class CommitGraph:
    """The commits reachable from `head` (but not from `since`), with their parents.

    `git rev-list` runs in the background from construction; `load` reads its answer.
    Without `listen`, its output waits in a widened pipe until `listen` starts the threads
    that read it (after a fork: see `history.version_worker`). `head` may be a revision
    such as `HEAD`, started before its commit is known; `lists_from` then checks which
    commit git listed from.
    """

    def __init__(self, git: Git, head: str, since: str | None = None, *,
                 listen: bool = True, trees: bool = False) -> None:
        self.head = head
        self.since = since
        self._git = git
        self.ids = git.ids
        """Where the graph's commit ids are kept, one string each (`Git.ids`)."""
        self._arguments = ("rev-list", "--parents", *(("--format=%T",) if trees else ()),
                           head, *([f"^{since}"] if since else []))
        self._process = git.start(*self._arguments, read_errors=False)
        widen_output(self._process)  # git is never held up by a reader waiting for Python
        self._read_parents: dict[str, tuple[str, ...]] = {}
        # Read while the caller works: git would stop once the pipe's buffer is full.
        self._reader = threading.Thread(target=self._read, daemon=True)
        self.parents: dict[str, tuple[str, ...]] = {}
        self.trees: dict[str, str] = {}
        """Commit -> its tree, when asked for (`trees`; the walk's `git diff-tree` reads
        each, `history.relied_objects`); a range's may name commits `load` left out."""
        if listen:
            self.listen()

    def listen(self) -> CommitGraph:
        """Start reading git's answer (and its messages) as it comes; returns the graph."""
        if self._reader.ident is None:
            read_errors_of(self._process)
            self._reader.start()
        return self

    def _read(self) -> None:
        """Parse git's lines as they come (never the whole output at once)."""
        stdout = self._process.stdout
        assert stdout is not None
        parents = self._read_parents
        # One string per commit id, however many children name it as their parent (at
        # 100,000 commits that is half the graph's memory), and the same string in the
        # run's other lists of commits (`Git.ids`: `line_metas`, `watched_log`).
        ids = self.ids
        # With `--format=%T`, each commit's line starts `commit `, and its tree's follows.
        trees, skip, commit = self.trees, 7 if "--format=%T" in self._arguments else 0, ""
        with suppress(OSError, ValueError):
            for line in stdout:
                if skip and line[:skip] != b"commit ":
                    trees[commit] = line.decode().strip()
                    continue
                names = [ids.setdefault(name, name) for name in line[skip:].decode().split()]
                if names:
                    commit = names[0]
                    parents[commit] = tuple(names[1:])

    def load(self) -> None:
        """Read the graph; raises `HistoryError` if git could not list it. A range (from
        `since`) holds the commits the graph has in it, whatever their dates (`overrun`)."""
        self.listen()
        self._reader.join()
        finish(self._process, self._arguments, self._git.folder)
        if self.since is not None and self.parents is not self._read_parents:
            for commit in overrun(self._git, self._read_parents, [self.since]):
                del self._read_parents[commit]
        self.parents = self._read_parents

    def loads(self) -> bool:
        """Load the graph; False if git could not list it (a range from a cached HEAD
        that no longer exists)."""
        try:
            self.load()
        except HistoryError:
            return False
        return True

    def lists_from(self, head: str) -> bool:
        """Load the graph; whether git listed it from the commit `head` (the graph's
        `head` from then on). A revision started before its commit was known (`HEAD`)
        may since have moved, or not be a commit git can list."""
        if not self.loads() or next(iter(self.parents), None) != head:
            return False
        self.head = head
        return True

    def close(self) -> None:
        """Stop git, if it still runs."""
        if self._process.poll() is None:
            self._process.kill()
        self._process.wait()
        if self._reader.ident is not None:
            self._reader.join()
        stop(self._process)  # closes its streams, once its reader is done with them


META_FORMAT: Final = "--format=%H%x00%aN%x00%aE%x00%at%x00%ct%x00%ai%x00%P%x00"
"""Each field ends in NUL, which none can hold (any other byte, a line break too, may)."""
_META_FIELDS: Final = 7


def line_metas(git: Git, head: str, count: int | None = None) -> list[CommitMeta]:
    """Author, times and parents of each commit of `head`'s first-parent line (its first
    `count` commits, or all), `head` first: one `git log --first-parent` (about 50 ms of
    processor time for 4,400 commits), read as git writes it. Raises `HistoryError` when
    git cannot list them."""
    return fields_metas(git.fields(*_line_log(head, count)), git.ids)


def _line_log(head: str, count: int | None) -> tuple[str, ...]:
    """`line_metas`' `git log`."""
    return ("log", "--first-parent", META_FORMAT,
            *([f"--max-count={count}"] if count is not None else []), head, "--")


class StartedLine:
    """`line_metas(git, head)` of the whole line, asked of git now (after any fork: its
    messages are read by a thread), so that git lists it beside what the caller does
    first, its output waiting in a widened pipe; `metas` reads it as it comes, `stop`
    ends git when it is not wanted."""

    def __init__(self, git: Git, head: str) -> None:
        self.head = head
        self._git = git
        self._arguments = _line_log(head, None)
        self._process = git.start(*self._arguments)
        widen_output(self._process)

    def metas(self) -> list[CommitMeta]:
        """What `line_metas(git, head)` gives (read once); raises `HistoryError` when
        git cannot list them."""
        return fields_metas(self._git.fields_of(self._process, self._arguments), self._git.ids)

    def stop(self) -> None:
        """End git if it still runs."""
        stop(self._process)


def commit_meta(git: Git, commit: str) -> CommitMeta:
    """Author, times and parents of one commit."""
    return commit_metas(git, [commit])[0]


def commit_metas(git: Git, commits: Iterable[str]) -> list[CommitMeta]:
    """Author, times and parents of each of `commits` (commit ids), in their order, in one
    git process. Raises `HistoryError` when git cannot read one."""
    return listed_metas(git.run("show", "-s", META_FORMAT, *commits).decode(
        "utf-8", "surrogateescape"))


def listed_metas(listed: str) -> list[CommitMeta]:
    """The commits a `git log` or `git show` listed in `META_FORMAT` (its output decoded
    as UTF-8 with surrogate escapes), in its order; [] for no output."""
    return fields_metas(listed.split("\0"))


def fields_metas(fields: Iterable[str], ids: dict[str, str] | None = None) -> list[CommitMeta]:
    """The commits of a listing in `META_FORMAT`, from its NUL-separated `fields` (as they
    come: `Git.fields`), in its order. A whole first-parent line is kept for the run
    (`StreamedWalk.whole_line`): its commit ids and people are each one string, those of
    `ids` (`Git.ids`: the graph's too) where given."""
    listed, table = iter(fields), ids if ids is not None else {}

    def one(text: str) -> str:
        return table.setdefault(text, text)

    return [CommitMeta(one(sha.strip()), one(author), one(email), git_time(authored),
                       git_time(committed), utc_offset(shown), tuple(map(one, parents.split())))
            for sha, author, email, authored, committed, shown, parents
            in zip(*[listed] * _META_FIELDS, strict=False)]
