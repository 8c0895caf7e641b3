"""Compiled predicates give exactly jsonschema's verdicts."""

from __future__ import annotations

from typing import Any

import jsonschema
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from specrepo.history.versions import MINED_FIELDS, _field_schemas
from specrepo.schema_loader import FORMAT_CHECKER
from specrepo.schema_predicates import compile_schema

WORDS = st.sampled_from(["", "x", "SPEC-0001", "spec-1", "Q-1", "Q-x", "2026-01-02",
                         "2026-02-30", "20260102", "Draft", "In Review", "open", "resolved",
                         "Grace Hopper", "name", "approved", "id", "question", "state",
                         "owner", "resolution", "task"])
SCALARS = st.none() | st.booleans() | st.integers(-2, 2) | st.floats(-2, 2) | WORDS
VALUES = st.recursive(
    SCALARS,
    lambda children: st.lists(children, max_size=3)
    | st.dictionaries(WORDS, children, max_size=4),
    max_leaves=12,
)


def jsonschema_says(schema: dict[str, Any], value: Any) -> bool:
    validator = jsonschema.Draft202012Validator(schema, format_checker=FORMAT_CHECKER)
    return bool(validator.is_valid(value))


@pytest.mark.parametrize("name", MINED_FIELDS)
def test_every_mined_field_compiles(name: str) -> None:
    assert compile_schema(_field_schemas()[name]) is not None


@settings(max_examples=400)
@given(st.sampled_from(MINED_FIELDS), VALUES)
def test_mined_field_predicates_agree_with_jsonschema(name: str, value: Any) -> None:
    schema = _field_schemas()[name]
    predicate = compile_schema(schema)
    assert predicate is not None
    assert predicate(value) == jsonschema_says(schema, value)


@pytest.mark.parametrize(
    ("schema", "value", "verdict"),
    [
        ({"type": "integer"}, 1.0, True), ({"type": "integer"}, True, False),
        ({"const": 1}, True, False), ({"enum": [1]}, 1.0, True),
        ({"type": "object", "additionalProperties": False}, {"a": 1}, False),
        ({"if": {"properties": {"a": {"const": 1}}}, "then": {"required": ["b"]}}, {"a": 1},
         False),
        ({"format": "date"}, 12, True), ({"pattern": "^a"}, 3, True),
    ],
)
def test_edge_cases(schema: dict[str, Any], value: Any, verdict: bool) -> None:
    predicate = compile_schema(schema)
    assert predicate is not None
    assert predicate(value) is verdict is jsonschema_says(schema, value)


@pytest.mark.parametrize("schema", [
    {"oneOf": [{"type": "string"}]}, {"$ref": "#/x"}, {"patternProperties": {"a": {}}},
    {"type": ["string", "null"]}, {"not": {}}, True,
])
def test_other_schemas_are_left_to_jsonschema(schema: Any) -> None:
    assert compile_schema(schema) is None
