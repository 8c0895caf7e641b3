"""SIGTERM and SIGHUP end a run as Ctrl-C does: raised as an exception in the main thread,
so every clean-up runs (temporary files and folders removed, workers and git stopped) and
the run exits 128 + the signal's number, as a shell reports a process a signal ended."""

from __future__ import annotations

import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from types import FrameType

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
