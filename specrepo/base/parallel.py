"""Run one function over many items in worker processes when that pays, in the items' order.

Workers are started with `fork`, on Linux only: a forked worker starts with what the parent
has already loaded (modules, a compiled schema), where `spawn` and `forkserver` would import
specrepo and build everything again in each worker, costing more than two cores save on a
few thousand specs. macOS's system libraries are not safe to fork, Windows has no fork:
there, and in a process that runs threads (forking one can leave a lock held forever in the
child), the work stays in this process. Python 3.14 makes `forkserver` the default, so
`fork` is asked for by name.

Workers ignore Ctrl-C: the parent alone handles it (and any error) by stopping them all,
and each worker exits by itself when the parent is gone, however it ended, so no worker
outlives it.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
import signal
import sys
import threading
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from itertools import islice
from typing import Any, TypeVar

from specrepo.base.errors import SpecrepoError

Item = TypeVar("Item")
Result = TypeVar("Result")

_CHUNKS_PER_WORKER = 8
"""Items go to workers in at least this many chunks each, so that a worker with slow items
does not hold up the end..."""
_MAX_CHUNK = 32
"""...and in chunks of at most this many, so that the results waiting to be read stay
few (a rendered page each, say)."""
_work: Callable[[Any], Any] | None = None
"""The function workers run: set before they are forked, so it need not be pickled."""


class WorkerError(SpecrepoError):
    """A worker process ended without finishing its work (killed, out of memory)."""


def usable_cores() -> int:
    """How many cores this process may run on (its CPU affinity where the system has one),
    at least one."""
    if hasattr(os, "process_cpu_count"):  # Python 3.13
        return os.process_cpu_count() or 1
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0)) or 1
    return os.cpu_count() or 1


def can_fork_workers() -> bool:
    """Whether worker processes can be forked safely here (see the module's docstring)."""
    return (sys.platform == "linux" and "fork" in multiprocessing.get_all_start_methods()
            and threading.active_count() == 1)


def map_in_order(work: Callable[[Item], Result], items: Sequence[Item], *,
                 min_items: int) -> Iterator[Result]:
    """`work(item)` for each item, in the items' order.

    With at least `min_items` items, two usable cores or more and `can_fork_workers`, the
    items are worked on by one worker process per core (never more); otherwise here, one by
    one. An exception `work` raises comes out here as itself. Raises `WorkerError` when a
    worker dies.
    """
    workers = min(usable_cores(), len(items))
    if len(items) < min_items or workers < 2 or not can_fork_workers():
        yield from map(work, items)
        return
    yield from _in_workers(work, items, workers)


def _in_workers(work: Callable[[Item], Result], items: Sequence[Item],
                workers: int) -> Iterator[Result]:
    global _work  # noqa: PLW0603 - handed to the workers by fork, not by pickling
    lifeline, held = os.pipe()  # the workers see its end when this process ends
    _work = work
    executor = ProcessPoolExecutor(workers, multiprocessing.get_context("fork"),
                                   initializer=_start_worker, initargs=(lifeline, held))
    size = max(1, min(_MAX_CHUNK, len(items) // (workers * _CHUNKS_PER_WORKER)))
    chunks = (items[start:start + size] for start in range(0, len(items), size))
    try:
        # A few chunks ahead of the one being read: the workers never wait for work, and
        # results never pile up here faster than they are read.
        # Frozen, what this process holds is left alone by the workers' garbage
        # collections, so their memory pages stay shared with it (not copied on write).
        gc.freeze()
        try:
            pending = deque(executor.submit(_run, chunk)  # the first forks the workers
                            for chunk in islice(chunks, 2 * workers))
        finally:
            gc.unfreeze()
        while pending:
            done = pending.popleft().result()
            pending.extend(executor.submit(_run, chunk) for chunk in islice(chunks, 1))
            yield from done
    except BrokenProcessPool:
        raise WorkerError("a worker process ended before it finished (killed, or out of "
                          "memory?); run again") from None
    except BaseException:  # Ctrl-C, an error, or the caller stopped reading: stop them now
        os.close(held)
        held = -1
        raise
    finally:
        _work = None
        os.close(lifeline)
        executor.shutdown(wait=True, cancel_futures=True)
        if held != -1:
            os.close(held)


def _run(chunk: Sequence[Any]) -> list[Any]:
    assert _work is not None, "a worker runs only what it was forked for"
    return [_work(item) for item in chunk]


def _start_worker(lifeline: int, held: int) -> None:
    """In a new worker: leave Ctrl-C to the parent, and exit when the parent closes its end
    of the lifeline (stopping the work) or ends."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    os.close(held)
    threading.Thread(target=_exit_with_parent, args=(lifeline,), daemon=True).start()


def _exit_with_parent(lifeline: int) -> None:
    os.read(lifeline, 1)  # returns when no process holds the other end any more
    os._exit(1)
