"""Ancestry between the commits reachable from one head, from one `git rev-list --parents`
run on the first question (most questions never need it: see the callers' shortcuts)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence

from specrepo.gitio.git_command import Git


class GraphAncestry:
    """`model.ancestry.Ancestry` over the commits reachable from `head`. A question is
    answered by a walk over the graph from one of its two commits, whose answer (the
    commit's descendants, or the other's ancestors: a mark per commit) is kept for the
    questions after: the walk from the commit asked about more often so far (callers ask
    about one entry against many events, or one event against many), else the shorter.

    `parents`: the graph from `head` (each commit's parents, in `git rev-list`'s order) when
    a walk over history listed it already; else git lists it on the first question, and
    raises `HistoryError` then when it cannot.
    """

    def __init__(self, git: Git, head: str,
                 parents: Mapping[str, Sequence[str]] | None = None) -> None:
        self._git = git
        self._head = head
        self._listed = parents
        self._index: dict[str, int] | None = None
        """Each commit's place in git's list (newest first: a child mostly before its
        parents, so a place tells about how far a walk each way goes)."""
        self._parents_of: list[tuple[int, ...]] = []
        self._children_of: list[list[int]] = []
        self._first_parents: list[str | None] = []
        self._descendants: dict[int, bytearray] = {}
        self._ancestors: dict[int, bytearray] = {}
        self._asked: Counter[tuple[bool, int]] = Counter()

    def is_ancestor(self, ancestor: str, commit: str) -> bool:
        """See `model.ancestry.Ancestry.is_ancestor`."""
        if ancestor == commit:
            return True
        index = self._graph()
        older, newer = index.get(ancestor), index.get(commit)
        if older is None or newer is None:
            return False
        if (below := self._descendants.get(older)) is not None:
            return bool(below[newer])
        if (above := self._ancestors.get(newer)) is not None:
            return bool(above[older])
        asked = self._asked
        asked[True, older] += 1
        asked[False, newer] += 1
        # The walk to the older commit's descendants passes about `older` commits, the
        # one to the newer's ancestors about the others (`_index`).
        if (asked[True, older], len(index) - newer) > (asked[False, newer], older):
            below = self._descendants[older] = _reached(older, self._children_of, len(index))
            return bool(below[newer])
        above = self._ancestors[newer] = _reached(newer, self._parents_of, len(index))
        return bool(above[older])

    def first_parent(self, commit: str) -> str | None:
        """See `model.ancestry.Ancestry.first_parent`."""
        place = self._graph().get(commit)
        return self._first_parents[place] if place is not None else None

    def _graph(self) -> dict[str, int]:
        if self._index is None:
            listed = self._listed if self._listed is not None else self._listed_by_git()
            self._listed = None
            index = {commit: place for place, commit in enumerate(listed)}
            self._parents_of = [tuple(index[parent] for parent in parents if parent in index)
                                for parents in listed.values()]
            self._first_parents = [next(iter(parents), None) for parents in listed.values()]
            self._children_of = [[] for _ in index]
            for child, parents in enumerate(self._parents_of):
                for parent in parents:
                    self._children_of[parent].append(child)
            self._index = index
        return self._index

    def _listed_by_git(self) -> Mapping[str, Sequence[str]]:
        from specrepo.gitio.graph import CommitGraph  # noqa: PLC0415 (most runs ask nothing)

        graph = CommitGraph(self._git, self._head)
        try:
            graph.load()
        finally:
            graph.close()
        return graph.parents


def _reached(start: int, edges: list[tuple[int, ...]] | list[list[int]],
             count: int) -> bytearray:
    """A mark (1) for each of the `count` commits reached from `start` along `edges`
    (each commit's parents, or its children), `start` itself left out."""
    marks = bytearray(count)
    pending = [start]
    while pending:
        for reached in edges[pending.pop()]:
            if not marks[reached]:
                marks[reached] = 1
                pending.append(reached)
    return marks
