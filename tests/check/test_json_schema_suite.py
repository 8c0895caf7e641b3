"""specrepo gives the official JSON Schema Test Suite's verdicts, through the library."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from pathlib import Path

import pytest
from jsonschema.exceptions import ValidationError

from specrepo.base.errors import ConfigError
from specrepo.check.compiled_schema import CompiledSchema, compile_source
from specrepo.check.schema_branches import branch_reason
from specrepo.check.schema_check import check_schema
from specrepo.check.schema_messages import WORDINGS, keyword_message
from specrepo.load.asserted_formats import ANY_DRAFT_FORMATS, DRAFT_FORMATS
from specrepo.load.document import Document, Position
from specrepo.load.schema_scope import load_schema_source
from specrepo.load.schema_source import SchemaSource
from tests.check.json_schema_suite import Group, groups, jsonschema_verdict, refusal

REQUIRED = list(groups(optional=False))
OPTIONAL = list(groups(optional=True))
# jsonschema's own runner skips this one: it does not implement `$vocabulary`.
NOT_IN_JSONSCHEMA = {"no validation: invalid number, but it still validates"}
# specrepo asserts these formats, which the required tests expect to be annotations
# (jsonschema's verdict with the formats specrepo asserts in the test's draft).
ASSERTED = {f"invalid {name} string is only an annotation by default"
            for name in ANY_DRAFT_FORMATS}
# Where jsonschema's format checks, which specrepo's are, part from the optional format
# tests on purpose (its own runner skips them): `email` asks only for an `@` ("complex
# email validation is (intentionally) unsupported"), and `rfc3339-validator` takes no leap
# second. Those give jsonschema's verdict.
JSONSCHEMAS_FORMATS = {
    "optional/format/email": {
        "dot before local part is not valid", "dot after local part is not valid",
        "two subsequent dots inside local part are not valid", "an invalid domain",
        "an invalid IPv4-address-literal"},
    "optional/format/date-time": {
        "a valid date-time with a leap second, UTC",
        "a valid date-time with a leap second, with minus offset"},
    "optional/format/time": {
        "a valid time string with leap second, Zulu", "valid leap second, zero time-offset",
        "valid leap second, positive time-offset", "valid leap second, negative time-offset",
        "valid leap second, large positive time-offset",
        "valid leap second, large negative time-offset"}}


def _load(tmp_path: Path, group: Group) -> SchemaSource:
    path = tmp_path / "schema.json"
    path.write_text(json.dumps(group.schema), encoding="utf-8")  # astral characters escaped
    return load_schema_source(path, tmp_path)


def _expected(group: Group, description: str, valid: bool) -> bool:
    if description in ASSERTED or description in JSONSCHEMAS_FORMATS.get(group.file, ()):
        return jsonschema_verdict(group.schema, next(
            case.data for case in group.cases if case.description == description))
    return valid


# Schemas holding a keyword of another draft (draft-07's `dependencies` under 2020-12,
# `const` under draft-04): specrepo refuses them (trial32 2). Made-up keywords are
# annotations, as the suite expects.
UNKNOWN_KEYWORDS = ("optional/dependencies-compatibility/",
                    "draft4/optional/id/id inside an enum")
# Schemas of drafts 3 to 7 with a keyword that checks something beside `$ref`, which those
# drafts ignore: specrepo refuses them (trial43), the rule they hold would check nothing.
IGNORED_BESIDE_REF = ("/ref/ref overrides any sibling keywords",)


def _refused(tmp_path: Path, group: Group) -> bool:
    """Whether the group needs what specrepo refuses (checking that it does)."""
    refused = refusal(group)
    if any(part in group.id for part in UNKNOWN_KEYWORDS):
        refused = "is not a keyword of JSON Schema"
    if any(part in group.id for part in IGNORED_BESIDE_REF):
        refused = r"beside '\$ref' checks nothing"
    if refused is not None:
        with pytest.raises(ConfigError, match=refused):
            _load(tmp_path, group)
    return refused is not None


@pytest.mark.parametrize("group", REQUIRED, ids=[group.id for group in REQUIRED])
def test_required_tests_give_the_suite_verdict(group: Group, tmp_path: Path) -> None:
    if _refused(tmp_path, group):
        return
    schema = compile_source(_load(tmp_path, group))
    for case in group.cases:
        if case.description in NOT_IN_JSONSCHEMA:
            continue
        expected = _expected(group, case.description, case.valid)
        assert schema.is_valid(case.data) == expected, case.id
        document = Document(case.data, Position(1, 1), {})
        assert (check_schema(schema, Path("d.json"), document) == []) == expected, case.id
        assert_worded(schema, case.data, case.id)


def test_the_format_tests_set_aside_are_those_jsonschema_parts_from() -> None:
    """Each optional format test given jsonschema's verdict is in the suite and gets a
    verdict other than the suite's: none is set aside that specrepo passes."""
    parted = {(group.file, case.description) for group in REQUIRED for case in group.cases
              if case.description in JSONSCHEMAS_FORMATS.get(group.file, ())
              and jsonschema_verdict(group.schema, case.data) != case.valid}
    assert parted == {(file, description) for file, descriptions in JSONSCHEMAS_FORMATS.items()
                      for description in descriptions}


# Patterns are ECMA-262's (as the suite expects), not Python's `re` (as jsonschema runs them).
ECMA_REGEX_FILES = {"optional/ecmascript-regex", "optional/non-bmp-regex"}


@pytest.mark.parametrize("group", OPTIONAL, ids=[group.id for group in OPTIONAL])
def test_optional_tests_give_jsonschemas_verdict(group: Group, tmp_path: Path) -> None:
    """Every optional test gives jsonschema's verdict, but for patterns: every test of the
    optional ECMA-262 regex files gives the suite's own verdict."""
    if _refused(tmp_path, group):
        return
    schema = compile_source(_load(tmp_path, group))
    for case in group.cases:
        expected = case.valid if group.file in ECMA_REGEX_FILES \
            else jsonschema_verdict(group.schema, case.data)
        assert schema.is_valid(case.data) == expected, case.id
        assert schema.validator.is_valid(case.data) == expected, case.id
        assert_worded(schema, case.data, case.id)


MESSAGE_LENGTH = 400
"""The longest a schema finding's message may be (a spec's whole value never fits)."""


def _failures(errors: Iterable[ValidationError]) -> Iterator[ValidationError]:
    """Every keyword failure of `errors`, those of anyOf/oneOf's alternatives too."""
    for error in errors:
        yield error
        yield from _failures(error.context or ())


def assert_worded(schema: CompiledSchema, data: object, case: str) -> None:
    """Every keyword that fails on the case has a wording of its own (trial29a L4: `not`
    dumped the whole spec as a Python dict, `maxLength` said "'One' is too long"), a
    failure under a conditional branch says why the branch applied, and no finding says
    jsonschema's own text or runs longer than `MESSAGE_LENGTH`."""
    failures = list(_failures(schema.errors(data)))
    raw = {error.message for error in failures}
    for error in failures:
        assert error.validator is None or error.validator in WORDINGS, (case, error.validator)
        assert keyword_message(error) not in raw, case
    document = Document(data, Position(1, 1), {})  # type: ignore[arg-type]
    found = check_schema(schema, Path("d.json"), document)
    if any(branch_reason(error, schema.validator.schema, data, schema.references)
           for error in schema.errors(data)):  # a failure under then/else/dependentSchemas
        assert any("(because " in finding.message for finding in found), case
    for finding in found:
        for message in (finding.message, *finding.details):
            assert message.removeprefix(message.partition(": ")[0] + ": ") not in raw \
                and message not in raw, (case, message)
            assert len(message) <= MESSAGE_LENGTH, (case, message)
            assert not (isinstance(data, (dict, list)) and data and repr(data) in message), \
                (case, message)


SUITE_DRAFTS = {"draft3": "draft-03", "draft4": "draft-04", "draft6": "draft-06",
                "draft7": "draft-07", "draft2019-09": "2019-09", "draft2020-12": "2020-12"}


def test_each_draft_runs_the_format_tests_of_exactly_the_formats_it_asserts() -> None:
    """The formats specrepo asserts follow the draft (fmt59): each draft's own
    `optional/format/` tests of them run, and none of a format it does not assert."""
    run = {(group.draft, group.file.removeprefix("optional/format/")) for group in REQUIRED
           if group.file.startswith("optional/format/")}
    for folder, draft in SUITE_DRAFTS.items():
        assert {name for each, name in run if each == folder} - {"ecmascript-regex"} == \
            set(DRAFT_FORMATS[draft]), folder
