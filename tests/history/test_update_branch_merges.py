"""A pull request brought up to date with GitHub's "Update branch" (a merge commit on the
pull request's branch: its first parent the branch, its second main) that takes main's
status of a spec, then merged into main with a merge commit, squashed or rebased (final34
F1). Every status move made is legal, so nothing is found; main's moves show once each,
at their own commits; the update's taking of main's status is a `status-taken` event of
its own (off HEAD's line, no move); a real illegal move is still caught; and the output
is the same cold, warm, and walked on from a cache written before the last merge.
"""

from __future__ import annotations

import json
import subprocess

import pytest

from specrepo.history.cache import CACHE_FILE
from tests.history.gitrepo import DAY, GitRepo, spec_text
from tests.support import run_cli

ONE = "specs/SPEC-0001.yaml"
TWO = "specs/SPEC-0002.yaml"
MOVED = "specs/core/SPEC-0001.yaml"


def spec(status: str, summary: str = "Why and what.", title: str = "A spec",
         spec_id: str = "SPEC-0001") -> str:
    """A version of a spec; the summary is a field far enough from `status:` for git to
    merge edits of both."""
    return spec_text(spec_id, status=status, title=title,
                     extra="reviewers: [Grace Hopper]\n").replace("Why and what.", summary)


def statuses(repo: GitRepo, spec_id: str = "SPEC-0001") -> list[tuple[str, str, str, str]]:
    """The spec's status events: (kind, from, to, commit subject)."""
    timeline = json.loads(run_cli("timeline", spec_id, "--format", "json").stdout)
    return [(event["kind"], event["from"], event["to"],
             repo.git("log", "-1", "--format=%s", event["commit"]))
            for event in timeline["events"] if event["field"] == "status"]


def update_branch(repo: GitRepo, branch: str = "pr", *,
                  files: dict[str, str] | None = None) -> str:
    """GitHub's "Update branch": main merged into `branch` (its tree `files` written over
    git's result, if given: a conflict resolved, or an edit of the merge's own)."""
    repo.git("checkout", "-q", branch)
    repo.clock += DAY
    subprocess.run(["git", "merge", "-q", "--no-ff", "--no-commit", "main"], cwd=repo.root,
                   env=repo.environment(), capture_output=True, check=False)
    for path, text in (files or {}).items():
        repo.write(path, text)
    repo.git("add", "-A")
    repo.git("commit", "-q", "-m", "Update branch", date=repo.clock)
    update = repo.git("rev-parse", "HEAD")
    repo.git("checkout", "-q", "main")
    return update


def land(repo: GitRepo, how: str, branch: str = "pr") -> None:
    """The pull request into main: a merge commit, squashed, or its commits rebased onto
    main (GitHub's "Rebase and merge": merge commits dropped)."""
    if how == "merge":
        repo.merge(branch, message="Merge pr")
    elif how == "squash":
        repo.git("merge", "-q", "--squash", branch)
        repo.git("commit", "-q", "-m", "Squash pr", date=repo.clock + DAY)
    else:
        repo.git("checkout", "-q", branch)
        repo.git("rebase", "-q", "main")
        repo.git("checkout", "-q", "main")
        repo.git("merge", "-q", "--ff-only", branch)


def no_finding(repo: GitRepo) -> None:
    result = run_cli("validate", "--history")
    assert result.exit_code == 0, result.output
    assert run_cli("report", "--fail-on", "illegal-transitions").exit_code == 0


@pytest.mark.parametrize("how", ["merge", "squash", "rebase"])
@pytest.mark.parametrize("own_edit", [False, True])
@pytest.mark.parametrize("edited", [False, True])
@pytest.mark.parametrize("moved_after_fork", [False, True])
def test_an_update_taking_main_s_move(git_repo: GitRepo, how: str, own_edit: bool,
                                      edited: bool, moved_after_fork: bool) -> None:
    """Main moves the spec Draft -> In Review before or after the branch point; the
    branch edits another field (or not); "Update branch" takes main's status (with an
    edit of its own, or not); the pull request lands."""
    git_repo.commit("Draft", {ONE: spec("Draft")})
    if not moved_after_fork:
        git_repo.commit("Review on main", {ONE: spec("In Review")})
    git_repo.git("checkout", "-q", "-b", "pr")
    status = "Draft" if moved_after_fork else "In Review"
    git_repo.commit("Work", {ONE: spec(status, "The branch's.")} if edited else {"a.md": "a"})
    git_repo.git("checkout", "-q", "main")
    if moved_after_fork:
        git_repo.commit("Review on main", {ONE: spec("In Review")})
    git_repo.commit("Other", {"b.md": "b"})
    summary = "The branch's." if edited else "Why and what."
    update_branch(git_repo, files={ONE: spec("In Review", summary, "Updated")}
                  if own_edit else None)
    land(git_repo, how)
    assert "status: In Review" in (git_repo.root / ONE).read_text()
    no_finding(git_repo)
    moves = statuses(git_repo)
    assert moves[:2] == [("created", None, "Draft", "Draft"),
                         ("status-changed", "Draft", "In Review", "Review on main")]
    assert not [move for move in moves[2:] if move[0] != "status-taken"]


def net_zero_branch(repo: GitRepo, *, edit: bool = True, also: dict[str, str] | None = None
                    ) -> None:
    """A branch that moves the spec to In Review and back to Draft (its status where it
    forked), editing the summary; main moves it to In Review, then Approved. `also`: more
    files of the first commit."""
    repo.commit("Draft", {ONE: spec("Draft"), **(also or {})})
    repo.git("checkout", "-q", "-b", "pr")
    repo.commit("Review on the branch", {ONE: spec("In Review")})
    repo.commit("Back to Draft", {ONE: spec("Draft", "The branch's." if edit else
                                            "Why and what.")})
    repo.git("checkout", "-q", "main")
    repo.commit("Review on main", {ONE: spec("In Review")})
    repo.commit("Approve on main", {ONE: spec("Approved")})


MAIN_MOVES = [("created", None, "Draft", "Draft"),
              ("status-changed", "Draft", "In Review", "Review on main"),
              ("status-changed", "In Review", "Approved", "Approve on main"),
              ("status-changed", "Draft", "In Review", "Review on the branch"),
              ("status-changed", "In Review", "Draft", "Back to Draft")]


def test_an_update_taking_main_s_status_over_a_branch_s_moves(git_repo: GitRepo) -> None:
    """git takes main's Approved (the branch's Draft is where it forked); merged, it was
    `merge-resolved` Draft -> Approved at the pull request's merge: illegal."""
    net_zero_branch(git_repo, edit=False)
    update_branch(git_repo)
    land(git_repo, "merge")
    no_finding(git_repo)  # was: settled the status on Approved where a branch left it Draft
    assert statuses(git_repo) == [*MAIN_MOVES,
                                  ("status-taken", "Draft", "Approved", "Update branch")]
    timeline = json.loads(run_cli("timeline", "SPEC-0001", "--format", "json").stdout)
    assert [period["status"] for period in timeline["statuses"]] == [
        "Draft", "In Review", "Approved"]
    assert [event["mainline"] for event in timeline["events"]
            if event["kind"] == "status-taken"] == [False]


def test_a_branch_back_where_it_started_merged_into_main(git_repo: GitRepo) -> None:
    """No update: git's merge takes main's Approved over the branch's Draft, where the
    branch forked (no move of its own to override); the pre-commit check of the merge in
    progress passed it too (README: a merged branch's move since its merge base)."""
    net_zero_branch(git_repo, edit=False)
    git_repo.merge("pr", message="Merge pr")
    no_finding(git_repo)  # was: settled the status on Approved where a branch left it Draft
    assert statuses(git_repo) == [*MAIN_MOVES,
                                  ("status-taken", "Draft", "Approved", "Merge pr")]


def test_an_update_that_resolves_a_conflict_with_main_s_status(git_repo: GitRepo) -> None:
    """The branch moved the spec back to Draft from In Review, main approved it; the
    update takes main's Approved (and keeps the branch's summary): no move of its own.
    The summary the branch changed is a change after main's approval, still found."""
    git_repo.commit("Draft", {ONE: spec("Draft")})
    git_repo.commit("Review on main", {ONE: spec("In Review")})
    git_repo.git("checkout", "-q", "-b", "pr")
    git_repo.commit("Back to Draft", {ONE: spec("Draft", "The branch's.")})
    git_repo.git("checkout", "-q", "main")
    git_repo.commit("Approve on main", {ONE: spec("Approved")})
    update_branch(git_repo, files={ONE: spec("Approved", "The branch's.")})
    land(git_repo, "merge")
    result = run_cli("validate", "--history")
    assert result.exit_code == 1
    assert "illegal-transition" not in result.output  # was: Draft -> Approved by the merge
    assert "summary changed after SPEC-0001 was approved" in result.output
    assert statuses(git_repo)[-1] == ("status-taken", "Draft", "Approved", "Update branch")


def test_main_s_status_for_one_spec_the_branch_s_for_another(git_repo: GitRepo) -> None:
    """One update takes main's status of SPEC-0001 and keeps the branch's move of
    SPEC-0002; the branch's move shows once, at its commit."""
    net_zero_branch(git_repo, edit=False, also={TWO: spec("Draft", spec_id="SPEC-0002")})
    git_repo.git("checkout", "-q", "pr")
    git_repo.commit("Review two", {TWO: spec("In Review", spec_id="SPEC-0002")})
    git_repo.git("checkout", "-q", "main")
    update_branch(git_repo)
    land(git_repo, "merge")
    no_finding(git_repo)
    assert statuses(git_repo)[-1] == ("status-taken", "Draft", "Approved", "Update branch")
    assert statuses(git_repo, "SPEC-0002") == [
        ("created", None, "Draft", "Draft"),
        ("status-changed", "Draft", "In Review", "Review two")]


def test_an_octopus_update(git_repo: GitRepo) -> None:
    """The branch merges main and a second branch at once (main's status taken)."""
    net_zero_branch(git_repo, edit=False)
    git_repo.git("checkout", "-q", "-b", "docs", "main")
    git_repo.commit("Docs", {"docs.md": "docs"})
    git_repo.git("checkout", "-q", "pr")
    git_repo.clock += DAY
    git_repo.git("merge", "-q", "--no-ff", "-m", "Update branch", "main", "docs",
                 date=git_repo.clock)
    git_repo.git("checkout", "-q", "main")
    land(git_repo, "merge")
    no_finding(git_repo)
    assert statuses(git_repo) == [*MAIN_MOVES,
                                  ("status-taken", "Draft", "Approved", "Update branch")]


def test_an_update_taking_main_s_status_of_a_spec_main_moved(git_repo: GitRepo) -> None:
    """Main files the spec elsewhere as it approves it; the update takes both."""
    git_repo.commit("Draft", {ONE: spec("Draft")})
    git_repo.git("checkout", "-q", "-b", "pr")
    git_repo.commit("Review on the branch", {ONE: spec("In Review")})
    git_repo.commit("Back to Draft", {ONE: spec("Draft")})
    git_repo.git("checkout", "-q", "main")
    git_repo.commit("Review on main", {ONE: spec("In Review")})
    git_repo.commit("Approve on main, filed in core", {ONE: None, MOVED: spec("Approved")})
    update_branch(git_repo)
    land(git_repo, "merge")
    assert (git_repo.root / MOVED).exists() and not (git_repo.root / ONE).exists()
    no_finding(git_repo)
    assert statuses(git_repo)[-1] == ("status-taken", "Draft", "Approved", "Update branch")


def test_an_illegal_move_on_the_branch_is_still_caught(git_repo: GitRepo) -> None:
    """The branch approves a Draft spec at once; updated and merged, that commit is
    still an illegal transition."""
    git_repo.commit("Draft", {ONE: spec("Draft")})
    git_repo.git("checkout", "-q", "-b", "pr")
    git_repo.commit("Approve at once", {ONE: spec("Approved")})
    git_repo.git("checkout", "-q", "main")
    git_repo.commit("Other", {"b.md": "b"})
    update_branch(git_repo)
    land(git_repo, "merge")
    result = run_cli("validate", "--history")
    assert result.exit_code == 1
    assert "illegal-transition" in result.output and "Draft to Approved" in result.output


@pytest.mark.parametrize("updated", [False, True])
def test_a_merge_keeping_main_s_status_over_a_branch_s_move_is_checked(
        git_repo: GitRepo, updated: bool) -> None:
    """Into main itself (trial30a): the branch withdrew the spec (In Review where it
    forked), or, updated from main (its In Review taken), moved it back to Draft; the
    merge keeps main's Approved over that move: `merge-resolved`, which the workflow
    forbids."""
    git_repo.commit("Draft", {ONE: spec("Draft")})
    if not updated:
        git_repo.commit("Review on main", {ONE: spec("In Review")})
    git_repo.git("checkout", "-q", "-b", "pr")
    if updated:
        git_repo.commit("Work", {"a.md": "a"})
        git_repo.git("checkout", "-q", "main")
        git_repo.commit("Review on main", {ONE: spec("In Review")})
        update_branch(git_repo)
        git_repo.git("checkout", "-q", "pr")
    moved = "Draft" if updated else "Withdrawn"
    git_repo.commit("Move on the branch", {ONE: spec(moved)})
    git_repo.git("checkout", "-q", "main")
    git_repo.commit("Approve on main", {ONE: spec("Approved")})
    git_repo.merge("pr", message="Merge pr", files={ONE: spec("Approved")})
    assert run_cli("validate", "--history").exit_code == 1
    assert statuses(git_repo)[-1] == ("merge-resolved", moved, "Approved", "Merge pr")


def outputs() -> list[str]:
    return [run_cli(*arguments).stdout for arguments in (
        ("report", "--format", "json"), ("timeline", "SPEC-0001", "--format", "json"),
        ("validate", "--history", "--format", "json"))]


def test_the_same_cold_warm_and_walked_on(git_repo: GitRepo) -> None:
    net_zero_branch(git_repo)
    update_branch(git_repo)
    outputs()  # a cache of main before the merge
    land(git_repo, "merge")
    walked_on = outputs()
    assert outputs() == walked_on  # warm
    (git_repo.root / ".git" / CACHE_FILE).unlink()
    assert outputs() == walked_on  # cold
    assert '"status-taken"' in walked_on[1]
