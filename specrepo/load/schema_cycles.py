"""Find the references of a schema that lead back to themselves without reading a part of
the document (`{"$ref": "#"}`, or through `allOf`, `not`, `if`…, in one file or across
several): on some document jsonschema would follow them without end."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any, Final

import referencing
import referencing.exceptions
import referencing.jsonschema
from referencing._core import Resolver

from specrepo.load.referenced_parts import strict_lookup
from specrepo.load.schema_files import schema_nodes
from specrepo.load.schema_positions import REFERENCE_KEYWORDS

_IN_PLACE_LISTS: Final = ("allOf", "anyOf", "oneOf")
_IN_PLACE_VALUES: Final = ("not", "if", "then", "else")

Cycle = tuple[dict[str, Any], str]
"""The subschema holding a reference that closes a cycle, and the reference."""


def reference_cycles(registry: referencing.Registry[Any], resources: Iterable[tuple[str, Any]]
                     ) -> list[Cycle]:
    """Each reference that closes a cycle of references applied in place, found from the
    subschemas of `resources` ((root URI, contents) of each file), resolved by `registry`;
    each cycle once."""
    active: set[int] = set()
    done: set[int] = set()
    cycles: list[Cycle] = []
    for root_id, schema in resources:
        for base, start, _dialect in schema_nodes(schema, root_id):
            cycles += _follow_in_place(start, registry.resolver(base), active, done)
    return cycles


def _follow_in_place(start: dict[str, Any], resolver: Resolver[Any], active: set[int],
                     done: set[int]) -> Iterator[Cycle]:
    stack: list[tuple[Any, Resolver[Any], Cycle | None, bool]] = [
        (start, resolver, None, False)]
    while stack:
        node, scope, via, leaving = stack.pop()
        if leaving:
            active.discard(id(node))
            done.add(id(node))
            continue
        if id(node) in active and via is not None:
            yield via
            continue
        if id(node) in done or id(node) in active or not isinstance(node, dict):
            continue
        active.add(id(node))
        stack.append((node, scope, via, True))
        stack.extend(_in_place_children(node, scope))


def _in_place_children(node: dict[str, Any], scope: Resolver[Any]
                       ) -> Iterator[tuple[Any, Resolver[Any], Cycle | None, bool]]:
    """The subschemas applied to the same instance as `node`, each with its scope and,
    for one a reference leads to, that reference and `node`."""
    for keyword in REFERENCE_KEYWORDS:
        reference = node.get(keyword)
        if isinstance(reference, str):
            try:
                resolved = strict_lookup(scope, reference)
            except referencing.exceptions.Unresolvable:
                continue
            yield resolved.contents, resolved.resolver, (node, reference), False
    children = [node[keyword] for keyword in _IN_PLACE_VALUES if keyword in node]
    for keyword in _IN_PLACE_LISTS:
        if isinstance(node.get(keyword), list):
            children.extend(node[keyword])
    if isinstance(node.get("dependentSchemas"), dict):
        children.extend(node["dependentSchemas"].values())
    for child in children:
        if isinstance(child, dict):
            inner = scope.in_subresource(referencing.Resource.from_contents(
                child, default_specification=referencing.jsonschema.DRAFT202012))
            yield child, inner, None, False
