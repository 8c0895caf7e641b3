"""A Markdown value in a table cell means the same whatever markup render puts after it
(`<br>**Depends on**: …`, `<br>**Refines**: …`), as a GFM parser reads the page: a backslash
that ends the value stays a backslash and never escapes render's `<`."""

from __future__ import annotations

import re
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from specrepo.render.blocks import table
from specrepo.render.markdown import markdown_cell
from tests.render.strategies import texts
from tests.support import fuzz, run_cli

_GFM = MarkdownIt("commonmark").enable(["table", "strikethrough"])
_FIRST_CELL = re.compile(r"<td>(.*?)</td>", re.DOTALL)
_MARKUP = ("<br>**Depends on**: [SPEC-0001/FR-1](SPEC-0001.md#fr-1)",
           "<br>**Refines**: SPEC-0002")
_MARKUP_HTML = ('<br><strong>Depends on</strong>: <a href="SPEC-0001.md#fr-1">SPEC-0001/FR-1</a>',
                "<br><strong>Refines</strong>: SPEC-0002")


def _cell_html(cell: str) -> str:
    found = _FIRST_CELL.search(_GFM.render(table(("A", "B"), [(cell, "end")])))
    assert found is not None
    return found.group(1)


# Values heavy in backslashes, at their ends above all.
_backslashed = st.builds("{}{}".format, texts, st.sampled_from(("\\", "\\\\", "\\\\\\", "")))


@fuzz(300)
@given(_backslashed, st.sampled_from(range(len(_MARKUP))))
def test_a_cell_value_reads_the_same_before_render_s_markup(text: str, which: int) -> None:
    cell = markdown_cell(text)
    assert _cell_html(cell + _MARKUP[which]) == _cell_html(cell) + _MARKUP_HTML[which]


def test_a_value_ending_in_a_backslash_keeps_it_before_depends_on() -> None:
    # newuser74 06: `C:\temp\<br>**Depends on**` showed `C:\temp<br>` as text, and no break.
    cell = markdown_cell("path C:\\temp\\")
    assert _cell_html(cell + _MARKUP[0]) == "path C:\\temp\\" + _MARKUP_HTML[0]


def test_a_hard_break_in_a_cell_is_the_cell_s_line_break() -> None:
    # newuser74 06 (FR-1): `hard break\ <br>next` showed the backslash.
    assert _cell_html(markdown_cell("hard break\\\nnext")) == "hard break<br>next"


def test_render_keeps_the_backslash_before_depends_on_and_between_joined_values(
        repo: Path) -> None:
    (repo / "specs" / "SPEC-0001-x.yaml").write_text("""\
id: SPEC-0001
title: Backslashes
status: Draft
authors: [Ada]
reviewers: []
created: 2026-11-01
updated: 2026-11-01
summary: x
requirements:
  functional:
    - {id: FR-1, description: "a hard break\\\\\\nnext", priority: P0}
    - {id: FR-2, description: 'path C:\\temp\\', priority: P0, depends_on: [SPEC-0001/FR-1]}
design:
  components:
    - {name: Store, purpose: p, dependencies: ['C:\\', 'D:']}
""")
    assert run_cli("render").exit_code == 0
    page = (repo / "docs" / "specs" / "SPEC-0001.md").read_text()
    assert "| a hard break<br>next |" in page
    assert "| path C:\\temp\\\\<br>**Depends on**: [SPEC-0001/FR-1](SPEC-0001.md#fr-1) |" in page
    assert "**Dependencies**: C:\\\\, D:" in page
