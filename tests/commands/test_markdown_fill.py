"""Values written into a Markdown body read back as given: escaped in text (a heading, a
paragraph, a list item, a table cell), as they are in code, HTML-escaped in raw HTML."""

from __future__ import annotations

import html

import pytest
from hypothesis import given
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from specrepo.commands.markdown_fill import markdown_filled
from specrepo.load.markdown_body import body_title, parse_body

MARKUP = "*_#<>&|`[]!\\-+=1.)~:"
TITLES = st.text(
    st.characters(whitelist_categories=("L", "N", "P", "S", "Zs")) | st.sampled_from(MARKUP),
    min_size=1, max_size=40).map(lambda text: " ".join(text.split())).filter(bool)
"""Titles as `new` takes them: runs of whitespace one space."""


def filled(template: str, value: str) -> str:
    at = template.index("{{v}}")
    return markdown_filled(template, [(at, at + len("{{v}}"), value)])


@given(TITLES)
def test_a_heading_reads_back_as_the_title_given(title: str) -> None:
    read = body_title(parse_body(filled("# {{v}}\n\nText.\n", title)))
    assert read is not None and read.text == title


@pytest.mark.parametrize("template", [
    "{{v}}\n", "Some {{v}} here.\n", "- {{v}}\n", "> {{v}}\n", "1. {{v}}\n", "> - {{v}}\n",
    "| a |\n|---|\n| {{v}} |\n", "Text\n{{v}}\n", "**{{v}}**\n", "[{{v}}](x.md)\n"])
@given(title=TITLES)
def test_text_shows_the_value_as_given_wherever_it_stands(template: str, title: str) -> None:
    shown = MarkdownIt("commonmark").enable("table").render(filled(template, title))
    assert html.escape(title).replace("&#x27;", "'") in shown


@pytest.mark.parametrize(("template", "written"), [
    ("# {{v}}\n", "# Use \\*args\\* and \\_\\_init\\_\\_ \\<b\\> \\#\n"),
    ("Code `{{v}}`.\n", "Code `Use *args* and __init__ <b> #`.\n"),
    ("```\n{{v}}\n```\n", "```\nUse *args* and __init__ <b> #\n```\n"),
    ("    {{v}}\n", "    Use *args* and __init__ <b> #\n"),
    ("<div title=\"{{v}}\">\n\n", "<div title=\"Use *args* and __init__ &lt;b&gt; #\">\n\n"),
    ("[x](../{{v}})\n", "[x](../Use *args* and __init__ <b> #)\n"),
])
def test_each_place_is_written_as_it_shows_the_value(template: str, written: str) -> None:
    assert filled(template, "Use *args* and __init__ <b> #") == written


def test_a_value_opens_no_block_where_it_starts_a_line_or_a_list_items_text() -> None:
    assert filled("{{v}}\n", "- not a list") == "\\- not a list\n"
    assert filled("{{v}}\n", "12) not a list") == "12\\) not a list\n"
    assert filled("{{v}}\n", "=") == "\\=\n"
    assert filled("- {{v}}\n", "- not nested") == "- \\- not nested\n"
    assert filled("Text {{v}}\n", "a - b") == "Text a - b\n"


def test_text_like_the_numbering_marker_is_left_alone() -> None:
    template = "SpecrepoPlaceholder0SpecrepoPlaceholder {{v}}\n"
    assert filled(template, "*a*") == "SpecrepoPlaceholder0SpecrepoPlaceholder \\*a\\*\n"
