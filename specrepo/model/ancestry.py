"""Which commit contains which: the commit graph's order, which the rules built on history
follow (never dates, which branches and clocks make unreliable)."""

from __future__ import annotations

from typing import Protocol


class Ancestry(Protocol):
    """Answers ancestry questions about the commits of a mined history."""

    def is_ancestor(self, ancestor: str, commit: str) -> bool:
        """Whether `ancestor` (a full commit id) is `commit` or one of its ancestors, as
        `git merge-base --is-ancestor` answers; False for commits the graph does not hold."""
        ...  # pragma: no cover
