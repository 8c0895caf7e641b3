"""JSON text as every JSON output of specrepo writes it (RFC 8259): indented two spaces a
level, non-ASCII characters kept as they are, lone surrogates (a file name's bytes that are
not UTF-8, as Python's `surrogateescape` reads them: PEP 383) as the text outputs write
them (`caf\\xe9.yaml`, `base.one_line.undecodable_in_json`): no strict parser reads a lone
surrogate's escape.

The text is exactly what `json.dumps(value, indent=2, ensure_ascii=False)` writes (then
`undecodable_in_json`), built
without it: with `indent`, the standard library encodes in Python, one generator step per
value (a report of a few hundred specs has a hundred thousand), while this writer builds
each container in one pass and encodes strings with the standard library's C function.
"""

from __future__ import annotations

from collections.abc import Callable
from json.encoder import encode_basestring
from typing import Any, Final

from specrepo.base.one_line import undecodable_in_json

_INFINITY: Final = float("inf")


def indented_json(value: Any) -> str:
    """`value` (dicts, lists, tuples, strings, numbers, booleans, None) as JSON text;
    raises `TypeError` for any other type (and for a key that is not text, a number, a
    boolean or None), as `json.dumps` does."""
    return undecodable_in_json(_encoded(value, "\n"))


def _encoded(value: Any, newline: str) -> str:
    """`value` as indented JSON; `newline` is a line break and the indentation of the
    line `value` starts on. Exact types are looked up first (the usual case, and the
    fastest); any other value is tested in `json.encoder`'s order."""
    kind = type(value)
    if kind is str:
        return encode_basestring(value)
    if kind is dict:
        if not value:
            return "{}"
        inner = newline + "  "
        members = [
            f"{encode_basestring(key if type(key) is str else _key(key))}: "
            f"{write(item) if (write := _SCALARS.get(type(item))) else _encoded(item, inner)}"
            for key, item in value.items()]
        return f"{{{inner}{(',' + inner).join(members)}{newline}}}"
    if kind is list or kind is tuple:
        if not value:
            return "[]"
        inner = newline + "  "
        items = [write(item) if (write := _SCALARS.get(type(item))) else _encoded(item, inner)
                 for item in value]
        return f"[{inner}{(',' + inner).join(items)}{newline}]"
    return _other(value, newline)


def _other(value: Any, newline: str) -> str:
    """A value of another type than `_encoded` looks up: a scalar, or an instance of a
    subclass, tested in `json.encoder`'s order."""
    if isinstance(value, str):
        return encode_basestring(value)
    text = _literal(value)
    if text is not None:
        return text
    if isinstance(value, (list, tuple)):
        return _encoded(list(value), newline)
    if isinstance(value, dict):
        return _encoded(dict(value), newline)
    raise TypeError(f"Object of type {type(value).__name__} is not JSON serializable")


def _literal(value: Any) -> str | None:
    """The JSON text of None, a boolean or a number (None for any other value)."""
    if value is None:
        return "null"
    if value is True:
        return "true"
    if value is False:
        return "false"
    if isinstance(value, int):
        return int.__repr__(value)
    if isinstance(value, float):
        return _float(value)
    return None


def _float(value: float) -> str:
    """A float as `json.dumps` writes it (`allow_nan`: NaN and the infinities by name)."""
    if value != value:  # noqa: PLR0124 (NaN is the one value unequal to itself)
        return "NaN"
    if value == _INFINITY:
        return "Infinity"
    if value == -_INFINITY:
        return "-Infinity"
    return float.__repr__(value)


_SCALARS: Final[dict[type, Callable[[Any], str]]] = {
    str: encode_basestring, int: int.__repr__, float: _float, type(None): lambda _: "null",
    bool: lambda value: "true" if value else "false"}
"""The writer of each type of value that holds no other (exactly that type, no subclass)."""


def _key(key: Any) -> str:
    """A mapping's key as the text `json.dumps` writes for it."""
    text = key if isinstance(key, str) else _literal(key)
    if text is None:
        raise TypeError(f"keys must be str, int, float, bool or None, not "
                        f"{type(key).__name__}")
    return text
