"""The reviewers section tallies each spec in one pass: its review times read once, and a
spec none of whose reviewers ever approved it counted without judging each reviewer
(rep38: a warm report on 655 specs spent 116 M instructions there, most on a
`ReviewerApproval` for every reviewer of every spec)."""

from __future__ import annotations

import json
from collections import Counter
from typing import Any

import pytest

from specrepo.model.review_round import reviewer_approvals
from specrepo.model.review_times import spec_review_times
from specrepo.report import build
from tests.history.gitrepo import GitRepo, spec_text
from tests.support import run_cli


def _spec(spec_id: str, status: str, reviewers: str) -> str:
    return spec_text(spec_id=spec_id, status=status, extra=f"reviewers:\n{reviewers}")


@pytest.fixture
def three_specs(git_repo: GitRepo) -> GitRepo:
    """SPEC-0001 in review, nobody approved; SPEC-0002 in review, approved by Grace's own
    date; SPEC-0003 a draft nobody approved."""
    git_repo.commit("Drafts", {
        "specs/SPEC-0001.yaml": _spec("SPEC-0001", "In Review",
                                      "  - {name: Grace Hopper}\n  - {name: Alan Turing}\n"),
        "specs/SPEC-0002.yaml": _spec("SPEC-0002", "In Review", "  - {name: Grace Hopper}\n"),
        "specs/SPEC-0003.yaml": _spec("SPEC-0003", "Draft", "  - {name: alan turing}\n"),
    })
    git_repo.commit("Approve", {"specs/SPEC-0002.yaml": _spec(
        "SPEC-0002", "In Review", "  - {name: Grace Hopper, approved: 2026-01-03}\n")},
        author="Grace Hopper")
    return git_repo


def _reviewers() -> dict[str, Any]:
    shown = run_cli("report", "reviewers", "--format", "json")
    assert shown.exit_code == 0, shown.output
    return {row["reviewer"]: row for row in json.loads(shown.stdout)["reviewers"]}


def test_specs_nobody_approved_are_tallied_with_those_approved(three_specs: GitRepo) -> None:
    rows = _reviewers()
    assert sorted(rows) == ["Alan Turing", "Grace Hopper"]
    alan, grace = rows["Alan Turing"], rows["Grace Hopper"]
    assert (alan["reviewing"], alan["approvals"]) == (["SPEC-0001", "SPEC-0003"], 0)
    assert [wait["spec"] for wait in alan["waiting"]] == ["SPEC-0001"]
    assert (grace["reviewing"], grace["approvals"]) == (["SPEC-0001", "SPEC-0002"], 1)
    assert [wait["spec"] for wait in grace["waiting"]] == ["SPEC-0001"]


def test_each_spec_is_tallied_in_one_pass(three_specs: GitRepo,
                                         monkeypatch: pytest.MonkeyPatch) -> None:
    """Review times read once per spec; reviewers judged one by one only for the spec
    somebody approved (SPEC-0002), through `reviewer_approvals`."""
    read: Counter[str] = Counter()
    judged: list[str] = []
    def counted(spec: Any) -> Any:
        read[spec.spec_id] += 1
        return spec_review_times(spec)

    def judging(events: Any, named: Any, *rest: Any) -> Any:
        judged.append(events[0].spec_id)
        return reviewer_approvals(events, named, *rest)

    def refused(*_: Any) -> Any:
        raise AssertionError("a ReviewerApproval made for a spec nobody approved")

    monkeypatch.setattr(build, "spec_review_times", counted)
    monkeypatch.setattr(build, "reviewer_approvals", judging)
    monkeypatch.setattr(build, "ReviewerApproval", refused)
    rows = _reviewers()
    assert rows["Grace Hopper"]["approvals"] == 1
    assert read == Counter({"SPEC-0001": 1, "SPEC-0002": 1, "SPEC-0003": 1})
    assert judged == ["SPEC-0002"]
