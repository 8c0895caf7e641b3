"""A document's data with the positions of its nodes (`specrepo.load.document`)."""

from __future__ import annotations

import copy

from hypothesis import given
from hypothesis import strategies as st

from specrepo.load.document import Document, Position, value_at, with_value_at, without_value_at

DATA = st.dictionaries(st.text(max_size=3), st.integers() | st.dictionaries(
    st.text(max_size=3), st.integers(), max_size=2), max_size=4)
PATHS = st.lists(st.text(max_size=3), min_size=1, max_size=3)


def _document(data: dict[str, object]) -> Document:
    """`data` as a document whose top keys' values stand at 1:3."""
    children = {id(data): dict.fromkeys(data, (1, 1, 1, 3, None))}
    return Document(data, Position(1, 1), children)  # type: ignore[arg-type]


def _through_mappings(data: dict[str, object], path: list[str]) -> bool:
    """Whether every step of `path` before its last is a key of a mapping in `data`."""
    node: object = data
    for key in path[:-1]:
        node = node.get(key) if isinstance(node, dict) else None
    return isinstance(node, dict)


@given(DATA, PATHS)
def test_with_value_at_copies_and_places_the_value(data: dict[str, object],
                                                   path: list[str]) -> None:
    """`with_value_at` gives the value at its path and position, leaves the document as it
    was, and keeps every other place; a step through no mapping leaves it alone."""
    document, before = _document(data), copy.deepcopy(data)
    placed = with_value_at(document, tuple(path), "T", Position(9, 1))
    assert document.data == before
    if not _through_mappings(data, path):
        assert placed is document
        return
    assert value_at(placed.data, tuple(path)) == "T"
    assert placed.position(tuple(path)) == Position(9, 1)
    assert placed.key_position(tuple(path)) == Position(9, 1)
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
