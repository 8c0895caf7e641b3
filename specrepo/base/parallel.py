"""Run one function over many items, spread over this process and worker processes when that
pays, giving the results in the items' order.

With N usable cores, N - 1 workers are forked and this process works too: it takes chunks
of items as the workers do, so that no core sits idle while this one only reads results.
Chunks are handed out as processes become free, smaller and smaller towards the end (so
that every process finishes at about the same time); a worker is sent a chunk's number
only (it has the items from the fork) and sends back its results, pickled. Chunks finished
ahead of the one whose results are read next wait for it, a few per process at most.

Workers are started with `fork`, on Linux only: a forked worker starts with what the parent
has already loaded (modules, a compiled schema), where `spawn` and `forkserver` would import
specrepo and build everything again in each worker, costing more than two cores save on a
few thousand specs. macOS's system libraries are not safe to fork, Windows has no fork:
there, in a process that runs threads (forking one can leave a lock held forever in the
child), and while this process's workers work (a process forked then would hold their pipes
open: they would never see the end of their work), the work stays in this process.

Workers ignore Ctrl-C: the parent alone handles it (and any error) by stopping them all,
and each worker exits by itself when the parent is gone, however it ended, so no worker
outlives it.
"""

from __future__ import annotations

import contextlib
import gc
import os
import select
import sys
import threading
import traceback
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from dataclasses import field
from typing import TYPE_CHECKING, Generic, NoReturn, TypeVar

from specrepo.base import inputs
from specrepo.base.collection import promoted
from specrepo.base.deferred_dataclass import dataclass
from specrepo.base.errors import SpecrepoError
from specrepo.base.signals import as_worker

if sys.platform == "linux":  # the only system workers are forked on
    import fcntl

if TYPE_CHECKING:
    from multiprocessing.connection import Connection

# multiprocessing (with socket and array: a few ms of imports) is imported when workers may
# be started: a run with few items (a warm validate has none) needs none of it.

Item = TypeVar("Item")
Result = TypeVar("Result")

_MAX_CHUNK = 32
"""Chunks hold at most this many items, so that the results waiting to be read stay few (a
rendered page each, say)..."""
_CHUNKS_PER_PROCESS = 4
"""...and a chunk is at most this fraction of what is left for each process: the last chunks
hold a few items each, so no process is left with much work when the others run out."""
_QUEUED = 2
"""Chunks sent to a worker ahead of its results, so that it never waits for the next."""
_AHEAD_PER_PROCESS = 4
"""Chunks started beyond the one whose results are read next, for each process: bounds the
results held here when one process falls behind."""
_PIPE_BYTES = 1 << 20
"""The room asked for in the pipes results come back through, so that a worker does not
wait for this process to read them (Linux allows 1 MiB to any process)."""
_working: list[int] = []
"""The workers of this process that are working (their process ids): none is forked
meanwhile (`can_fork_workers`), by `map_in_order`'s `beside` say."""


class WorkerError(SpecrepoError):
    """A worker process ended without finishing its work (killed, out of memory)."""


class WorkerBug(Exception):
    """An exception a worker raised that cannot be sent back as itself: its type and
    message. Not a `SpecrepoError`: the command line reports it as an internal error."""


@dataclass(frozen=True)
class RaisedInWorker:
    """An exception a worker raised, as it is sent back: the exception itself where it
    survives pickling (a `SpecrepoError` keeps its message and exit code), else a
    `WorkerBug` naming it; and where it was raised (its traceback, as text), which is only
    the cause of the exception raised here (shown with `--debug`), never its message."""

    error: BaseException
    trace: str

    @classmethod
    def caught(cls, error: BaseException) -> RaisedInWorker:
        """What to send back for `error`, caught in a worker."""
        import pickle  # noqa: PLC0415 (workers only: a run that starts none imports none)

        trace = "".join(traceback.format_exception(error))
        try:
            pickle.loads(pickle.dumps(error, pickle.HIGHEST_PROTOCOL))
        except Exception:  # an exception that pickle cannot carry (a bug of its own)
            error = WorkerBug(f"{type(error).__name__}: {error}")
        return cls(error, trace)

    def raise_here(self) -> NoReturn:
        """Raise the exception in this process, with where it was raised as its cause."""
        self.error.__cause__ = _WorkerTraceback(self.trace)
        raise self.error


def usable_cores() -> int:
    """How many cores this process may run on (its CPU affinity where the system has one),
    at least one."""
    return inputs.reader.processors()


def can_fork_workers() -> bool:
    """Whether worker processes can be forked safely here (see the module's docstring)."""
    import multiprocessing  # noqa: PLC0415 (see above)

    return (sys.platform == "linux" and "fork" in multiprocessing.get_all_start_methods()
            and threading.active_count() == 1 and not _working)


def map_in_order(work: Callable[[Item], Result], items: Sequence[Item], *,
                 min_items: int, beside: Callable[[], None] | None = None,
                 keeps_all: bool = False) -> Iterator[Result]:
    """`work(item)` for each item, in the items' order.

    With at least `min_items` items, two usable cores or more and `can_fork_workers`, the
    items are worked on by this process and one worker process per other core; otherwise
    here, one by one. `beside`, other work of this process's own, is done first: once the
    workers are started, while they take the first items (this process takes fewer of
    them). `keeps_all`: the caller keeps every result until the end anyway, so the
    processes never wait for a slow item's results to be read (items that take much longer
    than the rest can come first); otherwise only a few chunks are started beyond the one
    whose results are read next. An exception `work` raises comes out here as itself,
    after the results of the items before it. Raises `WorkerError` when a worker dies.
    """
    processes = min(usable_cores(), len(items))
    if len(items) < min_items or processes < 2 or not can_fork_workers():
        if beside is not None:
            beside()
        yield from map(work, items)
        return
    yield from _in_workers(work, items, processes - 1, beside, keeps_all)


def chunk_plan(count: int, processes: int) -> list[range]:
    """The chunks `count` items are worked in by `processes` processes: consecutive ranges
    of item positions, each at most `_MAX_CHUNK` long and at most a `_CHUNKS_PER_PROCESS`th
    of each process's share of what is left, at least one."""
    chunks = []
    start = 0
    while start < count:
        size = max(1, min(_MAX_CHUNK, (count - start) // (_CHUNKS_PER_PROCESS * processes)))
        chunks.append(range(start, start + size))
        start += size
    return chunks


@dataclass
class _Outcome(Generic[Result]):
    """A chunk's results, up to the error that stopped it, if one did."""

    results: list[Result]
    error: BaseException | None = None
    raised: RaisedInWorker | None = None
    """`error` as a worker sends it back."""

    def give(self) -> Iterator[Result]:
        """The results, then the error raised."""
        yield from self.results
        if self.raised is not None:
            self.raised.raise_here()
        if self.error is not None:
            raise self.error


class _WorkerTraceback(Exception):
    """Where an error was raised in a worker (its traceback, as text): the cause of the
    error as it comes out here."""

    def __str__(self) -> str:
        return str(self.args[0])


def _run(work: Callable[[Item], Result], items: Sequence[Item], chunk: range,
         between: Callable[[], None] | None = None) -> _Outcome[Result]:
    """`work` on the items of `chunk`, calling `between` after each (what it raises is
    raised at once)."""
    results = []
    for position in chunk:
        try:
            results.append(work(items[position]))
        except Exception as error:  # comes out in its turn (see map_in_order)
            return _Outcome(results, error)
        if between is not None:
            between()
    return _Outcome(results)


@dataclass
class _Worker:
    """A worker process seen from here: where its chunks go and its results come from, and
    the chunks it was sent whose results are not read yet, in order."""

    pid: int
    tasks: Connection
    results: Connection
    queued: deque[int] = field(default_factory=deque)


def _in_workers(work: Callable[[Item], Result], items: Sequence[Item], helpers: int,
                beside: Callable[[], None] | None, keeps_all: bool) -> Iterator[Result]:
    lifeline, held = os.pipe()  # the workers see its end when this process ends
    chunks = chunk_plan(len(items), helpers + 1)
    workers: list[_Worker] = []
    # Frozen until the work is done, what this process holds is left alone by the garbage
    # collections of the workers and of this process: their memory pages stay shared (not
    # copied on write), and the collections walk only what is new. A process that sets
    # aside what lives on (the command line: see `base.collection`) keeps it set aside
    # after the work, or its next full collection would walk it all again (50 ms once
    # 2,000 specs are validated, more than the checks across them take).
    set_aside_before = gc.get_freeze_count() > 0
    gc.freeze()
    try:
        for _ in range(helpers):
            workers.append(_fork(work, items, chunks, workers, lifeline, held))
            _working.append(workers[-1].pid)
        yield from _Schedule(work, items, chunks, workers, keeps_all).results(beside)
    except BaseException:  # Ctrl-C, an error, or the caller stopped reading: stop them now
        os.close(held)
        held = -1
        raise
    finally:
        if not set_aside_before:
            gc.unfreeze()
            promoted(collect=gc.isenabled())  # uncounted by CPython's collections
        os.close(lifeline)
        if held != -1:
            os.close(held)
        for worker in workers:
            worker.tasks.close()  # a worker that has done its chunks exits
            worker.results.close()
            os.waitpid(worker.pid, 0)
            _working.remove(worker.pid)


def _fork(work: Callable[[Item], Result], items: Sequence[Item], chunks: Sequence[range],
          forked: Sequence[_Worker], lifeline: int, held: int) -> _Worker:
    """Start a worker: it works on the chunks it is sent until their pipe is closed."""
    from multiprocessing.connection import Pipe  # noqa: PLC0415 (see above)

    tasks_out, tasks_in = Pipe(duplex=False)
    results_out, results_in = Pipe(duplex=False)
    with contextlib.suppress(OSError):  # a lower limit set by the system: left as it is
        fcntl.fcntl(results_in.fileno(), fcntl.F_SETPIPE_SZ, _PIPE_BYTES)
    pid = os.fork()
    if pid == 0:  # the worker
        code = 1
        try:
            for other in forked:
                other.tasks.close()
                other.results.close()
            tasks_in.close()
            results_out.close()
            os.close(held)
            _start_worker(lifeline)
            _serve(work, items, chunks, tasks_out, results_in)
            code = 0
        finally:
            os._exit(code)  # never back into the parent's code
    tasks_out.close()
    results_in.close()
    return _Worker(pid, tasks_in, results_out)


def _start_worker(lifeline: int) -> None:
    """In a new worker: leave Ctrl-C to the parent, SIGTERM and SIGHUP ending it at once
    (`as_worker`), and exit when the parent closes its end
    of the lifeline (stopping the work) or ends."""
    as_worker()
    threading.Thread(target=_exit_with_parent, args=(lifeline,), daemon=True).start()


def _exit_with_parent(lifeline: int) -> None:
    os.read(lifeline, 1)  # returns when no process holds the other end any more
    os._exit(1)


def _serve(work: Callable[[Item], Result], items: Sequence[Item], chunks: Sequence[range],
           tasks: Connection, results: Connection) -> None:
    """A worker's loop: the chunk numbers it is sent in, each chunk's outcome out."""
    import pickle  # noqa: PLC0415 (see `RaisedInWorker.caught`)

    while True:
        try:
            index = tasks.recv()
        except EOFError:
            return
        outcome = _run(work, items, chunks[index])
        if outcome.error is not None:
            outcome.raised, outcome.error = RaisedInWorker.caught(outcome.error), None
        try:
            message = pickle.dumps((index, outcome), pickle.HIGHEST_PROTOCOL)
        except Exception as error:  # results that cannot be pickled: a bug
            message = pickle.dumps((index, _Outcome([], raised=RaisedInWorker.caught(WorkerBug(
                f"a worker could not send back its results: {error}")))))
        results.send_bytes(message)


class _Schedule(Generic[Item, Result]):
    """Hands out the chunks to the workers and to this process, and gives the results in
    order."""

    def __init__(self, work: Callable[[Item], Result], items: Sequence[Item],
                 chunks: Sequence[range], workers: list[_Worker], keeps_all: bool = False
                 ) -> None:
        self.work, self.items, self.chunks, self.workers = work, items, chunks, workers
        self.finished: dict[int, _Outcome[Result]] = {}
        self.started = 0  # chunks handed out so far
        self.turn = 0  # the chunk whose results are given next
        self.ahead = _AHEAD_PER_PROCESS * (len(workers) + 1)
        # chunks that may be started beyond `turn`
        self.reach = len(chunks) if keeps_all else self.ahead
        self.by_fd = {worker.results.fileno(): worker for worker in workers}
        self.poll = select.poll()
        for worker in workers:
            self.poll.register(worker.results.fileno(), select.POLLIN)

    def results(self, beside: Callable[[], None] | None = None) -> Iterator[Result]:
        """The results in order; `beside` is done here once the workers have chunks."""
        if beside is not None:  # the workers get all the chunks they may have meanwhile
            self._feed(self.ahead)
            beside()
        while self.turn < len(self.chunks):
            # Outcomes read as they come, even while the caller takes a long run of results
            # in order: a worker whose chunks are done gets new ones.
            self._collect()
            self._feed()
            outcome = self.finished.pop(self.turn, None)
            if outcome is not None:
                self.turn += 1
                yield from outcome.give()
            elif self._may_start():
                index = self._start()
                self.finished[index] = _run(self.work, self.items, self.chunks[index],
                                            self._collect)
            else:  # the chunk needed next is a worker's: wait for it
                self._collect(None)

    def _may_start(self) -> bool:
        return self.started < min(len(self.chunks), self.turn + self.reach)

    def _start(self) -> int:
        self.started += 1
        return self.started - 1

    def _feed(self, queued: int = _QUEUED) -> None:
        """Send chunks to the workers that have fewer than `queued` to do."""
        for worker in self.workers:
            while len(worker.queued) < queued and self._may_start():
                index = self._start()
                try:
                    worker.tasks.send(index)
                except OSError:
                    raise _worker_died() from None
                worker.queued.append(index)

    def _collect(self, timeout: float | None = 0) -> None:
        """Read the outcomes the workers have sent (waiting for one, with no `timeout`)."""
        import pickle  # noqa: PLC0415 (see `RaisedInWorker.caught`)

        for fd, _ in self.poll.poll(None if timeout is None else timeout * 1000):
            worker = self.by_fd[fd]
            try:
                index, outcome = pickle.loads(worker.results.recv_bytes())
            except (EOFError, OSError):
                raise _worker_died() from None
            worker.queued.popleft()
            self.finished[index] = outcome
            self._feed()


def _worker_died() -> WorkerError:
    return WorkerError("a worker process ended before it finished (killed, or out of "
                       "memory?); run again")
