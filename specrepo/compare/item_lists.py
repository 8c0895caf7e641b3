"""Which lists hold items matched by id, and how an item's id is read."""

from __future__ import annotations

from typing import Final

from specrepo.base.deferred_dataclass import dataclass
from specrepo.load.document import JsonPath, JsonValue
from specrepo.model.change_paths import FieldPath
from specrepo.model.fields import FieldMap
from specrepo.model.spec_record import person_name


@dataclass(frozen=True)
class ItemList:
    """A list whose items are matched by id, so that moving an item is not a change to it.

    `path` names the list by mapping keys only; it passes through the items of enclosing
    item lists: `implementation_plan.tasks` is the `tasks` list of every phase. `key` names
    the fields whose values, joined by one space, are an item's id (`("id",)`, or
    `("method", "path")` for `POST /resources`); an item that is itself a string or an
    integer is its own id when `key` has one field, as the bundled format writes a reviewer
    `- Grace Hopper` for `{name: Grace Hopper}`. In a list of `people` (reviewers,
    approvers) the id is the name without its `<email>`, as history names them, so adding
    an email to a reviewer changes that reviewer rather than replacing them.
    """

    path: FieldPath
    key: tuple[str, ...] = ("id",)
    people: bool = False

    def id_of(self, item: JsonValue) -> str | None:
        """The id of `item` in this list (see `item_id`); None when it has none."""
        found = item_id(item, self.key)
        return person_name(found) if found is not None and self.people else found


def item_id(item: JsonValue, key: tuple[str, ...]) -> str | None:
    """The id of `item` in a list keyed by `key`; None when it has none (a missing field,
    or a value that is not a string or an integer). Integers read as their decimal text."""
    if isinstance(item, dict):
        parts = [item.get(field) for field in key]
    elif len(key) == 1:
        parts = [item]
    else:
        return None
    if not all(isinstance(part, (str, int)) and not isinstance(part, bool) for part in parts):
        return None
    return " ".join(map(str, parts))


BUNDLED_ITEM_LISTS: Final = (
    # The bundled schema's lists of items with an `id` (the field map's item lists and its
    # questions); tests/compare/test_item_lists.py checks this against the schema.
    ItemList(("requirements", "functional")),
    ItemList(("requirements", "non_functional")),
    ItemList(("open_questions",)),
    # Lists the template writes as tables, matched by their first column, the field a
    # reader names them by; an item without it, or repeating it, is matched by content.
    ItemList(("reviewers",), ("name",), people=True),
    ItemList(("goals", "success_metrics"), ("metric",)),
    ItemList(("design", "components"), ("name",)),
    ItemList(("design", "data_model"), ("name",)),
    ItemList(("design", "api"), ("method", "path")),
    ItemList(("design", "api", "responses"), ("status",)),
    ItemList(("implementation_plan",), ("phase",)),
    ItemList(("implementation_plan", "tasks"), ("task",)),
    ItemList(("testing",), ("type",)),
    ItemList(("security", "threats"), ("threat",)),
    ItemList(("security", "checklist"), ("task",)),
    ItemList(("monitoring", "alerts"), ("condition",)),
    ItemList(("risks",), ("risk",)),
    ItemList(("dependencies", "external"), ("name",)),
    ItemList(("dependencies", "teams"), ("team",)),
    ItemList(("rollout", "stages"), ("stage",)),
    ItemList(("appendix", "glossary"), ("term",)),
)
"""The item lists of the bundled format (schemas/spec.schema.json)."""


def field_map_item_lists(fields: FieldMap) -> tuple[ItemList, ...]:
    """The item lists of a format described by its field map: its `item_lists` and its
    questions by `id`, its reviewers and approvers by `name` (or the name itself)."""
    lists = [ItemList(_keys(path)) for path in fields.item_lists]
    if fields.questions is not None:
        lists.append(ItemList(_keys(fields.questions)))
    lists.extend(ItemList(_keys(path), ("name",), people=True)
                 for path in (fields.reviewers, fields.approvers) if path is not None)
    return tuple(lists)


def _keys(path: JsonPath) -> FieldPath:
    return tuple(map(str, path))
