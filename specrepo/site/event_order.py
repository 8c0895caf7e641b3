"""The order the site tells events in: the commit graph's, as history mining walks the
commits (`history.order`), never their dates, which a skewed clock, `rebase
--committer-date-is-author-date` or an importer can set before a parent's."""

from __future__ import annotations

import heapq
from collections.abc import Iterable, Sequence


def commit_ranks(chains: Iterable[Sequence[tuple[str, int]]]) -> dict[str, int]:
    """Commit -> its place, oldest first (0, 1, ...), in an order that keeps the order of
    every chain: `(commit, date)` pairs in history order, such as one spec's events (the
    same commit may come several times in a row). Commits that no chain orders against
    each other (two specs' unrelated changes) are ordered by date, then by id; so with
    clocks that agree with the graph the ranks follow the dates.

    Chains taken from one walk of history always agree with each other; commits left in a
    cycle of chains that do not (built by hand) come last, by date and id."""
    dates: dict[str, int] = {}
    after: dict[str, set[str]] = {}
    waiting: dict[str, int] = {}  # how many commits must come before each
    for chain in chains:
        previous = None
        for commit, date in chain:
            if commit not in dates:
                dates[commit], after[commit], waiting[commit] = date, set(), 0
            if previous is not None and previous != commit and commit not in after[previous]:
                after[previous].add(commit)
                waiting[commit] += 1
            previous = commit
    ready = [(dates[commit], commit) for commit, count in waiting.items() if count == 0]
    heapq.heapify(ready)
    ranks: dict[str, int] = {}
    while ready:
        _, commit = heapq.heappop(ready)
        ranks[commit] = len(ranks)
        for later in after[commit]:
            waiting[later] -= 1
            if waiting[later] == 0:
                heapq.heappush(ready, (dates[later], later))
    for commit in sorted(set(dates) - set(ranks), key=lambda left: (dates[left], left)):
        ranks[commit] = len(ranks)
    return ranks
