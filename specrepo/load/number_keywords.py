"""Validators whose `multipleOf` (draft 3: `divisibleBy`) gives a verdict on numbers of
any size (`multiples.is_multiple`): jsonschema's divides an integer past a float's range
by a float, or a float by such an integer, and raises `OverflowError` instead of one."""

from __future__ import annotations

from collections.abc import Iterator
from functools import cache
from typing import Any

import jsonschema.validators
from jsonschema.exceptions import ValidationError
from jsonschema.protocols import Validator

from specrepo.load.multiples import is_multiple


@cache
def exact_multiples(dialect: type[Validator]) -> type[Validator]:
    """`dialect` with its `multipleOf` or `divisibleBy` judging as `is_multiple` does."""
    keywords = {name: _multiple_of for name in ("multipleOf", "divisibleBy")
                if name in dialect.VALIDATORS}
    extended: type[Validator] = jsonschema.validators.extend(  # type: ignore[no-untyped-call]
        dialect, keywords)
    return extended


def _multiple_of(validator: Validator, divisor: Any, instance: Any,
                 _: Any) -> Iterator[ValidationError]:
    if validator.is_type(instance, "number") and not is_multiple(instance, divisor):
        yield ValidationError(f"{instance!r} is not a multiple of {divisor}")
