"""Bundled and user schemas: well-formed, documented, offline, and inlined faithfully."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from hypothesis import given
from hypothesis import strategies as st

from specrepo.base.errors import ConfigError
from specrepo.base.paths import display_path
from specrepo.load.schema_inline import inline_local_refs
from specrepo.load.schema_scope import build_validator, load_schema_source
from specrepo.load.schema_source import CONFIG_SCHEMA, SPEC_SCHEMA, bundled_schema, bundled_source
from specrepo.load.yaml_loader import YamlError, load_yaml
from specrepo.load.yaml_text_keys import TextKey, text_keys_parser

EXAMPLES = Path(__file__).parent.parent / "examples"


@pytest.mark.parametrize("name", [SPEC_SCHEMA, CONFIG_SCHEMA])
def test_bundled_schemas_are_valid_2020_12_schemas(name: str) -> None:
    schema = bundled_schema(name)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    jsonschema.Draft202012Validator.check_schema(schema)


def _properties(schema: Any, path: str = "$") -> list[tuple[str, Any]]:
    found = []
    if isinstance(schema, dict):
        for name, sub in schema.get("properties", {}).items():
            found.append((f"{path}.{name}", sub))
        for key, value in schema.items():
            if key == "if":  # conditions name properties; they do not define them
                continue
            if key != "properties":
                found.extend(_properties(value, f"{path}/{key}"))
            else:
                for name, sub in value.items():
                    found.extend(_properties(sub, f"{path}.{name}"))
    elif isinstance(schema, list):
        for index, item in enumerate(schema):
            found.extend(_properties(item, f"{path}[{index}]"))
    return found


@pytest.mark.parametrize("name", [SPEC_SCHEMA, CONFIG_SCHEMA])
def test_every_property_has_a_description_for_editors(name: str) -> None:
    missing = [path for path, sub in _properties(bundled_schema(name))
               if not (isinstance(sub, dict) and sub.get("description"))]
    assert missing == []


def test_objects_refuse_unknown_keys() -> None:
    def objects(node: Any) -> list[Any]:
        if isinstance(node, dict):
            here = [node] if node.get("type") == "object" else []
            return here + [found for value in node.values() for found in objects(value)]
        if isinstance(node, list):
            return [found for item in node for found in objects(item)]
        return []

    spec_objects = objects(bundled_schema(SPEC_SCHEMA))
    assert spec_objects
    assert all(node.get("additionalProperties") is False for node in spec_objects
               if "properties" in node)


def test_schema_examples_validate_against_the_schema() -> None:
    schema = bundled_schema(SPEC_SCHEMA)
    validator = build_validator(bundled_source(SPEC_SCHEMA))
    for example in schema["examples"]:
        assert list(validator.iter_errors(example)) == []


def test_inlining_refs_keeps_every_verdict() -> None:
    schema = bundled_schema(SPEC_SCHEMA)
    inlined = inline_local_refs(schema)
    assert '"$ref"' not in json.dumps({k: v for k, v in inlined.items() if k != "$defs"})
    plain = jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker())
    fast = build_validator(bundled_source(SPEC_SCHEMA))
    for path in sorted(EXAMPLES.glob("*/*.yaml")):
        try:
            data = load_yaml(path.read_bytes()).data
        except YamlError:  # examples that do not load say nothing about schemas
            continue
        slow_errors = sorted(e.message for e in plain.iter_errors(data))
        fast_errors = sorted(e.message for e in fast.iter_errors(data))
        assert slow_errors == fast_errors, path.name


def test_recursive_definitions_stay_references() -> None:
    schema = {"$defs": {"node": {"type": "object",
                                 "properties": {"child": {"$ref": "#/$defs/node"}}}},
              "properties": {"root": {"$ref": "#/$defs/node"}}}
    inlined = inline_local_refs(schema)
    assert inlined["properties"]["root"]["properties"]["child"] == {"$ref": "#/$defs/node"}


def test_user_schema_with_a_remote_ref_is_refused_before_any_network(tmp_path: Path) -> None:
    schema = tmp_path / "schema.json"
    schema.write_text(json.dumps({"$ref": "https://example.com/spec.json"}))
    with pytest.raises(ConfigError, match="never fetches schemas over the network"):
        load_schema_source(schema, tmp_path)


def test_user_schema_refs_to_local_files_resolve(tmp_path: Path) -> None:
    (tmp_path / "common.yaml").write_text("$defs:\n  id: {type: string, pattern: '^X-'}\n")
    schema = tmp_path / "schema.json"
    schema.write_text(json.dumps({
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "type": "object",
        "properties": {"id": {"$ref": "common.yaml#/$defs/id"}},
    }))
    validator = build_validator(load_schema_source(schema, tmp_path))
    assert list(validator.iter_errors({"id": "X-1"})) == []
    assert [e.validator for e in validator.iter_errors({"id": "Y-1"})] == ["pattern"]


ROOT_IDS = [
    ("relative path", "sub/spec.json", "sub/common.json"),
    ("dotted relative path", "./sub/../sub/spec.json", "sub/common.json"),
    ("absolute path", "{folder}/sub/spec.json", "sub/common.json"),
    ("urn", "urn:example:spec", "common.json"),
    ("url", "https://example.com/specs/spec.json", "common.json"),
    ("draft 4 relative path", "sub/spec.json", "sub/common.json"),
]


@pytest.mark.parametrize(("root_id", "where"), [case[1:] for case in ROOT_IDS],
                         ids=[case[0] for case in ROOT_IDS])
def test_a_reference_resolves_once_against_the_roots_id_of_any_form(
        tmp_path: Path, root_id: str, where: str, request: pytest.FixtureRequest) -> None:
    """trial43 relative-id-resolved-twice: a root `"$id": "sub/spec.json"` made specrepo
    read sub/sub/common.json; the file read is the one RFC 3986 (and `referencing`) resolve
    `common.json` to: against the root's id, itself resolved against the file once (a URN's
    or a URL's references map to the schema's own folder)."""
    (tmp_path / "sub").mkdir()
    (tmp_path / where).write_text('{"type": "string", "maxLength": 3}')
    legacy = "draft 4" in request.node.callspec.id
    schema = tmp_path / "spec.json"
    schema.write_text(json.dumps({
        "$schema": "http://json-schema.org/draft-04/schema#" if legacy
        else "https://json-schema.org/draft/2020-12/schema",
        "id" if legacy else "$id": root_id.format(folder=tmp_path.as_posix()),
        "properties": {"title": {"$ref": "common.json"}}}))
    validator = build_validator(load_schema_source(schema, tmp_path))
    assert list(validator.iter_errors({"title": "abc"})) == []
    assert [e.validator for e in validator.iter_errors({"title": "abcd"})] == ["maxLength"]


def test_an_embedded_id_below_a_relative_root_id_resolves_against_it(tmp_path: Path) -> None:
    (tmp_path / "sub" / "inner").mkdir(parents=True)
    (tmp_path / "sub" / "inner" / "common.json").write_text('{"maxLength": 3}')
    schema = tmp_path / "spec.json"
    schema.write_text(json.dumps({
        "$id": "sub/spec.json", "properties": {"title": {"$ref": "inner/x.json"}},
        "$defs": {"x": {"$id": "inner/x.json", "$ref": "common.json"}}}))
    validator = build_validator(load_schema_source(schema, tmp_path))
    assert [e.validator for e in validator.iter_errors({"title": "abcd"})] == ["maxLength"]


def test_unresolvable_ref_inside_the_schema_is_an_error_not_a_fetch(tmp_path: Path) -> None:
    schema = tmp_path / "schema.json"
    schema.write_text(json.dumps({"properties": {"a": {"$ref": "missing.json"}}}))
    with pytest.raises(ConfigError, match=r"missing\.json"):
        load_schema_source(schema, tmp_path)


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ('{"type": 12}', "not a valid JSON Schema"),
        ('{"type": "object",\n "type": "array"}', "duplicate key"),
        ("[1, 2]", "must be a mapping"),
    ],
)
def test_broken_user_schemas_are_config_errors_naming_the_file(
    tmp_path: Path, text: str, words: str
) -> None:
    schema = tmp_path / "schema.json"
    schema.write_text(text)
    with pytest.raises(ConfigError, match=words) as caught:
        load_schema_source(schema, tmp_path)
    assert display_path(schema) in str(caught.value)  # as every message names files


def test_missing_user_schema_is_a_config_error(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="cannot read the schema"):
        load_schema_source(tmp_path / "nope.json", tmp_path)


@given(st.dictionaries(st.integers(0, 999) | st.booleans() | st.none(),
                       st.integers(), min_size=1))
def test_keys_read_as_text_are_the_text_written_each_noted_at_its_line(
        keys: dict[Any, int]) -> None:
    """`text_keys_parser` reads a plain key that YAML takes for another type as the text
    written, as if quoted, and notes each with its path and line (final32 F7)."""
    written = {("null" if key is None else str(key).lower()): value
               for key, value in keys.items()}
    raw = "outer:\n" + "".join(f"  {key}: {value}\n" for key, value in written.items())
    found: list[TextKey] = []
    data = load_yaml(raw.encode(), parser=text_keys_parser(found)).data
    assert data == {"outer": written}
    assert [(path, error.position.line if error.position else 0) for path, error in found] \
        == [(("outer", key), line) for line, key in enumerate(written, 2)]
