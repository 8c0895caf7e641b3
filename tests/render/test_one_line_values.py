"""A spec value of one line shows as the text it is wherever a page starts a block with it
(a list item, a section), on render's Markdown pages and the site's HTML pages alike: a goal
written `*`, `---`, `1. numbered` or `<!-- … -->` is no empty list, rule, nested list or
hidden comment (trial51b)."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from specrepo.base.links import NO_REBASE
from specrepo.render.writer import MARKDOWN, PageWriter
from specrepo.site.spec_html import HtmlWriter
from tests.history.gitrepo import GitRepo, spec_text
from tests.render.markdown_support import inline_text, parse
from tests.site.html_support import parse_fragment
from tests.support import run_cli

VALUES = [
    "*", "-", "+", "---", "***", "___", "* * *", "- - -", "1. numbered", "1) numbered",
    "- item", "+ item", "* item", "#", "# heading", "> quoted", "<!-- keep the old API -->",
    "<!-- note --> after", "    indented", "\tindented", "```", "```python", "~~~",
    "[ref]: https://example.com", "[^1]: a note", "===", "| a | b |",
]
LISTS: list[Callable[[PageWriter], Callable[..., str]]] = [
    lambda w: w.bullet_list, lambda w: w.numbered_list]


@pytest.mark.parametrize("value", VALUES)
@pytest.mark.parametrize("make_list", LISTS)
def test_a_list_item_of_one_line_shows_the_text_in_that_item(
        value: str, make_list: Callable[[PageWriter], Callable[..., str]]) -> None:
    page = make_list(MARKDOWN)([MARKDOWN.text_lines(value, NO_REBASE), ["next"]])
    tokens = parse(page)
    assert [token.type for token in tokens if token.type.startswith("list_item_open")] == \
        ["list_item_open"] * 2, page  # no list nested in the item, no item lost
    assert [token.type for token in tokens[2:5]] == \
        ["paragraph_open", "inline", "paragraph_close"], page
    assert inline_text(tokens[3]) == value.strip(), page


@pytest.mark.parametrize("value", VALUES)
def test_a_section_of_one_line_shows_the_text(value: str) -> None:
    page = MARKDOWN.paragraph(value, NO_REBASE)
    tokens = parse(page)
    assert [token.type for token in tokens] == \
        ["paragraph_open", "inline", "paragraph_close"], page
    assert inline_text(tokens[1]) == value.strip()
    assert MARKDOWN.labelled("**Goal**: ", value, NO_REBASE) == [f"**Goal**: {page}"]


@pytest.mark.parametrize("value", VALUES)
def test_the_site_shows_the_same_text_in_the_item(value: str) -> None:
    writer = HtmlWriter()
    fragment = parse_fragment(writer.bullet_list([writer.text_lines(value, NO_REBASE)]))
    items = [element for element in fragment.iter() if element.tag.endswith("li")]
    assert len(items) == 1
    assert not [element for element in items[0].iter()
                if element.tag.rsplit("}", 1)[-1] in ("ul", "ol", "hr", "pre", "blockquote")]
    assert "".join(items[0].itertext()) == value.strip()


def test_text_of_more_lines_keeps_its_blocks() -> None:
    # A block scalar's list, quote or code is the author's Markdown: kept as written.
    for value, block in [("- a\n- b", "bullet_list_open"), ("1. a\n2. b", "ordered_list_open"),
                         ("> a\n> b", "blockquote_open"), ("    a\n    b", "code_block")]:
        lines = MARKDOWN.text_lines(value, NO_REBASE)
        assert lines == value.split("\n")
        assert parse(MARKDOWN.bullet_list([lines]))[2].type == block


def test_render_shows_goals_as_written(git_repo: GitRepo) -> None:
    goals = ["*", "---", "<!-- keep the old API until Q3 -->", "1. numbered", "- item"]
    quoted = "".join(f"    - {value!r}\n" for value in goals).replace("'", '"')
    git_repo.commit("Spec", {"specs/SPEC-0001.yaml": spec_text(
        extra=f"goals:\n  primary:\n{quoted}")})
    result = run_cli("render", "--stdout", "specs/SPEC-0001.yaml")
    assert result.exit_code == 0, result.output
    page = result.output
    section = page[page.index("### Primary Goals"):]
    tokens = parse(section[:section.index("\n#", 5)] if "\n#" in section[5:] else section)
    assert [inline_text(token) for token in tokens if token.type == "inline"][1:] == goals
