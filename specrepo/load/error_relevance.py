"""jsonschema's choice of the error that says most (`best_match`), safe for draft-03.

jsonschema's `relevance` key asks whether the value is of a type the failing subschema
names (`ValidationError._matches_type`), which fails with `TypeError` where draft-03's
`type` lists a schema among the type names (draft-03 §5.1: a union type), as its own
metaschema does: refusing `"items": true` in a draft-03 schema stopped the run."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from jsonschema.exceptions import STRONG_MATCHES, WEAK_MATCHES, ValidationError, best_match


def relevance(error: ValidationError) -> tuple[Any, ...]:
    """jsonschema's `relevance` key of `error` (deeper first, then earlier, then not a
    weak keyword, then a strong one, then one whose type matches the value), a type that
    is a schema read as no match."""
    try:
        matches = error._matches_type()  # type: ignore[attr-defined]
    except TypeError:  # draft-03's union type names a schema
        matches = False
    return (-len(error.path), error.path, error.validator not in WEAK_MATCHES,
            error.validator in STRONG_MATCHES, not matches)


def best_of(errors: Iterable[ValidationError]) -> ValidationError | None:
    """The error of `errors` that says most (`jsonschema.exceptions.best_match`, by
    `relevance`); None for no error."""
    found: ValidationError | None = best_match(errors, key=relevance)
    return found


def best_alternative(error: ValidationError) -> ValidationError:
    """The failure of the alternative of an anyOf/oneOf (or of a draft-03 union `type`,
    whose schemas' failures jsonschema keeps as its context too) the user most likely
    meant; `error` itself when it has no context.

    An alternative whose own type matches the value (a mapping for a mapping) beats one that
    fails on its type, whatever else it fails: a reviewer written as a mapping with a typo
    is a typo in the mapping form, not "should have been a string", and 3.5 against
    `{type: integer, minimum: 5}` is no whole number before it is too small.
    """
    children = list(error.context or ())
    mistyped = {child.relative_schema_path[0] for child in children if own_type_failure(child)}
    shaped = [child for child in children if not child.relative_schema_path
              or child.relative_schema_path[0] not in mistyped]
    return best_of(shaped or children) or error


def own_type_failure(child: ValidationError) -> bool:
    """Whether `child`, a failure in the context of an anyOf/oneOf or union `type`, is its
    alternative's own `type` refusing the value (not a part's below it)."""
    return child.validator == "type" and len(child.relative_schema_path) == 2 \
        and not child.relative_path
