"""Turn JSON Schema 2020-12 schemas into plain Python predicates, for checks run by the thousand.

Each keyword below is a transcription of jsonschema's own implementation of that keyword
(`jsonschema/_keywords.py`, `_utils.py`, `_types.py`), so a compiled predicate gives exactly
jsonschema's verdict with `format_checker.FORMAT_CHECKER`; the tests check that on the
official JSON Schema Test Suite and on random schemas. A schema of another draft, or one
using a keyword not handled here (references left after inlining, `unevaluated*`, a
nested `$schema`), compiles to None and the caller asks jsonschema.
Keywords jsonschema does not know are ignored, as jsonschema ignores them.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence, Sized
from datetime import date
from typing import Any, Final, cast

from specrepo.load.asserted_formats import ASSERTED_FORMATS
from specrepo.load.ecma_regex import EcmaRegexError, ecma_regex
from specrepo.load.multiples import is_multiple
from specrepo.load.schema_dialect import LATEST_KEYWORDS, is_latest

Predicate = Callable[[Any], bool]
_Builder = Callable[[Any, dict[str, Any]], "Predicate | None"]

_ISO_DATE: Final = re.compile(r"^\d{4}-\d{2}-\d{2}$", re.ASCII)


def is_calendar_date(text: str) -> bool:
    """Whether `text` is a real YYYY-MM-DD date, as the `date` format requires (RFC 3339
    full-date, checked the way jsonschema's format checker does)."""
    if not _ISO_DATE.fullmatch(text):
        return False
    try:
        date.fromisoformat(text)
    except ValueError:
        return False
    return True


def _is_number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


_TYPES: Final[dict[str, Predicate]] = {
    "string": lambda value: isinstance(value, str),
    "integer": lambda value: (isinstance(value, int) and not isinstance(value, bool))
    or (isinstance(value, float) and value.is_integer()),
    "number": _is_number,
    "boolean": lambda value: isinstance(value, bool),
    "null": lambda value: value is None,
    "array": lambda value: isinstance(value, list),
    "object": lambda value: isinstance(value, dict),
}


def json_equal(one: Any, two: Any) -> bool:
    """JSON Schema equality, as jsonschema's `equal`: booleans are never numbers, at any
    depth; 1 equals 1.0; arrays and objects compare member by member."""
    if one is two:
        return True
    if isinstance(one, str) or isinstance(two, str):
        return bool(one == two)
    if isinstance(one, Sequence) and isinstance(two, Sequence):
        return len(one) == len(two) and all(map(json_equal, one, two))
    if isinstance(one, Mapping) and isinstance(two, Mapping):
        return len(one) == len(two) and all(
            key in two and json_equal(value, two[key]) for key, value in one.items())
    if isinstance(one, bool) or isinstance(two, bool):
        return isinstance(one, bool) and isinstance(two, bool) and one == two
    return bool(one == two)


def compile_schema(schema: Any, part_of: Any = None) -> Predicate | None:
    """A predicate with the schema's verdict, or None if it is not a 2020-12 schema made of
    the keywords handled here. `part_of` is the whole schema when `schema` is a part of it
    (its `$schema` decides the dialect)."""
    if not is_latest(schema if part_of is None else part_of):
        return None
    return _compile(schema, root=part_of is None)


def _always(_: Any) -> bool:
    return True


def _never(_: Any) -> bool:
    return False


def _compile(schema: Any, root: bool = False) -> Predicate | None:
    if schema is True:
        return _always
    if schema is False:
        return _never
    if not isinstance(schema, dict) or (not root and "$schema" in schema):
        return None  # a nested $schema switches dialect in jsonschema
    checks: list[Predicate] = []
    for keyword, value in schema.items():
        if keyword not in LATEST_KEYWORDS:
            continue  # jsonschema ignores it too
        builder = _BUILDERS.get(keyword)
        check = builder(value, schema) if builder is not None else None
        if check is None:
            return None
        if check is not _always:
            checks.append(check)
    if not checks:
        return _always
    if len(checks) == 1:
        return checks[0]
    return lambda instance: all(check(instance) for check in checks)


def _compile_all(schemas: Any) -> list[Predicate] | None:
    if not isinstance(schemas, list):
        return None
    compiled = [_compile(schema) for schema in schemas]
    return None if any(check is None for check in compiled) else compiled  # type: ignore[return-value]


def _type(value: Any, _: dict[str, Any]) -> Predicate | None:
    names = [value] if isinstance(value, str) else value
    if not isinstance(names, list) or not all(name in _TYPES for name in names):
        return None
    checks = [_TYPES[name] for name in names]
    return checks[0] if len(checks) == 1 else (
        lambda instance: any(check(instance) for check in checks))


def _enum(value: Any, _: dict[str, Any]) -> Predicate | None:
    if not isinstance(value, list):
        return None
    return lambda instance: any(json_equal(option, instance) for option in value)


def _const(value: Any, _: dict[str, Any]) -> Predicate:
    return lambda instance: json_equal(instance, value)


def _pattern(value: Any, _: dict[str, Any]) -> Predicate | None:
    if not isinstance(value, str):
        return None
    try:
        pattern = ecma_regex(value)
    except EcmaRegexError:
        return None
    return lambda instance: not isinstance(instance, str) or pattern.find(instance) is not None


def _is_date(value: Any) -> bool:
    return not isinstance(value, str) or is_calendar_date(value)


def _format(value: Any, _: dict[str, Any]) -> Predicate | None:
    # The formats specrepo asserts in 2020-12, the one draft compiled here
    # (`asserted_formats.ASSERTED_FORMATS`, `format_checker.FORMAT_CHECKER`); others annotate.
    # `date` (the bundled schema's) is transcribed, so a valid spec loads no jsonschema;
    # the others are the checker's own, loaded the first time a text is checked.
    if value == "date":
        return _is_date
    if value not in ASSERTED_FORMATS:
        return _always
    return lambda instance: not isinstance(instance, str) or _conforms(instance, value)


def _conforms(instance: str, name: str) -> bool:
    from specrepo.load.format_checker import FORMAT_CHECKER  # noqa: PLC0415 (see `_format`)

    return FORMAT_CHECKER.conforms(instance, name)


def _bound(holds: Callable[[Any, Any], bool]) -> _Builder:
    def build(value: Any, _: dict[str, Any]) -> Predicate | None:
        if not _is_number(value):
            return None
        return lambda instance: not _is_number(instance) or holds(instance, value)
    return build


def _size(kind: type, holds: Callable[[int, Any], bool]) -> _Builder:
    def build(value: Any, _: dict[str, Any]) -> Predicate | None:
        if not _is_number(value):
            return None
        return lambda instance: not isinstance(instance, kind) or holds(
            len(cast(Sized, instance)), value)
    return build


def _multiple_of(value: Any, _: dict[str, Any]) -> Predicate | None:
    if not _is_number(value) or value == 0:
        return None

    def check(instance: Any) -> bool:
        return not _is_number(instance) or is_multiple(instance, value)
    return check


_TRUE: Final = object()
_FALSE: Final = object()


def _unbool(value: Any) -> Any:
    return _TRUE if value is True else _FALSE if value is False else value


def _all_unique(items: list[Any]) -> bool:
    """jsonschema's `uniq`, quirks included: when the items sort, only neighbours are
    compared."""
    try:
        ordered = sorted(map(_unbool, items))
        return not any(map(json_equal, ordered, ordered[1:]))
    except (NotImplementedError, TypeError):
        seen: list[Any] = []
        for item in map(_unbool, items):
            if any(json_equal(other, item) for other in seen):
                return False
            seen.append(item)
    return True


def _unique_items(value: Any, _: dict[str, Any]) -> Predicate | None:
    if not value:
        return _always
    return lambda instance: not isinstance(instance, list) or _all_unique(instance)


def _items(value: Any, schema: dict[str, Any]) -> Predicate | None:
    prefix = schema.get("prefixItems", [])
    item = _compile(value)
    if item is None or not isinstance(prefix, list):
        return None
    start = len(prefix)
    return lambda instance: not isinstance(instance, list) or all(
        item(instance[index]) for index in range(start, len(instance)))


def _prefix_items(value: Any, _: dict[str, Any]) -> Predicate | None:
    checks = _compile_all(value)
    if checks is None:
        return None
    return lambda instance: not isinstance(instance, list) or all(
        check(item) for check, item in zip(checks, instance, strict=False))


def _contains(value: Any, schema: dict[str, Any]) -> Predicate | None:
    matches_one = _compile(value)
    minimum, maximum = schema.get("minContains", 1), schema.get("maxContains")
    if matches_one is None or not _is_number(minimum) or (
            maximum is not None and not _is_number(maximum)):
        return None

    def check(instance: Any) -> bool:
        if not isinstance(instance, list):
            return True
        most = len(instance) if maximum is None else maximum
        matches = 0
        for item in instance:
            if matches_one(item):
                matches += 1
                if matches > most:
                    return False
        return not matches < minimum
    return check


def _compile_by_name(schemas: Any) -> dict[str, Predicate] | None:
    if not isinstance(schemas, dict):
        return None
    compiled = {name: _compile(schema) for name, schema in schemas.items()}
    if any(check is None for check in compiled.values()):
        return None
    return compiled  # type: ignore[return-value]


def _properties(value: Any, _: dict[str, Any]) -> Predicate | None:
    checks = _compile_by_name(value)
    if checks is None:
        return None
    return lambda instance: not isinstance(instance, dict) or all(
        check(instance[name]) for name, check in checks.items() if name in instance)


def _pattern_properties(value: Any, _: dict[str, Any]) -> Predicate | None:
    if not isinstance(value, dict):
        return None
    try:
        patterns = [(ecma_regex(pattern), _compile(schema)) for pattern, schema in value.items()]
    except EcmaRegexError:
        return None
    if any(check is None for _, check in patterns):
        return None
    return lambda instance: not isinstance(instance, dict) or all(
        check(item) for pattern, check in patterns  # type: ignore[misc]
        for key, item in instance.items() if pattern.find(key) is not None)


def _additional_properties(value: Any, schema: dict[str, Any]) -> Predicate | None:
    known = schema.get("properties", {})
    joined = "|".join(schema.get("patternProperties", {}))  # as jsonschema joins them
    try:
        pattern = ecma_regex(joined) if joined else None
    except EcmaRegexError:
        return None
    extra = _compile(value) if isinstance(value, dict) else (_always if value else _never)
    if extra is None or not isinstance(known, dict):
        return None

    def check(instance: Any) -> bool:
        if not isinstance(instance, dict):
            return True
        return all(extra(item) for key, item in instance.items() if key not in known
                   and not (pattern is not None and pattern.find(key) is not None))
    return check


def _required(value: Any, _: dict[str, Any]) -> Predicate | None:
    if not isinstance(value, list):
        return None
    return lambda instance: not isinstance(instance, dict) or all(
        name in instance for name in value)


def _property_names(value: Any, _: dict[str, Any]) -> Predicate | None:
    name = _compile(value)
    if name is None:
        return None
    return lambda instance: not isinstance(instance, dict) or all(map(name, instance))


def _dependent_required(value: Any, _: dict[str, Any]) -> Predicate | None:
    if not isinstance(value, dict):
        return None
    return lambda instance: not isinstance(instance, dict) or all(
        each in instance for name, needed in value.items() if name in instance
        for each in needed)


def _dependent_schemas(value: Any, _: dict[str, Any]) -> Predicate | None:
    checks = _compile_by_name(value)
    if checks is None:
        return None
    return lambda instance: not isinstance(instance, dict) or all(
        check(instance) for name, check in checks.items() if name in instance)


def _all_of(value: Any, _: dict[str, Any]) -> Predicate | None:
    checks = _compile_all(value)
    return None if checks is None else (lambda instance: all(c(instance) for c in checks))


def _any_of(value: Any, _: dict[str, Any]) -> Predicate | None:
    checks = _compile_all(value)
    return None if checks is None else (lambda instance: any(c(instance) for c in checks))


def _one_of(value: Any, _: dict[str, Any]) -> Predicate | None:
    checks = _compile_all(value)
    return None if checks is None else (
        lambda instance: sum(1 for c in checks if c(instance)) == 1)


def _not(value: Any, _: dict[str, Any]) -> Predicate | None:
    check = _compile(value)
    return None if check is None else (lambda instance: not check(instance))


def _if(value: Any, schema: dict[str, Any]) -> Predicate | None:
    test = _compile(value)
    then = _compile(schema.get("then", True))
    otherwise = _compile(schema.get("else", True))
    if test is None or then is None or otherwise is None:
        return None
    return lambda instance: then(instance) if test(instance) else otherwise(instance)


_BUILDERS: Final[dict[str, _Builder]] = {
    "type": _type, "enum": _enum, "const": _const, "pattern": _pattern, "format": _format,
    "minimum": _bound(lambda instance, bound: not instance < bound),
    "maximum": _bound(lambda instance, bound: not instance > bound),
    "exclusiveMinimum": _bound(lambda instance, bound: not instance <= bound),
    "exclusiveMaximum": _bound(lambda instance, bound: not instance >= bound),
    "multipleOf": _multiple_of,
    "minLength": _size(str, lambda size, bound: not size < bound),
    "maxLength": _size(str, lambda size, bound: not size > bound),
    "minItems": _size(list, lambda size, bound: not size < bound),
    "maxItems": _size(list, lambda size, bound: not size > bound),
    "minProperties": _size(dict, lambda size, bound: not size < bound),
    "maxProperties": _size(dict, lambda size, bound: not size > bound),
    "uniqueItems": _unique_items, "items": _items, "prefixItems": _prefix_items,
    "contains": _contains, "properties": _properties,
    "patternProperties": _pattern_properties, "additionalProperties": _additional_properties,
    "required": _required, "propertyNames": _property_names,
    "dependentRequired": _dependent_required, "dependentSchemas": _dependent_schemas,
    "allOf": _all_of, "anyOf": _any_of, "oneOf": _one_of, "not": _not, "if": _if,
}
