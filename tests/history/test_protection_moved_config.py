"""What an approval covered is read from the configuration where the approving commit had
it (trial36): a pull request that moves specrepo.yaml with the specs into design/ (a
monorepo restructure), narrows `approval: protected:` and edits the approved summary
fails the gates, as the same change in place does."""

from __future__ import annotations

import json

import pytest

from tests.history.gitrepo import GitRepo, spec_text
from tests.support import run_cli

PROTECTING = "specs: specs\napproval:\n  protected: [summary, goals]\n"
NARROWED = "specs: specs\napproval:\n  protected: [goals]\n"
PATH = "specs/SPEC-0001.yaml"


def spec(status: str, summary: str = "Why and what.") -> str:
    return spec_text(status=status, extra="reviewers: [Grace Hopper]\n").replace(
        "Why and what.", summary)


@pytest.fixture
def approved(git_repo: GitRepo) -> str:
    """SPEC-0001 approved by Grace while the configuration protected its summary."""
    git_repo.commit("Draft", {"specrepo.yaml": PROTECTING, PATH: spec("Draft")})
    git_repo.commit("Review", {PATH: spec("In Review")})
    return git_repo.commit("Approve", {PATH: spec("Approved")}, author="Grace Hopper")


def gates_fail(approval: str) -> None:
    validated = run_cli("validate", "--history")
    assert validated.exit_code == 1, validated.output
    assert "summary changed after SPEC-0001 was approved" in validated.stdout
    assert f"approved in commit {approval[:10]}" in validated.stdout
    assert run_cli("report", "--fail-on", "changed-after-approval").exit_code == 1
    shown = json.loads(run_cli("diff", "--since-approval", "--format", "json").output)
    assert shown["specs"][0]["changes"][0]["changes"][0]["protected"] is True, shown


@pytest.mark.parametrize("apart", [False, True], ids=["one-commit", "moved-first"])
def test_moved_with_the_specs_narrowed_and_the_summary_edited(
        git_repo: GitRepo, approved: str, monkeypatch: pytest.MonkeyPatch,
        apart: bool) -> None:
    """Moved, narrowed and edited in one commit, or moved in one and narrowed and edited
    in the next."""
    (git_repo.root / "design").mkdir()
    git_repo.git("mv", "specrepo.yaml", "specs", "design/")
    if apart:
        git_repo.commit("Restructure into design/")
    git_repo.commit("Narrow and edit", {
        "design/specrepo.yaml": NARROWED,
        f"design/{PATH}": spec("Approved", "Why and what, and now something else.")})
    monkeypatch.chdir(git_repo.root / "design")
    gates_fail(approved)


def test_a_moved_configuration_protecting_as_before_adds_nothing(
        git_repo: GitRepo, approved: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """An unprotected field edited after the move stays unprotected."""
    (git_repo.root / "design").mkdir()
    git_repo.git("mv", "specrepo.yaml", "specs", "design/")
    git_repo.commit("Restructure into design/", {
        f"design/{PATH}": spec("Approved") + "background:\n  current_state: Because.\n"})
    monkeypatch.chdir(git_repo.root / "design")
    assert run_cli("validate", "--history").exit_code == 0
