"""A pull request that moved a spec (Draft -> In Review) while main moved it elsewhere
(Draft -> Rejected, a terminal state; or -> Approved), whose conflict is resolved keeping
the branch's status, in an "Update branch" merge or in the merge into main itself, then
merged with a merge commit: main's status goes from Rejected (or Approved) to In Review,
a move the workflow forbids, and `validate --history` (with and without `--since` the
merge's first parent) and `report --fail-on illegal-transitions` say so (trial35b). The
branch's own move, from the status it started in, was legal; main's was not.
"""

from __future__ import annotations

import pytest

from tests.history.gitrepo import GitRepo
from tests.history.test_update_branch_merges import ONE, spec, statuses, update_branch
from tests.support import run_cli

STRICT = """specs: specs
statuses:
  states: [Draft, In Review, Approved, Rejected]
  transitions: {Draft: [In Review, Rejected], In Review: [Approved, Draft, Rejected]}
"""


@pytest.mark.parametrize("main_moved_to", ["Rejected", "Approved"])
@pytest.mark.parametrize("updated", [True, False])
def test_a_branch_status_kept_over_mains_move_is_judged_as_mains_move(
        git_repo: GitRepo, main_moved_to: str, updated: bool) -> None:
    git_repo.commit("init", {"specrepo.yaml": STRICT, ONE: spec("Draft")})
    git_repo.git("checkout", "-q", "-b", "pr")
    git_repo.commit("review", {ONE: spec("In Review")})
    git_repo.git("checkout", "-q", "main")
    if main_moved_to == "Approved":
        git_repo.commit("review on main", {ONE: spec("In Review", "On main.")})
    git_repo.commit("main moves", {ONE: spec(main_moved_to, "On main.")})
    base = git_repo.git("rev-parse", "HEAD")
    if updated:
        update_branch(git_repo, files={ONE: spec("In Review", "On main.")})
    git_repo.merge("pr", message="Merge pr", files={ONE: spec("In Review", "On main.")})
    assert git_repo.git("show", f"HEAD:{ONE}") == spec("In Review", "On main.").strip()
    for arguments in (["validate", "--history"], ["validate", "--history", "--since", base]):
        result = run_cli(*arguments)
        assert result.exit_code == 1, result.output
        assert f"settled the status on In Review (a merged branch's) where HEAD's " \
            f"first-parent line held {main_moved_to} before the merge, which the workflow " \
            "does not allow" in result.output
        assert "where a merged branch left it" not in result.output  # main's status
    assert run_cli("report", "--fail-on", "illegal-transitions").exit_code == 1
    assert ("merge-resolved", main_moved_to, "In Review", "Merge pr") in statuses(git_repo)


def test_the_branch_s_move_from_mains_status_is_not_judged_twice(git_repo: GitRepo) -> None:
    """Main moved Draft -> In Review; the branch, updated from main, moved In Review ->
    Approved: main goes In Review -> Approved at the merge, the branch's legal move."""
    git_repo.commit("init", {"specrepo.yaml": STRICT, ONE: spec("Draft")})
    git_repo.git("checkout", "-q", "-b", "pr")
    git_repo.commit("edit", {ONE: spec("Draft", "Edited.")})
    git_repo.git("checkout", "-q", "main")
    git_repo.commit("review on main", {ONE: spec("In Review")})
    update_branch(git_repo)
    git_repo.git("checkout", "-q", "pr")
    git_repo.commit("approve", {ONE: spec("Approved", "Edited.")})
    git_repo.git("checkout", "-q", "main")
    git_repo.merge("pr", message="Merge pr")
    result = run_cli("validate", "--history")
    assert result.exit_code == 0, result.output
    assert [event for event in statuses(git_repo) if event[0] == "merge-resolved"] == []


def test_a_branch_that_never_moved_kept_over_mains_move_is_said_as_mains(
        git_repo: GitRepo) -> None:
    """The branch only edited the spec (it stayed Draft); the merge keeps the branch's
    Draft over main's Rejected: main's move, from main's status, said as main's (msg36:
    "where a merged branch left it Rejected", the branch never had it)."""
    git_repo.commit("init", {"specrepo.yaml": STRICT, ONE: spec("Draft")})
    git_repo.git("checkout", "-q", "-b", "pr")
    git_repo.commit("edit", {ONE: spec("Draft", "Edited.")})
    git_repo.git("checkout", "-q", "main")
    git_repo.commit("main moves", {ONE: spec("Rejected")})
    git_repo.git("merge", "-q", "--no-ff", "--no-commit", "pr")  # git's merge: Rejected
    git_repo.write(ONE, spec("Draft", "Edited."))
    git_repo.git("add", "-A")
    git_repo.git("commit", "-q", "-m", "Merge pr")
    result = run_cli("validate", "--history")
    assert result.exit_code == 1, result.output
    assert "settled the status on Draft (a merged branch's) where HEAD's first-parent " \
        "line held Rejected before the merge" in result.output
    assert "where a merged branch left it" not in result.output
    assert ("merge-resolved", "Rejected", "Draft", "Merge pr") in statuses(git_repo)


@pytest.mark.parametrize("own_edit", [True, False])
def test_a_status_the_branch_overrode_in_its_own_merge_is_no_from(
        git_repo: GitRepo, own_edit: bool) -> None:
    """The pull request (Draft -> In Review) merged a branch of its own that rejected the
    spec, keeping In Review (with an edit of that branch's, or its own file whole); main
    goes Draft -> In Review at its merge, the pull request's legal move: no move from the
    other branch's Rejected, walked last (msg36: a merge-resolved Rejected -> In Review
    was reported, "where a merged branch left it Rejected")."""
    git_repo.commit("init", {"specrepo.yaml": STRICT, ONE: spec("Draft")})
    git_repo.git("checkout", "-q", "-b", "pr")
    git_repo.commit("review", {ONE: spec("In Review")})
    git_repo.git("checkout", "-q", "-b", "sub", "main")
    summary = "Sub." if own_edit else "Why and what."
    git_repo.commit("reject", {ONE: spec("Rejected", summary)})
    git_repo.git("checkout", "-q", "pr")
    git_repo.merge("sub", message="Merge sub", files={ONE: spec("In Review", summary)})
    git_repo.git("checkout", "-q", "main")
    git_repo.merge("pr", message="Merge pr")
    assert git_repo.git("show", f"HEAD:{ONE}") == spec("In Review", summary).strip()
    result = run_cli("validate", "--history")
    assert result.exit_code == 0, result.output
    assert run_cli("report", "--fail-on", "illegal-transitions").exit_code == 0
    assert [event for event in statuses(git_repo) if event[0] == "merge-resolved"] == []


def test_mains_status_kept_over_a_branch_is_a_move_from_the_branch_tips_status(
        git_repo: GitRepo) -> None:
    """The pull request moved In Review -> Draft and merged a branch of its own that
    rejected the spec, keeping Draft (its file whole); the merge into main keeps main's
    In Review: the move overridden is the pull request's Draft -> In Review (allowed), not
    one from the other branch's Rejected, walked last (msg36)."""
    git_repo.commit("init", {"specrepo.yaml": STRICT, ONE: spec("In Review")})
    git_repo.git("checkout", "-q", "-b", "pr")
    git_repo.commit("back to draft", {ONE: spec("Draft")})
    git_repo.git("checkout", "-q", "-b", "sub", "main")
    git_repo.commit("reject", {ONE: spec("Rejected")})
    git_repo.git("checkout", "-q", "pr")
    git_repo.merge("sub", message="Merge sub", files={ONE: spec("Draft")})
    git_repo.git("checkout", "-q", "main")
    git_repo.commit("main edit", {ONE: spec("In Review", "On main.")})
    git_repo.git("merge", "-q", "--no-ff", "--no-commit", "pr")
    git_repo.write(ONE, spec("In Review", "On main."))  # main's file kept whole
    git_repo.git("add", "-A")
    git_repo.git("commit", "-q", "-m", "Merge pr")
    result = run_cli("validate", "--history")
    assert result.exit_code == 0, result.output
    assert ("merge-resolved", "Draft", "In Review", "Merge pr") in statuses(git_repo)
