"""SIGTERM and SIGHUP end a run as Ctrl-C does: raised as an exception in the main thread,
so every clean-up runs (temporary files and folders removed, workers and git stopped) and
the run exits 128 + the signal's number, as a shell reports a process a signal ended."""

from __future__ import annotations

import signal
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from types import FrameType
from typing import Final, TypeVar

from specrepo.base.temporary import temporary_folders_live

T = TypeVar("T")

ENDING: tuple[signal.Signals, ...] = (signal.SIGTERM, signal.SIGHUP)
"""What ends a run besides Ctrl-C: a CI job cancelled, `timeout`, a terminal closed."""


class Terminated(KeyboardInterrupt):
    """A run ended by SIGTERM or SIGHUP: every handler of Ctrl-C handles it too."""

    def __init__(self, number: int) -> None:
        super().__init__(number)
        self.number = number

    @property
    def exit_code(self) -> int:
        """128 + the signal's number: 143 for SIGTERM, 129 for SIGHUP."""
        return 128 + self.number

    @property
    def name(self) -> str:
        """The signal's name (`SIGTERM`)."""
        return signal.Signals(self.number).name


def _raise_terminated(number: int, _: FrameType | None) -> None:
    raise Terminated(number)


@contextmanager
def signals_end_the_run() -> Iterator[None]:
    """Within: SIGTERM and SIGHUP raise `Terminated` (in the main thread; elsewhere,
    nothing changes). A signal this process was started ignoring (`nohup`) stays ignored,
    and one a caller handles stays the caller's. The previous handlers come back after."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    replaced = {number: signal.signal(number, _raise_terminated) for number in ENDING
                if signal.getsignal(number) == signal.SIG_DFL}
    try:
        yield
    finally:
        for number, handler in replaced.items():
            signal.signal(number, handler)


def as_worker() -> None:
    """In a forked worker: Ctrl-C is left to the parent (ignored here), and SIGTERM and
    SIGHUP end it at once, as before the parent handled them: it never runs the parent's
    clean-up (its temporary folders are the parent's to remove)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    for number in ENDING:
        if signal.getsignal(number) is _raise_terminated:
            signal.signal(number, signal.SIG_DFL)


def ended_at_once(native: Callable[[str], T]) -> Callable[[str], T]:
    """`native` (a call into compiled code that holds the interpreter for as long as it
    runs: a backtracking regular expression) run with Ctrl-C, SIGTERM and SIGHUP at their
    default action where this run handles them, so that a signal during it ends the run
    at once (as a shell reports: 130, 143, 129), where Python's handler would wait for the
    call to return, maybe for hours. Not while a temporary folder is to be removed (the
    handler's clean-up), nor elsewhere than in the main thread, nor where a caller handles
    the signals: there, nothing changes."""
    def run(text: str) -> T:
        if (threading.current_thread() is not threading.main_thread()
                or temporary_folders_live()):
            return native(text)
        ours = {number: handler for number in (signal.SIGINT, *ENDING)
                if (handler := signal.getsignal(number)) in _RUN_HANDLERS}
        for number in ours:
            signal.signal(number, signal.SIG_DFL)
        try:
            return native(text)
        finally:
            for number, handler in ours.items():
                signal.signal(number, handler)
    return run


_RUN_HANDLERS: Final = (_raise_terminated, signal.default_int_handler)
