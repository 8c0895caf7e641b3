"""Spec text converted on its own: what markdown-it-py gives (plain prose written without
it, the same HTML), never a heading, never markup or script of the spec's own."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from specrepo.site.fragments import _fragment_parser, block_html, inline_html
from specrepo.site.text import showable
from tests.site.html_support import parse_fragment
from tests.site.test_markdown import ALLOWED_TAGS, MARKDOWN_PIECES
from tests.support import fuzz

HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
PROSE_PIECES = st.sampled_from([
    "word", "Word", " ", "  ", "    ", "\n", "\n\n", "\n   ", " \n", "\n    code", ".", ",",
    "-", "- ", "+ ", "1. ", "2) ", "10.5", "#", "# ", ">", "=", "===", "---", "|", ":",
    "\u00a0", "\u3000", "\u2028", "\r\n", "\t", "\"", "'", "(", ")", "?", "/", "%", "é",
    "a_b", "*", "&", "<", "`", "~", "[", "]", "!", "\\", "$", "@", "^", "{", "}",
])
"""Prose and what is next to it: what the shortcut takes must be exactly what it knows."""


@fuzz(500)
@given(st.lists(st.one_of(PROSE_PIECES, st.text(max_size=4)), max_size=20).map("".join))
def test_prose_is_written_as_markdown_it_writes_it(text: str) -> None:
    assert block_html(text) == _fragment_parser().render(text)  # parsed as written
    if "\n" not in showable(text):
        assert inline_html(text) == _fragment_parser().renderInline(text)


def test_plain_prose_skips_the_parser(monkeypatch: pytest.MonkeyPatch) -> None:
    parser = _fragment_parser()
    monkeypatch.setattr(parser, "parse", None)  # any call fails
    assert block_html("Two lines,\n  one paragraph.\n\nAnd a second: 3 - 2 = 1.\n") == \
        "<p>Two lines,\none paragraph.</p>\n<p>And a second: 3 - 2 = 1.</p>\n"
    assert inline_html('Tokens "a" > b; 99.95%') == "Tokens &quot;a&quot; &gt; b; 99.95%"


@pytest.mark.parametrize("text", ["# Title", "Title\n=====", "Title\n---", "###### x"])
def test_spec_text_opens_no_heading(text: str) -> None:
    html = block_html(text)
    assert not [element for element in parse_fragment(html).iter() if element.tag in HEADINGS]
    assert "x" in html or "Title" in html


def test_a_fence_left_open_ends_with_its_text() -> None:
    html = block_html("```\nnever closed") + block_html("after")
    assert html == "<pre><code>never closed</code></pre>\n<p>after</p>\n"


def test_gfm_tables_and_task_lists_where_spec_text_uses_them() -> None:
    html = block_html("| a | b |\n|---|---|\n| 1 | **2** |\n\n- [x] done\n- [ ] not yet\n")
    assert '<th scope="col">a</th>' in html and "<td><strong>2</strong></td>" in html
    assert 'class="task-list-item-checkbox" checked="checked" disabled="disabled"' in html
    parse_fragment(html)


@fuzz(200)
@given(st.lists(st.one_of(MARKDOWN_PIECES, st.text(max_size=8)), max_size=30))
def test_no_spec_text_becomes_script_or_markup_of_its_own(pieces: list[str]) -> None:
    text = "".join(pieces)
    for html in (block_html(text), inline_html(text.replace("\n", " "))):
        for element in parse_fragment(html).iter():
            assert element.tag in ALLOWED_TAGS - HEADINGS, element.tag
            assert not [name for name in element.attrib if name.startswith("on")]
            element_id = element.get("id")  # a footnote's only, told apart by its text
            assert element_id is None or re.fullmatch(r"fn(ref)?-[0-9a-f]{8}-[0-9]+(:[0-9]+)?",
                                                      element_id), element_id
            href = element.get("href")
            if href is not None:
                scheme = href.split(":", 1)[0].lower() if ":" in href.split("/", 1)[0] else ""
                assert scheme in ("", "http", "https", "mailto"), href


def test_html_comments_of_spec_text_are_left_out() -> None:
    assert block_html("Why.\n<!-- TODO: more -->\n\nHow.") == "<p>Why.</p>\n<p>How.</p>\n"
    assert inline_html("fast <!-- measure it --> enough") == "fast  enough"
