"""A failure under `then`, `else` or a dependent schema says why that branch applied, and
a failed `not` says what the forbidden subschema matched."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from specrepo.check.compiled_schema import compile_source
from specrepo.check.schema_check import check_schema
from specrepo.load.document import Document, Position
from specrepo.load.schema_scope import load_schema_source

DIALECT = "https://json-schema.org/draft/2020-12/schema"
REVIEWED = {"if": {"properties": {"status": {"const": "Approved"}}, "required": ["status"]},
            "then": {"properties": {"reviewers": {"minItems": 1}}},
            "else": {"properties": {"reviewers": {"maxItems": 0}}}}


def messages(schema: dict[str, Any], data: Any, tmp_path: Path) -> list[str]:
    path = tmp_path / "schema.json"
    path.write_text(json.dumps({"$schema": DIALECT, **schema}), encoding="utf-8")
    compiled = compile_source(load_schema_source(path, tmp_path))
    found = check_schema(compiled, Path("d.json"), Document(data, Position(1, 1), {}))
    return [finding.message for finding in found]


def test_then_names_the_condition_that_selected_it(tmp_path: Path) -> None:
    assert messages(REVIEWED, {"status": "Approved", "reviewers": []}, tmp_path) == [
        "the list is empty; add at least 1 item(s) (minItems) "
        "(because status is 'Approved')"]


def test_else_names_the_part_of_the_condition_that_failed(tmp_path: Path) -> None:
    assert messages(REVIEWED, {"status": "Draft", "reviewers": ["Ada"]}, tmp_path) == [
        "the list must be empty (maxItems: 0) (because status is 'Draft', not 'Approved')"]
    assert messages(REVIEWED, {"reviewers": ["Ada"]}, tmp_path) == [
        "the list must be empty (maxItems: 0) (because 'status' is not set)"]


def test_a_condition_that_holds_on_an_absent_property_says_so(tmp_path: Path) -> None:
    schema = {"if": {"properties": {"status": {"enum": ["Approved", "Done"]}}},
              "then": {"required": ["reviewers"]}}
    assert messages(schema, {}, tmp_path) == [
        "missing required property 'reviewers' (because 'status' is not set)"]
    assert messages(schema, {"status": "Done"}, tmp_path) == [
        "missing required property 'reviewers' (because status is 'Done')"]


def test_else_of_an_enum_test_names_the_options(tmp_path: Path) -> None:
    schema = {"if": {"properties": {"kind": {"enum": ["a", "b"]}}},
              "else": {"required": ["reason"]}}
    assert messages(schema, {"kind": "c"}, tmp_path) == [
        "missing required property 'reason' (because kind is 'c', not one of 'a', 'b')"]


def test_a_complex_condition_is_named_by_its_place_in_the_schema(tmp_path: Path) -> None:
    schema = {"properties": {"plan": {
        "if": {"properties": {"size": {"minimum": 10}}},
        "then": {"required": ["owner"]}, "else": {"required": ["note"]}}}}
    assert messages(schema, {"plan": {"size": 12}}, tmp_path) == [
        "missing required property 'owner' (because the `if` at "
        "#/properties/plan/if holds)"]
    assert messages(schema, {"plan": {"size": 2}}, tmp_path) == [
        "missing required property 'note' (because the `if` at "
        "#/properties/plan/if does not hold)"]


def test_a_condition_reached_through_a_reference_is_read_there(tmp_path: Path) -> None:
    schema = {"properties": {"items": {"type": "array", "items": {"$ref": "#/$defs/item"}}},
              "$defs": {"item": {"allOf": [REVIEWED]}}}
    data = {"items": [{"status": "Approved", "reviewers": ["Ada"]},
                      {"status": "Approved", "reviewers": []}]}
    assert messages(schema, data, tmp_path) == [
        "the list is empty; add at least 1 item(s) (minItems) "
        "(because status is 'Approved')"]


def test_a_condition_on_a_deeper_value_reads_that_value(tmp_path: Path) -> None:
    schema = {"properties": {"spec": {**REVIEWED}}}
    assert messages(schema, {"status": "Draft", "spec": {"status": "Approved",
                                                          "reviewers": []}}, tmp_path) == [
        "the list is empty; add at least 1 item(s) (minItems) "
        "(because status is 'Approved')"]


def test_dependent_schemas_name_the_property_that_triggered_them(tmp_path: Path) -> None:
    schema = {"dependentSchemas": {"billing": {"required": ["address"]}}}
    assert messages(schema, {"billing": 1}, tmp_path) == [
        "missing required property 'address' (because 'billing' is set)"]


def test_draft7_schema_dependencies_name_the_property(tmp_path: Path) -> None:
    schema = {"$schema": "http://json-schema.org/draft-07/schema#",
              "dependencies": {"billing": {"properties": {"address": {"type": "string"}}}}}
    assert messages(schema, {"billing": 1, "address": 3}, tmp_path) == [
        "expected a string, got the number 3 (because 'billing' is set)"]


def test_a_failed_not_says_what_the_forbidden_schema_matched(tmp_path: Path) -> None:
    schema = {"not": {"properties": {"status": {"const": "Draft"}, "approver": {}},
                      "required": ["status", "approver"]}}
    assert messages(schema, {"status": "Draft", "approver": "Bo"}, tmp_path) == [
        "status is 'Draft' and 'approver' is set, which the schema's `not` forbids"]


def test_a_failed_not_over_alternatives_names_the_one_that_matched(tmp_path: Path) -> None:
    schema = {"properties": {"x": {"not": {"anyOf": [{"required": ["a"]},
                                                     {"required": ["b"]}]}}}}
    assert messages(schema, {"x": {"b": 1}}, tmp_path) == [
        "'b' is set, which the schema's `not` forbids"]


def test_an_opaque_not_names_its_place(tmp_path: Path) -> None:
    schema = {"properties": {"x": {"not": {"minimum": 3}}}}
    assert messages(schema, {"x": 5}, tmp_path) == [
        "the value, 5, matches the schema under `not` at #/properties/x/not, which it "
        "must not"]


def test_a_condition_on_an_integer_past_a_float_is_named(tmp_path: Path) -> None:
    """A whole number of 400 digits is JSON's and Python's, past a float's range."""
    schema = {"if": {"properties": {"n": {"type": "integer"}}}, "then": {"required": ["z"]}}
    assert messages(schema, {"n": 10**400}, tmp_path) == [
        "missing required property 'z' (because n is a whole number)"]
