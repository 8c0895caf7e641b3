"""Helpers for tests of worker processes: work whose first item finishes last (it waits
until other processes have finished a number of items, so results come back out of order),
and the child processes of this one."""

from __future__ import annotations

import multiprocessing
import time
from collections.abc import Callable
from pathlib import Path
from typing import Generic, TypeVar

import pytest

from specrepo.base import parallel

Item = TypeVar("Item")
Result = TypeVar("Result")


class FirstFinishesLast(Generic[Item, Result]):
    """`work`, except that the first item waits until `others` items are done (by other
    processes, since the items after it in its own chunk wait behind it). Chunks hold one
    item each, so those items' chunks are finished before the first one's. `waited` says
    whether the first item saw them done. With one usable core (no workers), nothing is
    delayed."""

    def __init__(self, work: Callable[[Item], Result], first: Item, others: int,
                 monkeypatch: pytest.MonkeyPatch) -> None:
        monkeypatch.setattr(parallel, "_MAX_CHUNK", 1)
        context = multiprocessing.get_context("fork")
        self.work, self.first, self.others = work, first, others
        self.done = context.Value("i", 0)
        self.saw_them = context.Value("b", 0)

    def __call__(self, item: Item) -> Result:
        if item == self.first and parallel.usable_cores() > 1:
            for _ in range(600):  # up to a minute, for a loaded machine
                with self.done.get_lock():
                    if self.done.value >= self.others:
                        self.saw_them.value = 1
                        break
                time.sleep(0.1)
            return self.work(item)
        result = self.work(item)
        with self.done.get_lock():
            self.done.value += 1
        return result

    @property
    def waited(self) -> bool:
        return bool(self.saw_them.value)


def child_processes() -> list[int]:
    """The processes this one started that have not been waited for (Linux's /proc): those
    of each of its threads (one that ends meanwhile, a git's standard error drained, has
    none left)."""
    found: list[int] = []
    for task in Path("/proc/self/task").iterdir():
        try:
            found.extend(int(pid) for pid in (task / "children").read_text().split())
        except FileNotFoundError:
            continue
    return found
