"""Draft-03 and draft-04 schemas whose parts the `referencing` package and jsonschema's
error ranking read as another draft's shape: each is read, or refused at its line (exit 2),
never an internal error (newuser59: draft-03's `extends` written as one schema, the usual
form, stopped every command with `AttributeError`; `"items": true` in draft-03 with
`TypeError` from jsonschema's error ranking; `"allOf": [true]` in draft-04 likewise)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import Result

from tests.history.gitrepo import GitRepo, spec_text
from tests.support import run_cli

DRAFT_03 = "http://json-schema.org/draft-03/schema#"
DRAFT_04 = "http://json-schema.org/draft-04/schema#"


def _validate(root: Path, schema: dict[str, object], size: object,
              monkeypatch: pytest.MonkeyPatch) -> Result:
    """`validate` in a repository whose one spec has `size: SIZE`, checked by `schema`."""
    repo = GitRepo(root)
    repo.commit("init", {
        "specrepo.yaml": "specs: specs\nschema: schema.json\nrules: {file-name: 'off'}\n",
        "schema.json": json.dumps(schema),
        "specs/SPEC-0001.yaml": spec_text("SPEC-0001") + f"size: {json.dumps(size)}\n"})
    monkeypatch.chdir(root)
    return run_cli("validate", no_traceback=True)


@pytest.mark.parametrize(("size", "code"), [(3, 0), ("three", 1), (11, 1)])
def test_draft_03_extends_written_as_one_schema_is_that_schema(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, size: object, code: int) -> None:
    """Draft-03 §5.26: `extends` is a schema or a list of them."""
    result = _validate(tmp_path / "repo", {"$schema": DRAFT_03, "properties": {
        "size": {"extends": {"type": "integer"}, "maximum": 10}}}, size, monkeypatch)
    assert result.exit_code == code, result.output
    assert "internal error" not in result.output


def test_a_draft_03_definitions_part_that_is_no_schema_is_read_as_data(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Draft-03's metaschema knows no `definitions`: a `true` there is data no `$ref`
    reaches, not an error."""
    result = _validate(tmp_path / "repo", {"$schema": DRAFT_03, "definitions": {"x": True},
                                           "properties": {"size": {"type": "integer"}}},
                       "x", monkeypatch)
    assert result.exit_code == 1, result.output
    assert "expected a whole number" in result.output


@pytest.mark.parametrize(("schema", "where"), [
    ({"$schema": DRAFT_03, "properties": {"size": {"items": True}}}, "properties/size/items"),
    ({"$schema": DRAFT_03, "properties": {"size": {"dependencies": {"a": True}}}},
     "properties/size/dependencies/a"),
    ({"$schema": DRAFT_03, "properties": {"size": {"items": [True, {}]}}},
     "properties/size/items/0"),
    ({"$schema": DRAFT_04, "properties": {"size": {"items": [True, {}]}}},
     "properties/size/items/0"),
    ({"$schema": DRAFT_04, "properties": {"size": {"allOf": [True]}}},
     "properties/size/allOf/0"),
])
def test_a_boolean_schema_in_a_draft_without_them_is_refused_at_its_line(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, schema: dict[str, object],
        where: str) -> None:
    """Boolean schemas begin with draft-06; the metaschema's refusal is named, exit 2."""
    result = _validate(tmp_path / "repo", schema, 3, monkeypatch)
    assert result.exit_code == 2, result.output
    assert "schema.json:1:" in result.output
    assert f"not a valid JSON Schema at {where}: true is not of type 'object'" in result.output


def test_disallow_names_the_kind_of_value_and_what_it_forbids(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """newuser59: `disallow` said only that the value is of a forbidden type."""
    result = _validate(tmp_path / "repo", {"$schema": DRAFT_03, "properties": {
        "size": {"disallow": ["string", {"type": "integer"}]}}}, "three", monkeypatch)
    assert result.exit_code == 1, result.output
    assert "the value is text, which the schema's `disallow` forbids (string, a schema)" \
        in result.output


UNION = ["string", {"type": "object", "properties": {"a": {"type": "integer"}}},
         {"type": "integer", "maximum": 5}]


@pytest.mark.parametrize(("types", "size", "why"), [
    (["string", {"type": "integer", "minimum": 5}], 3,
     "got the number 3 (the schema in `type` says: 3 is less than the minimum, 5)"),
    (["string", {"type": "integer", "minimum": 5}], 5.5,
     "got the number 5.5 (the schema in `type` takes a whole number)"),
    (UNION, 7, "got the number 7 (the schema `type[2]` says: 7 is greater than the "
     "maximum, 5)"),
    (UNION, {"a": "x"}, "got a mapping (the schema `type[1]` says at $.size.a: expected a "
     "whole number, got the string 'x')"),
    (UNION, 2.5, "got the number 2.5 (the schemas in `type` take a mapping or a whole "
     "number)")])
def test_a_union_type_says_what_the_value_fails_in_its_schema(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, types: list[object], size: object,
        why: str) -> None:
    """Draft-03 §5.1: a `type` list may hold schemas; the message says what the value
    fails in the one it was most likely meant for, not only "or a value matching another
    schema" (low60)."""
    result = _validate(tmp_path / "repo", {"$schema": DRAFT_03, "properties": {
        "size": {"type": types}}}, size, monkeypatch)
    assert result.exit_code == 1, result.output
    wanted = " or ".join(["a string"] + ["a value matching another schema"] * (len(types) - 1))
    assert f"error: expected {wanted}, {why}" in result.output, result.output
