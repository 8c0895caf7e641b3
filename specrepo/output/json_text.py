"""JSON text indented two spaces a level, byte for byte as `json.dumps(value, indent=2,
ensure_ascii=False)` writes it, in less time.

With `indent`, the standard library cannot use its C encoder and walks the value with one
Python generator per level, yielding every piece; a report of 655 specs is about 90,000
pieces. Here one function appends them to a list, and strings are still escaped by the C
function `json` uses (`encode_basestring`).
"""

from __future__ import annotations

import math
from json.encoder import encode_basestring
from typing import Any, Final

_STEP: Final = "  "


def indented_json(value: Any) -> str:
    """`value` (dicts, lists, tuples, strings, numbers, booleans, None) as JSON text, as
    `json.dumps(value, indent=2, ensure_ascii=False)` gives it. Raises `TypeError` for
    any other type, as `json.dumps` does."""
    parts: list[str] = []
    _write(value, "\n", parts)
    return "".join(parts)


def _write(value: Any, newline: str, parts: list[str]) -> None:
    kind = type(value)
    if kind is str:
        parts.append(encode_basestring(value))
    elif kind is dict:
        if not value:
            parts.append("{}")
            return
        inner = newline + _STEP
        separator = "{" + inner
        for key, item in value.items():
            parts.append(f"{separator}{encode_basestring(_key(key))}: ")
            _write(item, inner, parts)
            separator = "," + inner
        parts.append(newline + "}")
    elif kind is list or kind is tuple:
        if not value:
            parts.append("[]")
            return
        inner = newline + _STEP
        separator = "[" + inner
        for item in value:
            parts.append(separator)
            _write(item, inner, parts)
            separator = "," + inner
        parts.append(newline + "]")
    elif isinstance(value, dict):  # a subclass: written as its base is
        _write(dict(value), newline, parts)
    elif isinstance(value, (list, tuple)):
        _write(list(value), newline, parts)
    else:
        parts.append(_scalar(value))


def _scalar(value: Any) -> str:
    """A number, boolean or None as `json` writes it (NaN and the infinities as in
    JavaScript, as `json` does by default); a subclass of str as its base."""
    if value is None:
        return "null"
    if value is True:
        return "true"
    if value is False:
        return "false"
    if isinstance(value, int):
        return int.__repr__(value)
    if isinstance(value, float):
        if math.isnan(value):
            return "NaN"
        if math.isinf(value):
            return "Infinity" if value > 0 else "-Infinity"
        return float.__repr__(value)
    if isinstance(value, str):
        return encode_basestring(value)
    raise TypeError(f"Object of type {type(value).__name__} is not JSON serializable")


def _key(key: Any) -> str:
    """A mapping's key as `json` writes it: text as it is, numbers, booleans and None as
    their JSON text."""
    if isinstance(key, str):
        return key
    if isinstance(key, (bool, int, float)) or key is None:
        return _scalar(key)
    raise TypeError(f"keys must be str, int, float, bool or None, not {type(key).__name__}")
