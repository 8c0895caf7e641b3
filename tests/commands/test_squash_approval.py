"""A squash merge folds a reviewer's own approval commit into the change it approves,
co-authored by her (GitHub's "Squash and merge"): git alone cannot tell her approval from
her co-writing, so the squashed approval counts for nothing (a co-author's approval is no
review). A pull request's check says so in advance (`squash-approval`, a warning), the
target branch's finding says why and how to keep it, and a merge commit, a rebase or an
`Approved-by:` trailer in the squash message in place of her `Co-authored-by:` line keep
it (trial51a squash-merge-voids-reviewer-date)."""

from __future__ import annotations

import pytest

from tests.commands.test_self_approval import PATH, approve, spec
from tests.history.gitrepo import GitRepo
from tests.support import run_cli

GRACE = "Grace Hopper <grace@example.com>"


def _pull_request(repo: GitRepo) -> GitRepo:
    """SPEC-0001 approved by Grace on main; branch `pr`: Ada rewrites its summary, and
    Grace sets her `approved:` date again in a commit of her own (as the README advises)."""
    approve(repo)
    repo.git("checkout", "-q", "-b", "pr")
    repo.commit("Improve the summary", {PATH: spec(summary="Limit nothing.")})
    repo.commit("Approve again", {PATH: spec(summary="Limit nothing.", approved="2026-01-06")},
                author="Grace Hopper")
    return repo


def _squash(repo: GitRepo, message: str) -> None:
    repo.git("checkout", "-q", "main")
    repo.git("merge", "-q", "--squash", "pr")
    repo.commit(message)


def test_the_pull_request_check_warns_that_a_squash_voids_the_approval(
        git_repo: GitRepo) -> None:
    _pull_request(git_repo)
    result = run_cli("validate", "--history", "--since", "main", no_traceback=True)
    assert result.exit_code == 0, result.output
    assert "warning: Grace Hopper's approved: date in commit " in result.output
    assert ("a squash merge would fold both into one commit by the change's author with "
            "Co-authored-by: Grace Hopper") in result.output
    assert "[squash-approval]" in result.output
    strict = run_cli("validate", "--history", "--since", "main", "--strict",
                     no_traceback=True)
    assert strict.exit_code == 1
    git_repo.write("specrepo.yaml", "specs: specs\nrules:\n  squash-approval: off\n")
    assert run_cli("validate", "--history", "--since", "main", "--strict").exit_code == 0
    assert "squash-approval" not in run_cli("validate", "--history").output  # no range


def test_squashed_with_her_co_author_line_the_finding_says_why_and_how_to_keep_it(
        git_repo: GitRepo) -> None:
    _pull_request(git_repo)
    _squash(git_repo, f"Improve the summary (#1)\n\nCo-authored-by: {GRACE}")
    result = run_cli("validate", "--history", "--since", "HEAD~1", no_traceback=True)
    assert result.exit_code == 1
    assert "[changed-after-approval]" in result.output
    assert ("The approval this commit carries from Grace Hopper counts for nothing: a "
            "co-author (Co-authored-by:) approving a change of her commit is no review"
            ) in result.output
    assert (f"merge with a merge commit or rebase, or write Approved-by: {GRACE} in the "
            "squash message in place of the Co-authored-by: line") in result.output


@pytest.mark.parametrize("how", ["squash with Approved-by", "merge commit", "rebase"])
def test_the_ways_the_warning_names_keep_the_approval(git_repo: GitRepo, how: str) -> None:
    _pull_request(git_repo)
    if how == "squash with Approved-by":
        _squash(git_repo, f"Improve the summary (#1)\n\nApproved-by: {GRACE}")
    elif how == "merge commit":
        git_repo.git("checkout", "-q", "main")
        git_repo.git("merge", "-q", "--no-ff", "-m", "Merge pull request #1", "pr")
    else:
        git_repo.git("checkout", "-q", "main")
        git_repo.git("rebase", "-q", "pr")
    result = run_cli("validate", "--history", no_traceback=True)
    assert result.exit_code == 0, result.output


def test_no_warning_where_a_squash_keeps_the_approval(git_repo: GitRepo) -> None:
    """Grace's own date set before the change (her first approval, on main), and an
    `Approved-by:` trailer Ada's change carries, survive a squash: nothing to say."""
    approve(git_repo)
    git_repo.git("checkout", "-q", "-b", "pr")
    git_repo.commit("Improve the summary\n\nApproved-by: Grace Hopper",
                    {PATH: spec(summary="Limit nothing.")})
    result = run_cli("validate", "--history", "--since", "main", "--strict",
                     no_traceback=True)
    assert (result.exit_code, "squash" in result.output) == (0, False), result.output


def _at(output: str) -> str:
    """Where the squash-approval warning stands: `file:line:column`."""
    [line] = [line for line in output.splitlines() if "[squash-approval]" in line]
    return line.split(": warning:")[0]


def test_the_warning_stands_at_the_reviewers_entry(git_repo: GitRepo) -> None:
    """At the reviewer's item whose `approved:` date a squash would void (where a reviewer
    finding stands), not at the file's first line; the same from the findings cache."""
    _pull_request(git_repo)
    lines = (git_repo.root / PATH).read_text(encoding="utf-8").splitlines()
    entry = next(number for number, line in enumerate(lines, 1) if "name: Grace" in line)
    place = f"{PATH}:{entry}:{lines[entry - 1].index('{') + 1}"
    for _ in ("cold", "warm"):
        result = run_cli("validate", "--history", "--since", "main", no_traceback=True)
        assert _at(result.output) == place, result.output


def test_a_move_a_squash_would_void_stands_at_the_status(git_repo: GitRepo) -> None:
    """Ada reopens the approved spec and changes it, Grace moves it back to Approved in a
    commit of her own: the warning stands at the status line, where the move is."""
    approve(git_repo)
    git_repo.git("checkout", "-q", "-b", "pr")
    git_repo.commit("Improve the summary", {PATH: spec("In Review", "Limit nothing.")})
    git_repo.commit("Approve", {PATH: spec("Approved", "Limit nothing.")},
                    author="Grace Hopper")
    result = run_cli("validate", "--history", "--since", "main", no_traceback=True)
    lines = (git_repo.root / PATH).read_text(encoding="utf-8").splitlines()
    status = next(number for number, line in enumerate(lines, 1)
                  if line.startswith("status:"))
    assert "Grace Hopper's move to Approved" in result.output, result.output
    assert _at(result.output) == f"{PATH}:{status}:1", result.output
