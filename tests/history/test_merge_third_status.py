"""A merge that settles a status conflict on a third status, one neither parent has
(trial30a F3): the merged branch's move is overridden as surely as when the merge keeps the
first parent's status, so it is a `merge-resolved` move from the branch's status, checked
against the workflow; in history and, while the merge is being concluded (MERGE_HEAD), in
the work tree."""

from __future__ import annotations

import json
import subprocess

import pytest

from tests.history.gitrepo import GitRepo, spec_text
from tests.support import run_cli

ONE = "specs/SPEC-0001.yaml"
HOOK = ("validate", "--quiet", "--allow-empty", "--changed-since", "HEAD", "--history",
        "--since", "HEAD", "--allow-shallow", ONE)


def spec(status: str, summary: str = "") -> str:
    return spec_text(status=status, extra="reviewers: [Grace Hopper]\n" + (
        f"# {summary}\n" if summary else ""))


def branches(repo: GitRepo, withdrawn: str) -> None:
    """Draft; `review` (merged) moves it to In Review; `withdraw` leaves it `withdrawn`
    (a branch that moved the status, or one that kept Draft and edited content)."""
    repo.commit("Draft", {ONE: spec("Draft")})
    repo.git("checkout", "-q", "-b", "review")
    repo.commit("Review", {ONE: spec("In Review")})
    repo.git("checkout", "-q", "-b", "withdraw", "main")
    repo.commit("Withdraw", {ONE: spec(withdrawn, "the branch's")})
    repo.git("checkout", "-q", "main")
    repo.git("merge", "-q", "review")


def start_merge(repo: GitRepo) -> None:
    """`git merge --no-commit withdraw`, which may stop on the status conflict."""
    subprocess.run(["git", "merge", "-q", "--no-commit", "withdraw"], cwd=repo.root,
                   env=repo.environment(), capture_output=True, check=False)
    assert (repo.root / ".git" / "MERGE_HEAD").exists()


def merge_events(repo: GitRepo) -> list[tuple[str, str, str]]:
    timeline = json.loads(run_cli("timeline", "SPEC-0001", "--format", "json").stdout)
    head = repo.git("rev-parse", "HEAD")
    return [(event["kind"], event["from"], event["to"]) for event in timeline["events"]
            if event["commit"] == head and event["field"] == "status"]


@pytest.mark.parametrize("committed", [True, False])
def test_a_third_status_settles_the_merged_branch_s_move(git_repo: GitRepo,
                                                          committed: bool) -> None:
    branches(git_repo, "Withdrawn")
    merging = git_repo.git("rev-parse", "withdraw")
    start_merge(git_repo)
    git_repo.write(ONE, spec("Approved"))  # neither In Review (HEAD's) nor Withdrawn
    git_repo.git("add", ONE)
    if not committed:
        hook = run_cli(*HOOK)
        assert hook.exit_code == 1, hook.output  # was: only In Review (HEAD's) -> Approved
        assert f"from Withdrawn (where the merged branch {merging[:10]} left it) to " \
            "Approved" in hook.output
        return
    git_repo.git("commit", "-q", "--no-verify", "-m", "Merge withdraw as Approved")
    result = run_cli("validate", "--history")
    assert result.exit_code == 1  # was: 0, no problems
    assert "settled the status on Approved where a merged branch left it Withdrawn" \
        in result.output
    assert merge_events(git_repo) == [("merge-resolved", "Withdrawn", "Approved"),
                                      ("status-changed", "In Review", "Approved")]
    assert run_cli("report", "--fail-on", "illegal-transitions").exit_code == 1


def test_a_branch_that_kept_the_status_is_settled_by_no_move(git_repo: GitRepo) -> None:
    """The merged branch edited the spec but left its status (Draft, the merge base's):
    only the move from HEAD's status is the merge's."""
    branches(git_repo, "Draft")
    start_merge(git_repo)
    git_repo.write(ONE, spec("Approved", "both"))
    git_repo.git("add", ONE)
    assert run_cli(*HOOK).exit_code == 0
    git_repo.git("commit", "-q", "--no-verify", "-m", "Merge withdraw as Approved")
    assert merge_events(git_repo) == [("status-changed", "In Review", "Approved")]
    assert run_cli("validate", "--history").exit_code == 0
