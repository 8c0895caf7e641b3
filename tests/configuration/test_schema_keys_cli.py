"""The spec schema judges every path specrepo.yaml names, through the CLI: `approval:
protected:` refuses a path no spec can hold (an object closed by `unevaluatedProperties:
false` as by `additionalProperties: false`) and accepts a key a pattern allows; `fields:`
warns on each path, single or in a list, no spec can hold or has, and follows references
to other local files as validation does."""

from __future__ import annotations

import json
from typing import Any

import pytest

from tests.history.gitrepo import GitRepo
from tests.support import run_cli

KEP = """---
kep-number: "1001"
status: {status}
reviewers: ["Grace Hopper"]
stage: {stage}
x-owner-team: node
---
# KEP-1001: Swap

## Summary

Swap.
"""
CONFIG = """specs: keps
front_matter: true
schema: kep.schema.json
fields: {{id: kep-number, title: null, questions: null, related: [], item_lists: []}}
statuses:
  states: [provisional, implementable]
  transitions: {{provisional: [implementable]}}
  in_review: [provisional]
  approved: [implementable]
rules: {{file-name: off}}
approval:
  protected: ["## Summary", {protected}]
"""
BASE = {"properties": {"kep-number": {"type": "string"},
                       "status": {"enum": ["provisional", "implementable"]},
                       "reviewers": {"type": "array", "items": {"type": "string"}}}}
UNEVALUATED = {  # 2020-12: closed by unevaluatedProperties after allOf/$ref
    "$schema": "https://json-schema.org/draft/2020-12/schema", "type": "object",
    "allOf": [{"$ref": "#/$defs/base"}], "properties": {"stage": {"enum": ["alpha", "beta"]}},
    "patternProperties": {"^x-": {"type": "string"}}, "unevaluatedProperties": False,
    "$defs": {"base": BASE}}
ADDITIONAL = {  # draft 7: closed by additionalProperties, with a pattern
    "$schema": "http://json-schema.org/draft-07/schema#", "type": "object",
    "properties": {**BASE["properties"], "stage": {"enum": ["alpha", "beta"]}},
    "patternProperties": {"^x-": {"type": "string"}}, "additionalProperties": False}


def kep_repo(repo: GitRepo, schema: dict[str, Any], protected: str) -> None:
    repo.commit("KEP-1001", {
        "specrepo.yaml": CONFIG.format(protected=protected),
        "kep.schema.json": json.dumps(schema),
        "keps/1001-swap/README.md": KEP.format(status="provisional", stage="alpha")})


@pytest.mark.parametrize("schema", [UNEVALUATED, ADDITIONAL], ids=["unevaluated", "additional"])
def test_a_protected_key_the_closed_schema_cannot_hold_is_a_config_error(
        git_repo: GitRepo, schema: dict[str, Any]) -> None:
    kep_repo(git_repo, schema, "stag")
    closing = next(word for word in ("unevaluatedProperties", "additionalProperties")
                   if word in schema)
    for command in ("validate", "report"):
        result = run_cli(command)
        assert result.exit_code == 2, result.output
        assert (f"specrepo.yaml:12:29: approval.protected: a spec has no key 'stag' in the "
                f"spec schema ({closing}: false); did you mean 'stage'?") in result.stderr


@pytest.mark.parametrize("schema", [UNEVALUATED, ADDITIONAL], ids=["unevaluated", "additional"])
def test_protected_keys_the_schema_holds_guard_approved_content(
        git_repo: GitRepo, schema: dict[str, Any]) -> None:
    """A key `properties` describes and one a pattern allows are protected, and an edit of
    either after approval is a finding."""
    kep_repo(git_repo, schema, "stage, x-owner-team")
    assert run_cli("validate").exit_code == 0
    git_repo.commit("Approve", {"keps/1001-swap/README.md": KEP.format(
        status="implementable", stage="alpha")}, author="Grace Hopper")
    git_repo.commit("Beta", {"keps/1001-swap/README.md": KEP.format(
        status="implementable", stage="beta").replace("node", "storage")})
    result = run_cli("validate", "--history")
    assert result.exit_code == 1, result.output
    assert "stage changed after 1001 was approved" in result.stdout
    assert "x-owner-team changed after 1001 was approved" in result.stdout


ADR_CONFIG = """specs: docs
front_matter: true
schema: schema/spec.json
fields: {{superseded_by: {superseded_by}, related: [{related}], item_lists: [{items}],
         read_as_text: [{text}], questions: null}}
rules: {{file-name: off}}
"""
ADR_SCHEMA = {
    "$schema": "https://json-schema.org/draft/2020-12/schema", "type": "object",
    "required": ["id", "title", "status"], "allOf": [{"$ref": "common.json"}],
    "properties": {"id": {"type": "string"}, "title": {"type": "string"},
                   "status": {"enum": ["Draft", "Approved"]},
                   "decisions": {"type": "array"}, "number": {"type": "integer"}},
    "unevaluatedProperties": False}
COMMON = {"$schema": "https://json-schema.org/draft/2020-12/schema",
          "properties": {"see-also": {"type": "array", "items": {"type": "string"}},
                         "replaced-by": {"type": "string"}}}


def adr_repo(repo: GitRepo, superseded_by: str, related: str, items: str, text: str) -> None:
    repo.commit("ADR-1", {
        "specrepo.yaml": ADR_CONFIG.format(superseded_by=superseded_by, related=related,
                                           items=items, text=text),
        "schema/spec.json": json.dumps(ADR_SCHEMA), "schema/common.json": json.dumps(COMMON),
        "docs/ADR-1.md": "---\nid: ADR-1\ntitle: One\nstatus: Draft\nsee-also: [ADR-9]\n"
                         "decisions: [{id: D-1}, {id: D-1}]\n---\n# One\n"})


def test_fields_the_schema_describes_in_a_file_it_refers_to_are_no_typo(
        git_repo: GitRepo) -> None:
    """`replaced-by` no spec has, described in common.json (reached by allOf/$ref): no
    warning; the rules read the lists the entries name."""
    adr_repo(git_repo, "replaced-by", "see-also", "decisions", "number")
    result = run_cli("validate", "--strict")
    assert "unused-field" not in result.stdout
    assert "no spec has the id 'ADR-9'" in result.stdout
    assert "id 'D-1' is already used" in result.stdout


def test_a_typo_in_any_entry_of_fields_is_a_warning_at_its_place(git_repo: GitRepo) -> None:
    adr_repo(git_repo, "replaced-byy", "see-allso", "decisionz", "numbr")
    result = run_cli("validate", "--strict")
    assert result.exit_code == 1
    warnings = [line for line in result.stdout.splitlines() if "[unused-field]" in line]
    assert warnings == [
        "specrepo.yaml:4:25: warning: `fields: superseded_by:` names `replaced-byy`, a field "
        "no spec can have, so no spec's `superseded_by` is read: a spec has no key "
        "'replaced-byy' in the spec schema (unevaluatedProperties: false); did you mean "
        "'replaced-by'? [unused-field] ($.fields.superseded_by)",
        "specrepo.yaml:4:49: warning: `fields: related:` names `see-allso`, a field no spec "
        "can have, so this `related` entry reads nothing: a spec has no key 'see-allso' in "
        "the spec schema (unevaluatedProperties: false); did you mean 'see-also'? "
        "[unused-field] ($.fields.related[0])",
        "specrepo.yaml:4:74: warning: `fields: item_lists:` names `decisionz`, a field no "
        "spec can have, so this `item_lists` entry reads nothing: a spec has no key "
        "'decisionz' in the spec schema (unevaluatedProperties: false); did you mean "
        "'decisions'? [unused-field] ($.fields.item_lists[0])",
        "specrepo.yaml:5:25: warning: `fields: read_as_text:` names `numbr`, a field no "
        "spec can have, so this `read_as_text` entry reads nothing: a spec has no key "
        "'numbr' in the spec schema (unevaluatedProperties: false); did you mean 'number'? "
        "[unused-field] ($.fields.read_as_text[0])"]


def test_a_list_entry_no_spec_has_in_an_open_schema_is_a_warning(git_repo: GitRepo) -> None:
    """Where the schema leaves the object open, an entry no spec has is the typo it was for
    a single field; one some spec has is not."""
    open_schema = {key: value for key, value in ADR_SCHEMA.items()
                   if key != "unevaluatedProperties"}
    adr_repo(git_repo, "replaced-by", "see-allso, see-also", "decisions", "number")
    git_repo.commit("Open", {"schema/spec.json": json.dumps(open_schema)})
    warnings = [line for line in run_cli("validate").stdout.splitlines()
                if "[unused-field]" in line]
    assert warnings == [
        "specrepo.yaml:4:48: warning: `fields: related:` names `see-allso`, a field no spec "
        "has (1 spec file) and the spec schema does not describe, so this `related` entry "
        "reads nothing; did you mean `see-also`? [unused-field] ($.fields.related[0])"]
