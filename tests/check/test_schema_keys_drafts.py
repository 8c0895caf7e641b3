"""The per-key verdicts (`schema_keys.key_answer`: `fields:`, `approval: protected:`,
`unused-field`) where schema files of different drafts meet: keywords beside a `$ref` count
by the draft of the schema that reaches it, as jsonschema counts them (`draft_in_force`)."""

from __future__ import annotations

from typing import Any

import jsonschema
import pytest
import referencing
import referencing.jsonschema

from specrepo.check.key_answer import Verdict
from specrepo.check.schema_keys import key_answer
from specrepo.load.schema_scope import root_scope
from specrepo.load.schema_source import SchemaSource

DRAFTS = {"4": jsonschema.Draft4Validator, "6": jsonschema.Draft6Validator,
          "7": jsonschema.Draft7Validator, "2019-09": jsonschema.Draft201909Validator,
          "2020-12": jsonschema.Draft202012Validator}
ROOT, COMMON = "file:///repo/schema.json", "file:///repo/common.json"


def _schemas(outer: str, inner: str) -> tuple[dict[str, Any], dict[str, Any]]:
    """A root of the draft `outer` whose property `s` is common.json, of the draft `inner`:
    an object closed beside its `$ref` (`additionalProperties: false`)."""
    root = {"$schema": DRAFTS[outer].META_SCHEMA["$schema"],
            "properties": {"s": {"$ref": "common.json"}}}
    common = {"$schema": DRAFTS[inner].META_SCHEMA["$schema"],
              "definitions": {"t": {"type": "object"}}, "$ref": "#/definitions/t",
              "properties": {"a": {"type": "string"}}, "additionalProperties": False}
    return root, common


def _jsonschema_forbids(root: dict[str, Any], common: dict[str, Any]) -> bool:
    registry: referencing.Registry[Any] = referencing.Registry().with_resource(
        COMMON, referencing.Resource.from_contents(common))
    rooted = {**root, "id" if "draft-04" in root["$schema"] else "$id": ROOT}
    validator = jsonschema.validators.validator_for(root)(rooted, registry=registry)
    return not validator.is_valid({"s": {"b": "x"}})


@pytest.mark.parametrize("inner", list(DRAFTS))
@pytest.mark.parametrize("outer", list(DRAFTS))
def test_a_key_beside_ref_is_forbidden_exactly_where_jsonschema_forbids_it(
        outer: str, inner: str) -> None:
    root, common = _schemas(outer, inner)
    source = SchemaSource(root, ROOT, {COMMON: common}, checked=True)
    answer = key_answer(root_scope(source, inline=False), ("s", "b"))
    assert (answer.verdict is Verdict.FORBIDDEN) == _jsonschema_forbids(root, common)
