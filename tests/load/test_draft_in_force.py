"""specrepo's per-draft rules against jsonschema's behaviour, for every pair of drafts: a
schema of one draft reaching, by `$ref` or as a subschema, a schema whose `$schema` names
another (a whole file, a part of a file, a subschema with or without an `$id`). A keyword
refused as checking nothing truly changes no verdict of jsonschema's; one let through does
change one (`draft_in_force`)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, NamedTuple

import jsonschema
import pytest
import referencing
import referencing.jsonschema

from specrepo.base.errors import ConfigError
from specrepo.load.draft_in_force import InForce, in_force, root_in_force
from specrepo.load.schema_dialect import is_latest
from specrepo.load.schema_files import LATEST
from specrepo.load.schema_scope import load_schema_source, root_scope

DRAFTS = {"3": jsonschema.Draft3Validator, "4": jsonschema.Draft4Validator,
          "6": jsonschema.Draft6Validator, "7": jsonschema.Draft7Validator,
          "2019-09": jsonschema.Draft201909Validator, "2020-12": jsonschema.Draft202012Validator}
INSTANCE = {"s": "toolong"}
"""Valid for every schema here but for the keyword probed (`maxLength: 3`, `const: x`)."""


def _uri(draft: str) -> str:
    return str(DRAFTS[draft].META_SCHEMA["$schema"])


def _id_key(draft: str) -> str:
    return "id" if draft in ("3", "4") else "$id"


class Schemas(NamedTuple):
    """A root schema and the files it refers to, by name."""

    root: dict[str, Any]
    files: dict[str, dict[str, Any]]


def _schemas(outer: str, inner: str, place: str, probe: dict[str, Any]) -> Schemas:
    """A root schema of the draft `outer` whose property `s` reaches, at `place`, a schema of
    the draft `inner` holding `probe` (beside a `$ref` to a string, where `probe` names
    `maxLength`)."""
    beside_ref = "maxLength" in probe
    string = {"type": "string"}
    if place == "file":
        common = {"$schema": _uri(inner), "definitions": {"t": string}, **probe}
        if beside_ref:
            common["$ref"] = "#/definitions/t"
        return Schemas({"$schema": _uri(outer), "properties": {"s": {"$ref": "common.json"}}},
                       {"common.json": common})
    part = {"$ref": "#/definitions/t", **probe} if beside_ref else dict(probe)
    if place == "pointer":
        return Schemas({"$schema": _uri(outer), "properties": {
            "s": {"$ref": "common.json#/definitions/p"}}},
            {"common.json": {"$schema": _uri(inner), "definitions": {"t": string, "p": part}}})
    if place == "pointer through a file":  # the part is reached from a file of `inner`
        return Schemas({"$schema": _uri(outer), "properties": {"s": {"$ref": "middle.json"}}},
                       {"middle.json": {"$schema": _uri(inner),
                                        "$ref": "common.json#/definitions/p"},
                        "common.json": {"definitions": {"t": string, "p": part}}})
    nested: dict[str, Any] = {"$schema": _uri(inner), **probe}
    if place == "embedded with id":
        nested[_id_key(inner)] = "embedded.json"
    if beside_ref:
        nested["$ref"] = "schema.json#/definitions/t"
    return Schemas({"$schema": _uri(outer), "definitions": {"t": string},
                    "properties": {"s": nested}}, {})


def _jsonschema_applies(folder: Path, schemas: Schemas) -> bool:
    """Whether jsonschema, left to itself, finds `INSTANCE` invalid (the keyword probed
    acts): the files registered by their URIs, nothing fetched."""
    root = {**schemas.root, _id_key(_draft_of(schemas.root)): (folder / "schema.json").as_uri()}
    registry: referencing.Registry[Any] = referencing.Registry().with_resources(
        ((folder / name).as_uri(), referencing.Resource.from_contents(
            contents, default_specification=referencing.jsonschema.DRAFT202012))
        for name, contents in schemas.files.items())
    validator = jsonschema.validators.validator_for(root)(root, registry=registry)
    return not validator.is_valid(INSTANCE)


def _draft_of(schema: dict[str, Any]) -> str:
    return next(name for name, draft in DRAFTS.items()
                if draft is jsonschema.validators.validator_for(schema))


def _specrepo_refuses(folder: Path, schemas: Schemas, says: str) -> bool:
    """Whether specrepo refuses the schema saying `says`; where it takes it, its verdict
    on `INSTANCE` must be jsonschema's."""
    (folder / "schema.json").write_text(json.dumps(schemas.root))
    for name, contents in schemas.files.items():
        (folder / name).write_text(json.dumps(contents))
    try:
        source = load_schema_source(folder / "schema.json", folder)
    except ConfigError as error:
        assert says in str(error), str(error)
        return True
    assert root_scope(source).validator().is_valid(INSTANCE) != _jsonschema_applies(
        folder, schemas)
    return False


PLACES = ("file", "pointer", "pointer through a file", "embedded", "embedded with id")
PAIRS = [(outer, inner, place) for outer in DRAFTS for inner in DRAFTS for place in PLACES]


@pytest.mark.parametrize(("outer", "inner", "place"), PAIRS, ids=str)
def test_a_keyword_beside_ref_is_refused_exactly_where_jsonschema_ignores_it(
        tmp_path: Path, outer: str, inner: str, place: str) -> None:
    schemas = _schemas(outer, inner, place, {"maxLength": 3})
    refused = _specrepo_refuses(tmp_path, schemas, "'maxLength' beside '$ref' checks nothing")
    assert refused == (not _jsonschema_applies(tmp_path, schemas))


@pytest.mark.parametrize(("outer", "inner", "place"), PAIRS, ids=str)
def test_a_keyword_of_another_draft_is_refused_exactly_where_jsonschema_ignores_it(
        tmp_path: Path, outer: str, inner: str, place: str) -> None:
    """`const` is no keyword of drafts 3 and 4: it counts where the draft whose keywords act
    (the schema's own `$schema`, else the draft it is reached in) has it."""
    schemas = _schemas(outer, inner, place, {"const": "x"})
    refused = _specrepo_refuses(tmp_path, schemas, "'const' is not a keyword of JSON Schema")
    assert refused == (not _jsonschema_applies(tmp_path, schemas))


@pytest.mark.parametrize("entered", list(DRAFTS.values()), ids=list(DRAFTS))
@pytest.mark.parametrize("own", [None, *DRAFTS.values()], ids=["none", *DRAFTS])
def test_the_drafts_in_force_are_the_entering_validators_and_the_own_schemas(
        entered: type[Any], own: type[Any] | None) -> None:
    schema = {} if own is None else {"$schema": own.META_SCHEMA["$schema"]}
    assert in_force(schema, entered) == InForce(own or entered, entered)
    assert root_in_force(schema, entered) == InForce(own or entered, own or entered)


@pytest.mark.parametrize("middle", ["2020-12", "2019-09", "7"])
def test_a_file_two_drafts_reach_is_refused_where_any_one_ignores_the_keyword(
        tmp_path: Path, middle: str) -> None:
    """common.json, of no `$schema`, is reached by the draft-07 root and by a file of the
    draft `middle`: its `maxLength` beside `$ref` checks nothing on the draft-07 path, so
    it is refused, though a 2020-12 file reaching it applies it: a gate checking on one
    path and not another passes specs the schema meant to refuse (trial44b)."""
    schemas = Schemas({"$schema": _uri("7"), "properties": {
        "s": {"$ref": "common.json"}, "m": {"$ref": "middle.json"}}}, {
        "middle.json": {"$schema": _uri(middle), "$ref": "common.json"},
        "common.json": {"definitions": {"t": {"type": "string"}},
                        "$ref": "#/definitions/t", "maxLength": 3}})
    says = "'maxLength' beside '$ref' checks nothing in JSON Schema draft-07"
    assert _specrepo_refuses(tmp_path, schemas, says)


@pytest.mark.parametrize("root", ["7", "2020-12"])
def test_a_2020_12_file_reached_directly_from_draft_07_and_through_a_2020_12_file(
        tmp_path: Path, root: str) -> None:
    """The trial44b case: common.json names 2020-12 and holds `maxLength` beside `$ref`; the
    root reaches it directly and through mid.json (2020-12, `allOf`). From a draft-07 root
    the direct path ignores it: refused, naming that draft and the referring file; from a
    2020-12 root both paths apply it: taken."""
    latest = _uri("2020-12")
    schemas = Schemas({"$schema": _uri(root), "properties": {
        "title": {"$ref": "mid.json"}, "summary": {"$ref": "common.json"}}}, {
        "mid.json": {"$schema": latest, "allOf": [{"$ref": "common.json"}]},
        "common.json": {"$schema": latest, "$defs": {"t": {"type": "string"}},
                        "$ref": "#/$defs/t", "maxLength": 3}})
    says = ("but a draft-07 schema reaches it",
            "(judged as reached from ",  # the file as shown from where the test runs
            "schema.json in draft-07; it is reached in 2020-12 too, and a keyword is refused "
            "where any draft that reaches it ignores it)")
    (tmp_path / "schema.json").write_text(json.dumps(schemas.root))
    for name, contents in schemas.files.items():
        (tmp_path / name).write_text(json.dumps(contents))
    if root == "2020-12":
        load_schema_source(tmp_path / "schema.json", tmp_path)
        return
    with pytest.raises(ConfigError) as refused:
        load_schema_source(tmp_path / "schema.json", tmp_path)
    assert all(said in str(refused.value) for said in says), str(refused.value)


@pytest.mark.parametrize("own", [None, "urn:unknown", *DRAFTS.values()],
                         ids=["none", "unknown", *DRAFTS])
def test_the_light_2020_12_test_is_the_drafts_in_force_at_a_root(own: Any) -> None:
    """`schema_dialect.is_latest` (no jsonschema imported) answers as `root_in_force`."""
    schema = {} if own is None else {"$schema": getattr(own, "META_SCHEMA", {}).get(
        "$schema", own)}
    assert is_latest(schema) == (root_in_force(schema, LATEST) == InForce(LATEST, LATEST))


PROBES: dict[str, tuple[dict[str, Any], Any]] = {
    # a keyword some drafts know and others ignore, and a value it refuses
    "dependencies": ({"dependencies": {"a": ["b"]}}, {"a": 1}),
    "dependentRequired": ({"dependentRequired": {"a": ["b"]}}, {"a": 1}),
    "prefixItems": ({"prefixItems": [{"type": "string"}]}, [1]),
    "unevaluatedProperties": ({"unevaluatedProperties": False}, {"z": 1}),
    "const": ({"const": "x"}, "y"),
}


def _applies_on(folder: Path, root: dict[str, Any], files: dict[str, dict[str, Any]],
                keep: str, bad: Any, reaching: str) -> bool:
    """Whether jsonschema refuses `bad` along the property `keep` of `root` alone, a file
    of no `$schema` registered as of the draft `reaching` that reaches it there."""
    only = Schemas({**root, "properties": {keep: root["properties"][keep]}}, files)
    draft = referencing.jsonschema.specification_with(_uri(reaching))
    registry: referencing.Registry[Any] = referencing.Registry().with_resources(
        ((folder / name).as_uri(), referencing.Resource.from_contents(
            contents, default_specification=draft))
        for name, contents in only.files.items())
    schema = {**only.root, _id_key(_draft_of(only.root)): (folder / "schema.json").as_uri()}
    validator = jsonschema.validators.validator_for(schema)(schema, registry=registry)
    return not validator.is_valid({keep: bad})


@pytest.mark.parametrize("probe", list(PROBES))
@pytest.mark.parametrize("middle", list(DRAFTS))
@pytest.mark.parametrize("outer", list(DRAFTS))
def test_a_place_several_drafts_reach_is_judged_in_each(
        tmp_path: Path, outer: str, middle: str, probe: str) -> None:
    """common.json, of no `$schema`, is reached from the root of the draft `outer` and
    through middle.json of the draft `middle`: a keyword is refused exactly where a draft
    that reaches it ignores it (draft-07's `dependencies` reached from draft-07 and
    2020-12 checks on one path only: schema45); else the verdict is jsonschema's."""
    keyword, bad = PROBES[probe]
    root = {"$schema": _uri(outer), "properties": {
        "s": {"$ref": "common.json"}, "m": {"$ref": "middle.json"}}}
    files = {"middle.json": {"$schema": _uri(middle), "$ref": "common.json"},
             "common.json": dict(keyword)}
    (tmp_path / "schema.json").write_text(json.dumps(root))
    for name, contents in files.items():
        (tmp_path / name).write_text(json.dumps(contents))
    applies = [_applies_on(tmp_path, root, files, keep, bad, reaching)
               for keep, reaching in (("s", outer), ("m", middle))]
    try:
        source = load_schema_source(tmp_path / "schema.json", tmp_path)
    except ConfigError as error:
        assert not all(applies), str(error)
        assert f"'{probe}' is not a keyword of JSON Schema" in str(error), str(error)
        if outer != middle and any(applies):
            assert "(judged as reached from " in str(error), str(error)
        return
    assert all(applies) or not any(applies)
    validator = root_scope(source).validator()
    for keep, applied in zip(("s", "m"), applies, strict=True):
        assert validator.is_valid({keep: bad}) != applied


def test_a_problem_several_reaching_drafts_find_is_named_once_with_each(
        tmp_path: Path) -> None:
    """common.json, reached from a draft-07 root, a 2020-12 file and a 2019-09 file: its
    `dependencies` checks nothing in 2020-12 nor 2019-09 (one problem naming both), its
    `dependentRequired` nothing in draft-07."""
    files = {"schema.json": {"$schema": _uri("7"), "properties": {
        "s": {"$ref": "common.json"}, "m": {"$ref": "m.json"}, "n": {"$ref": "n.json"}}},
        "m.json": {"$schema": _uri("2020-12"), "$ref": "common.json"},
        "n.json": {"$schema": _uri("2019-09"), "$ref": "common.json"},
        "common.json": {"dependencies": {"a": ["b"]}, "dependentRequired": {"a": ["b"]}}}
    for name, contents in files.items():
        (tmp_path / name).write_text(json.dumps(contents))
    with pytest.raises(ConfigError) as refused:
        load_schema_source(tmp_path / "schema.json", tmp_path)
    said = str(refused.value)
    assert said.startswith("2 problems in the schema:"), said
    assert said.count("'dependencies' is not a keyword") == 1, said
    assert "m.json in 2020-12 and 2019-09; it is reached in draft-07 too" in said, said
    assert "'dependentRequired' is not a keyword of JSON Schema draft-07" in said, said
    assert "schema.json in draft-07; it is reached in 2019-09, 2020-12 too" in said, said


@pytest.mark.parametrize("outer", ["4", "6", "7"])
def test_a_file_of_no_schema_is_crawled_in_the_draft_that_reaches_it(
        tmp_path: Path, outer: str) -> None:
    """common.json, of no `$schema`, holds draft-07's `"items": [...]`: the registry found
    its subschemas by 2020-12's rules, where `items` is one schema, and failed on the list
    (an internal error, `'list' object has no attribute 'get'`: schema45). Reached from a
    draft that reads `items` so, it loads, and validates as jsonschema does."""
    root = {"$schema": _uri(outer), "properties": {"s": {"$ref": "common.json"}}}
    files = {"common.json": {"items": [{"type": "string"}], "additionalItems": False}}
    (tmp_path / "schema.json").write_text(json.dumps(root))
    (tmp_path / "common.json").write_text(json.dumps(files["common.json"]))
    validator = root_scope(load_schema_source(tmp_path / "schema.json", tmp_path)).validator()
    for value in (["a"], ["a", "b"], [1], []):
        refused = _applies_on(tmp_path, root, files, "s", value, outer)
        assert validator.is_valid({"s": value}) != refused, value


def test_a_file_of_no_schema_reached_in_2020_12_too_is_refused_not_crashed(
        tmp_path: Path) -> None:
    """The same file reached from draft-07 and from a 2020-12 file: refused (2020-12 reads
    neither its `items` list nor `additionalItems`), named at its place, never an
    internal error."""
    files = {"schema.json": {"$schema": _uri("7"), "properties": {
        "s": {"$ref": "common.json"}, "m": {"$ref": "m.json"}}},
        "m.json": {"$schema": _uri("2020-12"), "$ref": "common.json"},
        "common.json": {"items": [{"type": "string"}], "additionalItems": False}}
    for name, contents in files.items():
        (tmp_path / name).write_text(json.dumps(contents))
    with pytest.raises(ConfigError) as refused:
        load_schema_source(tmp_path / "schema.json", tmp_path)
    assert "common.json" in str(refused.value), str(refused.value)


def test_a_part_its_file_s_own_draft_reads_as_no_schema_loads_as_reached(
        tmp_path: Path) -> None:
    """A draft-07 root reaches `definitions/x` of a 2020-12 file by a pointer; the part,
    of no `$schema` of its own, is read in draft-07, where its `"items": [...]` is a
    schema; by its file's 2020-12 rules it is none, and the registry's search for `$id`s
    failed on it (an internal error). It loads, and validates as jsonschema does."""
    root = {"$schema": _uri("7"), "properties": {"s": {"$ref": "common.json#/definitions/x"}}}
    files = {"common.json": {"$schema": _uri("2020-12"),
                             "definitions": {"x": {"items": [{"type": "string"}]}}}}
    (tmp_path / "schema.json").write_text(json.dumps(root))
    (tmp_path / "common.json").write_text(json.dumps(files["common.json"]))
    validator = root_scope(load_schema_source(tmp_path / "schema.json", tmp_path)).validator()
    assert validator.is_valid({"s": ["a", 2]})
    assert not validator.is_valid({"s": [1]})
