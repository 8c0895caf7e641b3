"""The site links what render's pages link, and neither links what the text does not: one
rule for destinations holding a control character (`base.links.holds_control`)."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from specrepo.base.links import holds_control
from specrepo.render.markdown import markdown_lines
from specrepo.site.fragments import block_html, inline_html
from specrepo.site.markdown import convert_markdown
from tests.render.markdown_support import links
from tests.support import fuzz

_HREF = re.compile(r'<a (?:class="image-link" )?href="')

destinations = st.lists(st.sampled_from(
    ["a", "/", ".", "b.md", "#x", "%01", "%EF%BF%BD", "\\", "https://x.org/", "\x00", "\x01",
     "\x1b", "\x7f", "\x85", "\x9f", "\ufffd", "\u202e", "\t", " "]), min_size=1,
    max_size=6).map("".join)
shapes = st.sampled_from(["[a]({})", "[a](<{}>)", "<https://x.org/{}>", "[r]: {}\n\n[r]",
                          "[r]: <{}>\n\n[r]", "![i]({})", "x [a]({}) y"])


def site_links(text: str) -> list[int]:
    """How many links each of the site's conversions makes of `text`."""
    return [len(_HREF.findall(html)) for html in (
        convert_markdown(text), block_html(text), inline_html(text.replace("\n", " ")))]


@fuzz(300)
@given(shapes, destinations)
def test_the_site_links_what_render_links(shape: str, destination: str) -> None:
    text = shape.format(destination)
    page = "\n".join(markdown_lines(text))
    rendered = len(links(page, trusting=True))
    whole, blocks, _ = site_links(text)
    assert whole == blocks == rendered, (text, page)
    if holds_control(destination):
        assert rendered == 0, (text, page)


@pytest.mark.parametrize("text", [
    "[a](x\x01y)",  # a control character ends the destination: no link in the text
    "[a](<x\x1by>)",  # CommonMark links it; render's page shows U+FFFD: linked by neither
    "<https://x.org/\x85>",
    "[r]: <b\x7fc>\n\n[r]",
    "[a](x\x00)",
])
def test_no_link_to_a_control_character(text: str) -> None:
    assert site_links(text) == [0, 0, 0]
    assert links("\n".join(markdown_lines(text)), trusting=True) == []


def test_control_characters_are_still_shown_as_escapes() -> None:
    assert "\\x01" in convert_markdown("[a](x\x01y)")
    assert "\\x1b" in block_html("[a](<x\x1by>)")
    assert convert_markdown("[a](ok) \x1b") == '<p><a href="ok">a</a> \\x1b</p>\n'
