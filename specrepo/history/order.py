"""The order history walks commits in: HEAD's first-parent line, each commit preceded by
the commits of the branches it merged. It depends on the commit graph alone, so that mining
the history at once or in parts walks it the same way."""

from __future__ import annotations

from collections.abc import Mapping


def mainline(parents: Mapping[str, tuple[str, ...]], head: str) -> list[str]:
    """HEAD and its first parents inside the range, oldest first."""
    line = []
    commit: str | None = head
    while commit is not None and commit in parents:
        line.append(commit)
        above = parents[commit]
        commit = above[0] if above else None
    line.reverse()
    return line


def continues(parents: Mapping[str, tuple[str, ...]], head: str, since: str | None) -> bool:
    """Whether `since` lies on HEAD's first-parent line: then the range only adds to the
    line an earlier walk followed up to `since`."""
    line = mainline(parents, head)
    if not line or since is None:
        return False
    first = parents[line[0]]
    return bool(first) and first[0] == since


def walk_order(parents: Mapping[str, tuple[str, ...]], head: str,
               first_group: int = 0) -> dict[str, tuple[int, int]]:
    """Commit -> (group, rank): the group is the place on HEAD's first-parent line of
    the commit that brought it there (itself, for a commit on the line; the merge, for
    a commit of a merged branch); the rank orders a group depth-first, parents before
    children, first parents first, the line's commit last. Groups of commits added
    later always come after the groups of commits already there."""
    line = mainline(parents, head)
    placed = set(line)
    order: dict[str, tuple[int, int]] = {}
    for index, merge in enumerate(line, start=first_group):
        merged = parents[merge][1:]
        if not merged:  # most of the line: nothing merged, nothing to search
            order[merge] = (index, 0)
            continue
        rank = 0
        # A commit's name alone: search it; in a 1-tuple: place it (its parents are placed).
        stack: list[str | tuple[str]] = list(reversed(merged))
        while stack:
            commit = stack.pop()
            if isinstance(commit, tuple):
                order[commit[0]] = (index, rank)
                rank += 1
                continue
            if commit in placed or commit not in parents:
                continue
            placed.add(commit)
            stack.append((commit,))
            for parent in reversed(parents[commit]):
                if parent not in placed:
                    stack.append(parent)
        order[merge] = (index, rank)
    return order
