"""Reordering the requirements of an approved spec changes nothing an approval covers: the
order of a list with ids is not its items' content, so neither of two swapped items is
changed after approval, and every gate agrees (check59 trace59: one of the two was named
`item-moved` `[protected]`); a reorder with an edit is still the edit's change."""

from __future__ import annotations

import pytest

from tests.history.gitrepo import GitRepo, spec_text
from tests.support import run_cli

PATH = "specs/SPEC-0001-login.yaml"
ITEMS = {"FR-1": "Accept a password.", "FR-2": "Lock after five failures.",
         "FR-3": "Log every login."}


def _login(status: str, order: tuple[str, ...] = ("FR-1", "FR-2", "FR-3"),
           **changed: str) -> str:
    items = "".join(f"    - {{id: {item}, description: {changed.get(item, ITEMS[item])}, "
                    "priority: P1}\n" for item in order)
    return spec_text("SPEC-0001", status, "Login", extra="reviewers: [Grace Hopper]\n"
                     f"requirements:\n  functional:\n{items}")


@pytest.fixture
def approved(git_repo: GitRepo, monkeypatch: pytest.MonkeyPatch) -> GitRepo:
    git_repo.commit("Draft", {"specrepo.yaml": "specs: specs\n", PATH: _login("Draft")})
    git_repo.commit("Review", {PATH: _login("In Review")})
    git_repo.commit("Approve", {PATH: _login("Approved")}, author="Grace Hopper")
    monkeypatch.chdir(git_repo.root)
    return git_repo


def test_swapped_requirements_are_no_change_after_approval(approved: GitRepo) -> None:
    approved.commit("Swap FR-2 and FR-3", {PATH: _login("Approved", ("FR-1", "FR-3", "FR-2"))})
    validate = run_cli("validate", "--history")
    assert validate.exit_code == 0, validate.output
    assert run_cli("report", "--fail-on", "changed-after-approval").exit_code == 0
    assert "[protected]" not in run_cli("diff", "--since-approval").output
    timeline = run_cli("timeline", "SPEC-0001", "--format", "json").output
    assert "item-moved" in timeline  # the reorder is still in the spec's history


def test_a_reorder_with_an_edit_names_the_edited_item_alone(approved: GitRepo) -> None:
    approved.commit("Swap and edit", {PATH: _login(
        "Approved", ("FR-1", "FR-3", "FR-2"), **{"FR-2": "Lock after ten failures."})})
    validate = run_cli("validate", "--history")
    assert validate.exit_code == 1
    assert "requirements.functional[FR-2] changed after SPEC-0001" in validate.output
    assert "FR-3]" not in validate.output
