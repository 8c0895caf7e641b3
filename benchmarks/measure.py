"""What the benchmarks measure with: a comparison of two timings, and timings of work in this
process or of a command in a child process (its time, CPU time, peak memory and output)."""

from __future__ import annotations

import os
import resource
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Comparison:
    """One benchmark: specrepo's time against a baseline's, and the target ratio."""

    name: str
    specrepo: float
    baseline_name: str
    baseline: float
    target: str
    met: bool

    @property
    def ratio(self) -> float:
        return self.specrepo / self.baseline


def best_of(runs: int, work: Callable[[], object]) -> float:
    """The fastest of `runs` wall-clock timings of `work` (the least disturbed one)."""
    timings = []
    for _ in range(runs):
        started = time.perf_counter()
        work()
        timings.append(time.perf_counter() - started)
    return min(timings)


def best_of_each(runs: int, *works: Callable[[], object]) -> list[float]:
    """The fastest of `runs` timings of each of `works`, run in turn, so that load from
    elsewhere on a shared machine falls on all of them alike."""
    timings: list[list[float]] = [[] for _ in works]
    for _ in range(runs):
        for work, taken in zip(works, timings, strict=True):
            taken.append(best_of(1, work))
    return [min(taken) for taken in timings]


def processor_seconds() -> float:
    """User and system time of this process and of every child it has waited for (git's
    processes, workers), so far."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def best_of_each_with_cpu(runs: int, *works: Callable[[], object]
                          ) -> list[tuple[float, float]]:
    """As `best_of_each`, for wall-clock and processor time alike: (fastest wall-clock
    time, least processor time) of each of `works`, run in turn. Processor time counts
    every process a work waited for, so it is steadier than wall-clock time on a shared
    machine, and it shows what overlapping work on several cores saves (wall < CPU)."""
    timings: list[list[tuple[float, float]]] = [[] for _ in works]
    for _ in range(runs):
        for work, taken in zip(works, timings, strict=True):
            started, processor = time.perf_counter(), processor_seconds()
            work()
            taken.append((time.perf_counter() - started, processor_seconds() - processor))
    return [(min(wall for wall, _ in taken), min(cpu for _, cpu in taken))
            for taken in timings]


def cpu_seconds(work: Callable[[], object]) -> float:
    """The processor time `work` takes, its child processes' (git's threads, workers)
    included: on a shared machine it varies far less than the wall clock."""
    started = processor_seconds()
    work()
    return processor_seconds() - started


@dataclass(frozen=True)
class Run:
    """One run of a command: wall-clock seconds, CPU seconds (user and system, of the
    command and every process it waited for: workers, git), standard output, peak memory
    in MB (the largest process, as `ru_maxrss` counts it; and, when sampled, all its
    processes together, as their proportional set sizes sampled every 10 ms add up) and
    exit code. All of the command's own: see `run_command`."""

    seconds: float
    cpu_seconds: float
    output: bytes
    largest_mb: float
    total_mb: float
    returncode: int


def command_environment() -> dict[str, str]:
    """The environment commands run in: this one, but writing bytecode caches as a user's
    Python does (a session may have turned that off, making every start compile)."""
    return {name: value for name, value in os.environ.items()
            if name != "PYTHONDONTWRITEBYTECODE"}


LAUNCHER = """
import os, sys, time
report, command = int(sys.argv[1]), sys.argv[2:]
started = time.perf_counter()
pid = os.fork()
if pid == 0:
    try:
        os.execvp(command[0], command)
    finally:
        os._exit(127)
_, status, usage = os.wait4(pid, 0)
seconds = time.perf_counter() - started
os.write(report, f"{seconds} {usage.ru_utime + usage.ru_stime} {usage.ru_maxrss} "
                 f"{os.waitstatus_to_exitcode(status)}".encode())
"""
"""What starts a measured command: a small Python of its own (no site, no user
environment) that forks it, waits for it and reports its time, CPU time, peak memory and
exit code. A process started straight from the benchmark's would count the benchmark's
memory as its own: Linux keeps the highest resident size a process's memory ever had
(`ru_maxrss`) across `exec`, and a child starts from its parent's memory (a copy, or the
parent's itself with `vfork`, as `subprocess` uses), so the peak of a command started by a
benchmark that had mined 11,000 commits itself read as the benchmark's peak: 403 MB for a
report of 79 (session 43, mem43)."""


def run_command(command: Sequence[str | Path], cwd: Path, *, one_core: bool = False,
                sample: bool = False, env: dict[str, str] | None = None) -> Run:
    """Run `command` in `cwd` as a user would; with `one_core`, pinned to one core (so it
    runs in one process); with `sample`, the memory of all its processes is sampled. It
    is started by `LAUNCHER`, whose own time and memory are not counted."""
    first = min(os.sched_getaffinity(0)) if one_core else None
    report, reported = os.pipe()
    # No thread of this process runs while it forks (each run's reader is joined).
    process = subprocess.Popen(
        [sys.executable, "-I", "-S", "-c", LAUNCHER, str(reported),
         *(str(part) for part in command)], cwd=cwd, stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL, env=env or command_environment(), pass_fds=(reported,),
        preexec_fn=(lambda: os.sched_setaffinity(0, {first})) if first is not None  # noqa: PLW1509
        else None)
    os.close(reported)
    assert process.stdout is not None
    stdout = process.stdout
    chunks: list[bytes] = []
    reader = threading.Thread(target=lambda: chunks.append(stdout.read()))
    reader.start()
    total = 0.0
    while True:
        ended, status, _ = os.wait4(process.pid, os.WNOHANG)
        if ended:
            break
        if sample:
            total = max(total, _tree_pss_mb(process.pid, itself=False))
        time.sleep(0.01 if sample else 0.001)
    reader.join()
    stdout.close()
    with os.fdopen(report, "rb") as measured:
        fields = measured.read().split()
    assert os.waitstatus_to_exitcode(status) == 0 and len(fields) == 4, \
        f"the launcher of {command} failed"
    seconds, cpu, largest_kb, returncode = fields
    return Run(float(seconds), float(cpu), b"".join(chunks), int(largest_kb) / 1024, total,
               int(returncode))


def _tree_pss_mb(pid: int, *, itself: bool = True) -> float:
    """The proportional set size of a process and its descendants (or only of its
    descendants, without `itself`), in MB (0 if gone)."""
    total = 0
    pending = [pid]
    while pending:
        current = pending.pop()
        try:
            if itself or current != pid:
                for line in Path(f"/proc/{current}/smaps_rollup").read_text().splitlines():
                    if line.startswith("Pss:"):
                        total += int(line.split()[1])
            children = Path(f"/proc/{current}/task/{current}/children").read_text().split()
        except OSError:
            continue
        pending.extend(int(child) for child in children)
    return total / 1024


def runs_in_turn(runs: int, *commands: Callable[[], Run]) -> list[list[Run]]:
    """Each command run `runs` times, taking turns (so load from elsewhere falls on all of
    them alike); the runs of each command."""
    results: list[list[Run]] = [[] for _ in commands]
    for _ in range(runs):
        for index, command in enumerate(commands):
            results[index].append(command())
    return results
