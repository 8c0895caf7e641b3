"""A field a `--fail-on` gate reads that a spec's version at HEAD holds in a shape specrepo
cannot read (questions a mapping keyed by id, a list of text; reviewers text; a status
that is a list), in a format whose loose schema lets it through, fails every gate that
concerns the spec, and the report names it at file:line:col: it never passes in silence
(trial35b). Warm and cold runs agree."""

from __future__ import annotations

import json
from typing import Any

import pytest

from tests.history.gitrepo import GitRepo
from tests.support import run_cli

OWN_FORMAT = {
    "specrepo.yaml": "specs: rfcs\nschema: s.json\nfields:\n  id: number\n  questions: issues\n",
    "s.json": '{"$schema": "https://json-schema.org/draft/2020-12/schema", "type": "object"}\n',
}
APPROVED_BY_GRACE = "reviewers: [{name: Grace, approved: 2026-01-01}]\n"


def rfc(status: str = "Approved", reviewers: str = APPROVED_BY_GRACE, issues: str = "") -> str:
    return f"number: RFC-1\ntitle: t\nstatus: {status}\n{reviewers}{issues}"


UNREADABLE_QUESTIONS = {
    "a mapping keyed by id": ("issues:\n  Q-1: {question: why, state: open}\n", 5, 1),
    "a list of plain text": ('issues:\n  - "why not X? (open)"\n', 6, 5),
    "text": ("issues: why not X?\n", 5, 9),
}


def report(*arguments: str) -> tuple[int, dict[str, Any], str]:
    result = run_cli("report", "--format", "json", *arguments)
    assert result.exit_code in (0, 1), result.output
    document: dict[str, Any] = json.loads(result.stdout)
    return result.exit_code, document, result.stderr


def unread(document: dict[str, Any]) -> list[tuple[str, str, int | None, int | None,
                                                   list[str], list[str]]]:
    return [(row["spec"], row["path"], row["line"], row["column"], row["fields"], row["fails"])
            for row in document["integrity"]["unreadable_fields"]]


@pytest.mark.parametrize("issues, line, column", UNREADABLE_QUESTIONS.values(),
                         ids=UNREADABLE_QUESTIONS.keys())
def test_an_approved_specs_unreadable_questions_fail_the_gate(
        git_repo: GitRepo, issues: str, line: int, column: int) -> None:
    git_repo.commit("init", {**OWN_FORMAT, "rfcs/RFC-1.yaml": rfc(issues=issues)})
    assert run_cli("validate").exit_code == 1  # spec-field
    for _ in range(2):  # cold, then with the history cache warm: the same verdict
        code, document, stderr = report("questions", "--fail-on",
                                        "open-questions-on-approved")
        assert code == 1
        assert document["failed_conditions"] == ["open-questions-on-approved"]
        assert document["open_questions"] == []
        assert unread(document) == [("RFC-1", "rfcs/RFC-1.yaml", line, column, ["questions"],
                                     ["open-questions-on-approved", "open-questions"])]
        assert "`issues" in document["integrity"]["unreadable_fields"][0]["why"]
        assert f"rfcs/RFC-1.yaml:{line}:{column}: `issues" in stderr
    table = run_cli("report", "questions", "--fail-on", "open-questions-on-approved")
    assert table.exit_code == 1
    assert f"RFC-1   questions  rfcs/RFC-1.yaml:{line}:{column}" in table.stdout


def test_the_questions_of_a_spec_the_gate_does_not_concern(git_repo: GitRepo) -> None:
    issues = UNREADABLE_QUESTIONS["a mapping keyed by id"][0]
    git_repo.commit("init", {**OWN_FORMAT, "rfcs/RFC-1.yaml": rfc("Draft", "", issues)})
    code, document, _ = report("--fail-on", "open-questions-on-approved")
    assert code == 0  # a draft's open questions do not fail it, readable or not
    assert unread(document)[0][-1] == ["open-questions"]
    code, document, _ = report("--fail-on", "open-questions")
    assert (code, document["failed_conditions"]) == (1, ["open-questions"])
    code, document, _ = report("--status", "Approved", "--allow-empty",
                               "--fail-on", "open-questions")
    assert code == 0 and unread(document)[0][-1] == []  # the filter leaves it out


@pytest.mark.parametrize("status, gate", [("In Review", 1), ("Draft", 0)])
def test_reviewers_that_cannot_be_read_fail_waiting_reviews_in_review(
        git_repo: GitRepo, status: str, gate: int) -> None:
    git_repo.commit("init", {**OWN_FORMAT,
                             "rfcs/RFC-1.yaml": rfc(status, "reviewers: Grace\n")})
    code, document, _ = report("--fail-on", "waiting-reviews")
    assert code == gate
    assert [row[2:5] for row in unread(document)] == [(4, 12, ["reviewers"])]


def test_a_status_that_cannot_be_read_fails_the_gates_that_ask_it(git_repo: GitRepo) -> None:
    git_repo.commit("init", {**OWN_FORMAT, "rfcs/RFC-1.yaml": rfc(
        "Draft", issues="issues: [{id: Q-1, question: why}]\n")})
    git_repo.commit("approve", {"rfcs/RFC-1.yaml": rfc(
        "[Approved]", issues="issues: [{id: Q-1, question: why}]\n")})
    code, document, stderr = report("--fail-on", "open-questions-on-approved")
    assert code == 1  # its one open question may be on an approved spec
    # a whole list: at its key (place43)
    assert [row[1:5] for row in unread(document)] == [("rfcs/RFC-1.yaml", 3, 1, ["status"])]
    assert "rfcs/RFC-1.yaml:3:1: `status` (the spec's status) is a list" in stderr
    table = run_cli("report", "questions", "--fail-on", "open-questions-on-approved")
    assert "Fields unreadable at HEAD" in table.stdout
    markdown = run_cli("report", "--format", "markdown").stdout
    assert markdown.count("### Fields unreadable at HEAD") == 1  # in integrity only


def test_readable_fields_fail_nothing(git_repo: GitRepo) -> None:
    git_repo.commit("init", {**OWN_FORMAT, "rfcs/RFC-1.yaml": rfc(
        issues="issues: [{id: Q-1, question: why, state: resolved}]\n")})
    code, document, stderr = report("--fail-on", "open-questions-on-approved,waiting-reviews")
    assert (code, unread(document), stderr) == (0, [], "")
    assert "Fields unreadable" not in run_cli("report").stdout


@pytest.mark.parametrize("status", ["Approved", "[Approved]"])
def test_a_spec_not_committed_yet_fails_the_gate_too(git_repo: GitRepo, status: str) -> None:
    git_repo.commit("init", {**OWN_FORMAT, "rfcs/RFC-2.yaml": rfc("Draft").replace(
        "RFC-1", "RFC-2")})
    issues = UNREADABLE_QUESTIONS["a list of plain text"][0]
    git_repo.write("rfcs/RFC-1.yaml", rfc(status, issues=issues))
    code, document, stderr = report("--fail-on", "open-questions-on-approved")
    assert code == 1
    assert [row[:2] + row[4:5] for row in unread(document)] == [
        ("RFC-1", "rfcs/RFC-1.yaml", ["status"] if "[" in status else ["questions"]),
        *([("RFC-1", "rfcs/RFC-1.yaml", ["questions"])] if "[" in status else [])]
    assert "no `status`" not in stderr


def test_fields_of_a_spec_not_committed_are_named_the_work_trees(git_repo: GitRepo) -> None:
    """A spec not committed yet has no version at HEAD: its unreadable fields are in a
    table named for the work tree, not "at HEAD" (trial75), a committed one's still at
    HEAD; HEAD's specs the work tree cannot read are named HEAD's."""
    git_repo.commit("init", {**OWN_FORMAT, "rfcs/RFC-1.yaml": rfc("[Approved]")})
    git_repo.write("rfcs/RFC-2.yaml", "number: RFC-2\ntitle: t\nstatus: [A\n")
    for fmt, mark in (("table", ""), ("markdown", "### ")):
        text = run_cli("report", "--format", fmt).stdout
        at_head, _, in_tree = text.partition(
            f"{mark}Fields unreadable in the work tree (not committed yet)")
        assert in_tree and "rfcs/RFC-2.yaml:3:" in in_tree, text
        assert "rfcs/RFC-2.yaml:3:" not in at_head.partition(
            f"{mark}Fields unreadable at HEAD")[2], text
        assert "rfcs/RFC-1.yaml:3:" in at_head.partition(f"{mark}Fields unreadable at HEAD")[2]
        assert "HEAD's specs unreadable in the work tree" in text
