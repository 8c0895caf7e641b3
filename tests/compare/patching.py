"""A test oracle: apply a comparison's changes to the old version, and invert them.

If applying `compare(a, b)` to `a` rebuilds `b` exactly, the changes lost nothing; if
applying their inverse to `b` rebuilds `a`, they kept what the old version had too.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from specrepo.compare.comparison import CompareOptions
from specrepo.load.document import JsonValue
from specrepo.model.change_paths import FieldPath, ItemId
from specrepo.model.diff import Change, TextDiff


def apply(before: JsonValue, changes: Sequence[Change], options: CompareOptions) -> JsonValue:
    """`before` with `changes` applied (a new value; `before` is left alone)."""
    return _apply(before, list(changes), 0, (), options)


def invert(changes: Sequence[Change]) -> list[Change]:
    """The changes that undo `changes`."""
    swapped = {"added": "removed", "removed": "added", "changed": "changed", "moved": "moved"}
    return [replace(change, kind=swapped[change.kind], before=change.after,  # type: ignore[arg-type]
                    after=change.before, old_index=change.new_index,
                    new_index=change.old_index, text=None) for change in changes]


def rebuild(diff: TextDiff, side: str) -> str:
    """The text before (`side` "-") or after ("+") from a text diff."""
    return "".join(text for op, text in diff.segments if op in ("=", side))


def _apply(value: JsonValue, changes: list[Change], depth: int, keys: FieldPath,
           options: CompareOptions) -> JsonValue:
    if not changes:
        return value
    for change in changes:
        if len(change.path) == depth and change.kind == "changed":
            assert len(changes) == 1, "a value changed whole has no other changes"
            return change.after
    if isinstance(value, dict):
        return _apply_mapping(value, changes, depth, keys, options)
    assert isinstance(value, list), f"changes below a scalar: {changes}"
    return _apply_list(value, changes, depth, keys, options)


def _apply_mapping(value: dict[str, JsonValue], changes: list[Change], depth: int,
                   keys: FieldPath, options: CompareOptions) -> JsonValue:
    result = dict(value)
    for key in dict.fromkeys(change.path[depth] for change in changes):
        assert isinstance(key, str)
        below = [change for change in changes if change.path[depth] == key]
        whole = [change for change in below
                 if len(change.path) == depth + 1 and not change.is_element]
        if whole and whole[0].kind == "added":
            result[key] = whole[0].after
        elif whole and whole[0].kind == "removed":
            del result[key]
        else:
            result[key] = _apply(value[key], below, depth + 1, (*keys, key), options)
    return result


def _apply_list(value: list[JsonValue], changes: list[Change], depth: int,
                keys: FieldPath, options: CompareOptions) -> JsonValue:
    item_list = options.item_list(keys)
    patched = list(value)
    leaving: set[int] = set()
    arriving: list[tuple[int, JsonValue]] = []
    for change in changes:
        if len(change.path) == depth:  # an element without an id of its own
            if change.kind == "added":
                assert change.new_index is not None
                arriving.append((change.new_index, change.after))
            else:
                assert change.kind == "removed" and change.old_index is not None
                leaving.add(change.old_index)
    selected = [change for change in changes if len(change.path) > depth]
    for step in dict.fromkeys(change.path[depth] for change in selected):
        assert isinstance(step, ItemId) and item_list is not None
        below = [change for change in selected if change.path[depth] == step]
        whole = {change.kind: change for change in below if len(change.path) == depth + 1}
        if "added" in whole:
            assert whole["added"].new_index is not None
            arriving.append((whole["added"].new_index, whole["added"].after))
            continue
        index = next(index for index, item in enumerate(value)
                     if item_list.id_of(item) == step.id)
        if "removed" in whole:
            assert whole["removed"].old_index == index
            leaving.add(index)
            continue
        content = [change for change in below if change.kind != "moved"]
        if content:
            patched[index] = _apply(value[index], content, depth + 1, keys, options)
        if "moved" in whole:
            assert whole["moved"].old_index == index and whole["moved"].new_index is not None
            leaving.add(index)
            arriving.append((whole["moved"].new_index, patched[index]))
    result = [item for index, item in enumerate(patched) if index not in leaving]
    for index, item in sorted(arriving, key=lambda arrival: arrival[0]):
        result.insert(index, item)
    return result

