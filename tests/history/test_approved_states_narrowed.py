"""A spec approved stays approved for `changed-after-approval` when `statuses: approved:`
is narrowed after the approval (written out without the spec's state, or as `[]`), in
the commit that rewrites the approved spec or in one before it: the configuration in the
commit that moved the spec into its state counts as well as today's, as `approval:
protected:` does (trial37b). Narrowing it before the approval is honoured."""

from __future__ import annotations

import pytest

from tests.check.test_widened_workflow import WIDE
from tests.history.gitrepo import GitRepo
from tests.history.test_changed_after_approval import PATH, spec
from tests.history.test_protection_narrowed import staged_narrowing_fails
from tests.support import run_cli

NARROWED = WIDE + "  approved: [Implemented]\n"
FINDING = "requirements.functional[FR-1] changed after SPEC-0001 was approved"


def _approve(repo: GitRepo) -> str:
    repo.commit("Draft", {PATH: spec("Draft")})
    repo.commit("Review", {PATH: spec("In Review")})
    return repo.commit("Approve", {PATH: spec()}, author="Grace Hopper")


def _gates_fail(approved: str) -> None:
    """validate --history (the whole history, and a pull request's range), report and
    diff --since-approval all tell of the change."""
    for since in ((), ("--since", approved)):
        result = run_cli("validate", "--history", *since)
        assert result.exit_code == 1, result.output
        assert FINDING in result.output
        assert f"approved in commit {approved[:10]}" in result.output
    assert run_cli("report", "--fail-on", "changed-after-approval").exit_code == 1
    assert "Count all.  [protected]" in run_cli("diff", "--since-approval").output


@pytest.mark.parametrize("statuses", [NARROWED, WIDE + "  approved: []\n"],
                         ids=["narrowed", "none"])
def test_narrowing_in_the_commit_that_changes_approved_content(git_repo: GitRepo,
                                                               statuses: str) -> None:
    approved = _approve(git_repo)
    git_repo.commit("Restate the workflow; reword FR-1",
                    {"specrepo.yaml": statuses, PATH: spec(requirement="Count all.")})
    _gates_fail(approved)


def test_narrowing_in_a_commit_before_the_change(git_repo: GitRepo) -> None:
    approved = _approve(git_repo)
    git_repo.commit("Restate the workflow", {"specrepo.yaml": NARROWED})
    git_repo.commit("Reword FR-1", {PATH: spec(requirement="Count all.")})
    _gates_fail(approved)


def test_narrowing_before_the_approval_is_honoured(git_repo: GitRepo) -> None:
    git_repo.commit("Draft", {PATH: spec("Draft"), "specrepo.yaml": NARROWED})
    git_repo.commit("Review", {PATH: spec("In Review")})
    git_repo.commit("Approve", {PATH: spec()}, author="Grace Hopper")
    git_repo.commit("Reword FR-1", {PATH: spec(requirement="Count all.")})
    assert run_cli("validate", "--history").exit_code == 0
    assert run_cli("report", "--fail-on", "changed-after-approval").exit_code == 0


def test_the_commit_being_made_that_narrows_and_changes(git_repo: GitRepo,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    """The commit-msg hook judges a staged narrowing with a staged change as the commit."""
    staged_narrowing_fails(git_repo, monkeypatch, NARROWED)


@pytest.mark.parametrize("committed", [True, False], ids=["committed", "uncommitted"])
def test_diff_since_approval_shows_an_uncommitted_change_after_narrowing(
        git_repo: GitRepo, committed: bool) -> None:
    """The work tree's edit of approved content, with `approved:` narrowed in a commit
    after the approval (or in the work tree too), is a change since approval, as it is
    once committed (trial38 diff-since-approval-worktree-misses-after-approved-narrowed)."""
    _approve(git_repo)
    if committed:
        git_repo.commit("Restate the workflow", {"specrepo.yaml": NARROWED})
    else:
        git_repo.write("specrepo.yaml", NARROWED)
    git_repo.write(PATH, spec(requirement="Count all."))
    result = run_cli("diff", "--since-approval", "--exit-code")
    assert result.exit_code == 1, result.output
    assert "Count all.  [protected]" in result.output
