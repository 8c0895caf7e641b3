"""Compiled predicates give exactly jsonschema's verdicts."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from hypothesis import given
from hypothesis import strategies as st

from specrepo.check.compiled_schema import compile_source
from specrepo.check.schema_predicates import compile_schema
from specrepo.history.field_checks import field_checks
from specrepo.load.format_checker import FORMAT_CHECKER
from specrepo.load.schema_source import CONFIG_SCHEMA, SPEC_SCHEMA, bundled_source
from specrepo.load.yaml_loader import YamlError, load_yaml
from specrepo.model.fields import DEFAULT_FIELDS
from tests.support import fuzz

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


DRAFT4 = "http://json-schema.org/draft-04/schema#"
DRAFT7 = "http://json-schema.org/draft-07/schema#"


def jsonschema_says(schema: dict[str, Any], value: Any) -> bool:
    validator = jsonschema.Draft202012Validator(schema, format_checker=FORMAT_CHECKER)
    return bool(validator.is_valid(value))


CHECKS = field_checks(bundled_source(SPEC_SCHEMA), DEFAULT_FIELDS)
MINED = sorted(CHECKS)


def test_every_mined_field_has_its_part_of_the_schema() -> None:
    assert sorted(DEFAULT_FIELDS.mined()) == MINED


@pytest.mark.parametrize("name", MINED)
def test_every_mined_field_compiles(name: str) -> None:
    assert CHECKS[name].predicate is not None


@fuzz(400)
@given(st.sampled_from(MINED), VALUES)
def test_mined_field_predicates_agree_with_jsonschema(name: str, value: Any) -> None:
    (part,) = CHECKS[name].parts
    predicate = CHECKS[name].predicate
    assert predicate is not None
    assert predicate(value) == (next(iter(part.validator().iter_errors(value)), None) is None)


@pytest.mark.parametrize(
    ("schema", "value", "verdict"),
    [
        ({"type": "integer"}, 1.0, True), ({"type": "integer"}, True, False),
        ({"const": 1}, True, False), ({"enum": [1]}, 1.0, True),
        ({"type": "object", "additionalProperties": False}, {"a": 1}, False),
        ({"if": {"properties": {"a": {"const": 1}}}, "then": {"required": ["b"]}}, {"a": 1},
         False),
        ({"format": "date"}, 12, True), ({"pattern": "^a"}, 3, True),
        ({"type": "integer"}, 10**400, True), ({"maximum": 1.5}, 10**400, False),
        ({"multipleOf": 3}, 10**400, False),
    ],
)
def test_edge_cases(schema: dict[str, Any], value: Any, verdict: bool) -> None:
    predicate = compile_schema(schema)
    assert predicate is not None
    assert predicate(value) is verdict is jsonschema_says(schema, value)


def test_a_multiple_of_a_float_holds_an_integer_past_a_float() -> None:
    """jsonschema's own `multipleOf` overflows at the division there (left to it)."""
    predicate = compile_schema({"multipleOf": 0.75})
    assert predicate is not None
    assert predicate(3 * 10**400) is True  # 4 * 10**400 times 3/4
    assert predicate(10**400) is False  # 10**400 / (3/4) is no whole number


@pytest.mark.parametrize("schema", [
    {"$ref": "#/x"}, {"unevaluatedProperties": False}, {"unevaluatedItems": False},
    {"$dynamicRef": "#x"}, {"properties": {"a": {"$schema": DRAFT4, "type": "integer"}}},
    {"$schema": DRAFT4, "type": "integer"}, {"$schema": DRAFT7},
])
def test_other_schemas_and_drafts_are_left_to_jsonschema(schema: Any) -> None:
    assert compile_schema(schema) is None


EXAMPLES = Path(__file__).parent.parent / "examples"
SPEC = compile_source(bundled_source(SPEC_SCHEMA))
EVERY_SECTION: Any = load_yaml(
    (EXAMPLES / "valid" / "SPEC-0100-every-section.yaml").read_bytes()).data


def test_the_bundled_schemas_compile() -> None:
    assert SPEC.accepts is not None
    config = compile_source(bundled_source(CONFIG_SCHEMA))
    assert config.accepts is not None
    assert config.is_valid({"specs": "specs"})


def test_compiled_spec_schema_agrees_on_every_example() -> None:
    assert SPEC.accepts is not None
    checked = 0
    for path in sorted(EXAMPLES.glob("*/*.yaml")):
        try:
            data = load_yaml(path.read_bytes()).data
        except YamlError:
            continue
        assert SPEC.accepts(data) == SPEC.validator.is_valid(data), path.name
        checked += 1
    assert checked > 30


def _paths(node: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    found = [path]
    if isinstance(node, dict):
        for key, value in node.items():
            found.extend(_paths(value, (*path, key)))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            found.extend(_paths(value, (*path, index)))
    return found


PATHS = _paths(EVERY_SECTION)[1:]


@fuzz(500)
@given(st.lists(st.tuples(st.sampled_from(PATHS), st.sampled_from(["set", "delete", "add"]),
                          VALUES, WORDS), min_size=1, max_size=3))
def test_compiled_spec_schema_agrees_on_mutated_specs(
    edits: list[tuple[tuple[Any, ...], str, Any, str]],
) -> None:
    document: Any = copy.deepcopy(EVERY_SECTION)
    for path, action, value, key in edits:
        parent: Any = document
        try:
            for step in path[:-1]:
                parent = parent[step]
            if action == "set":
                parent[path[-1]] = value
            elif action == "delete":
                del parent[path[-1]]
            elif isinstance(parent, dict):
                parent[key] = value
        except (KeyError, IndexError, TypeError):
            continue
    assert SPEC.accepts is not None
    assert SPEC.accepts(document) == SPEC.validator.is_valid(document)
