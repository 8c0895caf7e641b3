"""Schema findings: the right place, and a message that says how to fix it."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator

from specrepo.check.compiled_schema import compile_source
from specrepo.check.schema_check import check_schema
from specrepo.check.schema_messages import keyword_message, type_message
from specrepo.load.schema_source import SPEC_SCHEMA, SchemaSource, bundled_source
from specrepo.load.yaml_loader import load_yaml
from specrepo.model.findings import Finding

SCHEMA = compile_source(bundled_source(SPEC_SCHEMA))
HEAD = """\
id: SPEC-0001
title: T
status: Draft
authors: [Ada]
created: 2026-01-02
updated: 2026-01-02
summary: S
"""


def findings(extra: str, head: str = HEAD) -> list[Finding]:
    text = head + textwrap.dedent(extra)
    return check_schema(SCHEMA, Path("spec.yaml"), load_yaml(text.encode()))


def only(extra: str, head: str = HEAD) -> Finding:
    found = findings(extra, head)
    assert len(found) == 1, [f.message for f in found]
    return found[0]


def test_a_valid_spec_has_no_findings() -> None:
    assert findings("") == []


def test_unknown_key_points_at_the_key_and_suggests_the_right_one() -> None:
    finding = only("goals:\n  primray: [Be fast]\n")
    assert (finding.line, finding.column) == (9, 3)
    assert finding.message == "unknown property 'primray'; did you mean 'primary'?"
    assert finding.json_path_text == "$.goals.primray"


def test_unknown_key_without_a_near_miss_lists_what_is_allowed() -> None:
    finding = only("rollout:\n  zzz: 1\n")
    assert finding.message == "unknown property 'zzz'; allowed here: stages, rollback"


def test_each_unknown_key_is_its_own_finding() -> None:
    assert [f.line for f in findings("foo: 1\nbar: 2\n")] == [8, 9]


def test_missing_property_points_at_the_mapping_that_lacks_it() -> None:
    finding = only("requirements:\n  functional:\n    - id: FR-1\n      priority: P0\n")
    assert finding.message == "missing required property 'description'"
    assert (finding.line, finding.column) == (10, 7)


def test_conditional_requirement_says_when_it_applies() -> None:
    finding = only("", HEAD.replace("Draft", "Superseded"))
    assert finding.message == "missing required property 'superseded_by' " \
        "(because status is 'Superseded')"


def test_enum_suggests_the_closest_value() -> None:
    finding = only("", HEAD.replace("Draft", "in review"))
    assert finding.message.endswith("did you mean 'In Review'?")
    assert (finding.line, finding.column) == (3, 9)


def test_a_look_alike_value_is_shown_apart_from_the_values_allowed() -> None:
    """newuser71: a Cyrillic a in `Draft` read "'Draft' is not one of 'Draft', ...; did
    you mean 'Draft'?"; a non-breaking hyphen beside a `const` as "'a-b' must be 'a-b'"."""
    finding = only("", HEAD.replace("Draft", "Dr\u0430ft"))
    assert finding.message == ("'Dr<U+0430>ft' is not one of 'Draft', 'In Review', "
                               "'Approved', 'Implemented', 'Rejected', 'Withdrawn', "
                               "'Superseded'; did you mean 'Draft'?")
    error = next(Draft202012Validator({"const": "file-name"}).iter_errors("file\u2011name"))
    assert keyword_message(error) == "'file<U+2011>name' must be 'file-name'"


def test_number_where_text_is_expected_shows_what_was_written() -> None:
    finding = only("target_release: 1.10\n")
    assert finding.message == ("expected a string, got the number 1.1 (YAML reads 1.10 as a "
                               "number); quote it to make it text: '1.10'")


@pytest.mark.parametrize(("written", "words"), [
    ('!!int "12"', "got the number 12, by its !!int tag; remove the tag and write the value "
                   "quoted: '12'"),
    ("!!int 12", "by its !!int tag; remove the tag and write the value quoted: '12'"),
    ("!!float '1.5'", "by its !!float tag; remove the tag and write the value quoted: '1.5'"),
    ('!!bool "true"', "by its !!bool tag; remove the tag and write the value quoted: 'true'"),
    ('!!null ""', "got null, by its !!null tag; remove the tag and write the value quoted: ''"),
])
def test_a_value_its_tag_makes_no_text_is_advised_about_the_tag(written: str,
                                                                words: str) -> None:
    """Quoting a tagged value again changes nothing: the tag decides what it is read as
    (YAML 1.2 core schema), so the advice is about the tag."""
    finding = only("", HEAD.replace("title: T", f"title: {written}"))
    assert finding.message.startswith("expected a string")
    assert finding.message.endswith(words)
    assert "quote it to make it text" not in finding.message
    assert "write one" not in finding.message


def test_a_value_a_str_tag_makes_text_is_advised_about_the_tag() -> None:
    assert type_message("integer", "12", None, "!!str") == (
        "expected a whole number, got the string '12', by its !!str tag; remove the tag to "
        "write the number 12: 12")
    assert type_message("boolean", "12", None, "!!str") == (
        "expected true or false, got the string '12', by its !!str tag")


def test_an_aliased_tagged_value_keeps_its_tag() -> None:
    finding = findings("", HEAD.replace("title: T", "title: &n !!int '7'").replace(
        "summary: S", "summary: *n"))
    message = "expected a string, got the number 7, by its !!int tag; remove the tag and " \
        "write the value quoted: '7'"
    assert [(one.line, one.message) for one in finding] == [(2, message), (7, message)]


def test_yaml_1_1_boolean_word_gets_a_hint() -> None:
    finding = only("security:\n  checklist:\n    - task: Audit\n      done: yes\n")
    assert finding.message.endswith("only true and false are booleans here; write true")


def test_impossible_date_is_caught() -> None:
    finding = only("", HEAD.replace("updated: 2026-01-02", "updated: 2026-02-30"))
    assert finding.message == "'2026-02-30' is not a valid calendar date (YYYY-MM-DD)"


def test_pattern_failure_shows_an_example() -> None:
    finding = only("", HEAD.replace("SPEC-0001", "spec-1"))
    assert "for example 'SPEC-0042'" in finding.message


def test_empty_list_and_empty_text_say_so() -> None:
    assert "the list is empty" in only("goals:\n  primary: []\n").message
    assert "the text is empty" in only("", HEAD.replace("summary: S", "summary: ''")).message


def test_empty_value_where_text_is_expected() -> None:
    assert "the value is empty" in only("target_release:\n").message


def test_alternatives_pick_the_shape_the_user_was_writing() -> None:
    finding = only("reviewers:\n  - name: Grace\n    aproved: 2026-01-01\n")
    assert finding.message == "unknown property 'aproved'; did you mean 'approved'?"
    assert (finding.line, finding.column) == (10, 5)
    assert len(finding.details) == 2  # both alternatives, for --verbose


def test_findings_are_sorted_by_position() -> None:
    found = findings("zzz: 1\ngoals:\n  primary: []\n", HEAD.replace("Draft", "Nope"))
    assert [f.line for f in found] == sorted(f.line for f in found)


@pytest.mark.parametrize("value", ["[]", "{}", "12", "true"])
def test_wrong_shapes_at_the_top_of_a_section(value: str) -> None:
    finding = only(f"background: {value}\n")
    assert finding.line == 8


def test_a_misspelled_required_key_is_one_finding_at_the_typo() -> None:
    text = HEAD.replace("title: T", "titel: T")
    [finding] = check_schema(SCHEMA, Path("spec.yaml"), load_yaml(text.encode()))
    assert (finding.line, finding.column) == (2, 1)
    assert finding.message == "unknown property 'titel'; did you mean 'title'? (required)"


@pytest.mark.parametrize("alternatives", [
    [{"const": "Draft"}, {"const": "In Review"}, {"const": "Approved"}],
    [{"const": "Draft"}, {"enum": ["In Review", "Approved"]}],
])
@pytest.mark.parametrize("keyword", ["oneOf", "anyOf"])
def test_alternatives_of_constants_are_worded_as_one_enum(
        alternatives: list[dict[str, object]], keyword: str) -> None:
    """trial37b oneof-const-status-wrong-hint: not "'Aproved' must be 'Draft'" (the first
    alternative), but every allowed value and the closest."""
    schema = compile_source(SchemaSource(
        {"$schema": "https://json-schema.org/draft/2020-12/schema",
         "properties": {"status": {keyword: alternatives}}}, "urn:test:own", {}))
    (found,) = check_schema(schema, Path("spec.yaml"), load_yaml(b"status: Aproved\n"))
    assert found.message.startswith(
        "'Aproved' is not one of 'Draft', 'In Review', 'Approved'; did you mean 'Approved'?")
    assert (found.line, found.column) == (1, 9)


@pytest.mark.parametrize("keyword", ["oneOf", "anyOf"])
def test_constants_beside_other_alternatives_are_all_named(keyword: str) -> None:
    """trial38 oneof-mixed-status-message-lists-first-branch: an enum, a const (twice), a
    `$ref` to an enum and a pattern: not "'Aproved' is not one of 'Draft', 'In Review'" (the
    first alternative), but every value once, what the pattern says, and the closest."""
    schema = compile_source(SchemaSource(
        {"$schema": "http://json-schema.org/draft-07/schema#",
         "definitions": {"final": {"enum": ["Implemented", "Rejected"]}},
         "properties": {"status": {keyword: [
             {"enum": ["Draft", "In Review"]}, {"const": "Approved"}, {"const": "Approved"},
             {"$ref": "#/definitions/final"}, {"type": "string", "pattern": "^Legacy-"}]}}},
        "urn:test:own", {}))
    (found,) = check_schema(schema, Path("spec.yaml"), load_yaml(b"status: Aproved\n"))
    assert found.message == (
        "'Aproved' does not match the pattern ^Legacy-, and 'Aproved' is not one of 'Draft', "
        "'In Review', 'Approved', 'Implemented', 'Rejected'; did you mean 'Approved'?")
    (number,) = check_schema(schema, Path("spec.yaml"), load_yaml(b"status: 7\n"))
    assert "is not one of 'Draft'" in number.message and "expected a string" in number.message


@pytest.mark.parametrize(("alternatives", "named"), [
    ([{"enum": ["Draft"]}, {"pattern": "^Legacy"}, {"$ref": "#/$defs/x"}],
     'alternative 1 ({"pattern": "^Legacy"}) and alternative 2 ({"anyOf": [{"const": '
     '"Legacy"}, {"const": "Review"}]})'),
    ([{"type": "string"}, {"const": "Legacy"}, {"type": "string"}, {"minLength": 1}],
     'alternative 0 ({"type": "string"}) and alternative 1 ({"const": "Legacy"}) and '
     'alternative 2 ({"type": "string"}) and alternative 3 ({"minLength": 1})'),
])
def test_a_value_matching_several_one_of_alternatives_names_them(
        alternatives: list[dict[str, object]], named: str) -> None:
    """trial39 oneof-multiple-match-names-no-alternative: "matches more than one of the
    `oneOf` alternatives" named none of them (a value matching none names every one)."""
    schema = compile_source(SchemaSource(
        {"$schema": "https://json-schema.org/draft/2020-12/schema",
         "$defs": {"x": {"anyOf": [{"const": "Legacy"}, {"const": "Review"}]}},
         "properties": {"status": {"oneOf": alternatives}}}, "urn:test:own", {}))
    (found,) = check_schema(schema, Path("spec.yaml"), load_yaml(b"status: Legacy\n"))
    assert found.message == ("the value matches more than one of the `oneOf` alternatives: "
                             f"{named}; it must match exactly one")


@pytest.mark.parametrize("keyword", ["oneOf", "anyOf"])
def test_an_alternative_failing_its_own_type_is_not_the_one_meant(keyword: str) -> None:
    """3.5 against `{type: integer, minimum: 5}` is no whole number before it is too
    small: the alternative whose type it has is the one named (low60)."""
    schema = compile_source(SchemaSource(
        {"properties": {"size": {keyword: [{"type": "integer", "minimum": 5},
                                           {"type": "number", "maximum": 2}]}}},
        "urn:test:own", {}))
    (found,) = check_schema(schema, Path("spec.yaml"), load_yaml(b"size: 3.5\n"))
    assert found.message == "3.5 is greater than the maximum, 2"


def test_nested_alternatives_of_constants_are_all_named() -> None:
    """trial38b oneof-nested-ref-consts-values-missing: a `$ref` to a oneOf of consts inside
    the oneOf named none of its values; a quoted number for an enum of numbers was offered
    itself ("did you mean '2'?")."""
    schema = compile_source(SchemaSource(
        {"$schema": "http://json-schema.org/draft-07/schema#",
         "definitions": {"open": {"enum": ["Draft", "In Review"]},
                         "done": {"oneOf": [{"const": "Approved"}, {"const": "Implemented"}]}},
         "properties": {
             "status": {"oneOf": [{"$ref": "#/definitions/open"}, {"$ref": "#/definitions/done"},
                                  {"type": "string", "pattern": "^X-"}]},
             "prio": {"anyOf": [{"type": "integer", "enum": [1, 2, 3]}, {"const": None}]}}},
        "urn:test:own", {}))
    status, prio = check_schema(schema, Path("spec.yaml"),
                                load_yaml(b"status: Implementd\nprio: '2'\n"))
    assert status.message == (
        "'Implementd' does not match the pattern ^X-, and 'Implementd' is not one of 'Draft', "
        "'In Review', 'Approved', 'Implemented'; did you mean 'Implemented'?")
    assert prio.message.endswith("; did you mean the number 2, not the string '2'?")


def test_an_unknown_key_that_is_a_known_one_in_other_code_points_says_so() -> None:
    finding = only("goals:\n  prim\u00e4ry: [Be fast]\n")  # no twin: the usual suggestion
    assert finding.message == "unknown property 'prim\u00e4ry'; did you mean 'primary'?"
    schema = compile_source(SchemaSource(
        {"additionalProperties": False, "properties": {"caf\u00e9": {}}}, "file:///s.json", {}))
    found = check_schema(schema, Path("spec.yaml"), load_yaml("cafe\u0301: x\n".encode()))
    assert [finding.message for finding in found] == [
        "unknown property 'cafe\u0301': the schema's 'caf\u00e9' written with other Unicode "
        "code points ('cafe\\u0301', not 'caf\\u00e9'); retype it"]
