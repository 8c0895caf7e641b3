"""Standard output that fails as an environment problem, never as a crash.

A pipe or console whose encoding cannot hold a character gets it as a Python escape
(`R\\u00e9sum\\u00e9`, as text output writes a control character; `\\xe9` is a file name's
byte that is not UTF-8), and a warning at the end
says so (`escaped_characters`); the machine formats escape it in their own syntax instead
(`escape_for_format`: JSON's `\u00e9`, XML's `&#233;`), so a file name stays one that
exists. A full disk, a closed descriptor or any other failed write raises
OutputError (exit 2); a reader that went away still raises BrokenPipeError, which the CLI
answers quietly with exit 141, as a shell reports git that SIGPIPE ended (`| head -1`).
"""

from __future__ import annotations

import codecs
import io
import json
from collections.abc import Mapping
from typing import Final, TextIO, cast

from specrepo.base.errors import OutputError, stdout_write_failed
from specrepo.base.one_line import all_escaped


class _GuardedOutput(io.TextIOWrapper):
    """The process's standard output, writing through the same buffer."""

    def write(self, text: str) -> int:
        try:
            return super().write(text)
        except BrokenPipeError:
            raise
        except OSError as error:
            raise stdout_write_failed(error.strerror or str(error)) from None

    def flush(self) -> None:
        try:
            super().flush()
        except BrokenPipeError:
            raise
        except OSError as error:
            raise stdout_write_failed(error.strerror or str(error)) from None


class _ClosedOutput(io.TextIOBase):
    """Standard output when the process started without one (`specrepo … >&-`)."""

    encoding = "utf-8"

    def write(self, text: str) -> int:
        if text:
            raise OutputError("standard output is closed; nothing can be printed")
        return 0


def guarded_stdout(stdout: TextIO | None) -> TextIO:
    """A stream for what `stdout` (the process's `sys.stdout`, None when closed) writes to.

    Characters the stream's encoding lacks are written as escapes (`\\u00e9`, noted for
    `escaped_characters`); failed writes raise OutputError.
    Streams that are not a console or pipe of this process (a test's capture) are returned
    as they are.
    """
    if stdout is None:
        return cast(TextIO, _ClosedOutput())  # io.TextIOBase implements TextIO at run time
    if not isinstance(stdout, io.TextIOWrapper):
        return stdout
    stdout.flush()
    return _GuardedOutput(stdout.buffer, encoding=stdout.encoding, errors=_TEXT_ESCAPE,
                          newline=None, line_buffering=stdout.line_buffering,
                          write_through=stdout.write_through)


def use_color(stream: TextIO, environment: Mapping[str, str]) -> bool:
    """Whether to colour text for `stream`: a terminal, and no `NO_COLOR` (no-color.org)."""
    return stream.isatty() and not environment.get("NO_COLOR")


def _json_escape(error: UnicodeError) -> tuple[str, int]:
    """A codec error handler writing what the encoding lacks as JSON escapes (RFC 8259,
    section 7: `\\u00e9`, a surrogate pair beyond the Basic Multilingual Plane): valid
    wherever JSON text holds a character outside ASCII, which is only inside strings."""
    if not isinstance(error, UnicodeEncodeError):
        raise error
    return json.dumps(error.object[error.start:error.end])[1:-1], error.end


codecs.register_error("specrepo-json-escape", _json_escape)

_TEXT_ESCAPE: Final = "specrepo-text-escape"
_ESCAPED: list[bool] = []
"""`[True]` once standard output's encoding lacked a character (see `_text_escape`)."""


def _text_escape(error: UnicodeError) -> tuple[str, int]:
    """A codec error handler writing what the encoding lacks as every text output escapes
    a character (`all_escaped`: `\\u00e9`, `\\u05e2`, `\\U0001f680`; not Python's
    `backslashreplace`, whose `\\xe9` is how a file name's byte that is not UTF-8 is
    shown), noting that it did."""
    if not isinstance(error, UnicodeEncodeError):
        raise error
    _ESCAPED[:] = [True]
    return all_escaped(error.object[error.start:error.end]), error.end


codecs.register_error(_TEXT_ESCAPE, _text_escape)


def escaped_characters(encoding: str) -> str | None:
    """A warning that standard output's `encoding` lacked characters it was given, so they
    were written as escapes, and how to see them as they are; None when none was. Asking
    forgets it (a command line run again in one process starts afresh)."""
    if not _ESCAPED:
        return None
    _ESCAPED.clear()
    return (f"standard output's encoding ({encoding}) cannot write some characters: they "
            "are shown as escapes (\\u00e9); set PYTHONIOENCODING=utf-8 (or PYTHONUTF8=1) to "
            "see them as they are")

_ESCAPES: Final = {"json": "specrepo-json-escape", "sarif": "specrepo-json-escape",
                   "junit": "xmlcharrefreplace"}
"""The codec error handler of each machine format: lossless escapes (XML 1.0, section 4.1:
character references), where the `?` of text formats would name a file that does not
exist."""


def escape_for_format(stream: TextIO, output_format: str) -> None:
    """Make `stream` (standard output, as `guarded_stdout` made it) write the characters its
    encoding lacks as `output_format`'s own escapes, for the machine formats (json, sarif,
    junit); other formats keep Python's escapes."""
    errors = _ESCAPES.get(output_format)
    if errors is not None and isinstance(stream, io.TextIOWrapper):
        stream.reconfigure(errors=errors)
