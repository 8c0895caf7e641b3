"""A spec in review that names no reviewer (`reviewers: []`: validate's
`in-review-needs-reviewer`) waits on a review nobody was asked for: `report --fail-on
waiting-reviews` fails on it and says which, in the reviewers section ("In review, naming
no reviewer") and in JSON (`unreviewed`), where it passed in silence (trial36
waiting-reviews-silent-no-readable-reviewer). Warm runs agree."""

from __future__ import annotations

import json

import pytest

from tests.history.gitrepo import GitRepo
from tests.support import run_cli


def spec(status: str, reviewers: str = "[]") -> str:
    return (f"id: SPEC-0001\ntitle: T\nstatus: {status}\nauthors: [Ada Lovelace]\n"
            f"reviewers: {reviewers}\ncreated: 2026-01-01\nupdated: 2026-01-01\nsummary: s\n")


def test_a_spec_in_review_naming_no_reviewer_fails_the_gate(git_repo: GitRepo) -> None:
    git_repo.commit("draft", {"specs/SPEC-0001.yaml": spec("Draft")})
    git_repo.commit("review", {"specs/SPEC-0001.yaml": spec("In Review")})
    git_repo.commit("later", {"README.md": "x\n"})
    assert run_cli("validate").exit_code == 1  # in-review-needs-reviewer
    for _ in range(2):  # cold, then with the history cache warm
        result = run_cli("report", "--format", "json", "--fail-on", "waiting-reviews")
        assert result.exit_code == 1
        document = json.loads(result.stdout)
        assert document["failed_conditions"] == ["waiting-reviews"]
        assert document["unreviewed"] == [{"spec": "SPEC-0001", "days": 1.0}]
        assert document["reviewers"] == []
    table = run_cli("report", "reviewers", "--fail-on", "waiting-reviews")
    assert table.exit_code == 1
    assert "In review, naming no reviewer" in table.stdout
    assert "SPEC-0001  1.0 days" in table.stdout
    markdown = run_cli("report", "--format", "markdown")
    assert markdown.exit_code == 0 and "In review, naming no reviewer" in markdown.stdout


@pytest.mark.parametrize("status, reviewers", [("Draft", "[]"), ("In Review", "[Grace]")])
def test_a_draft_or_a_named_reviewer_is_not_unreviewed(git_repo: GitRepo, status: str,
                                                       reviewers: str) -> None:
    approved = "[{name: Grace, approved: 2026-01-01}]"
    git_repo.commit("init", {"specs/SPEC-0001.yaml": spec(status, reviewers.replace(
        "[Grace]", approved))})
    result = run_cli("report", "--format", "json", "--fail-on", "waiting-reviews")
    assert (result.exit_code, json.loads(result.stdout)["unreviewed"]) == (0, [])
    assert "naming no reviewer" not in run_cli("report").stdout


def test_a_format_without_reviewers_has_none_to_name(git_repo: GitRepo) -> None:
    git_repo.commit("init", {
        "specrepo.yaml": "specs: specs\nschema: s.json\nfields: {reviewers: null}\n",
        "s.json": '{"$schema": "https://json-schema.org/draft/2020-12/schema", '
                  '"type": "object"}\n',
        "specs/SPEC-0001.yaml": "id: SPEC-0001\ntitle: T\nstatus: In Review\n"})
    result = run_cli("report", "--format", "json", "--fail-on", "waiting-reviews")
    assert (result.exit_code, json.loads(result.stdout)["unreviewed"]) == (0, [])
