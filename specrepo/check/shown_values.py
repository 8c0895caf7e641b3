"""Values as schema messages show them: short (a text cut at 60 characters, a list or
mapping by its size), never an instance or a subschema whole (as Python)."""

from __future__ import annotations

import json
from typing import Any, Final

from specrepo.load.document import JsonValue

TYPE_NAMES: Final = {
    "string": "a string", "integer": "a whole number", "number": "a number",
    "boolean": "true or false", "object": "a mapping", "array": "a list", "null": "null",
}
_SHOWN_LENGTH: Final = 60
SHOWN_OPTIONS: Final = 20
"""The most names or options a message lists ("and N more" says the rest)."""


def show(value: Any) -> str:
    """A value in a message: a text quoted (cut at 60 characters), a number, true, false
    or null as JSON writes it, a list or mapping by its size."""
    if isinstance(value, str):
        return f"'{cut(value)}'"
    if isinstance(value, list):
        return f"a list of {count(len(value), 'item')}"
    if isinstance(value, dict):
        return f"a mapping of {count(len(value), 'key')}"
    return json.dumps(value) if isinstance(value, (bool, int, float)) or value is None \
        else repr(value)[:_SHOWN_LENGTH]


def cut(text: str) -> str:
    """`text`, cut at 60 characters."""
    return text if len(text) <= _SHOWN_LENGTH else text[:_SHOWN_LENGTH - 3] + "..."


def kind(value: JsonValue) -> str:
    """What a value is, for "expected …, got …"."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return f"the boolean {str(value).lower()}"
    if isinstance(value, (int, float)):
        return f"the number {value}"
    if isinstance(value, str):
        return f"the string {show(value)}"
    return "a list" if isinstance(value, list) else "a mapping"


def count(number: int, unit: str) -> str:
    """"1 item", "2 items"."""
    return f"{number} {unit}{'' if number == 1 else 's'}"


def names(values: Any) -> str:
    """Values listed, each shown, the first 20 ("and N more" for the rest)."""
    listed = [show(value) for value in values][:SHOWN_OPTIONS]
    more = len(values) - len(listed)
    return ", ".join(listed) + (f" and {more} more" if more > 0 else "")
