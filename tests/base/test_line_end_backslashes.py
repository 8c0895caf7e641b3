"""A backslash that ends a line: a hard break dropped where a cell breaks the line, any other
doubled where markup follows it."""

from __future__ import annotations

import pytest

from specrepo.base.line_end_backslashes import cell_lines, ends_in_backslash, joined, literal_end


@pytest.mark.parametrize(("text", "ends"), [
    ("a\\", True), ("a\\\\", False), ("a\\\\\\", True), ("a", False), ("", False),
    ("\\", True),
])
def test_ends_in_backslash_counts_the_run(text: str, ends: bool) -> None:
    assert ends_in_backslash(text) is ends


def test_literal_end_doubles_only_an_unescaped_backslash() -> None:
    assert literal_end("C:\\temp\\") == "C:\\temp\\\\"
    assert literal_end("C:\\temp\\\\") == "C:\\temp\\\\"
    assert literal_end("C:\\temp") == "C:\\temp"


def test_joined_keeps_each_ending_backslash_a_backslash() -> None:
    # newuser74 06: `C:\, D:` read `\,` as an escaped comma and lost the backslash.
    assert joined(["C:\\", "D:"]) == "C:\\\\, D:"


@pytest.mark.parametrize(("text", "lines"), [
    ("a\\\nb", ["a", "b"]),  # a hard break: the cell's `<br>` stands for it
    ("a \\\n b", ["a", "b"]),
    ("a\\\n\nb", ["a\\", "", "b"]),  # before a blank line: the paragraph's end, a backslash
    ("a\\", ["a\\"]),  # the text's end: a backslash
    ("a\\\\\nb", ["a\\\\", "b"]),  # an escaped backslash
    ("  a  \n  b  ", ["a", "b"]),
    ("", [""]),
])
def test_cell_lines(text: str, lines: list[str]) -> None:
    assert cell_lines(text) == lines
