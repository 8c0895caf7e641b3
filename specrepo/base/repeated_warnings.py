"""Warnings of one kind said a few at a time: each kind's first few, then one line saying
how many more there are and where each is named (a run over hundreds of specs warns in a
dozen lines, not hundreds)."""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable
from typing import Final, TypeVar

SHOWN: Final = 5
"""The warnings of one kind said before the line saying how many more there are."""

Kind = TypeVar("Kind", bound=Hashable)


def capped(warnings: Iterable[tuple[Kind, str]], more: Callable[[Kind, int], str],
           *, every: bool = False) -> tuple[str, ...]:
    """The `warnings` (each with its kind), in their order, the first `SHOWN` of each kind
    only (`every`: all of them); then, for each kind with more, in the order the kinds
    came, `more(kind, count)`: the line saying how many more of that kind there are and
    where each is named."""
    said: list[str] = []
    counts: dict[Kind, int] = {}
    for kind, text in warnings:
        counts[kind] = counts.get(kind, 0) + 1
        if every or counts[kind] <= SHOWN:
            said.append(text)
    return (*said, *(more(kind, count - SHOWN) for kind, count in counts.items()
                     if not every and count > SHOWN))
