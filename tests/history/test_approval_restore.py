"""A spec deleted and added back (a move in two commits, a revert of a deletion) is the
same spec: what changed between the deleted version and the restored one is a change of
it, and bringing it back approves nothing."""

from __future__ import annotations

from specrepo.configuration.config_file import load_config
from specrepo.history.mine import mine_history
from specrepo.model.approval_standing import approval_of
from specrepo.model.item_changes import item_changes
from specrepo.model.workflow import DEFAULT_WORKFLOW
from tests.history.gitrepo import GitRepo
from tests.history.test_changed_after_approval import PATH, spec
from tests.support import run_cli

MOVED = "specs/archive/SPEC-0001.yaml"


def _approved(repo: GitRepo) -> str:
    repo.commit("Draft", {PATH: spec("Draft")})
    repo.commit("Review", {PATH: spec("In Review")})
    return repo.commit("Approve", {PATH: spec()}, author="Grace Hopper")


def test_edits_made_while_restoring_a_deleted_spec_need_a_new_approval(
        git_repo: GitRepo) -> None:
    approved = _approved(git_repo)
    git_repo.commit("Remove SPEC-0001 (moving it)", {PATH: None})
    # A cache that ends at the deletion: the next run's walk goes on from there. The
    # approved spec's removal is a finding until it comes back (the folder reads no spec
    # now, emptied by a commit: its removals judged, --allow-empty or not).
    assert run_cli("validate", "--history").exit_code == 1
    assert run_cli("validate", "--history", "--allow-empty").exit_code == 1
    assert (git_repo.root / ".git" / "specrepo" / "history-cache.json").is_file()
    back = git_repo.commit("Add SPEC-0001 back", {MOVED: spec(summary="Never reviewed.")})
    history = mine_history(load_config(None, git_repo.root))
    mined = history.spec("SPEC-0001")
    approval = approval_of(mined, DEFAULT_WORKFLOW, history.ancestry)
    assert approval is not None
    assert approval.entered.commit == approved  # the restore is no approval
    assert [(event.kind, event.field_label, event.commit) for event in approval.unapproved] \
        == [("section-changed", "summary", back)]
    result = run_cli("validate", "--history")
    assert result.exit_code == 1
    assert f"summary changed after SPEC-0001 was approved (section-changed in commit " \
           f"{back[:10]}" in result.output
    assert f"approved in commit {approved[:10]}" in result.output
    assert run_cli("report", "--fail-on", "changed-after-approval").exit_code == 1
    diff = run_cli("diff", "--since-approval").output
    assert "summary" in diff and "Never reviewed." in diff
    timeline = run_cli("timeline", "SPEC-0001").output
    assert "section-changed" in timeline


def test_a_restore_unchanged_is_no_change_and_no_new_approval(git_repo: GitRepo) -> None:
    approved = _approved(git_repo)
    git_repo.commit("Remove", {PATH: None})
    git_repo.commit("Revert the removal", {PATH: spec()})
    assert run_cli("validate", "--history").exit_code == 0
    edit = git_repo.commit("Edit", {PATH: spec(summary="Changed later.")})
    result = run_cli("validate", "--history")
    assert result.exit_code == 1
    assert f"commit {edit[:10]}" in result.output
    assert f"approved in commit {approved[:10]}" in result.output


def test_a_requirement_rewritten_while_restoring_is_an_item_event(git_repo: GitRepo) -> None:
    _approved(git_repo)
    git_repo.commit("Remove", {PATH: None})
    back = git_repo.commit("Back", {PATH: spec(requirement="Count nothing.")})
    history = mine_history(load_config(None, git_repo.root))
    changed = item_changes(history.spec("SPEC-0001"), "requirements.functional", "FR-1")
    assert changed and changed[-1].commit == back
