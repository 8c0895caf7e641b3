"""regress, ECMA-262's own backtracking engine, run in a process of its own, so that a match
can be stopped: regress holds the interpreter for as long as it matches, and nothing in this
process could stop it (no signal handler runs, no timeout is checked inside it).

One worker process per process that asks (started at the first ask, kept for the next), fed
requests through a pipe: `<alarm seconds> <pattern bytes> <text bytes>\\n`, then the pattern
and the text in UTF-8; it answers one byte, `1` for a match, `0` for none. The asking
process waits `MATCH_SECONDS` for the answer; past them it kills the worker (started again at
the next ask) and raises `SlowMatch`. The worker ends on its own when the pipe closes (the
asking process ended), and `alarm` seconds into a match whose asker is gone (SIGALRM's
default action), so none outlives its asker for long. Ctrl-C is the asker's (the worker
ignores it): during a match it ends the run at once, and the worker is killed.

Windows has no `select` on pipes: there, regress runs in this process, unbounded, and Ctrl-C
ends the run during a match (`ended_at_once`)."""

from __future__ import annotations

import atexit
import contextlib
import math
import os
import select
import signal
import sys
import threading
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path
from typing import IO, Final

import regress

from specrepo.base.replay_doubts import own_worker
from specrepo.base.signals import ended_at_once
from specrepo.load.no_verdict import EngineEnded, EngineUnstarted, SlowMatch

_MATCH: Final = b"1"
_NO_MATCH: Final = b"0"
_MODULE: Final = own_worker(__name__)
"""This module, as the worker runs it: deterministic, it reads nothing but what it is sent,
so a run that started it may be stored and replayed (`base.result_cache`)."""
_ROOT: Final = str(Path(__file__).parents[2])
"""The folder the `specrepo` package is imported from: the worker's working folder, so that
`python -m` finds this module there and never a file of the folder a run checks."""


class _Worker:
    """A running worker process, with the pipes to it."""

    def __init__(self) -> None:
        import subprocess  # noqa: PLC0415 (a run that matches no such pattern needs none)

        self.process = subprocess.Popen(
            [sys.executable, *_interpreter_flags(), "-m", _MODULE, str(os.getpid())],
            cwd=_ROOT, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL)

    def ask(self, request: bytes, seconds: float) -> bytes | None:
        """The worker's answer to `request` (`b""` when it ended), or None when it has not
        answered within `seconds`."""
        assert self.process.stdin is not None and self.process.stdout is not None
        try:
            self.process.stdin.write(request)
            self.process.stdin.flush()
        except BrokenPipeError:  # it ended while it read the request
            return b""
        answers = self.process.stdout.fileno()
        ready, _, _ = select.select([answers], [], [], seconds)
        return os.read(answers, 1) if ready else None

    def close(self) -> None:
        """Close the pipes to the worker (which ends it when this process held the last)."""
        for pipe in (self.process.stdin, self.process.stdout):
            if pipe is not None:
                with contextlib.suppress(BrokenPipeError):
                    pipe.close()

    def stop(self) -> int:
        """Kill the worker and collect its exit status (negative: the signal that ended it)."""
        self.process.kill()
        status = self.process.wait()
        self.close()
        return status


def _interpreter_flags() -> list[str]:
    """The flags this interpreter runs with that decide where it imports from (`-I`: no
    `PYTHONPATH`, no user site, no working folder), so that the worker imports the modules
    this process would (check61: with `-I`, the worker imported a `PYTHONPATH`'s
    `regress.py`)."""
    flags = sys.flags
    return [flag for flag, given in (
        ("-I", flags.isolated), ("-E", flags.ignore_environment), ("-s", flags.no_user_site),
        ("-S", flags.no_site), ("-P", getattr(flags, "safe_path", False))) if given]


_lock = threading.Lock()
_workers: list[_Worker] = []
"""This process's worker, when one runs (a list, so that no `global` is needed)."""


def _worker() -> _Worker:
    """This process's worker, started again when it ended between two requests."""
    if _workers and _workers[0].process.poll() is not None:
        _workers.pop().stop()
    if not _workers:
        _workers.append(_Worker())
    return _workers[0]


def _retire(worker: _Worker) -> int:
    """Stop `worker` (its state is unknown: the next request starts another); its status."""
    _workers.remove(worker)
    return worker.stop()


def _forget_inherited() -> None:
    """In a forked process: the parent's worker is the parent's (two processes writing to one
    pipe would mix their requests); close this copy of its pipes, and start its own."""
    while _workers:
        _workers.pop().close()


@atexit.register
def stop_worker() -> None:
    """Stop this process's worker, if one runs: at exit, or where a long-lived process (a
    test session) wants no child left between runs; the next match starts another."""
    if _workers:
        _retire(_workers[0])


if sys.platform != "win32":
    os.register_at_fork(after_in_child=_forget_inherited)


def bounded_regress(pattern: str, written: str, seconds: Callable[[], float]
                    ) -> Callable[[str], object | None]:
    """The search of `pattern` (ECMA-262, `u` flag, as regress reads it): True where it
    matches a text, else None. A match not decided within `seconds()` raises `SlowMatch`,
    one whose worker ended `EngineEnded`, naming the pattern as `written`. A text that
    UTF-8 cannot carry (a lone surrogate) raises `UnicodeEncodeError`, as regress does."""
    if sys.platform == "win32":
        return ended_at_once(_compiled(pattern).find)
    head = pattern.encode()

    def find(text: str) -> object | None:
        body = text.encode()
        budget = seconds()
        request = b"%d %d %d\n" % (math.ceil(budget) + 1, len(head), len(body)) + head + body
        with _lock:
            try:
                worker = _worker()
            except OSError as error:  # no process can be started: a limit of the system's
                raise EngineUnstarted(written, text, error.strerror or str(error)) from None
            try:
                answer = worker.ask(request, budget)
            except BaseException:  # Ctrl-C during the match: the worker's state is lost
                _retire(worker)
                raise
            if answer is None:
                _retire(worker)
                raise SlowMatch(written, text, budget)
            if answer not in (_MATCH, _NO_MATCH):
                raise EngineEnded(written, text, _retire(worker))
        return True if answer == _MATCH else None
    return find


@lru_cache(maxsize=256)
def _compiled(pattern: str) -> regress.Regex:
    return regress.Regex(pattern, "u")


def _serve(requests: IO[bytes], answers: IO[bytes], asker: int) -> None:
    """The worker's loop: a request in, its answer out, until the pipe closes. Ends with
    the process that asks (`asker`), at once where Linux can say so (`PR_SET_PDEATHSIG`:
    a forked process killed during a match never stops its worker)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if sys.platform == "linux":
        import ctypes  # noqa: PLC0415 (the worker's own)

        ctypes.CDLL(None).prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
    if os.getppid() != asker:  # it ended before that was set
        return
    while header := requests.readline():
        alarm, pattern_size, text_size = map(int, header.split())
        pattern = requests.read(pattern_size).decode()
        text = requests.read(text_size).decode()
        signal.alarm(alarm)
        found = _compiled(pattern).find(text) is not None
        signal.alarm(0)
        answers.write(_MATCH if found else _NO_MATCH)
        answers.flush()


_PR_SET_PDEATHSIG: Final = 1
"""Linux's prctl option: the signal a process is sent when its parent ends."""

if __name__ == "__main__":
    _serve(sys.stdin.buffer, sys.stdout.buffer, int(sys.argv[1]))
