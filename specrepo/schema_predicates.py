"""Turn the simplest JSON Schemas into plain Python predicates, for checks run by the thousand.

Only schemas made of common keywords are compiled (type, enum, const, pattern, lengths,
bounds, formats as `schema_loader.FORMAT_CHECKER` checks them, items, properties, required,
additionalProperties, if/then/else, allOf, anyOf); anything else returns None and the
caller uses a jsonschema validator. A compiled predicate gives exactly the validator's
verdict, which the tests check against jsonschema on generated values.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date
from typing import Any, Final

Predicate = Callable[[Any], bool]

_ANNOTATIONS: Final = frozenset(
    {"description", "title", "examples", "default", "$comment", "deprecated"}
)
_TYPES: Final[dict[str, Callable[[Any], bool]]] = {
    "string": lambda value: isinstance(value, str),
    "integer": lambda value: (isinstance(value, int) and not isinstance(value, bool))
    or (isinstance(value, float) and value.is_integer()),
    "number": lambda value: isinstance(value, (int, float)) and not isinstance(value, bool),
    "boolean": lambda value: isinstance(value, bool),
    "null": lambda value: value is None,
    "array": lambda value: isinstance(value, list),
    "object": lambda value: isinstance(value, dict),
}
_ISO_DATE: Final = re.compile(r"^\d{4}-\d{2}-\d{2}$", re.ASCII)


_BOUNDS: Final[dict[str, Callable[[Any, Any], bool]]] = {
    "minimum": lambda instance, bound: instance >= bound,
    "maximum": lambda instance, bound: instance <= bound,
    "exclusiveMinimum": lambda instance, bound: instance > bound,
    "exclusiveMaximum": lambda instance, bound: instance < bound,
}


def _is_number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def is_calendar_date(text: str) -> bool:
    """Whether `text` is a real YYYY-MM-DD date, as the `date` format requires."""
    if not _ISO_DATE.fullmatch(text):
        return False
    try:
        date.fromisoformat(text)
    except ValueError:
        return False
    return True


def _is_date(value: Any) -> bool:
    return not isinstance(value, str) or is_calendar_date(value)  # formats constrain text


def _equal(left: Any, right: Any) -> bool:
    """JSON Schema equality: true is not 1, 1 is 1.0."""
    if isinstance(left, bool) or isinstance(right, bool):
        return isinstance(left, bool) and isinstance(right, bool) and left == right
    return bool(left == right)


def compile_schema(schema: Any) -> Predicate | None:
    """A predicate with the schema's verdict, or None if the schema is not simple enough."""
    if not isinstance(schema, dict):
        return None
    checks: list[Predicate] = []
    for keyword, value in schema.items():
        check = _keyword(keyword, value, schema)
        if check is None:
            return None
        checks.append(check)
    return lambda value: all(check(value) for check in checks)


def _keyword(keyword: str, value: Any, schema: dict[str, Any]) -> Predicate | None:
    if keyword in _ANNOTATIONS:
        return lambda _: True
    if keyword == "type" and isinstance(value, str) and value in _TYPES:
        return _TYPES[value]
    if keyword == "enum" and isinstance(value, list):
        return lambda instance: any(_equal(instance, option) for option in value)
    if keyword == "const":
        return lambda instance: _equal(instance, value)
    if keyword == "pattern" and isinstance(value, str):
        pattern = re.compile(value)
        return lambda instance: not isinstance(instance, str) or bool(pattern.search(instance))
    if keyword == "minLength" and isinstance(value, int):
        return lambda instance: not isinstance(instance, str) or len(instance) >= value
    if keyword == "maxLength" and isinstance(value, int):
        return lambda instance: not isinstance(instance, str) or len(instance) <= value
    if keyword == "format":
        # Only dates are checked (schema_loader.FORMAT_CHECKER); other formats annotate.
        return _is_date if value == "date" else (lambda _: True)
    if keyword in _BOUNDS and isinstance(value, (int, float)) and not isinstance(value, bool):
        holds = _BOUNDS[keyword]
        return lambda instance: not _is_number(instance) or holds(instance, value)
    if keyword == "minItems" and isinstance(value, int):
        return lambda instance: not isinstance(instance, list) or len(instance) >= value
    if keyword == "items":
        item = compile_schema(value)
        if item is None:
            return None
        return lambda instance: not isinstance(instance, list) or all(map(item, instance))
    if keyword in ("then", "else"):
        return lambda _: True  # checked with their `if`
    if keyword == "if":
        return _conditional(value, schema)
    if keyword == "properties" and isinstance(value, dict):
        return _properties(value)
    if keyword == "required" and isinstance(value, list):
        return lambda instance: not isinstance(instance, dict) or all(
            name in instance for name in value)
    if keyword == "minProperties" and isinstance(value, int):
        return lambda instance: not isinstance(instance, dict) or len(instance) >= value
    if keyword == "additionalProperties" and "patternProperties" not in schema:
        return _additional(value, schema.get("properties", {}))
    if keyword == "allOf" and isinstance(value, list):
        parts = [compile_schema(part) for part in value]
        if any(part is None for part in parts):
            return None
        return lambda instance: all(part(instance) for part in parts)  # type: ignore[misc]
    if keyword == "anyOf" and isinstance(value, list):
        branches = [compile_schema(branch) for branch in value]
        if any(branch is None for branch in branches):
            return None
        return lambda instance: any(branch(instance) for branch in branches)  # type: ignore[misc]
    return None


def _properties(properties: dict[str, Any]) -> Predicate | None:
    compiled = {name: compile_schema(sub) for name, sub in properties.items()}
    if any(check is None for check in compiled.values()):
        return None

    def check(instance: Any) -> bool:
        if not isinstance(instance, dict):
            return True
        return all(compiled[name](item)  # type: ignore[misc]
                   for name, item in instance.items() if name in compiled)
    return check


def _additional(value: Any, properties: dict[str, Any]) -> Predicate | None:
    extra = (lambda _: False) if value is False else compile_schema(value)
    if extra is None:
        return None

    def check(instance: Any) -> bool:
        if not isinstance(instance, dict):
            return True
        return all(extra(item) for name, item in instance.items() if name not in properties)
    return check


def _conditional(condition: Any, schema: dict[str, Any]) -> Predicate | None:
    test = compile_schema(condition)
    then = compile_schema(schema.get("then", {}))
    otherwise = compile_schema(schema.get("else", {}))
    if test is None or then is None or otherwise is None:
        return None
    return lambda instance: then(instance) if test(instance) else otherwise(instance)
