"""Escaping: plain text shows as written, Markdown text stays Markdown but cannot break out;
only what would change the rendering is escaped, so pages read well raw too."""

from __future__ import annotations

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from specrepo.base.block_starts import one_line_paragraph
from specrepo.base.links import NO_REBASE, LinkBase, is_linkable
from specrepo.render.blocks import list_item, strong, table
from specrepo.render.markdown import (
    _escaped_lines,
    _trimmed_lines,
    clean,
    code_span,
    markdown_cell,
    markdown_lines,
    plain,
    plain_cell,
)
from tests.render.markdown_support import (
    headings,
    inline_kinds,
    inline_text,
    links,
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
        # Text that is not Markdown where it stands is left alone.
        ("p99 < 200 ms, 2.4x faster, 99.95% up", "p99 < 200 ms, 2.4x faster, 99.95% up"),
        ("1.10", "1.10"),
        ("2026-01-02", "2026-01-02"),
        ("a <= b, 5 * 3, x ~ y", "a <= b, 5 * 3, x ~ y"),
        ("snake_case_name", "snake_case_name"),
        ("C# and #hashtag", "C# and #hashtag"),
        ("AT&T, R&D", "AT&T, R&D"),
        ("-5 dB --flag", "-5 dB --flag"),
        ("C:\\Users\\ada", "C:\\Users\\ada"),
        # Markdown where it stands is escaped.
        ("a|b", "a\\|b"),
        ("<script>alert(1)</script>", "\\<script>alert(1)\\</script>"),
        ("Ada <ada@example.com>", "Ada \\<ada@example.com>"),
        ("<!-- x --> <?php", "\\<!-- x --> \\<?php"),
        ("&amp; &#60; &#x3c;", "\\&amp; \\&#60; \\&#x3c;"),
        ("# title #", "\\# title \\#"),
        ("*not* _emphasis_ `code` [link](x) ~~del~~ $math$",
         "\\*not\\* \\_emphasis\\_ \\`code\\` \\[link\\](x) \\~\\~del\\~\\~ \\$math\\$"),
        ("a*b x_ __init__", "a\\*b x\\_ \\_\\_init\\_\\_"),
        ("back\\*slash end\\", "back\\\\\\*slash end\\\\"),
        ("- item", "\\- item"),
        ("+ item", "\\+ item"),
        ("* item", "\\* item"),
        ("12. item", "12\\. item"),
        ("3) item", "3\\) item"),
        ("===", "\\==="),
        ("---", "\\---"),
        ("> quote", "\\> quote"),
        (">quote", "\\>quote"),
        ("~~~ fence", "\\~\\~\\~ fence"),
        ("ends with <", "ends with \\<"),
        # One line, no control characters.
        ("two\nlines\r\nhere", "two lines here"),
        ("  padded  ", "padded"),
        ("nul\x00 and escape\x1b", "nul\ufffd and escape\ufffd"),
        # A bidirectional override shows as the escape text output writes (trial33 F5).
        ("Rate \u202eevil\u2066", "Rate \\u202eevil\\u2066"),
    ],
)
def test_plain(text: str, escaped: str) -> None:
    assert plain(text) == escaped


@pytest.mark.parametrize(
    ("text", "cell"),
    [
        # No block starts in a cell: only inline syntax is escaped.
        ("> 5% for 10 min", "> 5% for 10 min"),
        ("- 20%", "- 20%"),
        ("1. first", "1. first"),
        ("# of requests", "# of requests"),
        ("===", "==="),
        ("a|b <b> *x* `y` [z]", "a\\|b \\<b> \\*x\\* \\`y\\` \\[z\\]"),
    ],
)
def test_plain_cell(text: str, cell: str) -> None:
    assert plain_cell(text) == cell
    [parsed] = tables(table(("A",), [(cell,)]))
    assert parsed.rows == ((text,),)


@pytest.mark.parametrize(
    ("text", "lines"),
    [
        ("Plain *Markdown* with `code` and [a link](https://x.org).",
         ["Plain *Markdown* with `code` and [a link](https://x.org)."]),
        ("p99 < 200 ms, 2.4x faster, 99.95% up, a <= b, AT&T",
         ["p99 < 200 ms, 2.4x faster, 99.95% up, a <= b, AT&T"]),
        ("# Heading\n## Another", ["\\# Heading", "\\## Another"]),
        ("#hashtag at the start", ["#hashtag at the start"]),
        ("Text\n---", ["Text", "\\---"]),
        ("Text\n===", ["Text", "\\==="]),
        ("Text\n-", ["Text", "\\-"]),
        ("- item\n  # in item\n> # quoted\n1. # numbered",
         ["- item", "  \\# in item", "> \\# quoted", "1. \\# numbered"]),
        ("<script>alert(1)</script>", ["\\<script>alert(1)\\</script>"]),
        ("<!-- comment --> <?pi?> <!DOCTYPE x>", ["\\<!-- comment --> \\<?pi?> \\<!DOCTYPE x>"]),
        # An HTML comment stays a comment, which a reader hides (the site leaves it out)...
        ("Rate limits. <!-- TODO: numbers --> Done.",
         ["Rate limits. <!-- TODO: numbers --> Done."]),
        # (a text of one line that is nothing but a comment is shown: a list item or a
        # section would show nothing at all, `test_one_line_values_show_as_written`)
        ("<!-- TODO -->", ["\\<!-- TODO -->"]),
        ("a\n<!-- on\ntwo lines -->\nb", ["a", "<!-- on", "two lines -->", "b"]),
        ("a <!-- x --> <b> <!--> <!---> c", ["a <!-- x --> \\<b> <!--> <!---> c"]),
        # ... but one that no `-->` closes is text, and so is one that starts a line with
        # text after it (a GFM reader would take that line for raw HTML).
        ("a <!-- never closed", ["a \\<!-- never closed"]),
        ("<!-- a --> <b>bold</b>", ["\\<!-- a --> \\<b>bold\\</b>"]),
        ("a\n<!-- b --> c", ["a", "\\<!-- b --> c"]),
        ("`<!-- code -->`", ["`<!-- code -->`"]),
        ("a `<kbd>` b <kbd>", ["a `<kbd>` b \\<kbd>"]),
        ("A & B &amp; C > D", ["A & B &amp; C > D"]),
        # Autolinks to web and mail addresses stay links; others become text.
        ("see <https://example.com/a?b=1> or <ada@example.com>",
         ["see <https://example.com/a?b=1> or <ada@example.com>"]),
        ("<javascript:alert(1)> <file:///etc/passwd>",
         ["\\<javascript:alert(1)> \\<file:///etc/passwd>"]),
        # A link to another scheme keeps its text and shows its URL, as text.
        ("[click](javascript:alert(1))", ["[click]\\(javascript:alert(1))"]),
        ("![x](JAVA&#115;CRIPT:x) [y]( vbscript:x)",
         ["![x]\\(JAVA&#115;CRIPT:x) [y]\\( vbscript:x)"]),
        ("[a]: javascript:alert(1)\n[a]", ["[a]\\: javascript:alert(1)", "[a]"]),
        ("[a]:\n  javascript:x", ["[a]\\:", "  javascript:x"]),
        ("[x](\njavascript:x)", ["[x]\\(", "javascript:x)"]),
        ("[ok](https://x.org) [mail](mailto:a@b.c) [rel](docs/a.md)",
         ["[ok](https://x.org) [mail](mailto:a@b.c) [rel](docs/a.md)"]),
        ("```sql\nSELECT '<b>';\n# no escape in code\n```\nafter",
         ["```sql", "SELECT '<b>';", "# no escape in code", "```", "after"]),
        ("```\nnever closed <b>", ["```", "never closed <b>", "```"]),
        ("~~~~\n~~~\n", ["~~~~", "~~~", "~~~~"]),
        # A fence the parser reads (an indented one too) is left as written, and closed.
        ("text\n  ```\n<b>", ["text", "  ```", "<b>", "```"]),
        ("x\n  ~~~\ny", ["x", "  ~~~", "y", "~~~"]),
        # A fence in a list item ends with the item.
        ("- ```\n<b>\n", ["- ```", "\\<b>"]),
        # Code spans are the parser's, whatever else the text holds: left as written.
        ("a ``two`` b `unclosed", ["a ``two`` b `unclosed"]),
        ("`one\nline`", ["`one", "line`"]),
        ("[a](b`c) <b> `", ["[a](b`c) \\<b> `"]),
        ("[a](b) and `f(x)`", ["[a](b) and `f(x)`"]),
        ('[a](b "t`") <b> `f(x)`', ['[a](b "t`") \\<b> `f(x)`']),
        ("[a][b`c] <b> `]`", ["[a][b`c] <b> `]`"]),
        ("][`]()`", ["][`]()`"]),
        ("`](<http://x>`", ["`](<http://x>`"]),
        ("no links: `f(x)[0]`", ["no links: `f(x)[0]`"]),
        ("\\# escaped \\<b>", ["\\# escaped \\<b>"]),
        # The first line keeps its indentation (four spaces make a code block).
        ("\n\n  first\n\n\n  last  \n\n", ["  first", "", "", "  last"]),
    ],
)
def test_markdown_lines(text: str, lines: list[str]) -> None:
    assert markdown_lines(text) == lines


@pytest.mark.parametrize("text", ["```\n<b>", "    code\n    more", "\tcode\n\tmore", "- a\n- b",
                                  "> quote\n> more", "| a |\n|---|", "[a]: b.md\n\n[a]",
                                  "***\ntext"])
def test_a_text_that_does_not_start_with_a_paragraph_starts_below_its_label(text: str) -> None:
    # As the site shows it: the label, then the text's blocks (a code block keeps its
    # indentation, a fence opens).
    assert markdown_lines(text, after_label=True) == ["", "", *markdown_lines(text)]
    assert markdown_lines("  text\nmore", after_label=True) == ["text", "more"]
    assert markdown_lines("```\n<b>") == ["```", "<b>", "```"]


def test_relative_links_are_rebased_from_the_spec_to_the_page() -> None:
    base = LinkBase("specs", "docs/specs")
    text = ("See [design](../docs/design.md#limits), [sibling](SPEC-0002.yaml), "
            "[root](/README.md), [part](#goals), [web](https://x.org/a), `[no](code.md)`, [ref]."
            "\n\n[ref]: notes/a.md \"Notes\"")
    assert markdown_lines(text, links=base) == [
        "See [design](../design.md#limits), [sibling](../../specs/SPEC-0002.yaml), "
        "[root](/README.md), [part](#goals), [web](https://x.org/a), `[no](code.md)`, [ref].",
        "",
        '[ref]: ../../specs/notes/a.md "Notes"',
    ]
    assert markdown_cell("[a](b.md) <https://x.org>", base) == \
        "[a](../../specs/b.md) <https://x.org>"
    # Text that is not a definition keeps its words.
    assert markdown_lines("Note [1]: see above", links=base) == ["Note [1]: see above"]
    assert links("\n".join(markdown_lines(text, links=base))) == [
        "../design.md#limits", "../../specs/SPEC-0002.yaml", "/README.md", "#goals",
        "https://x.org/a", "../../specs/notes/a.md"]


def test_paths_from_the_top_and_images_are_rebased_as_links_are() -> None:
    # Render's rule is the site's: a path from the top of the work tree (where the folder
    # of specrepo.yaml is `team`) made relative to the page, images as links.
    base = LinkBase("specs", "docs/specs", root="team")
    text = "[root](/README.md) ![shot](img/p.png) ![top](</img/q.png>) [net](//h/x)"
    assert markdown_lines(text, links=base) == [
        "[root](../../../README.md) ![shot](../../specs/img/p.png) "
        "![top](<../../../img/q.png>) [net](//h/x)"]
    # A destination in <…> (spaces allowed) is one too, read as CommonMark reads it, and
    # written as it was.
    assert markdown_lines('[a](<../a b/c.md> "T") [b](<x.md>) [c](<(x)>)', links=base) == [
        '[a](<../../a b/c.md> "T") [b](<../../specs/x.md>) [c](<(x)>)']
    assert markdown_cell("![top](/img/q.png)", base) == "![top](../../../img/q.png)"
    # Outside a work tree there is no top to name: such a path stays as written.
    assert markdown_lines("[root](/README.md)", links=LinkBase("specs", "docs")) == [
        "[root](/README.md)"]


@pytest.mark.parametrize(
    ("text", "cell"),
    [
        ("a | b", "a \\| b"),
        ("already \\| escaped", "already \\| escaped"),
        ("backslash \\\\| pipe", "backslash \\\\\\| pipe"),
        # GFM removes one backslash before each pipe of a cell before it reads code spans.
        ("`GET|POST` and `c\\|d`", "`GET\\|POST` and `c\\\\|d`"),
        ("<https://x.org/a|b>", "<https://x.org/a\\|b>"),
        ("two\nlines\n\nand a paragraph", "two<br>lines<br><br>and a paragraph"),
        ("ends with \\\nnext", "ends with<br>next"),
        ("path C:\\temp\\", "path C:\\temp\\\\"),
        ("a\\\n\nb", "a\\\\<br><br>b"),
        ("<br> <script>", "\\<br> \\<script>"),
        ("<!-- TODO --> owner <b>", "<!-- TODO --> owner \\<b>"),
        ("<!-- never closed", "\\<!-- never closed"),
        ("# not a heading in a cell", "# not a heading in a cell"),
        ("", ""),
    ],
)
def test_markdown_cell(text: str, cell: str) -> None:
    assert markdown_cell(text) == cell


def test_code_spans_in_cells_show_every_pipe() -> None:
    [parsed] = tables(table(("A", "B"), [(markdown_cell("`GET|POST` or `a\\|b`"), "end")]))
    assert parsed.rows == (("GET|POST or a\\|b", "end"),)


@pytest.mark.parametrize(
    ("text", "span"),
    [("GET /a", "`GET /a`"), ("a`b", "``a`b``"), ("`x`", "`` `x` ``"), ("a\nb", "`a b`")],
)
def test_code_span(text: str, span: str) -> None:
    assert code_span(text) == span


@fuzz(300)
@given(texts)
def test_plain_text_shows_exactly_and_is_nothing_but_text(text: str) -> None:
    escaped, expected = plain(text), shown(text)
    assume(expected)
    # Wherever a page puts it, plain text shows as written and makes no markup of its own.
    for context, wanted, markup in (
        (escaped, expected, set()),
        (f"### {escaped}", expected, set()),
        (f"- {escaped}\n", expected, set()),
        (f"x{escaped}x", f"x{expected}x", set()),
        (strong(escaped), expected, {"strong_open", "strong_close"}),
        (f"[{escaped}](y.md)", expected, {"link_open", "link_close"}),
    ):
        inline = [token for token in parse(context) if token.type == "inline"]
        assert [inline_text(token) for token in inline] == [wanted], context
        assert inline_kinds(context) == markup, context
    assert headings(f"### {escaped}") == [(3, expected)]
    [parsed] = tables(table(("A", "B", "C"), [(escaped, plain_cell(text), "end")]))
    assert parsed.rows == ((expected, expected, "end"),)
    assert inline_kinds(table(("A",), [(plain_cell(text),)])) == set()
    assert [token.type for token in parse(f"- {escaped}\n")].count("list_item_open") == 1


@fuzz(300)
@given(texts)
def test_markdown_text_never_adds_headings_html_or_unsafe_links(text: str) -> None:
    block = "\n".join(markdown_lines(text))
    page = f"## Before\n\n{block}\n\n## After\n"
    assert headings(page) == [(2, "Before"), (2, "After")]
    assert raw_html(page) == []
    assert all(is_linkable(href) for href in links(page, trusting=True)), block
    # The text as it is placed: without the blank lines and indentation around it.
    assert set(links(page)) <= set(links(text.strip(), html_as_text=True)), block
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
        assert len(split_row(row)) == 3
    assert raw_html(rendered) == []
    assert all(is_linkable(href) for href in links(rendered, trusting=True))


@fuzz(1000)
@given(texts, st.booleans())
def test_a_one_line_text_taken_as_it_is_reads_as_the_parser_reads_it(
        text: str, after_label: bool) -> None:
    # markdown_lines returns a one-line text with nothing to escape as it is (most spec
    # texts), without reading it: what the parser's path makes of every text is the same.
    lines = _trimmed_lines(one_line_paragraph(clean(text)))
    assume(lines != [""])
    assert markdown_lines(text, after_label=after_label) \
        == _escaped_lines(lines, after_label, NO_REBASE)


@pytest.mark.parametrize(
    ("text", "after_label", "expected"),
    [("Serve 2.4x more, p99 < 200 ms ", False, ["Serve 2.4x more, p99 < 200 ms"]),
     ("a # b", False, ["a # b"]), ("a | b", True, ["a | b"]), ("x #", False, ["x #"]),
     ("| a |", False, ["\\| a |"]), ("  - x ", True, ["\\- x"]), ("1", True, ["1"]),
     ("a -", False, ["a -"]), ("-- a", True, ["-- a"]), ("x\u00a0", False, ["x"]),
     ("\u00a0x", False, ["\u00a0x"]), ("\u00a0x", True, ["x"])],
)
def test_one_line_texts(text: str, after_label: bool, expected: list[str]) -> None:
    assert markdown_lines(text, after_label=after_label) == expected
