"""The `specrepo` console script and `python -m specrepo`: Ctrl-C answered from the start.

The command line's modules are imported inside `main`, so an interrupt while they load
(the slowest part of start-up) gets the same one line and exit code as one during a
command, never a traceback.
"""

import contextlib
import sys


def main() -> None:
    """Import and run the command line; Ctrl-C at any point exits 130 with one line."""
    try:
        from specrepo.cli import main as run_command_line  # noqa: PLC0415 (see above)

        run_command_line()
    except KeyboardInterrupt:
        with contextlib.suppress(OSError, ValueError, AttributeError):  # stderr closed
            sys.stderr.write("specrepo: interrupted\n")
        sys.exit(130)  # ExitCode.INTERRUPTED, not imported: its module may be unloadable


if __name__ == "__main__":
    main()
