"""A document's data with the positions of its nodes (`specrepo.load.document`)."""

from __future__ import annotations

import copy

from hypothesis import given
from hypothesis import strategies as st

from specrepo.load.document import (
    Document,
    Position,
    blocked_at,
    value_at,
    with_value_at,
    without_value_at,
)
from specrepo.load.yaml_loader import load_yaml

DATA = st.dictionaries(st.text(max_size=3), st.integers() | st.none() | st.lists(
    st.integers(), max_size=1) | st.dictionaries(st.text(max_size=3), st.integers() | st.none(),
                                                 max_size=2), max_size=4)
PATHS = st.lists(st.text(max_size=3), min_size=1, max_size=3)


def _document(data: dict[str, object]) -> Document:
    """`data` as a document whose top keys' values stand at 1:3."""
    children = {id(data): dict.fromkeys(data, (1, 1, 1, 3, None, None))}
    return Document(data, Position(1, 1), children)  # type: ignore[arg-type]


def _through_mappings(data: dict[str, object], path: list[str]) -> bool:
    """Whether every step of `path` before its last is a key of a mapping in `data`."""
    node: object = data
    for key in path[:-1]:
        node = node.get(key) if isinstance(node, dict) else None
    return isinstance(node, dict)


def _reached(data: dict[str, object], path: list[str]) -> int:
    """How many steps of `path` before its last are keys of mappings in `data`."""
    node: object = data
    for index, key in enumerate(path[:-1]):
        if not isinstance(node, dict) or key not in node:
            return index
        node = node[key]
    return len(path) - 1


@given(DATA, PATHS)
def test_with_value_at_copies_and_places_the_value(data: dict[str, object],
                                                   path: list[str]) -> None:
    """`with_value_at` gives the value at its path and position, the mappings missing on
    its way made and standing there too, leaves the document as it was, and keeps every
    other place; a step that holds anything but a mapping (`blocked_at`) leaves it
    alone."""
    document, before = _document(data), copy.deepcopy(data)
    placed = with_value_at(document, tuple(path), "T", Position(9, 1))
    assert document.data == before
    blocked = blocked_at(data, tuple(path))  # type: ignore[arg-type]
    if blocked is not None:
        assert placed is document
        assert not isinstance(value_at(data, blocked), dict)  # type: ignore[arg-type]
        assert _through_mappings(data, path[:len(blocked)])  # the first such step
        return
    assert value_at(placed.data, tuple(path)) == "T"
    assert placed.position(tuple(path)) == Position(9, 1)
    assert placed.key_position(tuple(path)) == Position(9, 1)
    for end in range(_reached(data, path) + 1, len(path)):  # made: empty but for the way
        assert value_at(placed.data, tuple(path[:end])) == {path[end]: value_at(
            placed.data, tuple(path[:end + 1]))}
        assert placed.position(tuple(path[:end])) == Position(9, 1)
    for key in data:
        if key != path[0]:
            assert placed.position((key,)) == Position(1, 3)


@given(DATA, PATHS)
def test_without_value_at_copies_and_takes_the_key_out(data: dict[str, object],
                                                       path: list[str]) -> None:
    """`without_value_at` takes the key out, leaves the document as it was, and keeps every
    other place; a step through no mapping leaves it alone."""
    document, before = _document(data), copy.deepcopy(data)
    taken = without_value_at(document, tuple(path))
    assert document.data == before
    if not _through_mappings(data, path):
        assert taken is document
        return
    parent = value_at(taken.data, tuple(path[:-1]))
    assert isinstance(parent, dict)
    assert path[-1] not in parent
    for key in data:
        if key != path[0]:
            assert taken.position((key,)) == Position(1, 3)


FIRST_TEXT = b"""\
id: x
design:
  parts:
    - name: slug
      size: 3
  slug: late
slug: last
"""


def test_the_first_text_is_found_in_written_order() -> None:
    """A value inside an earlier key's block comes before a later key (where a slow
    pattern's value stands: `NoVerdict.at`)."""
    document = load_yaml(FIRST_TEXT)
    assert document.first_text("slug") == Position(4, 13)  # the value, before the keys
    assert document.first_text("late") == Position(6, 9)
    assert document.first_text("parts") == Position(3, 3)  # a key
    assert document.first_text("3") is None  # a number is no text
    assert document.first_text("absent") is None
