"""A Markdown value placed in a list item (or after a label) keeps its blocks line for line:
each block the site's parser reads in the item starts and ends on the lines that hold it
in the value read alone, whatever dashes, pipes and underlines the value holds (a setext
underline, a rule, a list item of `-` or `--`, a `---` as front matter writes it, a table's
delimiter row)."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st
from markdown_it.token import Token

from specrepo.render.blocks import list_item
from specrepo.render.markdown import markdown_lines
from tests.render.markdown_support import parse
from tests.support import fuzz

LINES = ["---", "--", "-", "- -", "-- x", "- --", "--- x", "- ---", "===", "***", "___",
         "+++", "...", "- x", "* x", "1. x", "a", "a: b", "x | y", "|", "\\|", "-|", "|-",
         "|---|", "---|---", ":-:", "| a |", "- a | b", "> q", "> ---", "", "  ---", "# h"]
values = st.lists(st.sampled_from(LINES), min_size=1, max_size=5).map("\n".join)


def blocks(tokens: list[Token], first: int = 0, level: int = 0) -> list[tuple[str, int, int, int]]:
    """(type, first line, end line, depth) of each block opening, lines counted from
    `first` and depths from `level`."""
    return [(token.type, token.map[0] - first, token.map[1] - first, token.level - level)
            for token in tokens if token.map is not None and token.nesting >= 0]


def item_blocks(page: str) -> list[tuple[str, int, int, int]]:
    """The blocks of the page's first list item, as `blocks` counts them from its first
    line of text (the marker's, or the next when the marker stands alone)."""
    tokens = parse(page)
    assert tokens[0].type in ("bullet_list_open", "ordered_list_open"), page
    opening = tokens[1]
    assert opening.type == "list_item_open" and opening.map is not None, page
    closing = next(index for index, token in enumerate(tokens)
                   if token.type == "list_item_close" and token.level == opening.level)
    alone = page.split("\n")[opening.map[0]].strip() in ("-", "9.")
    return blocks(tokens[2:closing], opening.map[0] + alone, opening.level + 1)


@fuzz(300)
@given(values, st.sampled_from(["- ", "9. "]))  # the markers pages write
def test_each_block_of_a_value_in_a_list_item_is_on_its_lines(value: str, marker: str) -> None:
    lines = markdown_lines(value)
    alone = blocks(parse("\n".join(lines)))
    following = "10. next" if marker == "9. " else f"{marker}next"
    assert item_blocks(f"{list_item(marker, lines)}\n{following}\n") == alone, lines


@fuzz(300)
@given(values)
def test_each_block_of_a_value_after_a_label_is_on_its_lines(value: str) -> None:
    first, *rest = markdown_lines(value, after_label=True)
    page = list_item("- ", [f"**Label**: {first}".rstrip(), *rest]) + "\n- next\n"
    shown = item_blocks(page)
    alone = blocks(parse("\n".join(markdown_lines(value))))
    if first:  # the value goes on from the label's line: its first paragraph holds both
        assert shown == alone, page
    else:  # the value starts two lines below the label's paragraph, after a blank line
        assert [kind for kind, *_ in shown[:2]] == ["paragraph_open", "inline"], page
        assert [(kind, start - 2, end - 2, depth) for kind, start, end, depth in shown[2:]] \
            == alone, page
