"""The validator class specrepo checks a schema's draft with, kept where a subschema or a
file a `$ref` reaches names a draft of its own.

Each of specrepo's changes to jsonschema's keywords (`ecma_patterns`, `exact_multiples`,
`naming_false`, `dialect_formats`) extends a draft's class; but jsonschema enters a
subschema holding a `$schema` with the class registered for that draft
(`validator_for`, in `evolve`), jsonschema's own: a draft-07 part of a 2020-12 schema
matched its `pattern` with Python's `re` (and a `\\p{L}` raised `re.error`) and asserted
2020-12's formats. The classes here switch to specrepo's class of the new draft instead.
"""

from __future__ import annotations

from functools import cache
from typing import Any, Final, cast

import attrs
from jsonschema.protocols import Validator

from specrepo.load.dialect_formats import dialect_formats
from specrepo.load.ecma_keywords import ecma_patterns
from specrepo.load.false_subschemas import naming_false
from specrepo.load.number_keywords import exact_multiples

_DRAFT_OF: Final[dict[type[Validator], type[Validator]]] = {}
"""jsonschema's class of the draft each of specrepo's classes checks (those made here)."""


@cache
def specrepo_validator(dialect: type[Validator]) -> type[Validator]:
    """specrepo's validator class for the draft jsonschema's class `dialect` implements
    (`dialect` itself when it is one of specrepo's): patterns as ECMA-262, exact
    multiples, `false` subschemas named at their key, the draft's own formats; a
    subschema naming another draft is checked with specrepo's class of that draft."""
    if dialect in _DRAFT_OF:
        return dialect
    extended = naming_false(ecma_patterns(exact_multiples(dialect_formats(dialect))))
    original = extended.evolve

    def evolve(self: Validator, **changes: Any) -> Validator:
        evolved = original(self, **changes)
        kind = type(evolved)
        if kind in _DRAFT_OF:
            return evolved
        fields = attrs.fields(cast(Any, kind))  # jsonschema's classes are attrs classes
        return specrepo_validator(kind)(**{
            field.alias: getattr(evolved, field.name) for field in fields if field.init})

    extended.evolve = evolve  # type: ignore[method-assign]
    _DRAFT_OF[extended] = dialect
    return extended
