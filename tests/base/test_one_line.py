"""One line of text output, whatever a value holds."""

from __future__ import annotations

import unicodedata

from hypothesis import given
from hypothesis import strategies as st

from specrepo.base.one_line import one_line
from tests.support import fuzz


def test_escapes() -> None:
    assert one_line("plain é 検証") == "plain é 検証"
    assert one_line("a\nb\r\nc\td\x1b[31m\x7f\x85\u2028\u2029\u202e\u2066") == (
        "a\\nb\\r\\nc\\td\\x1b[31m\\x7f\\x85\\u2028\\u2029\\u202e\\u2066")


@fuzz(300)
@given(st.text())
def test_any_text_stays_on_one_line_without_control_characters(text: str) -> None:
    shown = one_line(text)
    assert len(shown.splitlines()) <= 1
    assert not any(unicodedata.category(char) == "Cc" for char in shown)
