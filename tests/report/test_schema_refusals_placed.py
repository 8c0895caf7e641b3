"""A field the spec schema refuses at HEAD (bundled or a format of one's own: an enum, a
`oneOf`/`anyOf` alternative, a date format, a pattern, a required key) is named by `report`
as `validate` names it: the same words at the same file:line:col, in the "Fields unreadable
at HEAD" table, its JSON and on stderr, cold and warm; never jsonschema's own message with
the value as Python (trial36c report-unreadable-reviewers-no-line)."""

from __future__ import annotations

import json
import re

import pytest

from specrepo.history.cache_data import version_to_json, versions_from_json
from specrepo.model.version import FieldProblem, Version, said_at
from tests.history.gitrepo import GitRepo, spec_text
from tests.support import run_cli

BUNDLED = {"specrepo.yaml": "specs: specs\n"}
OWN_CONFIG = """specs: rfcs
schema: s.json
fields: {id: number, title: name, status: meta.state, reviewers: approvers,
         questions: issues, authors: null, created: null, updated: null,
         superseded_by: null, related: [], item_lists: []}
statuses:
  states: [draft, review, done]
  transitions: {draft: [review], review: [done]}
  in_review: [review]
  approved: [done]
rules: {file-name: off}
"""
OWN_SCHEMA = json.dumps({
    "type": "object", "required": ["number", "meta"],
    "$defs": {"who": {"type": "object", "required": ["name"],
                      "properties": {"name": {"type": "string", "maxLength": 20},
                                     "approved": {"type": "string", "format": "date"}},
                      "additionalProperties": False}},
    "properties": {
        "number": {"type": "string"},
        "meta": {"type": "object", "required": ["state"], "properties": {
            "state": {"oneOf": [{"enum": ["draft", "review"]}, {"const": "done"}]}}},
        "approvers": {"type": "array",
                      "items": {"anyOf": [{"type": "string"}, {"$ref": "#/$defs/who"}]}},
        "issues": {"type": "array", "items": {
            "type": "object", "required": ["id"],
            "properties": {"id": {"type": "string", "pattern": "^Q[0-9]+$"}}}}}})
OWN = {"specrepo.yaml": OWN_CONFIG, "s.json": OWN_SCHEMA}
GRACE = "  - name: Grace Hopper\n"


def _own(rest: str) -> str:
    return f'number: "RFC-1"\nname: One\n{rest}'


CASES = {
    # the trial's case: `approved:` no day, inside the reviewers' `oneOf`
    "bundled approved not a day": (BUNDLED, "specs/SPEC-0001.yaml", spec_text(
        status="In Review", extra=f"reviewers:\n{GRACE}    approved: 2026-1-5\n")),
    "bundled status enum": (BUNDLED, "specs/SPEC-0001.yaml", spec_text(status="Aproved")),
    "bundled status null": (BUNDLED, "specs/SPEC-0001.yaml", spec_text(status="null")),
    "bundled reviewer without name": (BUNDLED, "specs/SPEC-0001.yaml", spec_text(
        status="In Review", extra="reviewers:\n  - approved: 2026-01-05\n")),
    "bundled reviewer key misspelt": (BUNDLED, "specs/SPEC-0001.yaml", spec_text(
        status="In Review", extra=f"reviewers:\n{GRACE}    aproved: 2026-01-05\n")),
    "bundled reviewers not a list": (BUNDLED, "specs/SPEC-0001.yaml", spec_text(
        status="In Review", extra="reviewers: 5\n")),
    "bundled question state": (BUNDLED, "specs/SPEC-0001.yaml", spec_text(
        status="Approved", extra=f"reviewers:\n{GRACE}    approved: 2026-01-05\n"
        "open_questions:\n  - id: Q1\n    question: Why?\n    state: shut\n")),
    "bundled questions null": (BUNDLED, "specs/SPEC-0001.yaml", spec_text(
        status="Approved", extra=f"reviewers:\n{GRACE}    approved: 2026-01-05\n"
        "open_questions:\n")),
    "own oneOf status": (OWN, "rfcs/RFC-1.yaml", _own("meta:\n  state: revue\n")),
    "own status missing": (OWN, "rfcs/RFC-1.yaml", _own("meta: {}\n")),
    "own anyOf approved not a day": (OWN, "rfcs/RFC-1.yaml", _own(
        "meta:\n  state: review\napprovers:\n  - name: Ada\n    approved: 2026-13-01\n")),
    "own anyOf name too long": (OWN, "rfcs/RFC-1.yaml", _own(
        "meta:\n  state: review\napprovers:\n  - name: Adaaaaaaaaaaaaaaaaaaaaaaaaaa\n")),
    "own question id pattern": (OWN, "rfcs/RFC-1.yaml", _own(
        "meta:\n  state: done\nissues:\n  - id: X1\n")),
}


@pytest.mark.parametrize("files, path, text", CASES.values(), ids=CASES.keys())
def test_report_names_what_validate_names_where_it_does(
        git_repo: GitRepo, files: dict[str, str], path: str, text: str) -> None:
    git_repo.commit("init", {**files, path: text})
    validated = run_cli("validate")
    schema_findings = re.findall(rf"^{re.escape(path)}:(\d+):(\d+): error: (.*) \[schema\]",
                                 validated.stdout, re.MULTILINE)
    assert schema_findings, validated.stdout
    for _ in range(2):  # cold, then with the history cache (and the readings cache) warm
        result = run_cli("report", "--format", "json")
        [row] = json.loads(result.stdout)["integrity"]["unreadable_fields"]
        assert (str(row["line"]), str(row["column"]), row["why"]) in schema_findings
        assert f"{path}:{row['line']}:{row['column']}: {row['why']}" in result.stderr
        assert " is not valid under " not in result.stderr + row["why"]
        assert "{'" not in row["why"]  # no value shown as Python


def test_the_trials_table_and_warning(git_repo: GitRepo) -> None:
    """`report reviewers --fail-on waiting-reviews`, as the trial ran it."""
    path = "specs/SPEC-0001.yaml"
    git_repo.commit("init", {**BUNDLED, path: (
        'id: SPEC-0001\ntitle: "S"\nstatus: In Review\nauthors: [Ada]\nreviewers:\n'
        "  - name: Grace Hopper\n    approved: 2026-1-5\ncreated: 2026-01-01\n"
        "updated: 2026-01-02\nsummary: About.\n")})
    said = "'2026-1-5' is not a valid calendar date (YYYY-MM-DD)"
    assert f"{path}:7:15: error: {said} [schema]" in run_cli("validate").stdout
    result = run_cli("report", "reviewers", "--fail-on", "waiting-reviews")
    assert result.exit_code == 1
    table = result.stdout.split("Fields unreadable at HEAD\n")[1]
    assert re.search(rf"SPEC-0001 +reviewers +{path}:7:15 +{re.escape(said)} +waiting-reviews",
                     table), table
    assert (f"SPEC-0001: HEAD's version reads, but fails `specrepo validate`: {path}:7:15: "
            f"{said} (its last readable values are reported); --fail-on waiting-reviews "
            "cannot pass on it") in result.stderr


def test_a_skipped_versions_reason_keeps_its_place_and_the_cache_its_data() -> None:
    """The history cache holds the place as numbers, and gives it back as it was."""
    placed = FieldProblem("'2026-1-5' is not a valid calendar date (YYYY-MM-DD)", 7, 15)
    unplaced = FieldProblem("a Git LFS pointer that names no object")
    version = Version(spec_id="SPEC-0001", unreadable=(("reviewers", placed),
                                                       ("status", unplaced)))
    [restored] = versions_from_json(json.loads(json.dumps([version_to_json(version)])))
    assert restored == version
    assert said_at(restored.problems, "specs/a.yaml") == \
        f"specs/a.yaml: {unplaced.why}; specs/a.yaml:7:15: {placed.why}"
