"""Standard output and error that cannot hold a character: an escape, never a crash, and
never one that reads as something else."""

from __future__ import annotations

import io

import pytest

from specrepo.base.one_line import one_line
from specrepo.cli import boundary
from specrepo.output.standard_output import escaped_characters, guarded_stdout


def _ascii_stdout(text: str) -> str:
    buffer = io.BytesIO()
    stdout = io.TextIOWrapper(buffer, encoding="ascii")  # kept: it closes the buffer when let go
    stream = guarded_stdout(stdout)
    stream.write(text)
    stream.flush()
    written = buffer.getvalue().decode("ascii")
    escaped_characters("ascii")  # forgets that it escaped (one process runs every test)
    return written


@pytest.mark.parametrize(("text", "shown"), [
    ("Caf\u00e9", "Caf\\u00e9"), ("\u05e2", "\\u05e2"), ("\U0001f680", "\\U0001f680"),
    (one_line("caf\udce9.yaml"), "caf\\xe9.yaml"), ("caf\udce9", "caf\\xe9")])
def test_an_ascii_stdout_tells_a_character_from_a_byte_that_was_not_utf8(
        text: str, shown: str) -> None:
    """polish: `é` in a title and the byte 0xE9 in a file name were both written `\\xe9`
    on an ASCII standard output; `\\xNN` is now only ever the byte."""
    assert _ascii_stdout(text) == shown


def test_stderr_escapes_as_stdout_does() -> None:
    written = "Caf\u00e9 caf\udce9 \U0001f680".encode("ascii", boundary._STDERR_ESCAPE)
    assert written.decode("ascii") == "Caf\\u00e9 caf\\xe9 \\U0001f680"


def test_a_c1_control_character_is_not_read_as_a_byte() -> None:
    """U+0085 and a name's byte 0x85 were both `\\x85` in every text output."""
    assert one_line("\x85 caf\udc85") == "\\u0085 caf\\x85"
