"""Random schemas over every keyword the fast path knows, random instances: specrepo's verdict
is jsonschema's, through the compiled predicates, the inlined validator and the findings."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import jsonschema
from hypothesis import assume, given
from hypothesis import strategies as st

from specrepo.check.compiled_schema import compile_source
from specrepo.check.schema_check import check_schema
from specrepo.check.schema_predicates import compile_schema
from specrepo.load.document import Document, Position
from specrepo.load.format_checker import FORMAT_CHECKER
from specrepo.load.schema_cycles import reference_cycles
from specrepo.load.schema_files import offline_registry
from specrepo.load.schema_source import SchemaSource
from tests.support import fuzz

NAMES = st.sampled_from(["a", "b", "ab", "1", "title", "$ref", "x-y"])
SCALARS = (st.none() | st.booleans() | st.integers(-3, 3) | st.sampled_from([0.0, 1.0, 1.5, -2.5])
           | st.integers(10**20, 10**20 + 1)
           | st.sampled_from(["", "a", "ab", "abc", "1", "2026-02-03", "2026-02-30", "é"]))
VALUES = st.recursive(
    SCALARS,
    lambda children: st.lists(children, max_size=3) | st.dictionaries(NAMES, children,
                                                                       max_size=3),
    max_leaves=8,
)
TYPES = st.sampled_from(["string", "integer", "number", "boolean", "null", "array", "object"])
COUNTS = st.integers(0, 3)
NUMBERS = st.integers(-2, 2) | st.sampled_from([0.5, 1.5, -1.0])
REFERENCES = st.sampled_from(["#/$defs/a", "#/$defs/b~0~1%25"])

LEAF_KEYWORDS: dict[str, st.SearchStrategy[Any]] = {
    "type": TYPES | st.lists(TYPES, min_size=1, max_size=3, unique=True),
    "enum": st.lists(VALUES, min_size=1, max_size=3),
    "const": VALUES,
    "pattern": st.sampled_from(["^a", "b$", "\\d", "^\\w+$", "[é]"]),
    "format": st.sampled_from(["date", "email"]),
    "minLength": COUNTS, "maxLength": COUNTS,
    "minimum": NUMBERS, "maximum": NUMBERS,
    "exclusiveMinimum": NUMBERS, "exclusiveMaximum": NUMBERS,
    "multipleOf": st.sampled_from([1, 2, 0.5, 1.5]),
    "minItems": COUNTS, "maxItems": COUNTS, "uniqueItems": st.booleans(),
    "minProperties": COUNTS, "maxProperties": COUNTS,
    "required": st.lists(NAMES, max_size=2, unique=True),
    "dependentRequired": st.dictionaries(NAMES, st.lists(NAMES, max_size=2, unique=True),
                                         max_size=2),
    "minContains": COUNTS, "maxContains": COUNTS,
    "title": st.just("annotation"), "x-extension": VALUES,
}


def _with_children(children: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    lists = st.lists(children, min_size=1, max_size=3)
    mapping = st.dictionaries(NAMES, children, max_size=2)
    return st.fixed_dictionaries({}, optional={
        **LEAF_KEYWORDS,
        "properties": mapping, "patternProperties": st.dictionaries(
            st.sampled_from(["^a", "b", "^[0-9]$"]), children, max_size=2),
        "additionalProperties": children, "propertyNames": children,
        "items": children, "prefixItems": lists, "contains": children,
        "allOf": lists, "anyOf": lists, "oneOf": lists, "not": children,
        "if": children, "then": children, "else": children, "dependentSchemas": mapping,
        "unevaluatedProperties": children, "unevaluatedItems": children,
    }) | st.fixed_dictionaries({"$ref": REFERENCES},
                               optional={"description": st.just("d"), "type": TYPES})


LEAVES = st.booleans() | st.fixed_dictionaries({}, optional=LEAF_KEYWORDS)
SCHEMAS = st.recursive(LEAVES, _with_children, max_leaves=6)
ROOTS = st.builds(
    lambda root, first, second: ({"$defs": {"a": first, "b~/%": second}, **root}
                                 if isinstance(root, dict) else root),
    SCHEMAS, SCHEMAS, SCHEMAS)


def jsonschema_verdict(schema: Any, instance: Any) -> bool:
    validator = jsonschema.validators.validator_for(schema)(
        schema, registry=offline_registry({}), format_checker=FORMAT_CHECKER)
    return bool(validator.is_valid(instance))


def _usable(schema: Any) -> bool:
    try:
        jsonschema.validators.validator_for(schema).check_schema(schema)
    except jsonschema.SchemaError:
        return False
    return True


@fuzz(1500)
@given(ROOTS, st.lists(VALUES, min_size=1, max_size=4))
def test_verdicts_equal_jsonschemas(schema: Any, instances: list[Any]) -> None:
    assume(_usable(schema))
    if reference_cycles(offline_registry({"urn:test:schema": schema}),
                        [("urn:test:schema", schema)]):
        return  # refused before any document (a test of its own shows jsonschema recurses)
    compiled = compile_source(SchemaSource(schema, "urn:test:schema", {}))
    predicate = compile_schema(schema)
    for instance in instances:
        expected = jsonschema_verdict(schema, instance)
        assert compiled.is_valid(instance) == expected
        assert compiled.validator.is_valid(instance) == expected  # the inlined schema
        if predicate is not None:
            assert predicate(instance) == expected
        document = Document(instance, Position(1, 1), {})
        assert (check_schema(compiled, Path("s.yaml"), document) == []) == expected


def test_the_generator_reaches_the_fast_path() -> None:
    """Most generated schemas compile, so the property above tests the predicates."""
    reached: list[bool] = []

    @fuzz(200)
    @given(ROOTS)
    def sample(schema: Any) -> None:
        assume(_usable(schema))
        reached.append(compile_schema(schema) is not None)

    sample()
    assert sum(reached) > len(reached) / 3
