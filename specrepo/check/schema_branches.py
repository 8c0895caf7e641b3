"""Why a conditional branch applied: the `if` whose `then` or `else` holds the failing
keyword (its test in words when simple, else its place in the schema), or the property
whose presence brought a dependent schema in."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Final

from jsonschema.exceptions import ValidationError

from specrepo.base.deferred_dataclass import dataclass
from specrepo.check.schema_conditions import schema_location, why_fails, why_holds
from specrepo.check.shown_values import cut
from specrepo.check.unevaluated import SchemaReferences

# Keywords whose subschema applies to one member of the value (the next step of the
# error's instance path), keywords holding subschemas by name or index (the next step of
# the schema path), and references.
_MEMBER: Final = frozenset({"properties", "patternProperties", "additionalProperties",
                            "prefixItems", "items", "additionalItems", "contains",
                            "unevaluatedProperties", "unevaluatedItems"})
_IN_PLACE: Final = frozenset({"allOf", "anyOf", "oneOf", "not", "if", "then", "else",
                              "dependentSchemas", "dependencies"})
_NAMED: Final = frozenset({"properties", "patternProperties", "prefixItems", "items",
                           "allOf", "anyOf", "oneOf", "dependentSchemas", "dependencies"})
_REFERENCES: Final = frozenset({"$ref", "$dynamicRef", "$recursiveRef"})
_DEPENDENT: Final = ("dependentSchemas", "dependencies")


@dataclass(frozen=True)
class BranchReason:
    """Why the branch holding a failure applied, and the key that made it apply when that
    key is a member of the failing value's mapping (a finding may point there)."""

    text: str
    trigger: str | None


@dataclass(frozen=True)
class _Branch:
    keyword: str
    holder: Any
    """The schema holding `if` (or `dependentSchemas`)."""
    name: str
    """The property of `dependentSchemas`/`dependencies` ("" for `then`/`else`)."""
    steps: tuple[Any, ...]
    """The schema path to `holder`."""
    instance: Any
    known: bool
    """Whether `instance` is the value `holder` applied to (a step without an instance
    path step, such as `propertyNames`, leaves it unknown)."""
    depth: int
    """How many steps of the error's instance path lead to `instance`."""


def branch_reason(error: ValidationError, root_schema: Any, data: Any,
                  references: SchemaReferences) -> BranchReason | None:
    """Why the innermost `then`, `else`, `dependentSchemas` or (draft 4-7) schema
    `dependencies` on `error`'s schema path applied; None when there is none."""
    branch = _innermost_branch(error, root_schema, data, references)
    if branch is None:
        return None
    if branch.keyword in _DEPENDENT:
        return BranchReason(f"'{cut(branch.name)}' is set", _trigger(branch, error, branch.name))
    condition = branch.holder.get("if")
    instance = branch.instance if branch.known else None
    said = (why_holds if branch.keyword == "then" else why_fails)(condition, instance) \
        if branch.known else None
    if said is None:
        verdict = "holds" if branch.keyword == "then" else "does not hold"
        where = cut(schema_location((*branch.steps, "if")))
        return BranchReason(f"the `if` at {where} {verdict}", None)
    required = condition.get("required")
    named = [*(required if isinstance(required, list) else ()),
             *(condition.get("properties") or {})]
    first = next((name for name in named if isinstance(name, str)
                  and isinstance(instance, dict) and name in instance), None)
    return BranchReason(said, _trigger(branch, error, first))


def _trigger(branch: _Branch, error: ValidationError, name: str | None) -> str | None:
    return name if branch.known and branch.depth == len(error.absolute_path) else None


def _innermost_branch(error: ValidationError, root_schema: Any, data: Any,
                      references: SchemaReferences) -> _Branch | None:
    """Walk `error`'s schema path from the root, the instance path alongside; the last
    branch met. A reference is followed where it resolves to one subschema; the walk stops
    (keeping the branches met) where the schema no longer fits the path."""
    steps: Sequence[Any] = list(error.absolute_schema_path)
    path: Sequence[Any] = list(error.absolute_path)
    node, instance, known, depth, index = root_schema, data, True, 0, 0
    found: _Branch | None = None
    while index < len(steps) and isinstance(node, dict):
        keyword = steps[index]
        if keyword in _REFERENCES:  # a dynamic reference's target depends on the path
            targets = references.targets(node) if keyword == "$ref" else []
            if len(targets) != 1:
                break
            node, index = targets[0], index + 1
            continue
        if keyword not in node or keyword not in _MEMBER | _IN_PLACE | {"propertyNames"}:
            break
        named = keyword in _NAMED and isinstance(node[keyword], dict if keyword in (
            "properties", "patternProperties", "dependentSchemas", "dependencies") else list)
        name = steps[index + 1] if named and index + 1 < len(steps) else None
        try:
            child = node[keyword][name] if named else node[keyword]
        except (KeyError, IndexError, TypeError):
            break  # the keyword itself failed (`dependencies` listing names)
        if keyword in ("then", "else") or (named and keyword in _DEPENDENT):
            found = _Branch(keyword, node, str(name or ""), tuple(steps[:index]), instance,
                            known, depth)
        if keyword == "propertyNames":  # applies to a key: the path does not say which
            known = False
        elif keyword in _MEMBER:
            instance, known = _member(instance, path, depth, known)
            depth += 1
        node, index = child, index + 1 + named
    return found


def _member(instance: Any, path: Sequence[Any], depth: int, known: bool) -> tuple[Any, bool]:
    try:
        return instance[path[depth]], known
    except (KeyError, IndexError, TypeError):
        return None, False
