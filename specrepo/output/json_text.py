"""JSON text as every JSON output of specrepo writes it (RFC 8259): indented two spaces a
level, non-ASCII characters kept as they are."""

from __future__ import annotations

import json
import math
from json.encoder import encode_basestring
from typing import Any


class _Unusual(Exception):
    """A value `json.dumps` writes in a way of its own (keys that are not text, floats that
    are not finite, cycles, other types): left to it."""


def indented_json(value: Any) -> str:
    """`value` (dicts, lists, tuples, strings, numbers, booleans, None) as JSON text,
    exactly as `json.dumps(value, indent=2, ensure_ascii=False)` writes it (whose indented
    form is pure Python, several times slower); raises `TypeError` for any other type."""
    parts: list[str] = []
    try:
        _write(value, parts, "\n")
    except (_Unusual, RecursionError):
        return json.dumps(value, indent=2, ensure_ascii=False)
    return "".join(parts)


def _write(value: Any, parts: list[str], newline: str) -> None:
    """Append `value`'s JSON text to `parts`; `newline` starts a line at its depth. The
    order of the checks is `json.encoder`'s: a subclass is written as its base is."""
    if isinstance(value, str):
        parts.append(encode_basestring(value))
    elif value is None:
        parts.append("null")
    elif value is True:
        parts.append("true")
    elif value is False:
        parts.append("false")
    elif isinstance(value, int):
        parts.append(int.__repr__(value))
    elif isinstance(value, float):
        if not math.isfinite(value):
            raise _Unusual
        parts.append(float.__repr__(value))
    elif isinstance(value, (list, tuple)):
        _write_items(value, parts, newline)
    elif isinstance(value, dict):
        _write_members(value, parts, newline)
    else:
        raise _Unusual


def _write_items(items: list[Any] | tuple[Any, ...], parts: list[str], newline: str) -> None:
    if not items:
        parts.append("[]")
        return
    inner = newline + "  "
    parts.append("[")
    separator = inner
    for item in items:
        if type(item) is str:  # most values: no call
            parts.append(separator + encode_basestring(item))
        else:
            parts.append(separator)
            _write(item, parts, inner)
        separator = "," + inner
    parts.append(newline + "]")


def _write_members(members: dict[Any, Any], parts: list[str], newline: str) -> None:
    if not members:
        parts.append("{}")
        return
    inner = newline + "  "
    parts.append("{")
    separator = inner
    for key, item in members.items():
        if not isinstance(key, str):
            raise _Unusual
        if type(item) is str:  # most values: no call
            parts.append(separator + encode_basestring(key) + ": " + encode_basestring(item))
        else:
            parts.append(separator + encode_basestring(key) + ": ")
            _write(item, parts, inner)
        separator = "," + inner
    parts.append(newline + "}")
