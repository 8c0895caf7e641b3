"""Why a simple subschema holds or fails on a value, in words ("status is 'Approved'",
"'owner' is not set"): the reason a `then`, an `else` or a `not` applied. A subschema
of other keywords gets no words (its place in the schema names it instead)."""

from __future__ import annotations

from typing import Any, Final

from specrepo.check.shown_values import TYPE_NAMES, names, show

_ANNOTATIONS: Final = frozenset({"title", "description", "$comment", "examples", "default"})
_SIMPLE: Final = frozenset({"properties", "required", "const", "enum", "type", "allOf",
                            "anyOf", "oneOf"})
_JSON_TYPES: Final = {"string": str, "object": dict, "array": list, "boolean": bool,
                      "null": type(None)}


def why_holds(schema: Any, instance: Any) -> str | None:
    """Why `schema` holds on `instance` ("status is 'Approved' and 'owner' is set"), or None
    when `schema` is not simple or does not hold as this module reads it."""
    parts = _holding(schema, instance)
    return " and ".join(dict.fromkeys(parts)) if parts else None


def why_fails(schema: Any, instance: Any) -> str | None:
    """Why `schema` fails on `instance` ("status is 'Draft', not 'Approved'"), or None when
    `schema` is not simple or holds as this module reads it."""
    parts = _failing(schema, instance)
    return " and ".join(dict.fromkeys(parts)) if parts else None


def schema_location(steps: Any) -> str:
    """A schema path as a JSON Pointer fragment ("#/properties/plan/if")."""
    return "#" + "".join("/" + str(step).replace("~", "~0").replace("/", "~1")
                         for step in steps)


def _simple(schema: Any) -> bool:
    """Whether this module has words for `schema`: `const`, `enum`, `type`, `required`,
    `properties` of simple subschemas, and `allOf`/`anyOf`/`oneOf` (checked as they go)."""
    if not isinstance(schema, dict) or not set(schema) - _ANNOTATIONS <= _SIMPLE:
        return False
    properties = schema.get("properties", {})
    return isinstance(properties, dict) and all(map(_simple, properties.values()))


def _holding(schema: Any, instance: Any) -> list[str] | None:
    """The reasons `schema` holds; None if it is not simple or fails."""
    if not _simple(schema) or _failing(schema, instance) != []:
        return None
    parts = [*_value_tests(schema, instance, holds=True),
             *_member_tests(schema, instance, holds=True)]
    for keyword in ("allOf", "anyOf", "oneOf"):
        if keyword not in schema:
            continue
        reasons = [_holding(part, instance) for part in schema[keyword]]
        if keyword == "allOf":
            if any(reason is None for reason in reasons):
                return None
            parts += [part for reason in reasons for part in reason or ()]
            continue
        held = next((reason for reason in reasons if reason is not None), None)
        if held is None:  # an alternative of other keywords is the one that holds
            return None
        parts += held
    return parts


def _failing(schema: Any, instance: Any) -> list[str] | None:
    """The reasons `schema` fails (empty if it holds); None if it is not simple."""
    if not _simple(schema):
        return None
    parts = [*_value_tests(schema, instance, holds=False),
             *_member_tests(schema, instance, holds=False)]
    for keyword in ("allOf", "anyOf", "oneOf"):
        reasons = [_failing(part, instance) for part in schema.get(keyword, [])]
        if any(reason is None for reason in reasons):
            return None
        failed = [reason for reason in reasons if reason]
        if keyword == "oneOf" and len(reasons) - len(failed) > 1:
            return None  # several hold: no simple words for that
        if keyword == "allOf" or len(failed) == len(reasons):
            parts += [part for reason in failed for part in reason]
    return parts


def _value_tests(schema: dict[str, Any], instance: Any, *, holds: bool) -> list[str]:
    """`const`, `enum` and `type` on the value itself: what it is (when they hold), or what
    it is not (each test that fails)."""
    checks: list[tuple[bool, str]] = []
    if "const" in schema:
        checks.append((_same(instance, schema["const"]), show(schema["const"])))
    if isinstance(schema.get("enum"), list):
        checks.append((any(_same(instance, option) for option in schema["enum"]),
                       "one of " + names(schema["enum"])))
    written = schema.get("type")
    if isinstance(written, (str, list)):
        types = [written] if isinstance(written, str) else written
        checks.append((any(_is_type(instance, name) for name in types),
                       " or ".join(TYPE_NAMES.get(name, str(name)) for name in types)))
    if not holds:
        return [f"the value is {show(instance)}, not {wanted}" for held, wanted in checks
                if not held]
    if "const" in schema or "enum" in schema:
        return [f"the value is {show(instance)}"]
    return [f"the value is {wanted}" for _, wanted in checks]


def _member_tests(schema: dict[str, Any], instance: Any, *, holds: bool) -> list[str]:
    """`required` and simple `properties` of a mapping: what its members are, or which of
    them fail. Both hold on a value that is not a mapping, whatever they say."""
    if not isinstance(instance, dict):
        return []
    required = [name for name in schema.get("required", []) if isinstance(name, str)]
    properties = schema.get("properties", {})
    parts: list[str] = []
    for name in dict.fromkeys([*required, *properties]):
        rule = properties.get(name, {})
        if name not in instance:
            if name in required or (holds and set(rule) & {"const", "enum", "type"}):
                parts.append(f"'{name}' is not set")  # a rule on an absent key holds
            continue
        tests = [test.removeprefix("the value is ")
                 for test in _value_tests(rule, instance[name], holds=holds)]
        if holds and not tests and name in required:
            parts.append(f"'{name}' is set")
        parts += [f"{name} is {test}" for test in tests]
    return parts


def _same(left: Any, right: Any) -> bool:
    """JSON equality: 1 equals 1.0, but true is not 1."""
    def number(value: Any) -> bool:
        return isinstance(value, (int, float)) and not isinstance(value, bool)
    if number(left) and number(right):
        return bool(left == right)
    if isinstance(left, list) and isinstance(right, list):
        return len(left) == len(right) and all(map(_same, left, right))
    if isinstance(left, dict) and isinstance(right, dict):
        return left.keys() == right.keys() and all(_same(left[key], right[key])
                                                   for key in left)
    return type(left) is type(right) and bool(left == right)


def _is_type(value: Any, name: Any) -> bool:
    if name in ("number", "integer"):
        number = isinstance(value, (int, float)) and not isinstance(value, bool)
        # an int is whole, however large (`float()` of one past 1.8e308 overflows)
        return number and (name == "number" or isinstance(value, int) or value.is_integer())
    expected = _JSON_TYPES.get(name) if isinstance(name, str) else None
    return expected is not None and isinstance(value, expected) and \
        not (expected is not bool and isinstance(value, bool))
