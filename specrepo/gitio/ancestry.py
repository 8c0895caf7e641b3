"""Ancestry between the commits reachable from one head, from one `git rev-list --parents`
run on the first question (most questions never need it: see the callers' shortcuts)."""

from __future__ import annotations

from array import array
from collections import Counter
from collections.abc import Collection, Mapping, Sequence
from itertools import accumulate, chain
from typing import NamedTuple

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
        self._parents_of = self._children_of = _Edges(array("l"), array("l"))
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
            self._parents_of = _edges(index, listed.values())
            self._first_parents = [parents[0] if parents else None
                                   for parents in listed.values()]
            self._children_of = _reversed(self._parents_of)
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


class _Edges(NamedTuple):
    """Each commit's parents (or children) by place: those of the commit at place `at`
    are `ends[starts[at]:starts[at + 1]]`. Two arrays of machine integers, where a tuple
    or list a commit held 17 MB more at 100,000 commits, allocated after a walk's peak
    (a cold report's memory grew by it: mem66b)."""

    starts: array[int]
    ends: array[int]


def _edges(index: Mapping[str, int], parents: Collection[Sequence[str]]) -> _Edges:
    """Each commit's parents (`parents`, in the order of `index`'s places) by place, those
    `index` lacks (beyond a shallow clone's boundary) left out. Built by `map` over them
    all, without a Python step per commit (13 to 9 ms at 11,000 commits, report67), where
    every parent has a place, as in any graph but a shallow clone's."""
    try:
        return _Edges(array("l", accumulate(map(len, parents), initial=0)),
                      array("l", map(index.__getitem__, chain.from_iterable(parents))))
    except KeyError:  # a parent beyond the graph: each commit's kept one by one
        edges = _Edges(array("l", [0]), array("l"))
        for above in parents:
            edges.ends.extend(index[parent] for parent in above if parent in index)
            edges.starts.append(len(edges.ends))
        return edges


def _reversed(edges: _Edges) -> _Edges:
    """The edges of `edges` turned around (children from parents), each commit's in the
    order of their places."""
    count = len(edges.starts) - 1
    starts = array("l", bytes(8 * (count + 1)))
    for end in edges.ends:
        starts[end + 1] += 1
    starts = array("l", accumulate(starts))
    ends, free = array("l", bytes(8 * len(edges.ends))), array("l", starts)
    for place in range(count):
        for end in edges.ends[edges.starts[place]:edges.starts[place + 1]]:
            ends[free[end]] = place
            free[end] += 1
    return _Edges(starts, ends)


def _reached(start: int, edges: _Edges, count: int) -> bytearray:
    """A mark (1) for each of the `count` commits reached from `start` along `edges`
    (each commit's parents, or its children), `start` itself left out."""
    marks = bytearray(count)
    pending = [start]
    starts, ends = edges
    while pending:
        at = pending.pop()
        for reached in ends[starts[at]:starts[at + 1]]:
            if not marks[reached]:
                marks[reached] = 1
                pending.append(reached)
    return marks
