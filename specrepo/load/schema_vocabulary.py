"""Refuse a schema keyword that its draft does not define: jsonschema takes it as an
annotation that checks nothing, so the rule it was written for never runs (trial32 2:
draft-07's `dependencies` in a schema read as 2020-12, `const` under draft-04, a misspelt
`propertis`). Annotations (`title`, `description`, `examples`, `$comment`…) stay, and so
does any keyword of one's own spelt `x-…` (OpenAPI's convention for extensions).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Final

import jsonschema
from jsonschema.protocols import Validator

from specrepo.base.errors import ConfigError
from specrepo.base.suggest import did_you_mean
from specrepo.load.schema_files import LATEST, schema_nodes
from specrepo.load.schema_positions import keyword_position

ANNOTATIONS: Final = frozenset({
    "$schema", "$id", "id", "$anchor", "$dynamicAnchor", "$recursiveAnchor", "$vocabulary",
    "$defs", "definitions", "$comment", "title", "description", "default", "examples",
    "deprecated", "readOnly", "writeOnly", "contentMediaType", "contentEncoding",
    "contentSchema"})
"""Keywords that check nothing in any draft, on purpose: identifiers, the places
subschemas are kept, and the annotations of the drafts' meta-data and content vocabularies."""

DRAFTS: Final[tuple[tuple[str, type[Validator]], ...]] = (
    ("2020-12", jsonschema.Draft202012Validator), ("2019-09", jsonschema.Draft201909Validator),
    ("draft-07", jsonschema.Draft7Validator), ("draft-06", jsonschema.Draft6Validator),
    ("draft-04", jsonschema.Draft4Validator), ("draft-03", jsonschema.Draft3Validator))

REPLACED: Final = {
    "dependencies": "dependentRequired (a list of names) or dependentSchemas (a schema)",
    "additionalItems": "items (with prefixItems for the first ones)",
    "$recursiveRef": "$dynamicRef", "example": "examples",
}
"""What a later draft says instead of a keyword it dropped or that is often misspelt."""


def draft_name(dialect: type[Validator]) -> str:
    """The draft a validator class implements, as people name it ("2020-12", "draft-07")."""
    return next((name for name, known in DRAFTS if issubclass(dialect, known)), "2020-12")


def keywords(dialect: type[Validator]) -> frozenset[str]:
    """Every keyword `dialect` reads: those jsonschema validates, those another keyword
    reads (`then` and `else` by `if`, draft 4's boolean `exclusiveMaximum` by `maximum`,
    `minContains` by `contains`), and the annotations."""
    known = set(dialect.VALIDATORS) | ANNOTATIONS
    if "if" in known:
        known |= {"then", "else"}
    if "unevaluatedItems" in known:
        known |= {"minContains", "maxContains"}
    if "exclusiveMaximum" not in known:  # drafts 3 and 4: a boolean beside maximum
        known |= {"exclusiveMaximum", "exclusiveMinimum", "required"}
    return frozenset(known)


def check_keywords(schema: object, name: str, raw: Callable[[], bytes | None],
                   dialect: type[Validator] = LATEST) -> None:
    """Refuse (ConfigError naming the file `name`, the line and the draft in force, with
    what was probably meant) the first key of a subschema that is no keyword of its draft
    and does not start with `x-`. `dialect`: the draft when the file names none."""
    for _, node, in_force in schema_nodes(schema, "", dialect):
        known = keywords(in_force)
        for key in node:
            if key in known or key.startswith("x-"):
                continue
            where = keyword_position(raw(), schema, node, key)
            raise ConfigError(f"{name}{where}: '{key}' is not a keyword of JSON Schema "
                              f"{_in_force(schema, in_force)}, so it would check nothing: "
                              f"{_advice(key, in_force, known)}")


def _in_force(schema: object, dialect: type[Validator]) -> str:
    named = isinstance(schema, dict) and "$schema" in schema
    return draft_name(dialect) + ("" if named else " (the schema names no $schema: "
                                  f"{draft_name(dialect)} is read)")


def _advice(key: str, dialect: type[Validator], known: frozenset[str]) -> str:
    drafts = [name for name, other in DRAFTS if key in keywords(other)]
    if drafts:
        instead = f"write {REPLACED[key]}, or " if key in REPLACED else ""
        return (f"it is a keyword of {', '.join(drafts)}: {instead}name the draft the schema "
                f"is written for in $schema (for example "
                f"'{dict(DRAFTS)[drafts[0]].META_SCHEMA['$schema']}')")
    meant = REPLACED.get(key) or did_you_mean(key, sorted(known))
    own = f"a keyword of your own (an annotation) is spelt 'x-{key}'"
    return f"did you mean {meant}? ({own})" if meant else own
