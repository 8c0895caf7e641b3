"""Ancestry between the commits reachable from one head, from one `git rev-list --parents`
run on the first question (most questions never need it: see the callers' shortcuts)."""

from __future__ import annotations

from specrepo.gitio.git_command import Git


class GraphAncestry:
    """`model.ancestry.Ancestry` over the commits reachable from `head`; each commit's
    descendants are found once, by a walk forward from it.

    Raises `HistoryError` (on the first question) when git cannot list the graph.
    """

    def __init__(self, git: Git, head: str) -> None:
        self._git = git
        self._head = head
        self._children: dict[str, list[str]] | None = None
        self._parents: dict[str, tuple[str, ...]] = {}
        self._descendants: dict[str, frozenset[str]] = {}

    def is_ancestor(self, ancestor: str, commit: str) -> bool:
        """See `model.ancestry.Ancestry.is_ancestor`."""
        if ancestor == commit:
            return True
        if ancestor not in self._descendants:
            self._descendants[ancestor] = self._walk_from(ancestor)
        return commit in self._descendants[ancestor]

    def first_parent(self, commit: str) -> str | None:
        """See `model.ancestry.Ancestry.first_parent`."""
        self._graph()
        return next(iter(self._parents.get(commit, ())), None)

    def _walk_from(self, start: str) -> frozenset[str]:
        children = self._graph()
        seen: set[str] = set()
        pending = list(children.get(start, ()))
        while pending:
            commit = pending.pop()
            if commit not in seen:
                seen.add(commit)
                pending.extend(children.get(commit, ()))
        return frozenset(seen)

    def _graph(self) -> dict[str, list[str]]:
        if self._children is None:
            from specrepo.gitio.graph import CommitGraph  # noqa: PLC0415 (most runs ask nothing)

            graph = CommitGraph(self._git, self._head)
            try:
                graph.load()
            finally:
                graph.close()
            children: dict[str, list[str]] = {}
            self._parents = {commit: tuple(parents) for commit, parents
                             in graph.parents.items()}
            for commit, parents in graph.parents.items():
                for parent in parents:
                    children.setdefault(parent, []).append(commit)
            self._children = children
        return self._children

