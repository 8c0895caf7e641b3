"""Validators that say which key or item a `false` subschema forbids: jsonschema's
`descend` reports a `false` subschema (`properties: {x: false}`, the idiom for "not
allowed here") at the parent, its key or index dropped; these keywords report it at the
key or item, so a finding names it and stands at its line."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from functools import cache
from typing import Any

import jsonschema.validators
from jsonschema.exceptions import ValidationError
from jsonschema.protocols import Validator

from specrepo.load.ecma_regex import ecma_matches

_Keyword = Callable[[Validator, Any, Any, Any], Iterator[ValidationError] | None]


@cache
def naming_false(dialect: type[Validator]) -> type[Validator]:
    """`dialect` with `properties`, `patternProperties`, `prefixItems` and `items` (the
    dialects that have boolean subschemas: draft 6 on) reporting a `false` subschema at
    the key or item it forbids, as jsonschema's own message would otherwise say (the
    keyword `None`, the value the instance)."""
    if "const" not in dialect.VALIDATORS:
        return dialect  # draft 3 and 4: no boolean subschemas
    # 2020-12's `items` is the rest of the list, and says itself what `false` forbids.
    names = ("properties", "patternProperties", "prefixItems") \
        if "prefixItems" in dialect.VALIDATORS else ("properties", "patternProperties", "items")
    keywords = {name: _forbidding(dialect.VALIDATORS[name], name) for name in names}
    extended: type[Validator] = jsonschema.validators.extend(  # type: ignore[no-untyped-call]
        dialect, keywords)
    return extended


def _forbidding(original: _Keyword, keyword: str) -> _Keyword:
    def checked(validator: Validator, value: Any, instance: Any,
                schema: Any) -> Iterator[ValidationError]:
        yield from original(validator, _open(value), instance, schema) or ()
        for instance_key, schema_key, forbidden in _forbidden(validator, keyword, value,
                                                               instance):
            yield ValidationError(
                f"False schema does not allow {forbidden!r}", validator=None,  # type: ignore[arg-type]
                validator_value=None, instance=forbidden, schema=False,
                path=[instance_key], schema_path=[] if schema_key is None else [schema_key])
    return checked


def _open(value: Any) -> Any:
    """The keyword's value with each `false` subschema made `true` (reported apart)."""
    if value is False:
        return True
    if isinstance(value, dict):
        return {key: True if part is False else part for key, part in value.items()}
    if isinstance(value, list):
        return [True if part is False else part for part in value]
    return value


def _forbidden(validator: Validator, keyword: str, value: Any, instance: Any
               ) -> Iterator[tuple[str | int, str | int | None, Any]]:
    """(the key or index in `instance`, where in `value` the `false` is, the value) of
    each key or item a `false` subschema of the keyword forbids."""
    if keyword in ("properties", "patternProperties"):
        if not validator.is_type(instance, "object") or not isinstance(value, dict):
            return
        for name, part in value.items():
            if part is not False:
                continue
            if keyword == "properties":
                if name in instance:
                    yield name, name, instance[name]
            else:
                yield from ((key, name, item) for key, item in instance.items()
                            if ecma_matches(name, key))
    elif validator.is_type(instance, "array"):
        if isinstance(value, list):  # prefixItems, or draft 6 to 2019-09 `items` as a list
            yield from ((index, index, item) for index, (item, part)
                        in enumerate(zip(instance, value, strict=False)) if part is False)
        elif value is False:  # draft 6 to 2019-09 `items: false`: no item at all
            yield from ((index, None, item) for index, item in enumerate(instance))
