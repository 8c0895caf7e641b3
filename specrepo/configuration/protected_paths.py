"""`approval: protected:` checked against the spec schema: a path no spec can have (a typo
such as `requirments`, a step below a text, a list position) would protect nothing,
silently, so it is a configuration error."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Final

import referencing.exceptions

from specrepo.base.suggest import did_you_mean
from specrepo.base.wording import with_article
from specrepo.load.schema_source import SchemaScope, SchemaSource, root_scope
from specrepo.model.change_paths import FieldPath

_SCALARS: Final = frozenset({"string", "number", "integer", "boolean", "null"})
_MAX_REFERENCES: Final = 32


def unknown_protected_paths(source: SchemaSource, paths: Sequence[FieldPath]
                            ) -> list[tuple[int, str]]:
    """(index of the path, why) for each path whose step the schema forbids: a key absent
    from `properties` where `additionalProperties` is false, a key below a value the schema
    types as text, a number or a boolean, or a list position (items are matched by id: a
    step below a list names a field of every item). `$ref`s are followed as the check of
    a whole spec follows them (`root_scope`). Steps the schema leaves open (no
    `properties`, other keys allowed) cannot be judged and pass."""
    root = root_scope(source, checked=True)
    problems = []
    for index, path in enumerate(paths):
        why = _forbidden_step(root, path)
        if why is not None:
            problems.append((index, why))
    return problems


def _forbidden_step(root: SchemaScope, path: FieldPath) -> str | None:
    """Why the first step of `path` the schema forbids is forbidden; None if none is."""
    scope: SchemaScope | None = root
    for depth, key in enumerate(path):
        where = ".".join(path[:depth]) or "a spec"
        scope = _resolved(scope)
        if scope is None:
            return None
        node = scope.contents
        if node.get("type") == "array" or "items" in node:
            if key.isdigit():
                return (f"{where} is a list whose items are matched by id, not by position; "
                        f"'{where}.<field>' protects that field of every item")
            scope = _resolved(scope.within(node["items"]) if "items" in node else None)
            if scope is None:
                return None
            node = scope.contents
        kind = node.get("type")
        if isinstance(kind, str) and kind in _SCALARS:
            return f"{where} is {with_article(kind)} in the spec schema: it has no key '{key}'"
        properties = node.get("properties")
        if not isinstance(properties, dict) or node.get("additionalProperties") is not False:
            return None
        if key not in properties:
            suggestion = did_you_mean(key, sorted(properties))
            hint = f"did you mean '{suggestion}'?" if suggestion else \
                f"its keys: {', '.join(sorted(properties))}"
            return f"{where} has no key '{key}' in the spec schema; {hint}"
        scope = scope.within(properties[key])
    return None


def _resolved(scope: SchemaScope | None) -> SchemaScope | None:
    """`scope` with its `$ref`s followed; None where it is not a mapping, or a reference
    cannot be followed (the schema's load reports that)."""
    for _ in range(_MAX_REFERENCES):
        if scope is None or not isinstance(scope.contents, dict):
            return None
        reference = scope.contents.get("$ref")
        if not isinstance(reference, str):
            return scope
        try:
            scope = scope.follow(reference)
        except referencing.exceptions.Unresolvable:
            return None
    return None
