"""Which keys of a schema are keywords of its draft (trial32 2): every draft's own
metaschemas and specrepo's bundled schemas use only those; a key of another draft or a
near miss of a keyword that checks something is refused with what was meant; any other
key is an annotation."""

from __future__ import annotations

import json
import re
from importlib import resources
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from jsonschema_specifications import REGISTRY  # type: ignore[import-untyped]

from specrepo.base.errors import ConfigError
from specrepo.load.schema_problems import refuse
from specrepo.load.schema_vocabulary import DRAFTS, keyword_problems, keywords


def _none() -> None:
    return None


def check_keywords(schema: object, name: str, raw: Any) -> None:
    """Raise ConfigError naming the problems `keyword_problems` finds."""
    refuse(keyword_problems(schema, name, raw))


@pytest.mark.parametrize("uri", sorted(REGISTRY), ids=str)
def test_the_metaschemas_use_only_keywords_of_their_draft(uri: str) -> None:
    check_keywords(REGISTRY.contents(uri), uri, _none)


@pytest.mark.parametrize("name", sorted(
    entry.name for entry in resources.files("specrepo.schemas").iterdir()
    if entry.name.endswith(".json")))
def test_the_bundled_schemas_use_only_keywords_of_their_draft(name: str) -> None:
    text = resources.files("specrepo.schemas").joinpath(name).read_text(encoding="utf-8")
    check_keywords(json.loads(text), name, _none)


@pytest.mark.parametrize(("draft", "dialect"), DRAFTS, ids=[name for name, _ in DRAFTS])
def test_each_drafts_keywords_are_taken_and_others_refused(draft: str, dialect: Any) -> None:
    uri = dialect.META_SCHEMA["$schema"]
    for keyword in keywords(dialect) - {"id"}:
        if keyword.startswith("$"):  # identifiers and references: not with any value
            continue
        check_keywords({"$schema": uri, "properties": {"a": {keyword: {}}}}, "s", _none)
    for _, other in DRAFTS:
        for keyword in keywords(other) - keywords(dialect):
            expected = f"'{re.escape(keyword)}' is not a keyword of JSON Schema {draft}.*it is"
            with pytest.raises(ConfigError, match=expected):
                check_keywords({"$schema": uri, "items": {keyword: {}}}, "s", _none)


@given(key=st.text(min_size=1, max_size=12))
def test_any_key_is_a_keyword_an_annotation_or_refused_with_what_was_meant(key: str) -> None:
    check_keywords({"properties": {"a": {f"x-{key}": key}}}, "s", _none)
    try:
        check_keywords({"properties": {"a": {key: {}}}}, "s", _none)
    except ConfigError as error:
        assert re.search(r"did you mean \S+\? \(a keyword of your own, an annotation, is "
                         r"spelt 'x-|it is a keyword of ", str(error))


@pytest.mark.parametrize(("key", "value"), [
    ("propertis", {}), ("requried", ["a"]), ("unevaluatedProperty", False), ("itmes", {}),
    ("minLenght", 3), ("uniqueitems", True), ("patternProperty", {}), ("Type", "string")])
def test_a_misspelt_keyword_that_checks_something_is_refused(key: str, value: Any) -> None:
    with pytest.raises(ConfigError, match=r"did you mean"):
        check_keywords({"properties": {"a": {key: value}}}, "s", _none)


@pytest.mark.parametrize("key", ["markdownDescription", "example", "errorMessage", "tsType",
                                 "nullable", "enumDescriptions", "defaultSnippets",
                                 "deprecationMessage", "discriminator", "x-owner", "note",
                                 "href", "them", "cost", "typ", "requires", "Type"])
def test_an_annotation_of_ones_own_is_left_alone(key: str) -> None:
    """JSON Schema takes an unknown keyword as an annotation (2020-12 core §6.5): editors'
    keywords (VS Code's `markdownDescription`), OpenAPI's `example` and `nullable`; a short
    word (`note` is no `not`), or a near miss whose text value the keyword it resembles
    could not hold (`requires: "a reviewer"`, final32 F2)."""
    check_keywords({"properties": {"a": {key: "text"}}}, "s", _none)


def test_the_line_is_named_from_the_file() -> None:
    raw = b"type: object\nproperties:\n  a:\n    minLenght: 3\n"
    with pytest.raises(ConfigError, match=r"^s.yaml:4:5: 'minLenght' is not a keyword of "
                                          r"JSON Schema 2020-12 .*did you mean minLength\?"):
        check_keywords({"type": "object", "properties": {"a": {"minLenght": 3}}}, "s.yaml",
                       lambda: raw)


@pytest.mark.parametrize(("key", "value", "meant"), [
    ("typ", "string", "type"), ("requried", True, "required"), ("Enum", ["a"], "enum"),
    ("item", {"type": "string"}, "items")])
def test_a_near_miss_whose_value_only_that_keyword_takes_is_refused(
        key: str, value: Any, meant: str) -> None:
    """`typ: string` is a misspelt `type` (final32 F8), as `requried: true` (draft 3's
    boolean `required`) is a misspelt `required`, not an annotation."""
    with pytest.raises(ConfigError, match=f"did you mean {meant}\\?"):
        check_keywords({"properties": {"a": {key: value}}}, "s", _none)


@pytest.mark.parametrize(("key", "value"), [
    ("href", "https://example.com"), ("cost", 5), ("note", "text"), ("them", "text"),
    ("requires", "a reviewer")])
def test_a_short_word_whose_value_any_keyword_takes_is_an_annotation(
        key: str, value: Any) -> None:
    """`$ref` and `const` take any text: `href` and `cost` holding one are annotations."""
    check_keywords({"properties": {"a": {key: value}}}, "s", _none)


@pytest.mark.parametrize(("draft", "key", "value"), [
    (draft, key, value) for draft in ("draft-07", "draft-06", "draft-04", "draft-03")
    for key, value in (("maxLength", 5), ("required", ["owner"]), ("minItems", 1),
                       ("type", "string"), ("properties", {"a": {}}))
    if (draft, key) != ("draft-03", "required")])
def test_a_keyword_beside_ref_in_drafts_3_to_7_is_refused(draft: str, key: str,
                                                           value: Any) -> None:
    """Drafts 3 to 7 ignore every keyword beside `$ref` (draft-07 core §8.3), as jsonschema
    does: `{"$ref": ..., "maxLength": 5}` would check no length, in silence (trial43
    draft07-ref-siblings-ignored-silently)."""
    uri = dict(DRAFTS)[draft].META_SCHEMA["$schema"]
    schema = {"$schema": uri, "definitions": {"t": {}},
              "properties": {"a": {"$ref": "#/definitions/t", key: value}}}
    with pytest.raises(ConfigError, match=f"'{key}' beside '\\$ref' checks nothing in JSON "
                                          f"Schema {draft}: .*allOf"):
        check_keywords(schema, "s", _none)


@pytest.mark.parametrize("sibling", [
    {"description": "d"}, {"title": "t"}, {"definitions": {"t": {}}}, {"$comment": "c"},
    {"x-owner": "me"}])
def test_an_annotation_beside_ref_in_draft_07_is_left_alone(sibling: dict[str, Any]) -> None:
    check_keywords({"$schema": "http://json-schema.org/draft-07/schema#",
                    "definitions": {"t": {}}, "$ref": "#/definitions/t", **sibling}, "s",
                   _none)


@pytest.mark.parametrize("draft", ["2020-12", "2019-09"])
def test_a_keyword_beside_ref_in_2019_09_and_later_applies(draft: str) -> None:
    uri = dict(DRAFTS)[draft].META_SCHEMA["$schema"]
    check_keywords({"$schema": uri, "$defs": {"t": {}},
                    "properties": {"a": {"$ref": "#/$defs/t", "maxLength": 5}}}, "s", _none)


def test_draft_3s_required_beside_ref_is_read_by_properties() -> None:
    """Draft 3's `required: true` stands in the property's own schema and is read by the
    `properties` above it, `$ref` or not (jsonschema reads it there): no refusal."""
    check_keywords({"$schema": "http://json-schema.org/draft-03/schema#",
                    "definitions": {"t": {}},
                    "properties": {"a": {"$ref": "#/definitions/t", "required": True}}},
                   "s", _none)


def test_a_look_alike_keyword_is_shown_apart_from_the_keyword_meant() -> None:
    """newuser71: `typ\u0435` (a Cyrillic e) read "'type' is not a keyword ...; did you
    mean type?"."""
    with pytest.raises(ConfigError, match=r"'typ<U\+0435>' is not a keyword .*did you mean "
                       r"type\?"):
        check_keywords({"properties": {"a": {"typ\u0435": "string"}}}, "s", _none)
