"""Text tables are exactly what tabulate's `simple` format writes, whatever the cells; a
table of plain ASCII text is laid out without importing tabulate."""

from __future__ import annotations

import subprocess
import sys

from hypothesis import given
from hypothesis import strategies as st
from tabulate import tabulate

from specrepo.output.text_table import simple_table
from tests.support import fuzz

plain = st.text(st.characters(min_codepoint=0x20, max_codepoint=0x7E), max_size=12)
"""Printable ASCII, spaces at either end included: the tables laid out without tabulate."""
any_text = plain | st.text(max_size=6) | st.sampled_from(["", " ", "\t", "a\nb", "é", "名前",
                                                          "\x1b[31mred\x1b[0m", "\x01"])


def reference(rows: list[list[str]], headers: list[str]) -> str:
    return tabulate(rows, headers, tablefmt="simple", disable_numparse=True)


@st.composite
def tables(draw: st.DrawFn, text: st.SearchStrategy[str]) -> tuple[list[list[str]], list[str]]:
    headers = draw(st.lists(text, min_size=1, max_size=5))
    rows = draw(st.lists(st.lists(text, min_size=len(headers), max_size=len(headers)),
                         max_size=5))
    return rows, headers


@fuzz(300)
@given(tables(plain))
def test_a_plain_table_is_tabulates(table: tuple[list[list[str]], list[str]]) -> None:
    rows, headers = table
    assert simple_table(rows, headers) == reference(rows, headers)


@fuzz(300)
@given(tables(any_text), st.lists(st.lists(plain, max_size=6), max_size=2))
def test_any_table_is_tabulates(table: tuple[list[list[str]], list[str]],
                                uneven: list[list[str]]) -> None:
    """Other text, and rows longer or shorter than the headers: tabulate's own layout."""
    rows, headers = table
    assert simple_table(rows, headers) == reference(rows, headers)
    assert simple_table(rows + uneven, headers) == reference(rows + uneven, headers)


def test_a_plain_table_imports_no_tabulate() -> None:
    code = ("import sys; from specrepo.output.text_table import simple_table; "
            "print(simple_table([['SPEC-1', ' Draft '], ['SPEC-10', '']], ['id', 'status'])); "
            "print('tabulate' in sys.modules)")
    shown = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                           check=True).stdout
    assert shown == ("id       status\n-------  --------\nSPEC-1   Draft\nSPEC-10\nFalse\n")
