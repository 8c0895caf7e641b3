"""Validators whose `format` asserts the formats specrepo asserts in their own draft
(`format_checker.draft_checker`): `time` is draft-03's `hh:mm:ss` in a draft-03 schema and
RFC 3339's in a later one, `date` an annotation in draft-04. jsonschema's own `format`
keyword asks the one checker a validator is given, whatever the draft of the subschema."""

from __future__ import annotations

from collections.abc import Iterator
from functools import cache
from typing import Any

import jsonschema.validators
from jsonschema.exceptions import FormatError, ValidationError
from jsonschema.protocols import Validator

from specrepo.load.format_checker import draft_checker
from specrepo.load.schema_vocabulary import draft_name


class FormatFailure(ValidationError):
    """A value that is none of the format its schema names, in the draft `draft` (as
    `schema_vocabulary.draft_name` names it): what the format means depends on it."""

    draft: str


@cache
def dialect_formats(dialect: type[Validator]) -> type[Validator]:
    """`dialect` (one of jsonschema's validator classes) with its `format` asserting the
    formats specrepo asserts in that draft, and reporting a value that is none as a
    `FormatFailure`; a validator made with `format_checker=None` asserts none, as
    jsonschema's."""
    checker, draft = draft_checker(dialect), draft_name(dialect)

    def format_keyword(validator: Validator, format_name: Any, instance: Any,
                       _: Any) -> Iterator[ValidationError]:
        if getattr(validator, "format_checker", None) is None:
            return
        try:
            checker.check(instance, format_name)
        except FormatError as error:
            failure = FormatFailure(error.message, cause=error.cause)
            failure.draft = draft
            yield failure

    extended: type[Validator] = jsonschema.validators.extend(  # type: ignore[no-untyped-call]
        dialect, {"format": format_keyword})
    return extended
