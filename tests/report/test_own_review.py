"""A spec's author reviewing her own spec is no review (trial51a MEDIUM, as a change's
author approving it is none): a spec In Review or Approved whose only reviewers are its
authors is a reviewer-rule finding, waits on a review nobody else was asked for in the
report, and her approval counts in no reviewer's approvals."""

from __future__ import annotations

import json

import pytest

from tests.history.gitrepo import GitRepo
from tests.report.test_unreviewed import spec
from tests.support import run_cli

PATH = "specs/SPEC-0001.yaml"
ADA = "[{name: Ada Lovelace, approved: 2026-01-03}]"


@pytest.mark.parametrize("reviewer", ["Ada Lovelace", "ada  lovelace",
                                      "Someone <ada@example.com>"])
def test_an_approved_spec_reviewed_only_by_its_author_is_a_finding(
        git_repo: GitRepo, reviewer: str) -> None:
    authors = "authors: [Ada Lovelace <ada@example.com>]"
    git_repo.commit("draft", {PATH: spec("Draft").replace("authors: [Ada Lovelace]", authors)})
    git_repo.commit("approve", {PATH: spec("Approved", ADA.replace("Ada Lovelace", reviewer))
                                .replace("authors: [Ada Lovelace]", authors)})
    for command in (("validate",), ("validate", "--history")):
        result = run_cli(*command)
        assert result.exit_code == 1
        assert ("error: the spec is Approved but its only reviewers are its authors "
                f"({reviewer}): an author's approval of her own spec is no review; add a "
                "reviewer who is not an author to `reviewers:` [approved-needs-reviewers]"
                ) in result.output
    if "<" not in reviewer:  # history keeps reviewers by name: the report matches names
        document = json.loads(run_cli("report", "--format", "json").stdout)
        assert [load["approvals"] for load in document["reviewers"]] == [0]


def test_a_spec_in_review_waiting_only_on_its_author_fails_the_gate(git_repo: GitRepo) -> None:
    git_repo.commit("draft", {PATH: spec("Draft")})
    git_repo.commit("review", {PATH: spec("In Review", "[Ada Lovelace]")})
    assert "its only reviewers are its authors" in run_cli("validate").output
    for _ in range(2):  # cold, then warm
        result = run_cli("report", "--format", "json", "--fail-on", "waiting-reviews")
        assert result.exit_code == 1
        document = json.loads(result.stdout)
        assert document["unreviewed"] == [{"spec": "SPEC-0001", "days": 0.0}]
        assert [load["waiting"] for load in document["reviewers"]] == [[]]


def test_another_reviewer_beside_the_author_is_a_review(git_repo: GitRepo) -> None:
    git_repo.commit("draft", {PATH: spec("Draft")})
    git_repo.commit("review", {PATH: spec("In Review", "[Ada Lovelace, Grace Hopper]")})
    git_repo.commit("approve", {PATH: spec(
        "Approved", "[{name: Ada Lovelace, approved: 2026-01-03}, "
                    "{name: Grace Hopper, approved: 2026-01-03}]")})
    assert run_cli("validate", "--history").exit_code == 0
    document = json.loads(run_cli("report", "--format", "json").stdout)
    assert {load["reviewer"]: load["approvals"] for load in document["reviewers"]} == \
        {"Ada Lovelace": 0, "Grace Hopper": 1}
