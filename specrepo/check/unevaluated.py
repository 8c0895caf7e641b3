"""What an `unevaluatedProperties` / `unevaluatedItems` error really says, for its findings.

JSON Schema 2020-12 (Core, section 11) drops the annotations of a subschema that fails, so
when a branch of `allOf` fails on one key, jsonschema also reports every other key that
branch defines as unevaluated. Those are consequences, not mistakes: the user fixes the one
real error and they go away. This module tells them apart, and lists every property the
subschemas in place define, for "allowed here". References (`$ref`, `$dynamicRef`,
`$recursiveRef`) are followed as jsonschema resolves them: into `$defs`, to anchors, under a
nested `$id` and into the schema's local files.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any, Final, TypeVar

import referencing.exceptions
from jsonschema.exceptions import ValidationError

from specrepo.load.schema_source import SchemaScope

SchemaLocation = tuple[Any, ...]
"""Where a subschema sits, as keywords and indexes from the schema holding `unevaluated*`,
following jsonschema's schema paths (a `$ref` adds no step)."""

Key = TypeVar("Key", str, int)

_IN_PLACE_LISTS: Final = ("allOf", "anyOf", "oneOf")
_IN_PLACE_VALUES: Final = ("if", "then", "else")
_REFERENCES: Final = ("$ref", "$dynamicRef", "$recursiveRef")
# Keywords whose values are data, never subschemas (JSON Schema 2020-12, Validation 6.1.2,
# 6.1.3, 9.2, 9.5), so nothing under them is indexed as a schema.
_DATA: Final = frozenset({"enum", "const", "default", "examples"})
_NAMED_SUBSCHEMAS: Final = frozenset({"properties", "patternProperties", "dependentSchemas",
                                      "dependencies", "$defs", "definitions"})


@dataclass(frozen=True)
class Branch:
    """A subschema applied in place to the same instance."""

    location: SchemaLocation
    schema: dict[str, Any]


class SubschemaScopes:
    """Every subschema a schema reaches (through its keywords and references, into its
    local files too), each with the scope jsonschema resolves its references in."""

    def __init__(self, root: SchemaScope) -> None:
        self._scopes: dict[int, SchemaScope] = {}
        stack = [root]
        while stack:
            scope = stack.pop()
            node = scope.contents
            if id(node) in self._scopes:
                continue
            self._scopes[id(node)] = scope
            stack.extend(scope.within(child) for child in _subschemas(node))
            stack.extend(filter(None, (self._follow(scope, reference)
                                       for reference in _references(node))))

    def targets(self, node: dict[str, Any]) -> list[Any]:
        """The subschemas `node`'s references lead to (none it cannot resolve)."""
        scope = self._scopes.get(id(node))
        if scope is None:
            return []
        return [target.contents for reference in _references(node)
                if (target := self._follow(scope, reference)) is not None]

    @staticmethod
    def _follow(scope: SchemaScope, reference: str) -> SchemaScope | None:
        try:
            return scope.follow(reference)
        except referencing.exceptions.Unresolvable:
            return None


def _references(node: Any) -> list[str]:
    return [node[keyword] for keyword in _REFERENCES
            if isinstance(node, dict) and isinstance(node.get(keyword), str)]


def _subschemas(node: Any) -> Iterator[dict[str, Any]]:
    """The mappings in schema positions right below `node` (data keywords left out)."""
    if not isinstance(node, dict):
        return
    for keyword, value in node.items():
        if keyword in _DATA:
            continue
        if keyword in _NAMED_SUBSCHEMAS and isinstance(value, dict):
            values: Iterable[Any] = value.values()
        else:
            values = value if isinstance(value, list) else (value,)
        yield from (each for each in values if isinstance(each, dict))


def in_place_branches(schema: Any, scopes: SubschemaScopes) -> list[Branch]:
    """`schema` and every subschema applied to the same instance (through `allOf`, `anyOf`,
    `oneOf`, `if`/`then`/`else`, `dependentSchemas` and references), whether it holds or
    not."""
    found: list[Branch] = []
    seen: set[int] = set()
    stack: list[tuple[SchemaLocation, Any]] = [((), schema)]
    while stack:
        location, node = stack.pop()
        if not isinstance(node, dict) or id(node) in seen:
            continue
        seen.add(id(node))
        found.append(Branch(location, node))
        stack.extend((location, target) for target in scopes.targets(node))
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


def real_mistakes(error: ValidationError, keys: Sequence[Key], scopes: SubschemaScopes,
                  others: Sequence[ValidationError]) -> Iterator[Key]:
    """The keys of `error` that are mistakes of their own."""
    branches = in_place_branches(error.schema, scopes)
    return (key for key in keys if not explained(error, key, branches, others))
