"""The commit about to be made (`validate --history --commit-message FILE`, the
`specrepo-validate-approval` commit-msg hook): a staged change to an approved spec's
protected content is judged as `changed-after-approval` will judge it once committed,
with the message's trailers, and from the index (what the commit holds), never the work
tree (`git add -p` stages part of a file)."""

from __future__ import annotations

import shlex
import subprocess
import sys
from pathlib import Path

import pytest

from specrepo.gitio.amending import commit_amends
from tests.history.gitrepo import EPOCH, GitRepo
from tests.history.test_changed_after_approval import PATH, spec
from tests.support import run_cli

CHECK = ("validate", "--quiet", "--allow-empty", "--changed-since", "HEAD", "--history",
         "--since", "HEAD", "--allow-shallow", "--commit-message")
"""The commit-msg hook's command; the message file comes last, as pre-commit passes it."""


@pytest.fixture
def approved(git_repo: GitRepo, monkeypatch: pytest.MonkeyPatch) -> GitRepo:
    """SPEC-0001 approved by Grace Hopper; the commit being made is Ada's, on 2026-02-01."""
    git_repo.commit("Draft", {PATH: spec("Draft")})
    git_repo.commit("Review", {PATH: spec("In Review")})
    git_repo.commit("Approve", {PATH: spec()}, author="Grace Hopper")
    monkeypatch.setenv("GIT_AUTHOR_NAME", "Ada Lovelace")
    monkeypatch.setenv("GIT_AUTHOR_EMAIL", "ada@example.com")
    monkeypatch.setenv("GIT_AUTHOR_DATE", f"@{EPOCH + 31 * 86400} +0000")
    return git_repo


def check(repo: GitRepo, message: str) -> tuple[int, str]:
    (repo.root / ".git" / "COMMIT_EDITMSG").write_text(message)
    result = run_cli(*CHECK, ".git/COMMIT_EDITMSG")
    return result.exit_code, result.output


def stage(repo: GitRepo, text: str) -> None:
    repo.write(PATH, text)
    repo.git("add", PATH)


def test_a_staged_change_to_approved_content_needs_an_approval(approved: GitRepo) -> None:
    stage(approved, spec(requirement="Count all."))
    code, output = check(approved, "Tweak\n")
    assert code == 1
    assert ("error: requirements.functional[FR-1] changed after SPEC-0001 was approved "
            "(item-changed in the commit being made, staged and not committed yet; approved "
            "in commit") in output
    assert "[changed-after-approval]" in output
    assert check(approved, "Tweak\n\nApproved-by: Grace Hopper <grace@example.com>\n") == \
        (0, "")
    assert check(approved, "Tweak\n\nReviewed-by: GRACE HOPPER\n") == (0, "")
    # The commit's own author is no review; nor is someone not among the reviewers.
    assert check(approved, "Tweak\n\nApproved-by: Ada Lovelace <ada@example.com>\n")[0] == 1
    assert check(approved, "Tweak\n\nApproved-by: Linus Pauling\n")[0] == 1
    # Committed with the trailer, the history agrees.
    approved.commit("Tweak\n\nApproved-by: Grace Hopper")
    assert run_cli("validate", "--history").exit_code == 0


def test_the_index_is_judged_not_the_work_tree(approved: GitRepo) -> None:
    """`git add -p`: the edit staged and taken out of the work tree is the commit's; an
    edit left unstaged is not."""
    stage(approved, spec(summary="Why, what and how."))
    approved.write(PATH, spec())  # the work tree as HEAD has it
    code, output = check(approved, "Tweak\n")
    assert code == 1 and "summary changed after SPEC-0001 was approved" in output
    approved.git("reset", "-q", PATH)
    approved.write(PATH, spec(summary="Why, what and how."))  # unstaged only
    # (a note, no finding: the staged version is judged, HEAD's here)
    assert check(approved, "Other work\n") == (0, (
        "specrepo: note: specs/SPEC-0001.yaml: its staged version differs from the work "
        "tree's: the staged one is checked, what the commit being made holds\n"))


def test_a_staged_move_is_followed_to_the_file_that_continues_the_spec(
        approved: GitRepo) -> None:
    """`git mv` and an edit, staged: the file the index adds with the spec's id is its
    version in the commit; a file the index adds with another id continues nothing."""
    approved.git("mv", PATH, "specs/SPEC-0001-rate-limits.yaml")
    stage_at = "specs/SPEC-0001-rate-limits.yaml"
    approved.write(stage_at, spec(requirement="Count all."))
    approved.write("specs/SPEC-0002.yaml", spec("Draft").replace("SPEC-0001", "SPEC-0002"))
    approved.git("add", "-A")
    code, output = check(approved, "Move and tweak\n")
    assert code == 1, output
    assert "specs/SPEC-0001-rate-limits.yaml" in output
    assert "requirements.functional[FR-1] changed after SPEC-0001 was approved" in output
    assert check(approved, "Move and tweak\n\nApproved-by: Grace Hopper\n") == (0, "")


def test_what_the_staged_version_itself_approves(approved: GitRepo) -> None:
    """Back to draft approves it; a reviewer's date the commit itself sets is set by the
    change's own author, so it approves nothing (as once committed), whatever its day;
    bookkeeping outside what is protected needs nothing."""
    stage(approved, spec("Draft", requirement="Count all."))
    assert check(approved, "Rework\n") == (0, "")
    dated = "reviewers:\n  - {name: Grace Hopper, approved: 2026-02-01}\n"
    stage(approved, spec(requirement="Count all.", reviewers=dated))
    assert check(approved, "Tweak, dated by its author\n")[0] == 1
    early = dated.replace("2026-02-01", "2026-01-31")
    stage(approved, spec(requirement="Count all.", reviewers=early))
    assert check(approved, "Tweak, approved too early\n")[0] == 1
    stage(approved, spec(plan="implementation_plan:\n  - {phase: One, tasks: [{task: Build}]}\n"))
    assert check(approved, "Plan\n") == (0, "")


def test_without_the_message_the_history_check_is_as_before(approved: GitRepo) -> None:
    """The pre-commit stage cannot see the message (its trailers may approve the change):
    its hook judges the staged status move only."""
    stage(approved, spec(requirement="Count all."))
    result = run_cli(*CHECK[:-1], PATH)
    assert result.exit_code == 0, result.output


def test_the_message_file_must_be_readable(approved: GitRepo, tmp_path: Path) -> None:
    result = run_cli("validate", "--history", "--commit-message", str(tmp_path / "none"))
    assert result.exit_code == 2 and "does not exist" in result.output
    result = run_cli("validate", "--commit-message", str(tmp_path))
    assert result.exit_code == 2


def install_hook(repo: GitRepo) -> None:
    """The commit-msg hook's command as git runs it (a real `git commit` above it)."""
    hook = repo.root / ".git" / "hooks" / "commit-msg"
    hook.parent.mkdir(exist_ok=True)
    command = " ".join(shlex.quote(part) for part in (sys.executable, "-m", "specrepo", *CHECK))
    hook.write_text(f'#!/bin/sh\nexec {command} "$1"\n')
    hook.chmod(0o755)


def git_commit(repo: GitRepo, *arguments: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["git", "-c", "commit.gpgsign=false", "commit", "-q", *arguments],
                          cwd=repo.root, env=repo.environment(), capture_output=True,
                          text=True, check=False)


def test_an_amend_is_judged_against_the_commit_it_replaces(approved: GitRepo) -> None:
    """`git commit --amend` replaces HEAD: HEAD's changes are the new commit's, and only
    the new message's trailers approve them (final30 F14: an amend dropping the trailer
    passed, and `validate --history` failed once it was made)."""
    install_hook(approved)
    stage(approved, spec(requirement="Count all."))
    assert git_commit(approved, "-m", "Tweak").returncode == 1  # no approval
    done = git_commit(approved, "-m", "Tweak\n\nApproved-by: Grace Hopper")
    assert done.returncode == 0, done.stderr
    amended = git_commit(approved, "--amend", "-m", "Tweak (trailer dropped)")
    assert amended.returncode == 1
    assert "requirements.functional[FR-1] changed after SPEC-0001" in amended.stderr
    kept = git_commit(approved, "--amend", "-m", "Tweak, reworded\n\nReviewed-by: Grace Hopper")
    assert kept.returncode == 0, kept.stderr
    assert run_cli("validate", "--history").exit_code == 0
    # A plain commit after it needs no approval again: HEAD's trailer stays in history.
    approved.write("notes.txt", "x\n")
    approved.git("add", "notes.txt")
    assert git_commit(approved, "-m", "Notes").returncode == 0


@pytest.mark.parametrize(("arguments", "amends"), [
    (["commit", "--amend"], True),
    (["commit", "-q", "--am", "-m", "x"], True),
    (["-c", "user.name=A", "-C", "dir", "commit", "--amend=x"], True),
    (["commit", "-m", "--amend"], False),  # the message
    (["commit", "-qm", "--amend"], False),
    (["commit", "-am", "x"], False),  # --all and a message
    (["commit", "--message", "--amend"], False),
    (["commit", "--mess", "--amend"], False),
    (["commit", "--amend", "--no-amend"], False),
    (["commit", "--", "--amend"], False),  # a path
    (["commit", "-mx", "--amend"], True),
    (["merge", "--amend"], False),
    (["rebase", "--continue"], None),
])
def test_which_git_commit_amends(arguments: list[str], amends: bool | None) -> None:
    assert commit_amends(arguments) is amends
