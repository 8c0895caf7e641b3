"""The parts of a schema that apply to the value at one property path, each with the scope
jsonschema resolves its references in there, so that a value can be judged on its own with
the whole schema's verdict on it.

From the root down the path, a schema applies to the value at a key through `properties`,
after following what applies in place whatever the document holds: `$ref` (alone in drafts
3 to 7, which ignore its siblings) and `allOf` (draft 3's `extends`). What depends on other
values (`anyOf`, `oneOf`, `if`, `dependentSchemas`…) or on the key's name
(`patternProperties`, `additionalProperties`) is not followed: a value is judged by the
parts that describe it plainly (JSON Schema 2020-12, "Core" sections 10.2.1 and 8.2.3.1).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import jsonschema

from specrepo.base.deferred_dataclass import dataclass
from specrepo.check.compiled_schema import schema_failures
from specrepo.load.document import JsonPath
from specrepo.load.schema_scope import SchemaScope


@dataclass(frozen=True)
class PathParts:
    """The parts of a schema that apply to the value at a path, and whether the schema
    requires every step of the path (so a document without the value is off)."""

    parts: tuple[SchemaScope, ...]
    required: bool


def parts_along(root: SchemaScope, path: JsonPath, name: str) -> PathParts | None:
    """The parts of the schema at `root` (see `root_scope`) that apply to the value at
    `path`, or None where no part describes a step plainly. Raises ConfigError naming the
    schema (`name`) for a reference on the way that resolves to nothing."""
    scopes = [root]
    required = True
    for key in path:
        with schema_failures(name):
            applied = [node for scope in scopes for node in _in_place(scope)]
        required = required and any(_requires(node, key) for node in applied)
        scopes = [node.within(node.contents["properties"][key]) for node in applied
                  if _describes(node.contents, key)]
        if not scopes:
            return None
    return PathParts(tuple(scopes), required)


def _in_place(start: SchemaScope) -> Iterator[SchemaScope]:
    """`start` and every schema applied to the same value whatever it holds: what its
    `$ref`s and `allOf`s lead to, each once (a schema may lead back to itself)."""
    seen: set[int] = set()
    stack = [start]
    while stack:
        scope = stack.pop()
        contents = scope.contents
        if not isinstance(contents, dict) or id(contents) in seen:
            continue
        seen.add(id(contents))
        reference = contents.get("$ref")
        if isinstance(reference, str):
            stack.append(scope.follow(reference))
            if scope.in_force.ignores_ref_siblings:
                continue
        yield scope
        every = contents.get("allOf")
        if scope.dialect is jsonschema.Draft3Validator:
            every = contents.get("extends")  # draft 3's allOf: a schema or a list of them
            every = [every] if isinstance(every, dict) else every
        if isinstance(every, list):
            stack.extend(scope.within(child) for child in reversed(every))


def _describes(schema: dict[str, Any], key: str | int) -> bool:
    properties = schema.get("properties")
    return isinstance(properties, dict) and isinstance(properties.get(key), (dict, bool))


def _requires(scope: SchemaScope, key: str | int) -> bool:
    """Whether the schema requires the property `key` (in draft 3, with `required: true`
    in the property's own schema)."""
    if scope.dialect is jsonschema.Draft3Validator:
        properties = scope.contents.get("properties")
        own = properties.get(key) if isinstance(properties, dict) else None
        return isinstance(own, dict) and own.get("required") is True
    required = scope.contents.get("required")
    return isinstance(required, list) and key in required
