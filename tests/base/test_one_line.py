"""One line of text output, whatever a value holds."""

from __future__ import annotations

import unicodedata

from hypothesis import given
from hypothesis import strategies as st

from specrepo.base.one_line import each_line, one_line
from tests.support import fuzz


def test_escapes() -> None:
    assert one_line("plain é 検証") == "plain é 検証"
    assert one_line("a\nb\r\nc\td\x1b[31m\x7f\x85\u2028\u2029\u202e\u2066") == (
        "a\\nb\\r\\nc\\td\\x1b[31m\\x7f\\u0085\\u2028\\u2029\\u202e\\u2066")


@fuzz(300)
@given(st.text())
def test_any_text_stays_on_one_line_without_control_characters(text: str) -> None:
    shown = one_line(text)
    assert len(shown.splitlines()) <= 1
    assert not any(unicodedata.category(char) == "Cc" for char in shown)


def test_each_line_keeps_the_tabs_that_indent_a_line() -> None:
    # retrial74: git's safe.directory hint (a tab-indented command to copy) came out as
    # `\tgit config ...` once stderr's messages went through each_line.
    hint = "fatal: detected dubious ownership\n\tgit config --global --add safe.directory /r"
    assert each_line(hint) == hint
    assert each_line("\tkey\tvalue\x1b") == "\tkey\\tvalue\\x1b"
