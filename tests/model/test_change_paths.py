"""Change paths: printed as readers write them, read back exactly, whatever keys and ids hold."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from specrepo.base.errors import UsageError
from specrepo.model.change_paths import (
    ChangePathError,
    ItemId,
    field_path_of,
    format_path,
    item_path_of,
    parse_path,
)
from tests.support import fuzz

FR3 = ("requirements", "functional", ItemId("FR-3"), "acceptance_criteria")


@pytest.mark.parametrize(("path", "text"), [
    (FR3, "requirements.functional[FR-3].acceptance_criteria"),
    (("open_questions", ItemId("Q-2")), "open_questions[Q-2]"),
    (("design", "api", ItemId("POST /api/v1/resources"), "responses", ItemId("201"), "body"),
     "design.api[POST /api/v1/resources].responses[201].body"),
    (("status",), "status"),
    ((), ""),
    (("",), '""'),
    (("a", "", "b"), 'a."".b'),
    (("a.b", "c[d]", "e\\f"), "a\\.b.c\\[d].e\\\\f"),
    (('"quoted"',), '\\"quoted"'),
    (("risks", ItemId("a]b.c[d\\e")), "risks[a\\]b.c[d\\\\e]"),
    (("list", ItemId("")), "list[]"),
    ((ItemId("x"), "y"), "[x].y"),
])
def test_paths_print_and_read_back(path: tuple[str | ItemId, ...], text: str) -> None:
    assert format_path(path) == text
    assert parse_path(text) == path


STEPS = st.one_of(st.text(max_size=6), st.builds(ItemId, st.text(max_size=6)),
                  st.sampled_from(['"', '""', ".", "[", "]", "\\", '"x', ItemId("]"),
                                   ItemId("\\")]))


@fuzz(500)
@given(st.lists(STEPS, max_size=6))
def test_every_path_reads_back_exactly(steps: list[str | ItemId]) -> None:
    path = tuple(steps)
    assert parse_path(format_path(path)) == path


@pytest.mark.parametrize(("text", "reason"), [
    ("a..b", "a key expected at character 3"),
    (".a", "a key expected at character 1"),
    ("a.", "a key expected at character 3"),
    ("a[b", "not closed by ']'"),
    ("a[b]c", "'.' or '[' expected at character 5"),
    ("a\\", "lone backslash"),
])
def test_malformed_paths_are_refused_with_the_reason(text: str, reason: str) -> None:
    with pytest.raises(ChangePathError, match=reason.replace("[", "\\[").replace("]", "\\]")):
        parse_path(text)
    assert issubclass(ChangePathError, UsageError), "a user's typo is a usage error (exit 2)"


def test_a_field_path_leaves_the_items_out() -> None:
    assert field_path_of(FR3) == ("requirements", "functional", "acceptance_criteria")


def test_the_item_path_is_the_outermost_item() -> None:
    nested = ("implementation_plan", ItemId("Foundation"), "tasks", ItemId("Set up"), "done")
    assert item_path_of(nested) == ("implementation_plan", ItemId("Foundation"))
    assert item_path_of(FR3) == FR3[:3]
    assert item_path_of(("summary",)) is None
