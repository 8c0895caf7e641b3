"""Which changes touch approved content: the field paths `approval: protected:` names
(see `model.approval`)."""

from __future__ import annotations

from collections.abc import Iterable

from specrepo.compare.values import same
from specrepo.load.document import JsonValue
from specrepo.model.change_paths import FieldPath, field_path_of
from specrepo.model.diff import Change


def is_protected(change: Change, protected: Iterable[FieldPath]) -> bool:
    """Whether `change` touches content under one of the `protected` field paths.

    A field path names mapping keys and passes through list items without naming them
    (`requirements.functional.acceptance_criteria` is every functional requirement's
    acceptance criteria). A change at or below a protected path touches it, however small
    (one character); a change above one (a whole section added or replaced) touches it
    when the content at the protected path differs between its two values. An item that
    only changed places in its list (`moved`: a list with ids, matched by id) touches
    nothing: the order of requirements is not what they say, and every item a reorder
    moves is alike (git's diff names one of two swapped items, which would be arbitrary).
    """
    if change.kind == "moved":
        return False
    keys = field_path_of(change.path)
    for path in protected:
        if keys[:len(path)] == path:
            return True
        if path[:len(keys)] == keys and not same(_project(change.before, path[len(keys):]),
                                                  _project(change.after, path[len(keys):])):
            return True
    return False


def protected_changes(changes: Iterable[Change],
                      protected: Iterable[FieldPath]) -> tuple[Change, ...]:
    """The changes that touch protected content, in their order."""
    paths = tuple(protected)
    return tuple(change for change in changes if is_protected(change, paths))


def _project(value: JsonValue, keys: FieldPath) -> JsonValue:
    """The content at `keys` below `value`, through list items (a list of what each item
    holds there); None where it is missing."""
    if not keys:
        return value
    if isinstance(value, dict):
        return _project(value.get(keys[0]), keys[1:])
    if isinstance(value, list):
        return [_project(element, keys) for element in value]
    return None
