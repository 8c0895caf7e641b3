"""Escaping: plain text shows as written, Markdown text stays Markdown but cannot break out."""

from __future__ import annotations

import pytest
from hypothesis import given

from specrepo.render.blocks import list_item, table
from specrepo.render.markdown import code_span, markdown_cell, markdown_lines, plain
from tests.render.markdown_support import (
    headings,
    inline_text,
    parse,
    raw_html,
    shown,
    split_row,
    tables,
)
from tests.render.strategies import texts
from tests.support import fuzz


@pytest.mark.parametrize(
    ("text", "escaped"),
    [
        ("Rate limits", "Rate limits"),
        ("a|b", "a\\|b"),
        ("<script>alert(1)</script>", "\\<script\\>alert(1)\\</script\\>"),
        ("AT&T &amp; co", "AT\\&T \\&amp; co"),
        ("# title #", "\\# title \\#"),
        ("*not* _emphasis_ `code` [link](x) ~~del~~ $math$",
         "\\*not\\* \\_emphasis\\_ \\`code\\` \\[link\\](x) \\~\\~del\\~\\~ \\$math\\$"),
        ("back\\slash", "back\\\\slash"),
        ("two\nlines\r\nhere", "two lines here"),
        ("  padded  ", "padded"),
        ("- item", "\\- item"),
        ("+ item", "\\+ item"),
        ("12. item", "12\\. item"),
        ("3) item", "3\\) item"),
        ("===", "\\==="),
        ("> quote", "\\> quote"),
        ("1.10", "1\\.10"),
        ("2026-01-02", "2026-01-02"),
        ("nul\x00 and escape\x1b", "nul\ufffd and escape\ufffd"),
    ],
)
def test_plain(text: str, escaped: str) -> None:
    assert plain(text) == escaped


@pytest.mark.parametrize(
    ("text", "lines"),
    [
        ("Plain *Markdown* with `code` and [a link](https://x.org).",
         ["Plain *Markdown* with `code` and [a link](https://x.org)."]),
        ("# Heading\n## Another", ["\\# Heading", "\\## Another"]),
        ("Text\n---", ["Text", "\\---"]),
        ("Text\n===", ["Text", "\\==="]),
        ("Text\n-", ["Text", "\\-"]),
        ("- item\n  # in item\n> # quoted\n1. # numbered",
         ["- item", "  \\# in item", "> \\# quoted", "1. \\# numbered"]),
        ("<script>alert(1)</script>", ["&lt;script>alert(1)&lt;/script>"]),
        ("a `<kbd>` b <kbd>", ["a `<kbd>` b &lt;kbd>"]),
        ("A & B &amp; C > D", ["A & B &amp; C > D"]),
        ("```sql\nSELECT '<b>';\n# no escape in code\n```\nafter",
         ["```sql", "SELECT '<b>';", "# no escape in code", "```", "after"]),
        ("```\nnever closed <b>", ["```", "never closed <b>", "```"]),
        ("~~~~\n~~~\n", ["~~~~", "~~~", "~~~~"]),
        ("text\n  ```\n<b>", ["text", "  \\`\\`\\`", "&lt;b>"]),
        ("x\n  ~~~\ny", ["x", "  \\~~~", "y"]),
        ("- ```\n<b>\n", ["- \\`\\`\\`", "&lt;b>"]),
        ("a ``two`` b `unclosed", ["a ``two`` b \\`unclosed"]),
        ("`one\nline`", ["\\`one", "line\\`"]),
        ("[a](b`c) <b> `", ["[a](b\\`c) &lt;b> \\`"]),
        ("[a](b) and `f(x)`", ["[a](b) and `f(x)`"]),
        ('[a](b "t`") <b> `f(x)`', ['[a](b "t\\`") &lt;b> \\`f(x)\\`']),
        ("[a][b`c] <b> `]`", ["[a][b\\`c] &lt;b> \\`]\\`"]),
        ("no links: `f(x)[0]`", ["no links: `f(x)[0]`"]),
        ("\\# escaped \\<b>", ["\\# escaped \\<b>"]),
        ("\n\n  first\n\n\n  last  \n\n", ["first", "", "", "  last"]),
    ],
)
def test_markdown_lines(text: str, lines: list[str]) -> None:
    assert markdown_lines(text) == lines


def test_a_label_before_the_first_line_means_it_cannot_open_a_fence() -> None:
    assert markdown_lines("```\n<b>", after_label=True) == ["\\`\\`\\`", "&lt;b>"]
    assert markdown_lines("```\n<b>") == ["```", "<b>", "```"]


@pytest.mark.parametrize(
    ("text", "cell"),
    [
        ("a | b", "a \\| b"),
        ("already \\| escaped", "already \\| escaped"),
        ("backslash \\\\| pipe", "backslash \\\\\\| pipe"),
        ("`a|b` and `c\\|d`", "`a\\|b` and `c\\|d`"),
        ("two\nlines\n\nand a paragraph", "two<br>lines<br><br>and a paragraph"),
        ("ends with \\\nnext", "ends with \\ <br>next"),
        ("<br> <script>", "&lt;br> &lt;script>"),
        ("# not a heading in a cell", "# not a heading in a cell"),
        ("", ""),
    ],
)
def test_markdown_cell(text: str, cell: str) -> None:
    assert markdown_cell(text) == cell


@pytest.mark.parametrize(
    ("text", "span"),
    [("GET /a", "`GET /a`"), ("a`b", "``a`b``"), ("`x`", "`` `x` ``"), ("a\nb", "`a b`")],
)
def test_code_span(text: str, span: str) -> None:
    assert code_span(text) == span


@fuzz(300)
@given(texts)
def test_plain_text_shows_exactly_in_headings_cells_and_list_items(text: str) -> None:
    escaped = plain(text)
    assert headings(f"### {escaped}") == [(3, shown(text))]
    [parsed] = tables(table(("A", "B"), [(escaped, "end")]))
    assert parsed.rows == ((shown(text), "end"),)
    tokens = parse(f"- {escaped}\n")
    assert [token.type for token in tokens].count("list_item_open") == 1
    inline = [token for token in tokens if token.type == "inline"]
    assert [inline_text(token) for token in inline] == ([shown(text)] if shown(text) else [])


@fuzz(300)
@given(texts)
def test_markdown_text_never_adds_headings_or_html(text: str) -> None:
    block = "\n".join(markdown_lines(text))
    page = f"## Before\n\n{block}\n\n## After\n"
    assert headings(page) == [(2, "Before"), (2, "After")]
    assert raw_html(page) == []
    after_label = markdown_lines(text, after_label=True)
    for marker, following in (("- ", "- next"), ("9. ", "10. next")):
        for lines in (markdown_lines(text), ["**Label**: " + after_label[0], *after_label[1:]]):
            page = f"## Before\n\n{list_item(marker, lines)}\n{following}\n\n## After\n"
            assert headings(page) == [(2, "Before"), (2, "After")]
            assert raw_html(page) == []
            top_items = [token for token in parse(page)
                         if token.type == "list_item_open" and token.level == 1]
            assert len(top_items) == 2


@fuzz(300)
@given(texts, texts)
def test_markdown_cells_keep_the_column_count(first: str, second: str) -> None:
    rendered = table(("A", "B", "C"), [(markdown_cell(first), markdown_cell(second), "end")])
    [parsed] = tables(rendered)
    assert parsed.rows[0][2] == "end"
    for row in parsed.source_rows:
        assert len(split_row(row, backslash_pairs=False)) == 3
        assert len(split_row(row, backslash_pairs=True)) == 3
    assert raw_html(rendered) == []
