"""What reviewers approved stays protected when `approval: protected:` is narrowed after
the approval (in the commit that changes the approved content, or in one before it): a
change is judged against what the configuration at the approval protected as well as
today's. Narrowing it before an approval is honoured; widening protects as today."""

from __future__ import annotations

import json

import pytest

from tests.history.gitrepo import GitRepo
from tests.history.test_changed_after_approval import PATH, spec, unapproved
from tests.history.test_staged_approval import check, stage
from tests.support import run_cli

NARROWED = "specs: specs\napproval:\n  protected: [summary, goals]\n"
FR_1 = ("item-changed", "requirements.functional[FR-1]")


def _approve(repo: GitRepo) -> str:
    repo.commit("Draft", {PATH: spec("Draft")})
    repo.commit("Review", {PATH: spec("In Review")})
    return repo.commit("Approve", {PATH: spec()}, author="Grace Hopper")


def _gates_fail(repo: GitRepo, change: str, approved: str) -> None:
    """validate --history, report and diff --since-approval all tell of the change."""
    assert unapproved(repo) == [FR_1]
    result = run_cli("validate", "--history")
    assert result.exit_code == 1, result.output
    assert (f"requirements.functional[FR-1] changed after SPEC-0001 was approved (item-changed "
            f"in commit {change[:10]}") in result.output
    assert f"approved in commit {approved[:10]}" in result.output
    assert run_cli("report", "--fail-on", "changed-after-approval").exit_code == 1
    diff = run_cli("diff", "--since-approval").output
    assert "Count all.  [protected]" in diff, diff
    shown = json.loads(run_cli("diff", "--since-approval", "--format", "json").output)
    assert shown["specs"][0]["changes"][0]["changes"][0]["protected"] is True


def test_narrowing_in_the_commit_that_changes_approved_content(git_repo: GitRepo) -> None:
    approved = _approve(git_repo)
    change = git_repo.commit("Tidy the configuration; reword FR-1",
                             {"specrepo.yaml": NARROWED, PATH: spec(requirement="Count all.")})
    _gates_fail(git_repo, change, approved)


def test_narrowing_in_a_commit_before_the_change(git_repo: GitRepo) -> None:
    approved = _approve(git_repo)
    git_repo.commit("Tidy the configuration", {"specrepo.yaml": NARROWED})
    change = git_repo.commit("Reword FR-1", {PATH: spec(requirement="Count all.")})
    _gates_fail(git_repo, change, approved)


def test_a_new_approval_under_the_narrowed_configuration_covers_it(git_repo: GitRepo) -> None:
    _approve(git_repo)
    git_repo.commit("Tidy the configuration; reword FR-1",
                    {"specrepo.yaml": NARROWED, PATH: spec(requirement="Count all.")})
    git_repo.commit("Reviewed\n\nApproved-by: Grace Hopper", {PATH: spec(
        requirement="Count all.", summary="Reviewed.")})
    assert unapproved(git_repo) == []
    git_repo.commit("Reword FR-1 again", {PATH: spec(requirement="Count some.",
                                                     summary="Reviewed.")})
    assert unapproved(git_repo) == []  # approved when requirements were no longer protected
    assert run_cli("validate", "--history").exit_code == 0


def test_narrowing_before_the_approval_is_honoured(git_repo: GitRepo) -> None:
    git_repo.commit("Draft", {PATH: spec("Draft"), "specrepo.yaml": NARROWED})
    git_repo.commit("Review", {PATH: spec("In Review")})
    git_repo.commit("Approve", {PATH: spec()}, author="Grace Hopper")
    git_repo.commit("Reword FR-1", {PATH: spec(requirement="Count all.")})
    assert unapproved(git_repo) == []
    assert run_cli("validate", "--history").exit_code == 0


def test_a_change_undone_needs_no_approval_whatever_was_protected(git_repo: GitRepo) -> None:
    _approve(git_repo)
    git_repo.commit("Narrow; reword", {"specrepo.yaml": NARROWED,
                                       PATH: spec(requirement="Count all.")})
    git_repo.commit("Reword back", {PATH: spec()})
    assert unapproved(git_repo) == []
    assert run_cli("validate", "--history").exit_code == 0


def staged_narrowing_fails(repo: GitRepo, monkeypatch: pytest.MonkeyPatch,
                           configuration: str, *, warm: bool = False) -> None:
    """The commit-msg hook, after an approval, judges a staged `configuration` (one that
    narrows) with a staged change to FR-1 as the commit: a finding (with `warm`, the
    history cache written before the configuration changed)."""
    _approve(repo)
    if warm:
        assert run_cli("validate", "--history").exit_code == 0
    monkeypatch.setenv("GIT_AUTHOR_NAME", "Ada Lovelace")
    monkeypatch.setenv("GIT_AUTHOR_EMAIL", "ada@example.com")
    repo.write("specrepo.yaml", configuration)
    stage(repo, spec(requirement="Count all."))
    repo.git("add", "specrepo.yaml")
    code, output = check(repo, "Tidy; reword\n")
    assert code == 1, output
    assert "requirements.functional[FR-1] changed after SPEC-0001 was approved" in output


def test_the_commit_being_made_that_narrows_and_changes(git_repo: GitRepo,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    """The commit-msg hook judges a staged narrowing with a staged change as the commit."""
    staged_narrowing_fails(git_repo, monkeypatch, NARROWED)


def test_an_approval_given_where_no_configuration_was_committed_is_judged_by_todays(
        git_repo: GitRepo) -> None:
    """An approval in a commit without the configuration file (specrepo adopted later, or
    its file never committed) was given under no `protected:`: today's narrower list
    judges the change, and no approved version is read for it on a warm run."""
    (git_repo.root / "specrepo.yaml").write_text(NARROWED)
    exclude = git_repo.root / ".git" / "info" / "exclude"
    exclude.write_text("/specrepo.yaml\n")
    _approve(git_repo)
    assert "specrepo.yaml" not in git_repo.git("ls-files")
    exclude.write_text("")
    git_repo.commit("Adopt; reword FR-1",
                    {"specrepo.yaml": NARROWED, PATH: spec(requirement="Count all.")})
    assert unapproved(git_repo) == []
    assert run_cli("validate", "--history").exit_code == 0
