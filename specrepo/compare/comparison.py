"""Compare two versions of a spec item by item: `compare(before, after) -> changes`.

Mappings are compared key by key (their key order is not content). Lists named item
lists (see `item_lists`) are matched by item id, so an item is followed wherever it
moves; the first item with a given id is the item of that id, and any later item with the
same id, like an item without an id, is an element matched by content. Other lists are
matched by content: their elements are added or removed, never changed in place.

Order is reported, not ignored: the rendered spec reads in that order, and without it the
changes could not rebuild the new version. An item that changed places is `moved`, once:
the items of a longest common subsequence (of ids and contents) stay, the others move, so
one item pulled to the top is one move, not a change of every item. An element without an
id that changed places is removed and added, as a line is in a line diff. Strings
that changed carry a line diff under a code key (`code` of the template's code blocks)
and a word diff when they are prose (see `text_diff.is_prose`).

Changes come in document order of the new version; in each mapping and list, what the
old version alone had (removed keys and items) follows, in its order. The same two
values give the same changes, whatever their history.
"""

from __future__ import annotations

from collections.abc import Hashable
from dataclasses import field
from typing import Final

from specrepo.base.deferred_dataclass import dataclass
from specrepo.compare.item_lists import BUNDLED_ITEM_LISTS, ItemList
from specrepo.compare.sequences import matching_blocks
from specrepo.compare.text_diff import is_prose, line_diff, word_diff
from specrepo.compare.values import content_token, same
from specrepo.load.document import JsonValue
from specrepo.model.change_paths import ChangePath, FieldPath, ItemId
from specrepo.model.diff import Change, TextDiff


@dataclass(frozen=True)
class CompareOptions:
    """How a format is compared: its item lists (the first one given for a path counts)
    and the keys whose strings are code, diffed by lines."""

    item_lists: tuple[ItemList, ...] = BUNDLED_ITEM_LISTS
    code_keys: frozenset[str] = frozenset({"code"})
    _lists_by_path: dict[FieldPath, ItemList] = field(
        init=False, repr=False, compare=False, hash=False)

    def __post_init__(self) -> None:
        lists: dict[FieldPath, ItemList] = {}
        for item_list in self.item_lists:
            lists.setdefault(item_list.path, item_list)
        object.__setattr__(self, "_lists_by_path", lists)

    def item_list(self, path: FieldPath) -> ItemList | None:
        """The item list at `path`; None when the list there has no ids."""
        return self._lists_by_path.get(path)


BUNDLED_OPTIONS: Final = CompareOptions()
"""The bundled format: its item lists, and `code` for code blocks."""


def compare(before: JsonValue, after: JsonValue,
            options: CompareOptions = BUNDLED_OPTIONS) -> tuple[Change, ...]:
    """The changes that turn `before` into `after`, in the order the module describes;
    empty when the two are the same JSON value (`values.same`)."""
    if same(before, after):
        return ()
    comparison = _Comparison(options)
    comparison.value((), (), before, after)
    return tuple(comparison.changes)


class _Comparison:
    """One comparison's walk: where it is (the change path, and its keys alone, which
    name item lists), and the changes found so far."""

    def __init__(self, options: CompareOptions) -> None:
        self.options = options
        self.changes: list[Change] = []

    def value(self, path: ChangePath, keys: FieldPath, before: JsonValue,
              after: JsonValue) -> None:
        """Two values known to differ."""
        if isinstance(before, dict) and isinstance(after, dict):
            self.mapping(path, keys, before, after)
        elif isinstance(before, list) and isinstance(after, list):
            self.sequence(path, keys, before, after)
        else:
            self.changes.append(Change("changed", path, before, after,
                                       text=self.text_diff(path, before, after)))

    def text_diff(self, path: ChangePath, before: JsonValue,
                  after: JsonValue) -> TextDiff | None:
        if not (isinstance(before, str) and isinstance(after, str)):
            return None
        if path and path[-1] in self.options.code_keys:
            return line_diff(before, after)
        if is_prose(before) or is_prose(after):
            return word_diff(before, after)
        return None

    def mapping(self, path: ChangePath, keys: FieldPath, before: dict[str, JsonValue],
                after: dict[str, JsonValue]) -> None:
        for key, value in after.items():
            if key not in before:
                self.changes.append(Change("added", (*path, key), after=value))
            elif not same(before[key], value):
                self.value((*path, key), (*keys, key), before[key], value)
        self.changes.extend(Change("removed", (*path, key), before=value)
                            for key, value in before.items() if key not in after)

    def sequence(self, path: ChangePath, keys: FieldPath, before: list[JsonValue],
                 after: list[JsonValue]) -> None:
        """A list: its items matched by id (the first of each id) wherever they stand,
        the other elements by content, in order."""
        item_list = self.options.item_list(keys)
        old_ids = _first_ids(before, item_list)
        new_ids = _first_ids(after, item_list)
        blocks = matching_blocks(_tokens(before, old_ids), _tokens(after, new_ids))
        kept_old = {index for old, _, size in blocks for index in range(old, old + size)}
        kept_new = {index for _, new, size in blocks for index in range(new, new + size)}
        old_index = {item: index for index, item in enumerate(old_ids) if item is not None}
        new_index = {item: index for index, item in enumerate(new_ids) if item is not None}
        for index, value in enumerate(after):
            item = new_ids[index]
            if item is not None and item in old_index:
                item_path = (*path, ItemId(item))
                previous = old_index[item]
                if index not in kept_new:
                    self.changes.append(Change("moved", item_path, old_index=previous,
                                               new_index=index))
                if not same(before[previous], value):
                    self.value(item_path, keys, before[previous], value)
            elif index not in kept_new:
                where = path if item is None else (*path, ItemId(item))
                self.changes.append(Change("added", where, after=value, new_index=index))
        for index, value in enumerate(before):
            item = old_ids[index]
            if index in kept_old or (item is not None and item in new_index):
                continue
            where = path if item is None else (*path, ItemId(item))
            self.changes.append(Change("removed", where, before=value, old_index=index))


def _first_ids(values: list[JsonValue], item_list: ItemList | None) -> list[str | None]:
    """Each element's id if it is the first with that id, else None."""
    if item_list is None:
        return [None] * len(values)
    seen: set[str] = set()
    ids: list[str | None] = []
    for value in values:
        item = item_list.id_of(value)
        if item in seen:
            item = None
        if item is not None:
            seen.add(item)
        ids.append(item)
    return ids


def _tokens(values: list[JsonValue], ids: list[str | None]) -> list[Hashable]:
    """What the in-order matching compares: an item's id, or an element's content."""
    return [("id", item) if item is not None else ("value", content_token(value))
            for value, item in zip(values, ids, strict=True)]
