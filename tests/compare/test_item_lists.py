"""The bundled format's item lists agree with its schema; item ids are read as documented."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from specrepo.compare.item_lists import BUNDLED_ITEM_LISTS, ItemList, field_map_item_lists, item_id
from specrepo.load.schema_source import SPEC_SCHEMA, bundled_schema
from specrepo.model.fields import DEFAULT_FIELDS, FieldMap

SCHEMA = bundled_schema(SPEC_SCHEMA)


def _resolve(node: Any) -> Any:
    while isinstance(node, dict) and "$ref" in node:
        assert node["$ref"].startswith("#/$defs/")
        node = SCHEMA["$defs"][node["$ref"].removeprefix("#/$defs/")]
    return node


def _branches(node: Any) -> Iterator[dict[str, Any]]:
    """A schema and the schemas its anyOf/oneOf/allOf combine, resolved."""
    node = _resolve(node)
    if isinstance(node, dict):
        yield node
        for keyword in ("anyOf", "oneOf", "allOf"):
            for branch in node.get(keyword, []):
                yield from _branches(branch)


def _lists(node: Any, path: tuple[str, ...] = ()) -> Iterator[tuple[tuple[str, ...], set[str]]]:
    """Every list in the schema, by field path, with the properties its items may have."""
    for branch in _branches(node):
        for name, sub in branch.get("properties", {}).items():
            yield from _lists(sub, (*path, name))
        if "items" in branch:
            yield path, {name for item in _branches(branch["items"])
                         for name in item.get("properties", {})}
            yield from _lists(branch["items"], path)


LISTS = dict(_lists(SCHEMA))


def test_every_list_of_items_with_ids_in_the_schema_is_matched_by_id() -> None:
    with_ids = {path for path, properties in LISTS.items() if "id" in properties}
    assert with_ids == {("requirements", "functional"), ("requirements", "non_functional"),
                        ("open_questions",)}
    assert {item_list.path for item_list in BUNDLED_ITEM_LISTS
            if item_list.key == ("id",)} == with_ids


@pytest.mark.parametrize("item_list", BUNDLED_ITEM_LISTS, ids=lambda item: ".".join(item.path))
def test_each_bundled_item_list_is_a_list_of_the_schema_with_its_key(item_list: ItemList) -> None:
    assert item_list.path in LISTS
    assert set(item_list.key) <= LISTS[item_list.path]


def test_the_bundled_lists_include_the_default_field_maps() -> None:
    assert set(field_map_item_lists(DEFAULT_FIELDS)) <= set(BUNDLED_ITEM_LISTS)
    assert len({item_list.path for item_list in BUNDLED_ITEM_LISTS}) == len(BUNDLED_ITEM_LISTS)


def test_a_field_maps_item_lists() -> None:
    fields = FieldMap(item_lists=(("options",),), questions=("questions",),
                      reviewers=None, approvers=("approvers",))
    assert field_map_item_lists(fields) == (
        ItemList(("options",)), ItemList(("questions",)),
        ItemList(("approvers",), ("name",), people=True))


@pytest.mark.parametrize(("item", "key", "expected"), [
    ({"id": "FR-1"}, ("id",), "FR-1"),
    ({"id": 7}, ("id",), "7"),
    ({"id": True}, ("id",), None),
    ({"id": None}, ("id",), None),
    ({"id": ["FR-1"]}, ("id",), None),
    ({}, ("id",), None),
    ("Grace Hopper", ("name",), "Grace Hopper"),
    (3, ("id",), "3"),
    (None, ("id",), None),
    ({"method": "POST", "path": "/x"}, ("method", "path"), "POST /x"),
    ({"method": "POST"}, ("method", "path"), None),
    ("POST /x", ("method", "path"), None),
])
def test_item_ids(item: Any, key: tuple[str, ...], expected: str | None) -> None:
    assert item_id(item, key) == expected


def test_people_are_named_without_email_as_history_names_them() -> None:
    reviewers = ItemList(("reviewers",), ("name",), people=True)
    assert reviewers.id_of({"name": "Grace Hopper <grace@example.com>"}) == "Grace Hopper"
    assert reviewers.id_of("Grace Hopper <grace@example.com>") == "Grace Hopper"
    assert ItemList(("options",), ("name",)).id_of({"name": "A <b>"}) == "A <b>"
