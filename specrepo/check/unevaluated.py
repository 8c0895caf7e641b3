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

from collections.abc import Iterator, Mapping, Sequence
from typing import Any, Final, TypeVar
from urllib.parse import urljoin

import referencing.exceptions
from jsonschema.exceptions import ValidationError
from referencing._core import Resolver

from specrepo.base.deferred_dataclass import dataclass
from specrepo.load.ecma_regex import ecma_matches
from specrepo.load.referenced_parts import strict_lookup
from specrepo.load.schema_files import schema_references

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


class SchemaReferences:
    """Where the references of a schema and of its local files lead, each resolved as
    jsonschema resolves it: against its subschema's base URI (`schema_references`)."""

    def __init__(self, resolver: Resolver[Any], documents: Mapping[str, Any]) -> None:
        """`resolver`: the whole schema's (`SchemaScope.resolver`); `documents`: the root
        schema (keyed by "", its base in its `$id`) and each local file by its URI."""
        self._resolver = resolver
        self._references: dict[int, list[str]] = {}
        for uri, contents in documents.items():
            for base, reference, node, _ in schema_references(contents, uri):
                self._references.setdefault(id(node), []).append(urljoin(base, reference))

    def targets(self, node: dict[str, Any]) -> list[Any]:
        """The subschemas `node`'s references lead to (none it cannot resolve)."""
        found = []
        for uri in self._references.get(id(node), ()):
            try:
                found.append(strict_lookup(self._resolver, uri).contents)
            except referencing.exceptions.Unresolvable:
                continue
        return found


def in_place_branches(schema: Any, scopes: SchemaReferences) -> list[Branch]:
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
        isinstance(patterns, dict) and any(ecma_matches(pattern, key) for pattern in patterns))


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


def real_mistakes(error: ValidationError, keys: Sequence[Key], scopes: SchemaReferences,
                  others: Sequence[ValidationError]) -> Iterator[Key]:
    """The keys of `error` that are mistakes of their own."""
    branches = in_place_branches(error.schema, scopes)
    return (key for key in keys if not explained(error, key, branches, others))
