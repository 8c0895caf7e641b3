"""What an `unevaluatedProperties` / `unevaluatedItems` error really says, for its findings.

JSON Schema 2020-12 (Core, section 11) drops the annotations of a subschema that fails, so
when a branch of `allOf` fails on one key, jsonschema also reports every other key that
branch defines as unevaluated. Those are consequences, not mistakes: the user fixes the one
real error and they go away. This module tells them apart, and lists every property the
subschemas in place define, for "allowed here".
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any, Final, TypeVar
from urllib.parse import unquote

from jsonschema.exceptions import ValidationError

SchemaLocation = tuple[Any, ...]
"""Where a subschema sits, as keywords and indexes from the schema holding `unevaluated*`,
following jsonschema's schema paths (a `$ref` adds no step)."""

Key = TypeVar("Key", str, int)

_IN_PLACE_LISTS: Final = ("allOf", "anyOf", "oneOf")
_IN_PLACE_VALUES: Final = ("if", "then", "else")


@dataclass(frozen=True)
class Branch:
    """A subschema applied in place to the same instance."""

    location: SchemaLocation
    schema: dict[str, Any]


def in_place_branches(schema: Any, root: Any) -> list[Branch]:
    """`schema` and every subschema applied to the same instance (through `allOf`, `anyOf`,
    `oneOf`, `if`/`then`/`else`, `dependentSchemas` and `#…` references into `root`),
    whether it holds or not."""
    found: list[Branch] = []
    seen: set[int] = set()
    stack: list[tuple[SchemaLocation, Any]] = [((), schema)]
    while stack:
        location, node = stack.pop()
        if not isinstance(node, dict) or id(node) in seen:
            continue
        seen.add(id(node))
        found.append(Branch(location, node))
        target = _local_target(node.get("$ref"), root)
        if target is not None:
            stack.append((location, target))
        for keyword in _IN_PLACE_LISTS:
            parts = node.get(keyword)
            if isinstance(parts, list):
                stack.extend(((*location, keyword, index), part)
                             for index, part in enumerate(parts))
        stack.extend(((*location, keyword), node[keyword])
                     for keyword in _IN_PLACE_VALUES if keyword in node)
        dependent = node.get("dependentSchemas")
        if isinstance(dependent, dict):
            stack.extend(((*location, "dependentSchemas", name), part)
                         for name, part in dependent.items())
    return sorted(found, key=lambda branch: _sort_key(branch.location))


def _sort_key(location: SchemaLocation) -> tuple[tuple[int, str], ...]:
    return tuple((0, f"{step:09d}") if isinstance(step, int) else (1, step)
                 for step in location)


def _local_target(reference: Any, root: Any) -> Any:
    """The subschema a `#/…` JSON Pointer reference names in `root`, else None."""
    if not isinstance(reference, str) or not reference.startswith("#"):
        return None
    node = root
    for escaped in unquote(reference[1:]).split("/")[1:]:
        token = escaped.replace("~1", "/").replace("~0", "~")
        if isinstance(node, dict) and token in node:
            node = node[token]
        elif isinstance(node, list) and token.isdigit() and int(token) < len(node):
            node = node[int(token)]
        else:
            return None
    return node


def defined_properties(branches: Sequence[Branch]) -> list[str]:
    """Every property name the branches define under `properties`, in schema order."""
    names: dict[str, None] = {}
    for branch in branches:
        properties = branch.schema.get("properties")
        if isinstance(properties, dict):
            names.update(dict.fromkeys(properties))
    return list(names)


def defines(branch: Branch, key: str | int) -> bool:
    """Whether the branch itself evaluates `key` (a property name or an item index)."""
    schema = branch.schema
    if isinstance(key, int):
        prefix = schema.get("prefixItems")
        return ("items" in schema or "contains" in schema
                or (isinstance(prefix, list) and key < len(prefix)))
    properties = schema.get("properties")
    patterns = schema.get("patternProperties")
    return (isinstance(properties, dict) and key in properties) or (
        isinstance(patterns, dict) and any(re.search(pattern, key) for pattern in patterns))


def unevaluated_keys(error: ValidationError) -> list[str]:
    """The properties jsonschema lists as unevaluated in `error`, in the instance's order."""
    listed = str(error.message).partition("(")[2]
    instance = error.instance if isinstance(error.instance, dict) else {}
    return [key for key in instance if repr(key) in listed]


def unevaluated_indexes(error: ValidationError) -> list[int]:
    """The positions of the items jsonschema lists as unevaluated in `error`."""
    listed = str(error.message).partition("(")[2]
    instance = error.instance if isinstance(error.instance, list) else []
    return [index for index, item in enumerate(instance) if repr(item) in listed]


def explained(error: ValidationError, key: str | int, branches: Sequence[Branch],
              others: Sequence[ValidationError]) -> bool:
    """Whether `key` is unevaluated only because a branch that defines it failed on
    something another error reports (the real mistake)."""
    here = tuple(error.absolute_schema_path)[:-1]
    inside = tuple(error.absolute_path)
    for other in others:
        path = tuple(other.absolute_schema_path)
        if (other is error or tuple(other.absolute_path)[:len(inside)] != inside
                or path[:len(here)] != here
                or other.validator in ("unevaluatedProperties", "unevaluatedItems")):
            continue
        relative = path[len(here):]
        for branch in branches:
            if not branch.location or not defines(branch, key):
                continue
            common = min(len(relative), len(branch.location))
            if relative[:common] == branch.location[:common]:
                return True
    return False


def real_mistakes(error: ValidationError, keys: Sequence[Key], root: Any,
                  others: Sequence[ValidationError]) -> Iterator[Key]:
    """The keys of `error` that are mistakes of their own."""
    branches = in_place_branches(error.schema, root)
    return (key for key in keys if not explained(error, key, branches, others))
