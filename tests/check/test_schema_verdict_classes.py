"""The classes of wrong verdicts found in issue #13, each by its smallest input."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from specrepo.base.errors import ConfigError
from specrepo.check.compiled_schema import compile_source
from specrepo.check.schema_check import check_schema
from specrepo.load.schema_scope import load_schema_source
from specrepo.load.yaml_loader import load_yaml

DRAFT3 = "http://json-schema.org/draft-03/schema#"
DRAFT4 = "http://json-schema.org/draft-04/schema#"


def verdict(tmp_path: Path, schema: Any, instance: Any) -> bool:
    path = tmp_path / "schema.json"
    path.write_text(json.dumps(schema))
    return compile_source(load_schema_source(path, tmp_path)).is_valid(instance)


@pytest.mark.parametrize(("schema", "instance", "valid"), [
    # 1. JSON Schema equality tells booleans from numbers at every depth.
    ({"const": [True]}, [1], False), ({"const": [True]}, [1.0], False),
    ({"enum": [[0]]}, [False], False), ({"const": {"a": False}}, {"a": 0}, False),
    ({"const": [1]}, [1.0], True),
    # 2. Inlining resolves references only where schemas are, never in data.
    ({"$defs": {"s": {"type": "string"}}, "enum": [{"$ref": "#/$defs/s"}]},
     {"type": "string"}, False),
    ({"$defs": {"s": {"type": "string"}}, "enum": [{"$ref": "#/$defs/s"}]},
     {"$ref": "#/$defs/s"}, True),
    ({"$defs": {"s": {"type": "string"}}, "properties": {"$ref": {"const": 1}}},
     {"$ref": 1}, True),
    # 3. JSON Pointer and URI escapes in references are decoded.
    ({"$defs": {"a%b": {"type": "string"}}, "$ref": "#/$defs/a%25b"}, 1, False),
    ({"$defs": {"a~b": {"type": "string"}, "a/b": {"type": "integer"}},
      "properties": {"x": {"$ref": "#/$defs/a~0b"}, "y": {"$ref": "#/$defs/a~1b"}}},
     {"x": "s", "y": 1}, True),
    # 4. Older drafts follow their own rules.
    ({"$schema": DRAFT4, "type": "integer"}, 1.0, False),
    ({"type": "integer"}, 1.0, True),
    # 5. Embedded ids, anchors and URN ids are local.
    ({"$id": "https://example.com/root.json", "$defs": {"a": {"$id": "a.json",
      "type": "string"}}, "$ref": "a.json"}, 1, False),
    ({"$defs": {"a": {"$anchor": "name", "type": "string"}}, "$ref": "#name"}, 1, False),
    ({"$id": "urn:example:root", "$defs": {"a": {"$id": "urn:example:a", "type": "string"}},
      "$ref": "urn:example:a"}, 1, False),
    ({"$dynamicAnchor": "node", "properties": {"child": {"$dynamicRef": "#node"}},
      "type": "object"}, {"child": 1}, False),
    # 6. Boolean schemas, at the root and inside.
    (True, {"anything": 1}, True), (False, {}, False),
    ({"properties": {"a": False}}, {"a": 1}, False),
    ({"properties": {"a": True}}, {"a": 1}, True),
])
def test_verdicts(tmp_path: Path, schema: Any, instance: Any, valid: bool) -> None:
    assert verdict(tmp_path, schema, instance) is valid


def test_a_root_url_id_with_a_relative_file_reference_is_local(tmp_path: Path) -> None:
    (tmp_path / "common.json").write_text('{"$defs": {"s": {"type": "string"}}}')
    schema = {"$id": "https://example.com/schemas/spec.json", "$ref": "common.json#/$defs/s"}
    assert verdict(tmp_path, schema, "text") is True
    assert verdict(tmp_path, schema, 1) is False


def test_a_reference_that_leaves_the_local_files_is_refused(tmp_path: Path) -> None:
    schema = {"$id": "https://example.com/schemas/spec.json", "$ref": "missing.json"}
    with pytest.raises(ConfigError, match="specrepo never fetches schemas over the network"):
        verdict(tmp_path, schema, 1)


@pytest.mark.parametrize("schema", [
    {"$ref": "#/$defs/nowhere"}, {"$ref": "#missing-anchor"},
])
def test_a_reference_to_nothing_is_refused_before_any_document(tmp_path: Path,
                                                               schema: Any) -> None:
    with pytest.raises(ConfigError, match="points to nothing"):
        verdict(tmp_path, schema, 1)


def test_a_reference_cycle_is_refused_not_followed_forever(tmp_path: Path) -> None:
    schema = {"$defs": {"a": {"allOf": [{"$ref": "#/$defs/a"}]}}, "$ref": "#/$defs/a"}
    with pytest.raises(ConfigError, match="leads back to itself"):
        verdict(tmp_path, schema, 1)


def test_a_draft_3_type_list_with_a_schema_gives_a_message(tmp_path: Path) -> None:
    path = tmp_path / "schema.json"
    path.write_text(json.dumps({"$schema": DRAFT3, "properties": {
        "a": {"type": ["string", {"type": "integer"}]}}}))
    schema = compile_source(load_schema_source(path, tmp_path))
    document = load_yaml(b"a: 1.5\n")
    [finding] = check_schema(schema, Path("s.yaml"), document)
    assert finding.message == (
        "expected a string or a value matching another schema, got the number 1.5 (the "
        "schema in `type` takes a whole number); quote it to make it text: '1.5'")


def test_json_schema_files_are_read_as_json(tmp_path: Path) -> None:
    assert verdict(tmp_path, {"const": "\U0001f432"}, "\U0001f432") is True
    path = tmp_path / "bad.json"
    path.write_text('{"type": "string",}')
    with pytest.raises(ConfigError, match=r"bad.json:1:19: cannot load the schema"):
        load_schema_source(path, tmp_path)


def test_an_unknown_metaschema_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="names no metaschema specrepo knows"):
        verdict(tmp_path, {"$schema": "https://example.com/my-meta"}, 1)
