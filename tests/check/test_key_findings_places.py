"""A finding about a mapping's keys stands at its most telling place (trial42
dependent-required-at-1-1): `dependentRequired` (draft 4-7 `dependencies`) at the key
that requires the missing one, a finding `dependentSchemas` or `if`/`then` brings at the
key that triggered it (`required`, `anyOf`'s "needs at least one of", `minProperties`...),
and `required`, `minProperties` and `maxProperties` of a nested mapping at the key naming
that mapping."""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.support import fuzz, run_cli

_CONFIG = ("schema: s.json\nfields: {created: null, updated: null, reviewers: null, "
           "questions: null, related: [], item_lists: [], status: null, authors: null}\n"
           "rules: {file-name: \"off\"}\n")
_2020 = "https://json-schema.org/draft/2020-12/schema"


def _findings(root: Path, schema: object, spec: str) -> list[str]:
    (root / "specs").mkdir(exist_ok=True)
    (root / "specrepo.yaml").write_text(_CONFIG)
    (root / "s.json").write_text(json.dumps(schema))
    (root / "specs" / "a.yaml").write_text(spec)
    result = run_cli("validate")
    assert result.exit_code == 1, result.output
    return [line for line in result.output.splitlines() if line.startswith("specs/a.yaml:")]


@pytest.mark.parametrize(("schema", "line"), [
    ({"$schema": _2020, "dependentRequired": {"tracking": ["issue"]}},
     "specs/a.yaml:4:1: error: missing required property 'issue' (required when 'tracking' "
     "is set, dependentRequired)"),
    ({"$schema": "http://json-schema.org/draft-07/schema#",
      "dependencies": {"tracking": ["issue"]}},
     "specs/a.yaml:4:1: error: missing required property 'issue' (required when 'tracking' "
     "is set, dependencies)"),
    ({"$schema": _2020, "dependentSchemas": {"tracking": {"maxProperties": 3}}},
     "specs/a.yaml:4:1: error: the mapping has 5 keys, more than the 3 maxProperties allows "
     "(because 'tracking' is set)"),
    ({"$schema": _2020, "if": {"required": ["status"]}, "then": {"minProperties": 9}},
     "specs/a.yaml:3:1: error: the mapping needs at least 9 key(s) (minProperties); it has "
     "5 (because 'status' is set)"),
    ({"$schema": _2020, "if": {"required": ["status"]},
      "then": {"anyOf": [{"required": ["a"]}, {"required": ["b"]}]}},
     "specs/a.yaml:3:1: error: needs at least one of 'a', 'b' (because 'status' is set)"),
    ({"$schema": _2020, "properties": {"design": {"required": ["goal"]}}},
     "specs/a.yaml:5:1: error: missing required property 'goal'"),
    ({"$schema": _2020, "properties": {"design": {"minProperties": 2}}},
     "specs/a.yaml:5:1: error: the mapping needs at least 2 key(s) (minProperties); it has 1"),
    ({"$schema": _2020, "properties": {"design": {"propertyNames": {"maxLength": 3}}}},
     "specs/a.yaml:6:3: error: property name 'long'"),
])
def test_a_keys_finding_stands_at_its_cause(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, schema: object, line: str) -> None:
    monkeypatch.chdir(tmp_path)
    found = _findings(tmp_path, schema, "id: A-1\ntitle: x\nstatus: x\ntracking: abc\n"
                                        "design:\n  long: 1\n")
    assert len(found) == 1 and found[0].startswith(line), found


@fuzz(10)
@given(st.integers(0, 4), st.permutations(["tracking", "other", "plain"]),
       st.sampled_from(["https://json-schema.org/draft/2020-12/schema",
                        "http://json-schema.org/draft-07/schema#"]))
def test_each_dependent_requirement_stands_at_the_key_that_requires_it(
        padding: int, order: list[str], draft: str) -> None:
    """The invariant: whatever stands before them, each missing property a present key
    requires is one finding, on that key's line (`dependentRequired`, or draft-07's
    `dependencies`)."""
    keyword = "dependentRequired" if "2020" in draft else "dependencies"
    needs = {"tracking": ["issue", "owner"], "other": ["issue"], "absent": ["issue"]}
    keys = [f"pad{index}: x" for index in range(padding)] + [f"{key}: x" for key in order]
    before = Path.cwd()
    with tempfile.TemporaryDirectory() as folder:
        os.chdir(folder)
        try:
            found = _findings(Path(folder), {"$schema": draft, keyword: needs},
                              "id: A-1\n" + "\n".join(keys) + "\n")
        finally:
            os.chdir(before)
    expected = sorted(
        f"specs/a.yaml:{2 + padding + order.index(key)}:1: error: missing required property "
        f"'{need}' (required when '{key}' is set, {keyword}) [schema]"
        for key in ("tracking", "other") for need in needs[key])
    assert found == expected


def test_a_misspelt_dependent_requirement_is_one_finding_at_the_typo(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    found = _findings(tmp_path, {"$schema": _2020, "additionalProperties": False,
                                 "properties": {"id": {}, "title": {}, "tracking": {},
                                                "issue": {}},
                                 "dependentRequired": {"tracking": ["issue"]}},
                      "id: A-1\ntitle: x\ntracking: x\nisue: 3\n")
    assert found == ["specs/a.yaml:4:1: error: unknown property 'isue'; did you mean 'issue'? "
                     "(required) [schema] ($.isue)"]


def test_each_key_property_names_refuses_is_a_finding_at_it(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """trial51b propertynames-findings-dropped: jsonschema gives one error per refused
    name; each is a finding (and counted), one per key however many keywords refuse it."""
    monkeypatch.chdir(tmp_path)
    schema = {"$schema": _2020, "propertyNames": {"pattern": "^[a-z]+$", "maxLength": 4}}
    found = _findings(tmp_path, schema, "id: A-1\nBad_1: x\nok: y\nBad_2: z\ntoolong: w\n")
    assert [line.split(": error: ")[0] for line in found] == [
        "specs/a.yaml:2:1", "specs/a.yaml:4:1", "specs/a.yaml:5:1"], found
    assert "property name 'Bad_1'" in found[0] and "property name 'toolong'" in found[2]
    result = run_cli("validate")
    assert "1 file checked: 3 errors" in result.output
