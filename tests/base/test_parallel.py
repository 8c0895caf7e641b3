"""Worker processes: results in order, this process working beside one worker per other core,
errors and Ctrl-C handled, no worker left behind."""

from __future__ import annotations

import gc
import os
import signal
import subprocess
import sys
import threading
from collections.abc import Generator
from pathlib import Path
from typing import cast

import pytest

from specrepo.base import parallel
from specrepo.base.collection import cycle_collection_paused
from specrepo.base.errors import ConfigError, SpecrepoError
from specrepo.base.parallel import (
    RaisedInWorker,
    WorkerBug,
    WorkerError,
    map_in_order,
    usable_cores,
)
from tests.base.finishing_order import FirstFinishesLast, child_processes

forking = pytest.mark.skipif(not parallel.can_fork_workers(),
                             reason="worker processes are forked on Linux only")


@pytest.fixture
def two_cores(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(parallel, "usable_cores", lambda: 2)


def square_and_pid(number: int) -> tuple[int, int]:
    return number * number, os.getpid()


@forking
@pytest.mark.usefixtures("two_cores")
def test_workers_give_the_results_in_the_order_of_the_items() -> None:
    results = list(map_in_order(square_and_pid, range(500), min_items=10))
    assert [square for square, _ in results] == [number * number for number in range(500)]
    # This process and one worker (which always gets the first chunks), never more.
    assert len({pid for _, pid in results}) == 2
    assert os.getpid() in {pid for _, pid in results}
    assert child_processes() == []


@forking
@pytest.mark.usefixtures("two_cores")
def test_objects_set_aside_stay_set_aside_and_others_return_to_the_collector() -> None:
    """The collector's set-aside objects (`gc.freeze`) are as the work found them: a process
    that sets aside what lives on (the command line) keeps what it held then set aside,
    and one that set nothing aside gets everything back to collect."""
    gc.unfreeze()  # whatever an earlier test's command line set aside
    list(map_in_order(square_and_pid, range(500), min_items=10))
    assert gc.get_freeze_count() == 0
    try:
        gc.freeze()
        set_aside = gc.get_freeze_count()
        alive_at_the_start = [[number] for number in range(1000)]
        list(map_in_order(square_and_pid, range(500), min_items=10))
        assert gc.get_freeze_count() >= set_aside + len(alive_at_the_start)
    finally:
        gc.unfreeze()


@forking
@pytest.mark.usefixtures("two_cores")
def test_what_the_work_returns_to_the_collector_counts_as_promoted(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """The objects `gc.unfreeze` moves to the oldest generation after the work are said to
    be promoted (`collection.promoted`, which starts a full collection when one is due):
    CPython's own count leaves them out, and a process validating again and again would
    keep its cyclic garbage."""
    asked: list[bool] = []

    def count(*, collect: bool) -> None:
        asked.append(collect)

    monkeypatch.setattr(parallel, "promoted", count)
    gc.unfreeze()  # whatever an earlier test's command line set aside
    list(map_in_order(square_and_pid, range(500), min_items=10))
    with cycle_collection_paused():
        list(map_in_order(square_and_pid, range(500), min_items=10))
    assert asked == [True, False]  # no collection starts in a block that paused them


@forking
def test_each_other_core_gets_a_worker(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(parallel, "usable_cores", lambda: 3)
    results = list(map_in_order(square_and_pid, range(500), min_items=10))
    assert [square for square, _ in results] == [number * number for number in range(500)]
    assert len({pid for _, pid in results}) == 3
    assert child_processes() == []


@pytest.mark.parametrize("count", [1, 2, 7, 8, 33, 500, 2000, 100_000])
@pytest.mark.parametrize("processes", [2, 3, 8])
def test_chunks_cover_the_items_in_order_and_shrink_towards_the_end(
        count: int, processes: int) -> None:
    chunks = parallel.chunk_plan(count, processes)
    assert [position for chunk in chunks for position in chunk] == list(range(count))
    sizes = [len(chunk) for chunk in chunks]
    assert all(1 <= size <= parallel._MAX_CHUNK for size in sizes)
    assert sizes == sorted(sizes, reverse=True)
    # What is left when a process takes its last chunk is a few items at most.
    assert sizes[-processes:] == [1] * min(processes, len(sizes))


@pytest.mark.usefixtures("two_cores")
def test_few_items_stay_in_this_process() -> None:
    results = list(map_in_order(square_and_pid, range(9), min_items=10))
    assert {pid for _, pid in results} == {os.getpid()}


def test_one_core_keeps_everything_in_this_process(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(parallel, "usable_cores", lambda: 1)
    results = list(map_in_order(square_and_pid, range(500), min_items=10))
    assert {pid for _, pid in results} == {os.getpid()}
    assert [square for square, _ in results] == [number * number for number in range(500)]


@pytest.mark.skipif(not hasattr(os, "sched_setaffinity"), reason="no CPU affinity here")
def test_the_cores_counted_are_those_the_process_may_use() -> None:
    first = min(os.sched_getaffinity(0))
    shown = subprocess.run(
        [sys.executable, "-c", "from specrepo.base.parallel import usable_cores; "
                               "print(usable_cores())"],
        preexec_fn=lambda: os.sched_setaffinity(0, {first}), capture_output=True, text=True,
        check=True)
    assert shown.stdout == "1\n"
    assert usable_cores() == len(os.sched_getaffinity(0))


@pytest.mark.usefixtures("two_cores")
def test_a_process_with_threads_is_not_forked() -> None:
    release = threading.Event()
    waiting = threading.Thread(target=release.wait)
    waiting.start()
    try:
        results = list(map_in_order(square_and_pid, range(500), min_items=10))
    finally:
        release.set()
        waiting.join()
    assert {pid for _, pid in results} == {os.getpid()}


def refuse_seven(number: int) -> int:
    if number == 7:
        raise ConfigError(f"item {number} is refused")
    return number


@forking
@pytest.mark.usefixtures("two_cores")
def test_an_error_in_a_worker_comes_out_as_itself_and_stops_the_workers() -> None:
    given: list[int] = []
    with pytest.raises(ConfigError, match="item 7 is refused") as raised:
        given.extend(map_in_order(refuse_seven, range(500), min_items=10))
    assert child_processes() == []
    # The first chunk is a worker's: where it raised the error is shown as its cause.
    assert "refuse_seven" in str(raised.value.__cause__)


@forking
@pytest.mark.usefixtures("two_cores")
@pytest.mark.parametrize("refused", [7, 260, 499])
def test_an_error_comes_after_the_results_before_it(refused: int) -> None:
    def refuse(number: int) -> int:
        if number == refused:
            raise ConfigError(f"item {number} is refused")
        return number

    given: list[int] = []
    with pytest.raises(ConfigError, match=f"item {refused} is refused"):
        given.extend(map_in_order(refuse, range(500), min_items=10))
    assert given == list(range(refused))
    assert child_processes() == []


def unpicklable(number: int) -> object:
    return lambda: number


@forking
@pytest.mark.usefixtures("two_cores")
def test_results_a_worker_cannot_send_are_an_internal_error() -> None:
    with pytest.raises(WorkerBug, match="could not send back its results"):
        list(map_in_order(unpicklable, range(500), min_items=10))
    assert child_processes() == []


class Unpicklable(Exception):
    """An exception pickle cannot carry back (its class takes another argument)."""

    def __init__(self, number: int, reason: str) -> None:
        super().__init__(f"{reason} at {number}")


def raise_unpicklable(number: int) -> int:
    if number == 7:
        raise Unpicklable(number, "a bug")
    return number


@forking
@pytest.mark.usefixtures("two_cores")
def test_an_exception_pickle_cannot_carry_comes_out_as_an_internal_error_naming_it() -> None:
    with pytest.raises(WorkerBug) as raised:
        list(map_in_order(raise_unpicklable, range(500), min_items=10))
    assert str(raised.value) == "Unpicklable: a bug at 7"  # no traceback in the message...
    assert "raise_unpicklable" in str(raised.value.__cause__)  # ...only in its cause
    assert not isinstance(raised.value, SpecrepoError)  # the boundary's exit 3
    assert child_processes() == []


def test_an_exception_sent_back_keeps_its_message_and_class() -> None:
    refused = RaisedInWorker.caught(ConfigError("schema.json: no"))
    assert type(refused.error) is ConfigError and str(refused.error) == "schema.json: no"
    assert type(RaisedInWorker.caught(Unpicklable(1, "x")).error) is WorkerBug


def end_the_worker(number: int) -> int:
    if number == 300:
        os.kill(os.getpid(), signal.SIGKILL)
    return number


@forking
@pytest.mark.usefixtures("two_cores")
def test_a_worker_that_dies_is_an_error_not_a_hang() -> None:
    with pytest.raises(WorkerError, match="ended before it finished"):
        list(map_in_order(end_the_worker, range(500), min_items=10))
    assert child_processes() == []


@forking
@pytest.mark.usefixtures("two_cores")
def test_reading_only_some_results_stops_the_workers() -> None:
    results = cast("Generator[tuple[int, int], None, None]",
                   map_in_order(square_and_pid, range(500), min_items=10))
    assert next(results)[0] == 0
    results.close()
    assert child_processes() == []


WORKERS_OUTLIVE_NOTHING = """
import os, sys, time
from specrepo.base import parallel
from specrepo.base.collection import cycle_collection_paused
parallel.usable_cores = lambda: 2
def slow(number):
    time.sleep(0.05)
    return os.getpid()
for pid in parallel.map_in_order(slow, range(400), min_items=10):
    if pid != os.getpid():
        print(pid, flush=True)
"""


@forking
def test_workers_end_when_their_parent_is_killed(tmp_path: Path) -> None:
    process = subprocess.Popen([sys.executable, "-c", WORKERS_OUTLIVE_NOTHING],
                               stdout=subprocess.PIPE, text=True)
    assert process.stdout is not None
    worker = int(process.stdout.readline())
    process.kill()
    process.wait()
    process.stdout.close()
    # The worker is a child of someone else now; it ends at once (it may linger as a zombie
    # where nothing reaps orphans, which /proc shows as state Z).
    for _ in range(200):
        try:
            state = Path(f"/proc/{worker}/stat").read_text().rsplit(")", 1)[1].split()[0]
        except FileNotFoundError:
            return
        if state == "Z":
            return
        threading.Event().wait(0.05)
    pytest.fail(f"worker {worker} still runs after its parent was killed")


@forking
@pytest.mark.usefixtures("two_cores")
def test_results_come_in_order_when_later_items_finish_first(
        monkeypatch: pytest.MonkeyPatch) -> None:
    work = FirstFinishesLast(square_and_pid, 0, 2, monkeypatch)
    results = list(map_in_order(work, range(100), min_items=10))
    assert work.waited  # items 1 and 2 were finished before item 0
    assert [square for square, _ in results] == [number * number for number in range(100)]


@forking
@pytest.mark.usefixtures("two_cores")
def test_a_caller_keeping_every_result_never_waits_for_a_slow_first_item(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """`keeps_all`: while one process is busy with a slow first item, the others go on
    with every item after it, not only a few chunks ahead of it (the site's index page is
    drawn first, while the other processes draw the spec pages)."""
    ahead = parallel._AHEAD_PER_PROCESS * 2
    work = FirstFinishesLast(square_and_pid, 0, 10 * ahead, monkeypatch)
    results = list(map_in_order(work, range(20 * ahead), min_items=10, keeps_all=True))
    assert work.waited
    assert [square for square, _ in results] == [number * number
                                                 for number in range(20 * ahead)]
    assert child_processes() == []


@forking
@pytest.mark.usefixtures("two_cores")
def test_work_beside_is_done_here_once_while_the_worker_has_items() -> None:
    """`beside` runs in this process after the worker is started (it is there to take the
    first chunks meanwhile), once; the results still come in order."""
    seen: list[tuple[int, list[int]]] = []
    results = list(map_in_order(square_and_pid, range(500), min_items=10,
                                beside=lambda: seen.append((os.getpid(), child_processes()))))
    assert [square for square, _ in results] == [number * number for number in range(500)]
    ((pid, children),) = seen
    assert pid == os.getpid()
    assert len(children) == 1  # the worker, started before
    # While this process was busy beside, the worker had the first chunks to do.
    assert {pid for _, pid in results[:parallel._MAX_CHUNK]} == set(children)
    assert child_processes() == []


@forking
@pytest.mark.usefixtures("two_cores")
def test_no_other_process_is_forked_while_the_workers_work() -> None:
    """A process forked then (a history walk's worker, say, by work done `beside`) would
    hold the workers' pipes open, so that they would never see the end of their work."""
    seen: list[bool] = []
    list(map_in_order(square_and_pid, range(500), min_items=10,
                      beside=lambda: seen.append(parallel.can_fork_workers())))
    assert seen == [False]
    assert parallel.can_fork_workers()


@pytest.mark.usefixtures("two_cores")
def test_work_beside_comes_first_without_workers() -> None:
    done: list[str] = []

    def work(number: int) -> int:
        done.append("item")
        return number

    assert list(map_in_order(work, range(3), min_items=10,
                             beside=lambda: done.append("beside"))) == [0, 1, 2]
    assert done == ["beside", "item", "item", "item"]
