"""A document's data with the positions of its nodes (`specrepo.load.document`)."""

from __future__ import annotations

import copy

from hypothesis import given
from hypothesis import strategies as st

from specrepo.load.document import Document, Position, value_at, with_value_at, without_value_at


@given(st.dictionaries(st.text(max_size=3), st.integers() | st.dictionaries(
           st.text(max_size=3), st.integers(), max_size=2), max_size=4),
       st.lists(st.text(max_size=3), min_size=1, max_size=3))
def test_with_value_at_copies_and_places_the_value(data: dict[str, object],
                                                   path: list[str]) -> None:
    """`with_value_at` gives the value at its path and position, leaves the document as it
    was, and keeps every other place; a step through no mapping leaves it alone."""
    children = {id(data): dict.fromkeys(data, (1, 1, 1, 3, None))}
    document = Document(data, Position(1, 1), children)  # type: ignore[arg-type]
    before = copy.deepcopy(data)
    placed = with_value_at(document, tuple(path), "T", Position(9, 1))
    assert document.data == before
    node: object = data
    for key in path[:-1]:
        node = node.get(key) if isinstance(node, dict) else None
    if not isinstance(node, dict):
        assert placed is document
        return
    assert value_at(placed.data, tuple(path)) == "T"
    assert placed.position(tuple(path)) == Position(9, 1)
    assert placed.key_position(tuple(path)) == Position(9, 1)
    for key in data:
        if key != path[0]:
            assert placed.position((key,)) == Position(1, 3)


@given(st.dictionaries(st.text(max_size=3), st.integers() | st.dictionaries(
           st.text(max_size=3), st.integers(), max_size=2), max_size=4),
       st.lists(st.text(max_size=3), min_size=1, max_size=3))
def test_without_value_at_copies_and_takes_the_key_out(data: dict[str, object],
                                                       path: list[str]) -> None:
    """`without_value_at` takes the key out, leaves the document as it was, and keeps every
    other place; a step through no mapping leaves it alone."""
    children = {id(data): dict.fromkeys(data, (1, 1, 1, 3, None))}
    document = Document(data, Position(1, 1), children)  # type: ignore[arg-type]
    before = copy.deepcopy(data)
    taken = without_value_at(document, tuple(path))
    assert document.data == before
    node: object = data
    for key in path[:-1]:
        node = node.get(key) if isinstance(node, dict) else None
    if not isinstance(node, dict):
        assert taken is document
        return
    parent = value_at(taken.data, tuple(path[:-1]))
    assert isinstance(parent, dict)
    assert path[-1] not in parent
    for key in data:
        if key != path[0]:
            assert taken.position((key,)) == Position(1, 3)
