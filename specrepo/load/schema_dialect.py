"""Whether a schema is read as JSON Schema 2020-12, and that dialect's keywords, without
importing jsonschema for the common case: a schema with no `$schema`, or one naming 2020-12
(the compiled predicates and the reference inliner judge a valid configuration or spec
with these alone, so a command that checks nothing with jsonschema never loads it)."""

from __future__ import annotations

from typing import Any, Final
from urllib.parse import urlsplit

LATEST_ID: Final = "https://json-schema.org/draft/2020-12/schema"
"""The `$id` of the 2020-12 metaschema (jsonschema's `Draft202012Validator.META_SCHEMA`)."""
LATEST_KEYWORDS: Final = frozenset({
    "$dynamicRef", "$ref", "additionalProperties", "allOf", "anyOf", "const", "contains",
    "dependentRequired", "dependentSchemas", "enum", "exclusiveMaximum", "exclusiveMinimum",
    "format", "if", "items", "maxItems", "maxLength", "maxProperties", "maximum", "minItems",
    "minLength", "minProperties", "minimum", "multipleOf", "not", "oneOf", "pattern",
    "patternProperties", "prefixItems", "properties", "propertyNames", "required", "type",
    "unevaluatedItems", "unevaluatedProperties", "uniqueItems"})
"""The keywords jsonschema's 2020-12 validator acts on (`Draft202012Validator.VALIDATORS`;
tests/load/test_schema_dialect.py keeps the two the same): any other keyword is ignored."""


def is_latest(schema: Any) -> bool:
    """Whether jsonschema validates `schema` as 2020-12 (`validator_class(schema) is
    LATEST`): true for a boolean schema or one without `$schema` (jsonschema's default)
    and for a `$schema` naming 2020-12 (compared as jsonschema compares them, by the URI
    `urlsplit` rebuilds); any other `$schema` is asked of jsonschema (an unknown one is
    2020-12 too; one `urlsplit` refuses raises its ValueError there, as it does here)."""
    if not isinstance(schema, dict) or "$schema" not in schema:
        return True
    if _names_latest(schema["$schema"]):
        return True
    from specrepo.load.schema_files import LATEST, validator_class  # noqa: PLC0415 (other dialects)

    return validator_class(schema) is LATEST


def _names_latest(uri: Any) -> bool:
    try:
        return isinstance(uri, str) and urlsplit(uri).geturl() == LATEST_ID
    except ValueError:
        return False  # jsonschema says what is wrong with it
