"""The commit graph: HEAD's first-parent line, and one order of all commits that depends on
the graph alone, so that mining the history at once or in parts walks it the same way."""

from __future__ import annotations

import threading
from contextlib import suppress
from dataclasses import dataclass

from specrepo.gitio.git_command import Git, finish


@dataclass(frozen=True)
class CommitMeta:
    """Who made a commit and when (for a merge that is not in the spec log)."""

    sha: str
    author: str
    email: str
    authored: int
    committed: int


class CommitGraph:
    """The commits reachable from `head` (but not from `since`), with their parents.

    `git rev-list` runs in the background from construction; `load` reads its answer.
    """

    def __init__(self, git: Git, head: str, since: str | None = None) -> None:
        self.head = head
        self.since = since
        self._arguments = ("rev-list", "--parents", head, *([f"^{since}"] if since else []))
        self._process = git.start(*self._arguments)
        self._output = b""
        # Read while the caller works: git would stop once the pipe's buffer is full.
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()
        self.parents: dict[str, tuple[str, ...]] = {}

    def _read(self) -> None:
        stdout = self._process.stdout
        assert stdout is not None
        with suppress(OSError, ValueError):
            self._output = stdout.read()

    def load(self) -> None:
        """Read the graph; raises `HistoryError` if git could not list it."""
        self._reader.join()
        for line in self._output.decode().splitlines():
            commit, *parents = line.split()
            self.parents[commit] = tuple(parents)
        finish(self._process, self._arguments)

    def close(self) -> None:
        """Stop git, if it still runs."""
        if self._process.poll() is None:
            self._process.kill()
        self._process.wait()
        self._reader.join()
        for stream in (self._process.stdout, self._process.stderr):
            if stream is not None:
                stream.close()

    def mainline(self) -> list[str]:
        """HEAD and its first parents inside the range, oldest first."""
        line = []
        commit: str | None = self.head
        while commit is not None and commit in self.parents:
            line.append(commit)
            parents = self.parents[commit]
            commit = parents[0] if parents else None
        line.reverse()
        return line

    def continues(self) -> bool:
        """Whether `since` lies on HEAD's first-parent line: then the range only adds to the
        line an earlier walk followed up to `since`."""
        line = self.mainline()
        if not line or self.since is None:
            return False
        first = self.parents[line[0]]
        return bool(first) and first[0] == self.since

    def order(self, first_group: int = 0) -> dict[str, tuple[int, int]]:
        """Commit -> (group, rank): the group is the place on HEAD's first-parent line of
        the commit that brought it there (itself, for a commit on the line; the merge, for
        a commit of a merged branch); the rank orders a group depth-first, parents before
        children, first parents first, the line's commit last. Groups of commits added
        later always come after the groups of commits already there."""
        mainline = self.mainline()
        placed = set(mainline)
        order: dict[str, tuple[int, int]] = {}
        for index, merge in enumerate(mainline, start=first_group):
            rank = 0
            stack = [(parent, False) for parent in reversed(self.parents[merge][1:])]
            while stack:
                commit, expanded = stack.pop()
                if expanded:
                    order[commit] = (index, rank)
                    rank += 1
                    continue
                if commit in placed or commit not in self.parents:
                    continue
                placed.add(commit)
                stack.append((commit, True))
                stack.extend((parent, False) for parent in reversed(self.parents[commit])
                             if parent not in placed)
            order[merge] = (index, rank)
        return order


def commit_meta(git: Git, commit: str) -> CommitMeta:
    """Author and times of one commit."""
    fields = git.text("show", "-s", "--format=%aN%x1f%aE%x1f%at%x1f%ct", commit).split("\x1f")
    return CommitMeta(commit, fields[0], fields[1], int(fields[2]), int(fields[3]))
