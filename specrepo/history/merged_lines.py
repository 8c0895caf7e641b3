"""Which merge of HEAD's first-parent line brought a commit in, and where a merged
branch's line forked from the line it was merged into, answered from one commit graph
for every merge a departures reading asks about (`branch_departures`): the walk's, when it
listed the whole history, else one `git rev-list --parents` on the first question (cold41:
a `git rev-list --ancestry-path` per merge and a `git rev-list --first-parent` per merged
branch before, 8 gits more in a cold `report` of the benchmark's 11,000 commits)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from specrepo.gitio.git_command import Git


class MergedLines:
    """The commits `head` reaches that `since` does not (None: all), with their parents:
    `whole`, the walk's graph of all the commits `head` reaches (`CommitWalk.graph`),
    when there is one, else listed by git on the first question (`HistoryError` then when
    git cannot list them)."""

    def __init__(self, git: Git, head: str, since: str | None = None,
                 whole: Mapping[str, Sequence[str]] | None = None) -> None:
        self._git, self.head, self.since = git, head, since
        self._parents: Mapping[str, Sequence[str]] | None = whole if since is None else None
        self._line: list[str] | None = None
        self._brought: dict[str, int] | None = None

    def line(self) -> list[str]:
        """`head`'s first-parent line after `since`, newest first (as `git rev-list
        --first-parent since..head` lists it)."""
        if self._line is None:
            parents, line = self._graph(), []
            commit: str | None = self.head
            while commit is not None and commit in parents:
                line.append(commit)
                commit = next(iter(parents[commit]), None)
            self._line = line
        return self._line

    def parents(self, commit: str) -> tuple[str, ...]:
        """The parents of `commit`, a commit of the graph, first first."""
        return tuple(self._graph()[commit])

    def bringing(self, commit: str) -> int | None:
        """The index in `line` of its oldest commit that has `commit` as an ancestor (the
        merge that brought it; as `git rev-list --ancestry-path commit..head` tells, which
        leaves `commit` out: a commit of the line, its child); None: none has."""
        line = self.line()
        if self._brought is None:  # each commit -> the oldest of the line that reaches it
            self._brought = self._reached(line)
        if (place := self._brought.get(commit)) is not None and line[place] == commit:
            return place - 1 if place else None
        return place

    def fork(self, branch: str, first: str) -> tuple[str, ...] | None:
        """Where the first-parent line of `branch` forked from that of `first`, a commit
        of `line`: the first parent of the oldest commit of `branch`'s first-parent line
        that `first` does not reach (as `git rev-list --first-parent --parents branch
        ^first` lists it), in a tuple; () when there is none (`first` reaches `branch`, or
        that commit is a root). None: the graph cannot tell (only the commits after
        `since`, or `first` not on `line`): ask git. The line's commits are walked, not
        kept (`branch_line` keeps them: a departures reading asks the fork of each of
        thousands of merged branches, and only the few it reads need their commits)."""
        return self._walk(branch, first, None)

    def branch_line(self, branch: str, first: str
                    ) -> tuple[dict[str, int], tuple[str, ...]] | None:
        """The commits of `branch`'s first-parent line that `first`, a commit of `line`,
        does not reach, each with its number of parents (as `git rev-list --first-parent
        --parents branch ^first` lists them), and where that line forked (`fork`). None:
        the graph cannot tell: ask git."""
        mine: dict[str, int] = {}
        fork = self._walk(branch, first, mine)
        return None if fork is None else (mine, fork)

    def _walk(self, branch: str, first: str, kept: dict[str, int] | None
              ) -> tuple[str, ...] | None:
        """`fork`'s answer, walking `branch`'s first-parent line down to the commits
        `first` reaches; each commit walked put in `kept` (when given) with its number of
        parents (`branch_line`'s), one test a step for `fork`, which keeps none."""
        least = self._least(first)
        if least is None:
            return None
        brought, parents = self._brought or {}, self._graph()
        commit: str | None = branch
        outside = False  # `branch`'s line has a commit `first` does not reach
        while commit is not None and brought.get(commit, -1) < least:
            above = parents.get(commit, ())
            if kept is not None:
                kept[commit] = len(above)
            outside, commit = True, next(iter(above), None)
        return () if not outside or commit is None else (commit,)

    def _least(self, first: str) -> int | None:
        """The place in `line` of `first`, a commit of it: a commit of the graph is
        reached by `first` when its oldest reacher on the line (`_reached`) is `first` or
        older, that is, at this place or after. None: the graph cannot tell (only the
        commits after `since`, or `first` not on `line`)."""
        if self.since is not None:
            return None
        line = self.line()
        if self._brought is None:
            self._brought = self._reached(line)
        # A commit of the line is its own oldest reacher: its place (no `list.index`, a
        # scan of the line for each of thousands of merged branches, cold47).
        least = self._brought.get(first)
        return None if least is None or line[least] != first else least

    def _reached(self, line: list[str]) -> dict[str, int]:
        """Each commit of the graph with the index in `line` (newest first) of the oldest
        commit of the line that reaches it: one walk over the graph."""
        parents, brought = self._graph(), {}
        for place in range(len(line) - 1, -1, -1):
            pending = [line[place]]
            while pending:
                commit = pending.pop()
                if commit not in brought:  # (a parent pushed twice is skipped here)
                    brought[commit] = place
                    pending += parents.get(commit, ())
        return brought

    def _graph(self) -> Mapping[str, Sequence[str]]:
        if self._parents is None:
            from specrepo.gitio.graph import CommitGraph  # noqa: PLC0415 (most runs ask none)

            graph = CommitGraph(self._git, self.head, self.since)
            try:
                graph.load()
            finally:
                graph.close()
            self._parents = graph.parents
        return self._parents
