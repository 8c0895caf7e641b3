"""The `specrepo` console script and `python -m specrepo`: Ctrl-C answered from the start.

The command line's modules are imported inside `main`, so an interrupt while they load
(the slowest part of start-up) gets the same one line and exit code as one during a
command, never a traceback.
"""

import contextlib
import os
import sys
from typing import NoReturn

_CACHED = frozenset({"report", "timeline", "validate"})
"""The commands the whole-result cache covers (`specrepo.base.replay_key` says when)."""


def _objects_present(folder: str, names: str) -> bool:
    """Whether git in `folder` still holds each of the objects `names` (one a line) a
    stored run checked: its modules imported only by a hit whose entry asks it."""
    from specrepo.gitio.object_presence import all_present  # noqa: PLC0415 (see above)

    return all_present(folder, names)


def main(*, leaving: bool = False, replaying: bool = False) -> None:
    """Import and run the command line; Ctrl-C at any point exits 130 with one line.
    `leaving`: the process ends once this returns (see `specrepo.cli.main`). `replaying`:
    a command line the whole-result cache covers is replayed from it when nothing it read
    changed, before the command's modules load, and stored otherwise
    (`specrepo.base.result_cache`; the console script replays)."""
    try:
        from specrepo.base.collection import modules_loading  # noqa: PLC0415 (see above)

        cached = None
        replaying = replaying and not _CACHED.isdisjoint(sys.argv[1:])  # not --version's
        if replaying:
            from specrepo.base.replay_key import covered  # noqa: PLC0415

        if replaying and covered(sys.argv[1:]):
            from specrepo.base.result_cache import cached_run  # noqa: PLC0415

            cached = cached_run(sys.argv[1:])
            code = None if cached is None else cached.replayed(_objects_present)
            if code is not None:
                sys.exit(code)
        with modules_loading():
            from specrepo.cli import main as run_command_line  # noqa: PLC0415

        if cached is None:
            run_command_line(leaving=leaving)
        else:
            cached.filled(lambda: run_command_line(leaving=leaving))
    except KeyboardInterrupt as interrupt:  # SIGTERM's `Terminated` too, past the boundary
        # 130 is ExitCode.INTERRUPTED, not imported: its module may be unloadable
        code = getattr(interrupt, "exit_code", 130)
        with contextlib.suppress(OSError, ValueError, AttributeError):  # stderr closed
            sys.stderr.write("specrepo: interrupted\n" if code == 130 else
                             f"specrepo: terminated ({getattr(interrupt, 'name', '')})\n")
        sys.exit(code)


def console_script() -> None:
    """The `specrepo` console script and `python -m specrepo`: `main`, then the process ends
    at once (`_leave_now`). Code that calls `main` itself gets its `SystemExit`."""
    try:
        main(leaving=True, replaying=True)
    except SystemExit as done:
        if done.code is None or isinstance(done.code, int):
            _leave_now(done.code or 0)
        raise


def _leave_now(code: int) -> NoReturn:
    """Exit with `code` once the standard streams are flushed, without the interpreter's
    teardown: freeing every module and object one by one takes longer than many a command
    (40 ms), and nothing of specrepo's waits for it (no exit handlers; files are closed and
    worker processes waited for where they are used). When a flush fails, the interpreter's
    own exit takes over and reports it, as without this."""
    try:
        for stream in (sys.stdout, sys.stderr):
            if stream is not None:
                stream.flush()
    except Exception:  # a closed pipe, a full disk: reported as before, at exit
        raise SystemExit(code) from None
    os._exit(code)


if __name__ == "__main__":
    console_script()
