"""When two JSON values are the same: strictly by JSON type, mappings whatever their key order."""

from __future__ import annotations

import json
from collections.abc import Hashable

from specrepo.load.document import JsonValue


def same(before: JsonValue, after: JsonValue) -> bool:
    """Whether two values are equal as JSON: `1`, `1.0` and `true` differ (Python's `==`
    says they are equal), the key order of a mapping does not count.

    Python's `==` runs first, in C: most values differ there or are equal in every type,
    so the strict walk only runs on values `==` already found equal that are not text, and
    only when their `repr`s (also C) differ: equal `repr`s mean every value is of the same
    type, every float written alike and every key in the same order; otherwise the keys of
    a mapping stand in another order, or a `1` stands where a `true` or `1.0` stood.
    """
    if before is after:
        return True
    return before == after and ((type(before) is str and type(after) is str)
                                or repr(before) == repr(after)
                                or _strictly_same(before, after))


def _strictly_same(before: JsonValue, after: JsonValue) -> bool:
    if before is after:
        return True
    kind = type(before)
    if kind is not type(after):
        return False
    if isinstance(before, dict) and isinstance(after, dict):
        return all(_strictly_same(value, after[key]) for key, value in before.items())
    if isinstance(before, list) and isinstance(after, list):
        return all(map(_strictly_same, before, after))
    if kind is float:
        return repr(before) == repr(after)  # -0.0 is written differently from 0.0
    return True  # equal by `==` and of one type


def content_token(value: JsonValue) -> Hashable:
    """A hashable stand-in for `value`, equal for two values exactly when `same` is true."""
    if isinstance(value, str):
        return value
    return (json.dumps(value, sort_keys=True),)
