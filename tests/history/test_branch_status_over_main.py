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
        assert f"settled the status on In Review where a merged branch left it " \
            f"{main_moved_to}, which the workflow does not allow" in result.output
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
