"""Invariants of the comparison over random documents: nothing lost, nothing invented."""

from __future__ import annotations

import copy
import json
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from specrepo.compare.comparison import CompareOptions, compare
from specrepo.compare.item_lists import ItemList
from specrepo.compare.values import same
from specrepo.load.document import JsonValue
from specrepo.model.change_paths import ItemId, field_path_of, format_path, parse_path
from tests.compare.patching import apply, invert, rebuild
from tests.support import fuzz

OPTIONS = CompareOptions(item_lists=(
    ItemList(("items",)), ItemList(("items", "items")), ItemList(("items", "sub")),
    ItemList(("names",), ("name",)), ItemList(("pairs",), ("a", "b"))))

SCALARS = st.one_of(
    st.sampled_from([None, True, False, 0, 1, 1.0, 0.0, -0.0, 2.5, "", "1", "a", "b"]),
    st.text(alphabet="ab \n.", max_size=12),
    st.text(max_size=90))
KEYS = st.sampled_from(["x", "y", "code", "text", "items", "sub", "id", "name", ""])
IDS = st.sampled_from(["A", "B", "C", "D", "1", 1, 2, True, None])
"""Ids that collide (`1` and "1"), and values that are no ids (true, null)."""

ANY_JSON = st.recursive(SCALARS, lambda inner: st.one_of(
    st.lists(inner, max_size=4), st.dictionaries(KEYS, inner, max_size=4)), max_leaves=12)


def _items(inner: st.SearchStrategy[Any]) -> st.SearchStrategy[list[Any]]:
    item = st.builds(lambda item, rest: {**rest, "id": item} if item != "-" else rest,
                     st.one_of(IDS, st.just("-")), st.dictionaries(KEYS, inner, max_size=3))
    return st.lists(st.one_of(item, SCALARS), max_size=6)


ITEMS = st.recursive(ANY_JSON, _items, max_leaves=8)
DOCUMENTS = st.fixed_dictionaries({}, optional={
    "items": _items(st.one_of(ITEMS, ANY_JSON)),
    "names": st.lists(st.one_of(st.sampled_from(["Ada", "Grace"]), st.builds(
        lambda name, date: {"name": name, "approved": date},
        st.sampled_from(["Ada", "Grace", "Linus"]), st.sampled_from(["2026-01-02", None]))),
        max_size=4),
    "pairs": st.lists(st.fixed_dictionaries({"a": st.sampled_from(["GET", "POST"]),
                                             "b": st.sampled_from(["/x", "/y"])},
                                            optional={"c": SCALARS}), max_size=4),
    "text": SCALARS, "code": SCALARS, "plain": st.lists(SCALARS, max_size=5), "any": ANY_JSON,
})


@fuzz(200)
@given(DOCUMENTS)
def test_a_document_has_no_changes_to_itself_or_to_its_copy(document: JsonValue) -> None:
    assert compare(document, document, OPTIONS) == ()
    assert compare(document, copy.deepcopy(document), OPTIONS) == ()


@fuzz(400)
@given(DOCUMENTS, DOCUMENTS)
def test_the_changes_rebuild_the_new_version_and_undo_to_the_old(
        before: JsonValue, after: JsonValue) -> None:
    frozen = json.dumps(before, sort_keys=True)
    changes = compare(before, after, OPTIONS)
    assert json.dumps(before, sort_keys=True) == frozen, "compare left its input alone"
    assert same(apply(before, changes, OPTIONS), after)
    assert same(apply(after, invert(changes), OPTIONS), before)
    assert (changes == ()) == same(before, after)


@fuzz(300)
@given(ANY_JSON, ANY_JSON)
def test_any_json_values_compare_and_rebuild(before: JsonValue, after: JsonValue) -> None:
    changes = compare(before, after, OPTIONS)
    assert same(apply(before, changes, OPTIONS), after)
    assert same(apply(after, invert(changes), OPTIONS), before)


@fuzz(300)
@given(DOCUMENTS, DOCUMENTS)
def test_changes_name_items_by_id_never_by_position(before: JsonValue,
                                                    after: JsonValue) -> None:
    for change in compare(before, after, OPTIONS):
        assert parse_path(format_path(change.path)) == change.path
        assert all(isinstance(step, (str, ItemId)) for step in change.path)
        for depth, step in enumerate(change.path):
            if isinstance(step, ItemId):
                keys = field_path_of(change.path[:depth])
                item_list = OPTIONS.item_list(keys)
                assert item_list is not None, "a selector only in an item list"
                lists = [_at(version, change.path[:depth]) for version in (before, after)]
                assert any(isinstance(found, list) and step.id in
                           [item_list.id_of(item) for item in found] for found in lists)


@fuzz(200)
@given(st.lists(st.sampled_from(["A", "B", "C", "D", "E", "F"]), unique=True, min_size=1),
       st.randoms(use_true_random=False), ANY_JSON)
def test_reordering_items_only_moves_them(ids: list[str], random: Any, content: Any) -> None:
    before: Any = {"items": [{"id": item, "x": content} for item in ids]}
    shuffled = list(before["items"])
    random.shuffle(shuffled)
    changes = compare(before, {"items": shuffled}, OPTIONS)
    assert {change.kind for change in changes} <= {"moved"}
    assert len(changes) < len(ids)
    assert all(isinstance(change.path[-1], ItemId) for change in changes)


UNIQUE_ITEMS = st.lists(st.sampled_from(["A", "B", "C", "D", "E"]), unique=True).flatmap(
    lambda ids: st.tuples(*[st.fixed_dictionaries({"id": st.just(item)},
                                                  optional={"x": ANY_JSON}) for item in ids]))


@fuzz(200)
@given(UNIQUE_ITEMS, UNIQUE_ITEMS)
def test_a_list_whose_items_all_have_ids_has_no_change_by_position(
        before: tuple[Any, ...], after: tuple[Any, ...]) -> None:
    changes = compare({"items": list(before)}, {"items": list(after)}, OPTIONS)
    assert all(isinstance(change.path[1], ItemId) for change in changes)
    ids = {item["id"] for item in before} ^ {item["id"] for item in after}
    assert {change.path[1].id for change in changes  # type: ignore[union-attr]
            if len(change.path) == 2 and change.kind in ("added", "removed")} == ids


@fuzz(200)
@given(DOCUMENTS, DOCUMENTS)
def test_the_same_inputs_give_the_same_changes(before: JsonValue, after: JsonValue) -> None:
    first = compare(before, after, OPTIONS)
    again = compare(copy.deepcopy(before), copy.deepcopy(after), OPTIONS)
    assert first == again
    for change in first:
        if change.text is not None:
            assert rebuild(change.text, "-") == change.before
            assert rebuild(change.text, "+") == change.after


def _at(value: JsonValue, path: tuple[str | ItemId, ...]) -> JsonValue:
    """The value at a change path (None where missing), items found by first id."""
    keys: list[str] = []
    for step in path:
        if isinstance(step, ItemId):
            item_list = OPTIONS.item_list(tuple(keys))
            assert item_list is not None and isinstance(value, list)
            value = next((item for item in value if item_list.id_of(item) == step.id), None)
        else:
            value = value.get(step) if isinstance(value, dict) else None
            keys.append(step)
    return value


def _json_equal(before: JsonValue, after: JsonValue) -> bool:
    """Equality as JSON, written plainly: the same type everywhere (`1`, `1.0`, `true`
    differ), floats as written (`-0.0` is not `0.0`), mappings whatever their key order."""
    if type(before) is not type(after):
        return False
    if isinstance(before, dict) and isinstance(after, dict):
        return before.keys() == after.keys() and all(
            _json_equal(value, after[key]) for key, value in before.items())
    if isinstance(before, list) and isinstance(after, list):
        return len(before) == len(after) and all(map(_json_equal, before, after))
    if isinstance(before, float):
        return repr(before) == repr(after)
    return before == after


_RETYPED: dict[tuple[type, str], JsonValue] = {
    (bool, "True"): 1, (bool, "False"): 0.0, (int, "1"): 1.0, (float, "1.0"): True,
    (float, "0.0"): -0.0, (float, "-0.0"): 0}
"""Scalars (type, `repr`) -> one Python's `==` calls equal to it, of another type or
written otherwise."""


def _rewritten(value: JsonValue, reorder: bool) -> JsonValue:
    """`value` with the keys of every mapping in reverse order (`reorder`: the same JSON
    value), else with the scalars of `_RETYPED` swapped (`==` to it, and another value)."""
    if isinstance(value, dict):
        return {key: _rewritten(value[key], reorder) for key in reversed(value)} if reorder \
            else {key: _rewritten(item, reorder) for key, item in value.items()}
    if isinstance(value, list):
        return [_rewritten(item, reorder) for item in value]
    if reorder or isinstance(value, str) or value is None:
        return value
    return _RETYPED.get((type(value), repr(value)), value)


@fuzz(300)
@given(ANY_JSON, ANY_JSON)
def test_same_is_equality_as_json(before: JsonValue, after: JsonValue) -> None:
    """`same`'s shortcuts (C's `==`, then `repr`) give what the strict walk would: also for
    values `==` calls equal (`1` and `true`, `0.0` and `-0.0`) and reordered mappings."""
    for other in (after, copy.deepcopy(before), _rewritten(before, True),
                  _rewritten(before, False)):
        assert same(before, other) == _json_equal(before, other)
