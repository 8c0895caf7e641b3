"""A change read across unreadable versions (a commit breaks the YAML and moves the status,
a later one fixes the YAML) is seen in the commit that reads again but may have been made
in any unread version before it: findings and the report name both (small63), in text
and in their machine outputs (full ids)."""

from __future__ import annotations

import json
from typing import Any

import jsonschema

from specrepo.load.schema_source import bundled_schema
from tests.history.gitrepo import GitRepo, spec_text
from tests.support import run_cli

PATH = "specs/SPEC-0001.yaml"
BROKEN = "testing: [unclosed\n"


def moved_while_broken(repo: GitRepo, broken_versions: int = 1) -> tuple[str, str]:
    """SPEC-0001 drafted, then moved to Approved by commits that break its YAML, then
    fixed: the first breaking commit and the fixing one."""
    repo.commit("draft", {PATH: spec_text()})
    breaking = [repo.commit(f"approve {number}", {PATH: spec_text(status="Approved")
                                                  + BROKEN + "#" * number + "\n"})
                for number in range(broken_versions)]
    fixed = repo.commit("fix", {PATH: spec_text(status="Approved")})
    return breaking[0], fixed


def illegal_facts(document: dict[str, Any]) -> list[tuple[str, str | None]]:
    """The commit and `unread_since` of each illegal-transition finding of validate's JSON."""
    return [(finding["properties"]["commit"], finding["properties"].get("unread_since"))
            for finding in document["findings"] if finding["rule"] == "illegal-transition"]


def test_a_move_across_unread_versions_names_where_they_start(git_repo: GitRepo) -> None:
    broken, fixed = moved_while_broken(git_repo, broken_versions=2)
    validated = run_cli("validate", "--history")
    assert validated.exit_code == 1
    assert (f"commit {fixed[:10]} (the versions since commit {broken[:10]} could not be "
            "read) by Ada Lovelace on 2026-01-05 moved the status from Draft to Approved, "
            "which the workflow does not allow") in validated.stdout
    document = json.loads(run_cli("validate", "--history", "--format", "json").stdout)
    assert illegal_facts(document) == [(fixed, broken)]
    sarif = json.loads(run_cli("validate", "--history", "--format", "sarif").stdout)
    assert [result["properties"].get("unread_since") for result in sarif["runs"][0]["results"]
            if result["ruleId"] == "illegal-transition"] == [broken]


def test_the_report_names_them_too(git_repo: GitRepo) -> None:
    broken, fixed = moved_while_broken(git_repo)
    reported = run_cli("report", "--format", "json")
    document = json.loads(reported.stdout)
    jsonschema.Draft202012Validator(bundled_schema("report.schema.json")).validate(document)
    assert [(move["commit"], move["unread_since"])
            for move in document["integrity"]["illegal_transitions"]] == [(fixed, broken)]
    table = run_cli("report").stdout
    assert (f"{fixed[:10]} (the versions since commit {broken[:10]} could not be read)"
            in table)


def test_a_move_between_readable_versions_names_one_commit(git_repo: GitRepo) -> None:
    git_repo.commit("draft", {PATH: spec_text()})
    moved = git_repo.commit("approve", {PATH: spec_text(status="Approved")})
    document = json.loads(run_cli("validate", "--history", "--format", "json").stdout)
    assert illegal_facts(document) == [(moved, None)]
    reported = json.loads(run_cli("report", "--format", "json").stdout)
    assert [move["unread_since"] for move in reported["integrity"]["illegal_transitions"]] \
        == [None]
    assert "could not be read" not in run_cli("validate", "--history").stdout
