"""render's Markdown values mean on the page what they mean to the site's parser: only link
and image destinations change (rebased), and code, escapes and text that is no link stay
byte for byte (trial27b B1, B8)."""

from __future__ import annotations

import re
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from markdown_it.common.utils import MD_TRIM_CHARS
from markdown_it.token import Token

from specrepo.base.block_starts import one_line_paragraph
from specrepo.base.links import LinkBase
from specrepo.load.markdown_comments import comment_block
from specrepo.load.spec_markdown import markdown_parser
from specrepo.render import markdown, markdown_source
from specrepo.render.blocks import list_item
from specrepo.render.markdown import markdown_cell, markdown_lines
from specrepo.render.markdown_source import read_source
from specrepo.render.markdown_spans import _TRIMMED, table_cells
from tests.render.markdown_support import links
from tests.render.strategies import texts
from tests.support import fuzz

BASE = LinkBase("specs", "docs/specs", root=".")
PARSER = markdown_parser(headings=False)
"""The site's reading of a spec text, with an HTML comment inside a paragraph as text: a
reader hides it, render writes it as it is, or escaped where it would start raw HTML."""
PARSER.block.ruler.before("html_block", "html_comment", comment_block,
                          {"alt": ["paragraph", "reference", "blockquote"]})


def rendered(text: str, links: LinkBase = BASE) -> str:
    return "\n".join(markdown_lines(text, links=links))


@pytest.mark.parametrize(
    ("text", "page"),
    [
        # B1: a code span stays a code span, also beside a titled link, across a line
        # break, and with two backticks.
        ('Run `[x](y.md)` to see the syntax.\n\nSee [the guide](guide.md "Guide").',
         'Run `[x](y.md)` to see the syntax.\n\nSee [the guide](../../specs/guide.md "Guide").'),
        ('code `[x](y.md)`\n\n[t](t.md "title")',
         'code `[x](y.md)`\n\n[t](../../specs/t.md "title")'),
        ("Run `make\ninstall` now.", "Run `make\ninstall` now."),
        ('`` a ` [cs](cs.md) `` [t](t.md "T")', '`` a ` [cs](cs.md) `` [t](../../specs/t.md "T")'),
        # B1: indented code (in a quote and a list item too) is code.
        ("Example:\n\n    [indented code](indented.md)",
         "Example:\n\n    [indented code](indented.md)"),
        (">     [qc](qcode.md)\n>     more", ">     [qc](qcode.md)\n>     more"),
        ("- item\n\n      [lc](lcode.md)", "- item\n\n      [lc](lcode.md)"),
        # B1: text that CommonMark reads as no link is no link to rewrite.
        ("Escaped: \\[e](f.md); with a space: [sp](a b.md).",
         "Escaped: \\[e](f.md); with a space: [sp](a b.md)."),
        ("[tab](java\tscript:alert(1))", "[tab](java\tscript:alert(1))"),
        # B8: a value that starts with an indented code block (or a tab) keeps it (a value
        # of one line is a paragraph: `test_one_line_values_show_as_written`).
        ("    $ make install\n    $ make test", "    $ make install\n    $ make test"),
        ("\tcode\n\tmore", "\tcode\n\tmore"),
        ("\n\n    code\n\ntext", "    code\n\ntext"),
    ],
)
def test_code_and_text_that_is_no_link_stay_as_written(text: str, page: str) -> None:
    assert rendered(text) == page
    assert tokens(page) == tokens(text, BASE)


def test_real_links_in_quotes_lists_tables_and_definitions_are_rebased() -> None:
    text = ("> [q](q.md) and\n> [r](<r s.md> 'T')\n\n- [l](l.md)\n  ![i](i.png)\n\n"
            "| a | b |\n|---|---|\n| [c](c.md) \\| x | `[d](d.md)` [e](e.md) |\n\n"
            "[ref]:\n  notes/a.md \"Notes\"\n\n[use][ref] [f](/f.md#L3)")
    page = rendered(text)
    assert page == (
        "> [q](../../specs/q.md) and\n> [r](<../../specs/r s.md> 'T')\n\n"
        "- [l](../../specs/l.md)\n  ![i](../../specs/i.png)\n\n"
        "| a | b |\n|---|---|\n| [c](../../specs/c.md) \\| x | `[d](d.md)` "
        "[e](../../specs/e.md) |\n\n"
        "[ref]:\n  ../../specs/notes/a.md \"Notes\"\n\n[use][ref] [f](../../f.md#L3)")
    assert tokens(page) == tokens(text, BASE)


def test_links_in_footnote_definitions_are_rebased_where_they_stand() -> None:
    """A GFM footnote's definition is Markdown of its own: its links are rebased and its
    raw HTML escaped, in place (render keeps the text's order)."""
    text = "Why[^a], see [x](x.md).\n\n[^a]: In [the doc](d.md) and <b>bold</b>.\n    [more](m.md)"
    page = rendered(text)
    assert page == ("Why[^a], see [x](../../specs/x.md).\n\n[^a]: In [the doc](../../specs/d.md)"
                    " and \\<b>bold\\</b>.\n    [more](../../specs/m.md)")
    assert tokens(page) == tokens(text, BASE)


def test_links_to_spec_files_lead_to_their_pages_except_to_lines() -> None:
    links = LinkBase("specs", "docs/specs", root=".",
                     spec_pages={"specs/SPEC-0002-x.yaml": "SPEC-0002.md"})
    text = "[two](SPEC-0002-x.yaml#goals), [line](SPEC-0002-x.yaml#L12), `[c](SPEC-0002-x.yaml)`"
    assert rendered(text, links) == (
        "[two](SPEC-0002.md#goals), [line](../../specs/SPEC-0002-x.yaml#L12), "
        "`[c](SPEC-0002-x.yaml)`")


@pytest.mark.parametrize(
    ("text", "page"),
    [
        ("[x](javascript:alert(1)) `[y](javascript:x)`",
         "[x]\\(javascript:alert(1)) `[y](javascript:x)`"),
        ("<javascript:x> `<b>` <b>\n\n    <b>", "\\<javascript:x> `<b>` \\<b>\n\n    <b>"),
        ("[a]: javascript:x\n\n[a]", "[a]\\: javascript:x\n\n[a]"),
        ("[a`b]: javascript:x`", "\\[a`b]: javascript:x`"),
        ("```\n# not a heading\n---\n```\n# a heading\ntext\n---",
         "```\n# not a heading\n---\n```\n\\# a heading\ntext\n\\---"),
        ("- a\n-\n\n---\n\ntext", "- a\n-\n\n---\n\ntext"),
    ],
)
def test_safety_escapes_touch_no_code(text: str, page: str) -> None:
    assert rendered(text) == page


@pytest.mark.parametrize(
    ("text", "page"),
    [
        # A `<` that opened a destination the text never closed (a backslash before its
        # `>`, or no `>`), or that broke one (an unescaped `<` inside), escaped would make
        # a link of text: the `(` (or the definition's `:`) is escaped too.
        ("[t](<a\\>)", "[t]\\(\\<a\\>)"),
        ("[t](<a.md) x", "[t]\\(\\<a.md) x"),
        ("[t](\n<a\\>)", "[t]\\(\n\\<a\\>)"),
        ("![i](  <a\\>)", "![i]\\(  \\<a\\>)"),
        ("[t](<<a>)", "[t]\\(<\\<a>)"),
        ("[t](<\\<<a>)", "[t]\\(<\\<\\<a>)"),
        ("[t](<x\\><a>)", "[t]\\(\\<x\\>\\<a>)"),
        ("[r]: <a\\>\n\n[r]", "[r]\\: \\<a\\>\n\n[r]"),
        # Not where no destination could start.
        ("[t](x <a>)", "[t](x \\<a>)"),
        ("[t] (<a>)", "[t] (\\<a>)"),
        ("[t]: x <a>", "[t]: x \\<a>"),
        ("`[t](<a\\>)`<b>", "`[t](<a\\>)`\\<b>"),  # nor in code (deep fuzz)
        # A control character (written as U+FFFD) ends a destination or an autolink where
        # it stands: the text made no link there, nor does the page.
        ("[a](b\x01c)", "[a]\\(b\ufffdc)"),
        ("[a](<b\x1bc>)", "[a]\\(\\<b\ufffdc>)"),
        ("[a]: b\x7fc\n\n[a]", "[a]\\: b\ufffdc\n\n[a]"),
        ("<https://x.org/\x01>", "\\<https://x.org/\ufffd>"),
        # What it held is text then, its raw HTML escaped (deep fuzz).
        ("[a]: /u<b>\x1f", "\\[a]: /u\\<b>\ufffd"),
        ("[a](/u<b>\x1f)", "[a]\\(/u\\<b>\ufffd)"),
    ],
)
def test_escapes_make_no_link_of_text(text: str, page: str) -> None:
    assert rendered(text) == page
    assert links(page) == []


@pytest.mark.parametrize(
    ("text", "cell"),
    [
        ("`a|b` [x](y.md) | `c", "`a\\|b` [x](../../specs/y.md) \\| \\`c"),
        ("`a\n[b](c.md)`", "\\`a<br>[b](../../specs/c.md)\\`"),
        ("[a\n](javascript:x)", "[a<br>]\\(javascript:x)"),
        ("    [a](b.md)\n# [c](d.md)", "[a](../../specs/b.md)<br># [c](../../specs/d.md)"),
    ],
)
def test_cells_read_each_line_on_its_own(text: str, cell: str) -> None:
    assert markdown_cell(text, BASE) == cell


def test_table_cells_are_split_as_markdown_it_splits_them() -> None:
    assert _TRIMMED == MD_TRIM_CHARS
    row = "> | a | b\\|c | `d` |"
    assert [row[start:end] for start, end in table_cells(row, 2, len(row))] == \
        ["a", "b\\|c", "`d`"]


def test_positions_are_found_through_tabs_and_quote_markers() -> None:
    text = ">\t[a](b.md)\n>\t\t<b> [c](d.md)"
    source = read_source(text)
    assert sorted(text[d.start:d.end] for d in source.destinations) == ["b.md", "d.md"]
    assert [text[position] for position in source.escapes] == ["<"]


# A grammar of Markdown values: links, images, code spans, fenced and indented code, escapes,
# reference definitions, autolinks, HTML and line breaks, in containers.
DESTINATIONS = st.sampled_from([
    "a.md", "../docs/b.md#part", "/top.md", "#goals", "https://x.org/a?b=1", "sub/",
    "c.md?x=1", "a\\_b.md", "caf\u00e9.md", "<d e.md>", "<>", "(x).md", "javascript:x",
    "mailto:a@b.c", "a b.md", "e.md 'T'", 'f.md "T"', "g.md#L12", "x%20y.md",
    # A `<` that starts no destination, or breaks one, whose escape must not make one.
    "<h.md\\>", "<i.md", "<<j.md>", "<\\<<k.md>", "<l.md\\><m>",
])
INLINE = st.one_of(
    st.builds("[{}]({})".format, st.sampled_from(["t", "`c`", "*e*", "[n]", ""]), DESTINATIONS),
    st.builds("![{}]({})".format, st.sampled_from(["alt", "<b>", ""]), DESTINATIONS),
    st.builds("`{}`".format, st.sampled_from(["[x](y.md)", "a|b", "<b>", "x\ny", " ` "])),
    st.sampled_from([
        "[ref]", "[t][ref]", "[t][]", "<https://x.org/a>", "<a@b.co>", "<javascript:x>",
        "<b>", "</p>", "<!-- c -->", "\\[e](f.md)", "\\<b>", "\\`", "``", "`", "[", "](",
        "](g.md)", "\\", "&amp;", "&#60;", " | ", "*", "words", " ", "  \n", "\\\n", "\n",
        "(", ")", "\"", "'", "[![i](i.png)](a.md)", "[[a](b.md)](c.md)", "![[a](b.md)](c.png)",
        "[a](b.md\n\"t\")", "[a](\nb.md)", "**", "_", "&lt;", "\t",
    ]),
)
BLOCK = st.one_of(
    st.builds("[ref]: {}".format, DESTINATIONS),
    st.builds("```\n{}\n```".format, INLINE), st.builds("~~~\n{}".format, INLINE),
    st.builds("    {}".format, INLINE), st.builds("\t{}".format, INLINE),
    st.builds("> {}".format, INLINE), st.builds("- {}".format, INLINE),
    st.builds("1. {}".format, INLINE), st.builds(">     {}".format, INLINE),
    st.builds("> - {}\n  {}".format, INLINE, INLINE), st.builds("2) > {}".format, INLINE),
    st.builds("| {} | b |\n|---|---|\n| c | {} |".format, INLINE, INLINE),
)
VALUES = st.lists(st.one_of(INLINE, BLOCK, st.just("\n\n")), max_size=14).map("".join)


@fuzz(300)
@given(VALUES)
def test_the_page_means_what_the_site_reads_with_links_rebased(text: str) -> None:
    page = rendered(text)
    assert tokens(page) == tokens(one_line_paragraph(text), BASE), page


def tokens(text: str, links: LinkBase | None = None) -> list[Any]:
    """The tokens the site's parser reads from `text` (what each shows: adjacent texts
    joined), with every link and image destination rebased by `links`."""
    return [shape(token, links) for token in PARSER.parse(text)]


def shape(token: Token, links: LinkBase | None) -> Any:
    attrs = dict(token.attrs)
    if links is not None and "href" in attrs:
        attrs["href"] = links.rebase(str(attrs["href"]))
    if links is not None and "src" in attrs:
        attrs["src"] = links.rebase(str(attrs["src"]), image=True)
    content = token.content if token.type in ("code_block", "fence", "code_inline") else ""
    if token.type in ("code_block", "fence"):
        # A fence the text leaves open ends with it: without the text's trailing blank lines.
        content = content.rstrip(" \t\n")
    children: list[Any] = []
    for child in token.children or []:
        if child.type == "text" and children and children[-1][0] == "text":
            children[-1] = ("text", children[-1][1] + child.content)
        elif child.type == "text":
            children.append(("text", child.content))
        else:
            children.append(shape(child, links))
    return (token.type, token.tag, token.info, token.hidden, attrs, content, children)


@fuzz(300)
@given(texts, st.booleans())
def test_texts_read_without_the_parser_are_written_as_with_it(
        text: str, after_label: bool) -> None:
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(markdown, "_needs_parser", lambda _: True)
        patch.setattr(markdown, "_CELL_NEEDS_PARSER", re.compile(""))
        parsed = (markdown_lines(text, after_label=after_label, links=BASE),
                  markdown_cell(text, BASE))
    assert (markdown_lines(text, after_label=after_label, links=BASE),
            markdown_cell(text, BASE)) == parsed


@pytest.mark.parametrize("text", ["    code\n    more", "\tcode\n\tmore", "  \tx", "text\n\n\tcode",
                                  "- a\n\n\tb"])
@pytest.mark.parametrize("marker", ["- ", "10. "])
def test_a_list_item_keeps_the_code_blocks_its_text_starts(text: str, marker: str) -> None:
    # trial27b B8 in a list (`non_goals`, say): a tab in the indentation is the columns it
    # stands for in the text, not after the marker.
    page = PARSER.parse(list_item(marker, markdown_lines(text)))
    assert [token.type for token in page][:2] == [
        "bullet_list_open" if marker == "- " else "ordered_list_open", "list_item_open"]
    assert [(token.type, token.content.replace("\t", "    ")) for token in page[2:-2]] == \
        [(token.type, token.content.replace("\t", "    "))
         for token in PARSER.parse(one_line_paragraph(text))]


@fuzz(300)
@given(st.one_of(texts, VALUES))
def test_the_noting_rules_leave_the_tokens_of_the_rules_they_wrap(text: str) -> None:
    noting = markdown_source._parser().parse(text, {"specrepo_notes": markdown_source._Notes()})
    plain = markdown_source._parser(noting=False).parse(
        text, {"specrepo_notes": markdown_source._Notes()})
    assert [token.as_dict() for token in noting] == [token.as_dict() for token in plain]
