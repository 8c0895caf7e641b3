"""Formatting is no change: two Markdown texts that show the same, and edits that do not."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from specrepo.load.markdown_shown import shows_same
from tests.support import fuzz

TEXT = """\
## Design

It works like this: one paragraph
that wraps.

* one
* two

1. first
2. second

```python
x = 1
```

***
"""

FORMATTED = """\
Design
------

It works like this:
one paragraph that wraps.\x20

- one
- two

1. first
1. second

~~~python
x = 1
~~~

---
"""


def test_a_formatter_pass_shows_the_same() -> None:
    assert shows_same(TEXT, FORMATTED)
    assert shows_same(FORMATTED, TEXT)


@pytest.mark.parametrize(("old", "new"), [
    pytest.param("a b", "a c", id="a word"),
    pytest.param("a  \nb", "a\nb", id="a hard break"),
    pytest.param("1. a", "2. a", id="an ordered list's start"),
    pytest.param("- a\n- b", "- a\n\n- b", id="a tight list made loose"),
    pytest.param("[l](http://a)", "[l](http://b)", id="a link destination"),
    pytest.param("```py\nx\n```", "```\nx\n```", id="a fence's language"),
    pytest.param("```\nx = 1\n```", "```\nx =  1\n```", id="spaces in code"),
    pytest.param("a <!-- b --> c", "a <!-- c --> c", id="a comment"),
    pytest.param("a & b", "a &amp; b", id="an entity for its character"),
    pytest.param("| a | b |\n|:--|--|\n| 1 | 2 |", "| a | b |\n|--:|--|\n| 1 | 2 |",
                 id="a column's alignment"),
    pytest.param("* a\n* b", "* a\n- b", id="a list split by its marker"),
    pytest.param("a[^Note].\n\n[^note]: Since 2024.\n", "a[^Note].\n\n[^note]: Since 2030.\n",
                 id="a footnote markdown-it does not reach (another letter case)"),
    pytest.param("[x][p]\n\n[p]: http://a\n[q]: http://c\n",
                 "[x][p]\n\n[p]: http://a\n[q]: http://d\n", id="an unused link definition"),
])
def test_an_edit_a_reader_sees_is_a_change(old: str, new: str) -> None:
    assert not shows_same(old, new)


def test_table_padding_and_emphasis_markers_are_formatting() -> None:
    assert shows_same("|a|b|\n|-|-|\n|1|*2*|", "| a | b |\n| --- | --- |\n| 1 | _2_ |")


WORDS = st.lists(st.text("abcdefgh", min_size=1, max_size=6), min_size=1, max_size=20)


@fuzz(200)
@given(WORDS, st.lists(st.booleans(), min_size=20, max_size=20), st.sampled_from("*-+"),
       st.sampled_from("*-+"))
def test_rewrapping_and_bullet_markers_show_the_same(
        words: list[str], breaks: list[bool], marker: str, other: str) -> None:
    wrapped = "".join(word + ("\n" if cut else " ")
                      for word, cut in zip(words, breaks, strict=False))
    old = f"{' '.join(words)}\n\n{marker} {words[0]}\n{marker} {words[-1]}\n"
    new = f"{wrapped.rstrip()}\n\n{other} {words[0]}\n{other} {words[-1]}\n"
    assert shows_same(old, new)
    changed = new.replace(words[-1], words[-1] + "x")
    assert not shows_same(old, changed)


_RENDERER = MarkdownIt("commonmark").enable("table")


def _rendered(text: str) -> str:
    """The HTML `text` renders to, with the line breaks a soft break writes as spaces."""
    return re.sub(r"\s+", " ", _RENDERER.render(text))


@fuzz(300)
@given(st.text("ab *-_`#\n>1.|[]()", max_size=40), st.text("ab *-_`#\n>1.|[]()", max_size=40))
def test_what_shows_the_same_renders_the_same(old: str, new: str) -> None:
    """Never a change lost: texts `shows_same` calls the same render the same HTML (up to
    whitespace; no generated text holds code a space could change)."""
    if shows_same(old, new) and "`" not in old + new:
        assert _rendered(old) == _rendered(new)
