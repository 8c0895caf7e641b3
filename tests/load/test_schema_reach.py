"""One run names every problem of a schema and of the files its references reach, each at
its place, sorted and once (final33 F8): no problem hides another that can be known
without it (a file that cannot be read, a metaschema error, a reference to nothing or a
cycle of references hides nothing else)."""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import NamedTuple

import pytest
from hypothesis import given
from hypothesis import strategies as st

from specrepo.base.errors import ConfigError
from specrepo.load.schema_scope import load_schema_source
from tests.support import fuzz


class Broken(NamedTuple):
    """A property of the root schema broken one way: its subschema, the files it needs
    (by a name the test fills in), and what the one problem it makes says (with the file
    and, in `where`, where it is)."""

    schema: str
    files: dict[str, str]
    where: str
    says: str


BROKEN = {
    "metaschema": Broken('{"type": "strin"}', {}, "root.json", "at properties/{p}/type"),
    "near miss": Broken('{"typ": "string"}', {}, "root.json", "'typ' is not a keyword"),
    "pattern": Broken('{"pattern": "^a\\\\_b$"}', {}, "root.json", "the pattern '^a\\_b$'"),
    "pointer": Broken('{"$ref": "#/$defs/{p}"}', {}, "root.json", "points to nothing"),
    "no file": Broken('{"$ref": "{p}.json"}', {}, "root.json", "cannot be followed: {p}.json"),
    "not json": Broken('{"$ref": "{p}.json"}', {"{p}.json": '{"type": \n'},
                       "{p}.json:2:1", "cannot load the schema"),
    "not yaml": Broken('{"$ref": "{p}.yaml"}', {"{p}.yaml": "type: [string\n"},
                       "{p}.yaml:1:7", "cannot load the schema"),
    "file duplicate key": Broken('{"$ref": "{p}.json"}',
                                 {"{p}.json": '{"type": "string",\n "type": "integer"}'},
                                 "{p}.json:2:2", "duplicate key 'type' (first defined at "
                                 "line 1)"),
    "file NaN": Broken('{"$ref": "{p}.json"}', {"{p}.json": '{"maximum":\n  NaN}'},
                       "{p}.json:2:3", "NaN is not a JSON number"),
    "file yaml duplicate key": Broken('{"$ref": "{p}.yaml"}',
                                      {"{p}.yaml": "type: string\ntype: integer\n"},
                                      "{p}.yaml:2:1", "duplicate key 'type'"),
    "file metaschema": Broken('{"$ref": "{p}.json"}', {"{p}.json": '{"minLength": -1}'},
                              "{p}.json:1:2", "not a valid JSON Schema at minLength"),
    "file near miss": Broken('{"$ref": "{p}.json"}', {"{p}.json": '{"requried": true}'},
                             "{p}.json:1:2", "'requried' is not a keyword"),
    "file pointer": Broken('{"$ref": "{p}.json#/$defs/X"}', {"{p}.json": '{"$defs": {}}'},
                           "root.json", "points to nothing"),
    "file holds no schema": Broken('{"$ref": "{p}.json"}', {"{p}.json": '{"properties": 5}'},
                                   "{p}.json:1:2", "at properties: 5 is not of type"),
    "cycle": Broken('{"$ref": "{p}.json"}',
                    {"{p}.json": '{"allOf": [{"$ref": "{p}-back.json"}]}',
                     "{p}-back.json": '{"not": {"not": {"$ref": "{p}.json"}}}'},
                    "{p}", "leads back to itself"),
}


@contextmanager
def _in_folder() -> Iterator[Path]:
    before = Path.cwd()
    with tempfile.TemporaryDirectory() as folder:
        os.chdir(folder)
        try:
            yield Path(folder)
        finally:
            os.chdir(before)


def _refused(root: Path) -> list[str]:
    """The problems `load_schema_source` names for `root/root.json`, a line each."""
    with pytest.raises(ConfigError) as refused:
        load_schema_source(root / "root.json", root)
    lines = str(refused.value).splitlines()
    return lines[1:] if len(lines) > 1 else lines


@fuzz(25)
@given(st.lists(st.sampled_from(sorted(BROKEN)), min_size=1, max_size=6))
def test_a_schema_of_n_independently_broken_parts_is_refused_naming_all_n(
        kinds: list[str]) -> None:
    with _in_folder() as root:
        properties = {}
        expected = []
        for index, kind in enumerate(kinds):
            part, broken = f"p{index}", BROKEN[kind]
            properties[part] = json.loads(broken.schema.replace("{p}", part))
            for name, text in broken.files.items():
                (root / name.replace("{p}", part)).write_text(text.replace("{p}", part))
            expected.append((broken.where.replace("{p}", part),
                             broken.says.replace("{p}", part)))
        (root / "root.json").write_text(json.dumps({"properties": properties}, indent=1))
        named = _refused(root)
    assert len(named) == len(kinds), named
    for (where, says), line in zip(sorted(expected), _by_expected(named, expected),
                                   strict=True):
        assert line.startswith(where) and says in line, (where, says, named)


def _by_expected(named: list[str], expected: list[tuple[str, str]]) -> list[str]:
    """The line of `named` that says each of `expected`, sorted, each line once."""
    left = list(named)
    found = []
    for where, says in sorted(expected):
        line = next((line for line in left if line.startswith(where) and says in line), "")
        if line:
            left.remove(line)
        found.append(line)
    return found


@pytest.mark.parametrize(("malformed", "says"), [
    ({"properties": 5}, "at properties: 5 is not of type 'object'"),
    ({"properties": {"a": {"properties": [1]}}}, "at properties/a/properties: [1]"),
    ({"allOf": 5}, "at allOf: 5 is not of type 'array'"),
    ({"$id": 5}, "at $id: 5 is not of type 'string'"),
    ({"$defs": {"a": {"$schema": 5}}}, "at $defs/a/$schema: 5 is not of type 'string'"),
    ({"$defs": {"a": {"$anchor": ["x"]}}}, "at $defs/a/$anchor"),
    ({"dependentSchemas": {"a": 1}}, "at dependentSchemas/a: 1 is not of type"),
])
def test_a_keyword_of_the_wrong_form_is_named_with_the_rest_never_a_traceback(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, malformed: dict[str, object],
        says: str) -> None:
    """`properties: 5` holds no subschema: it is named, and the rest is judged (the root's
    near miss, a file the rest refers to), where jsonschema's walk of it would fail."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "other.json").write_text('{"requried": true}')
    schema = {**malformed, "title": "T", "typ": "string",
              "items": {"$ref": "other.json"}}
    (tmp_path / "root.json").write_text(json.dumps(schema))
    named = _refused(tmp_path)
    assert len(named) == 3, named
    assert named[0].startswith("other.json:1:2: 'requried' is not a keyword"), named
    assert any(says in line for line in named), named
    assert any("'typ' is not a keyword" in line for line in named), named


KEYS = ["properties", "items", "allOf", "not", "if", "then", "prefixItems", "$defs",
        "patternProperties", "dependentSchemas", "additionalProperties", "definitions",
        "dependencies", "$ref", "$dynamicRef", "$id", "id", "$anchor", "$schema", "type",
        "pattern", "required", "typ", "a"]
SCALARS = st.one_of(st.none(), st.booleans(), st.integers(-2, 2), st.sampled_from([
    "", "#", "#/$defs/a", "#/a", "#a", "other.json", "other.json#/a", "other.json#/$defs/a",
    "[", "string", "http://json-schema.org/draft-07/schema#",
    "https://json-schema.org/draft/2020-12/schema"]))
VALUES = st.recursive(SCALARS, lambda inner: st.one_of(
    st.lists(inner, max_size=3), st.dictionaries(st.sampled_from(KEYS), inner, max_size=4)),
    max_leaves=10)
SCHEMAS = st.dictionaries(st.sampled_from(KEYS), VALUES, max_size=5)


@fuzz(100)
@given(SCHEMAS, st.one_of(st.none(), SCHEMAS, VALUES))
def test_any_schema_is_read_or_refused_with_a_message_never_a_traceback(
        schema: dict[str, object], other: object) -> None:
    """A schema and a file it may refer to (`other.json`, whole or by pointers), of any
    shape: loaded, or refused with a ConfigError naming its problems."""
    with _in_folder() as root:
        (root / "root.json").write_text(json.dumps(schema))
        if other is not None:
            (root / "other.json").write_text(json.dumps(other))
        try:
            load_schema_source(root / "root.json", root)
        except ConfigError as error:
            assert str(error)


def test_a_root_whose_schema_is_no_text_is_named_alone(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A `$schema` that is no text names no draft: nothing else can be judged."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "root.json").write_text('{"$schema": 5, "typ": "string"}')
    assert _refused(tmp_path) == ["root.json:1:2: $schema must be the URI of a metaschema, "
                                  "not a number"]


def test_a_part_that_names_another_draft_is_checked_by_that_drafts_metaschema(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """jsonschema reads a subschema naming its own `$schema` in that draft, which the
    schema's own metaschema does not check it by: `prefixItems: 5` in a 2020-12 part of a
    draft-07 schema is named (it gave a traceback), with the rest."""
    monkeypatch.chdir(tmp_path)
    schema = {"$schema": "http://json-schema.org/draft-07/schema#", "typ": "string",
              "definitions": {"a": {"$schema": "https://json-schema.org/draft/2020-12/schema",
                                    "prefixItems": 5, "$defs": {"b": {"properties": 3}}}}}
    (tmp_path / "root.json").write_text(json.dumps(schema, indent=1))
    named = _refused(tmp_path)
    assert [line.split(": ", 1)[1] for line in named] == [
        "'typ' is not a keyword of JSON Schema draft-07, so it would check nothing: did you "
        "mean type? (a keyword of your own, an annotation, is spelt 'x-typ')",
        "not a valid JSON Schema at definitions/a/prefixItems: 5 is not of type 'array'",
        "not a valid JSON Schema at definitions/a/$defs/b/properties: 3 is not of type "
        "'object'"], named
