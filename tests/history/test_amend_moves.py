"""`git commit --amend` through the installed hooks (`.pre-commit-hooks.yaml`'s
`specrepo-validate` at pre-commit, `specrepo-validate-approval` at commit-msg): the commit
being made replaces HEAD, so the status moves it makes are judged from HEAD's parents,
as `validate --history` judges the commit once made."""

from __future__ import annotations

import shlex
import sys
from pathlib import Path

import pytest
import yaml

from tests.history.gitrepo import GitRepo, spec_text
from tests.history.test_staged_approval import git_commit
from tests.support import run_cli

SPEC = "specs/SPEC-0001.yaml"
OTHER = "specs/SPEC-0002.yaml"
HOOKS = {hook["id"]: hook for hook in yaml.safe_load(
    (Path(__file__).parents[2] / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))}
AMENDED = "(before HEAD, which the commit being made amends)"


def install(repo: GitRepo, stage: str, hook_id: str) -> None:
    """The hook's entry as git runs it at `stage` (pre-commit passes the message file to
    a commit-msg hook; no file names here: the hooks check what changed since HEAD)."""
    entry = shlex.split(HOOKS[hook_id]["entry"])
    assert entry[0] == "specrepo"
    command = " ".join(shlex.quote(part) for part in (sys.executable, "-m", "specrepo",
                                                      *entry[1:]))
    hook = repo.root / ".git" / "hooks" / stage
    hook.parent.mkdir(exist_ok=True)
    hook.write_text(f'#!/bin/sh\nexec {command} "$@"\n')
    hook.chmod(0o755)


def stage(repo: GitRepo, path: str, text: str) -> None:
    repo.write(path, text)
    repo.git("add", path)


@pytest.fixture
def reviewed(git_repo: GitRepo) -> GitRepo:
    """SPEC-0001 created Draft, then moved to In Review by HEAD."""
    git_repo.commit("Draft", {SPEC: spec_text(status="Draft")})
    git_repo.commit("Review", {SPEC: spec_text(status="In Review")})
    return git_repo


@pytest.mark.parametrize(("stage_name", "hook_id"), [
    ("pre-commit", "specrepo-validate"), ("commit-msg", "specrepo-validate-approval")])
def test_an_amend_moves_from_the_status_before_head(reviewed: GitRepo, stage_name: str,
                                                    hook_id: str) -> None:
    install(reviewed, stage_name, hook_id)
    stage(reviewed, SPEC, spec_text(status="Approved", extra="reviewers: [Grace Hopper]\n"))
    amended = git_commit(reviewed, "--amend", "-m", "Review, then approve")
    assert amended.returncode == 1, amended.stdout + amended.stderr
    assert (f"error: the commit being made moves the status from Draft {AMENDED} to Approved"
            in amended.stdout + amended.stderr)
    assert reviewed.git("log", "--format=%s", "-1").strip() == "Review"  # not made
    # Made on top of HEAD instead, the same staged move is legal (In Review -> Approved).
    done = git_commit(reviewed, "-m", "Approve")
    assert done.returncode == 0, done.stdout + done.stderr
    assert run_cli("validate", "--history").exit_code == 0
    # An amend that keeps a legal move from the status before HEAD passes.
    stage(reviewed, SPEC, spec_text(status="In Review", extra="reviewers: [Grace Hopper]\n"))
    kept = git_commit(reviewed, "--amend", "-m", "Approve, then back to review")
    assert kept.returncode == 0, kept.stdout + kept.stderr


def test_a_spec_the_amended_commit_added_is_born_in_the_amend(git_repo: GitRepo) -> None:
    """HEAD added SPEC-0002 as Draft; amended to Approved, the commit adds it Approved."""
    git_repo.commit("One", {SPEC: spec_text(status="Draft")})
    git_repo.commit("Two", {OTHER: spec_text("SPEC-0002", status="Draft")})
    install(git_repo, "pre-commit", "specrepo-validate")
    stage(git_repo, OTHER, spec_text("SPEC-0002", status="Approved",
                                     extra="reviewers: [Grace Hopper]\n"))
    amended = git_commit(git_repo, "--amend", "-m", "Two, approved")
    assert amended.returncode == 1, amended.stdout + amended.stderr
    assert "the commit being made adds the spec in Approved" in amended.stdout + amended.stderr
    plain = git_commit(git_repo, "-m", "Approve two")  # Draft -> Approved: illegal too
    assert plain.returncode == 1
    assert "from Draft (HEAD's) to Approved" in plain.stdout + plain.stderr


def test_amending_the_adopting_commit_keeps_its_births_free(git_repo: GitRepo) -> None:
    """The first commit adds specrepo.yaml and the specs the repository held: amending it
    adds them again in the adopting commit, where no status is a birth to check."""
    git_repo.commit("Adopt", {SPEC: spec_text(status="Draft")})
    install(git_repo, "pre-commit", "specrepo-validate")
    stage(git_repo, OTHER, spec_text("SPEC-0002", status="Approved",
                                     extra="reviewers: [Grace Hopper]\n"))
    amended = git_commit(git_repo, "--amend", "-m", "Adopt, with an approved spec")
    assert amended.returncode == 0, amended.stdout + amended.stderr
    assert run_cli("validate", "--history").exit_code == 0


def test_an_amended_merge_keeps_a_merged_branch_s_status(git_repo: GitRepo) -> None:
    """Amending a merge makes the same merge again: a status the merged branch brought is a
    parent's, no move of the merge's."""
    git_repo.commit("Draft", {SPEC: spec_text(status="Draft")})
    git_repo.git("checkout", "-q", "-b", "review")
    git_repo.commit("Review", {SPEC: spec_text(status="In Review",
                                               extra="reviewers: [Grace Hopper]\n")})
    git_repo.git("checkout", "-q", "-")
    git_repo.commit("Other", {"notes.txt": "x\n"})
    git_repo.merge("review")
    install(git_repo, "pre-commit", "specrepo-validate")
    git_repo.write("notes.txt", "y\n")
    git_repo.git("add", "notes.txt")
    amended = git_commit(git_repo, "--amend", "-m", "Merge, reworded")
    assert amended.returncode == 0, amended.stdout + amended.stderr
    stage(git_repo, SPEC, spec_text(status="Approved", extra="reviewers: [Grace Hopper]\n"))
    illegal = git_commit(git_repo, "--amend", "-m", "Merge, approved")  # from Draft
    assert illegal.returncode == 1, illegal.stdout + illegal.stderr
    assert f"from Draft {AMENDED} to Approved" in illegal.stdout + illegal.stderr


@pytest.mark.parametrize("moved_to", ["specs/renamed.yaml", "specs/core/SPEC-0001.yaml", OTHER])
def test_an_amended_merge_finds_the_branch_s_spec_at_the_file_the_merge_took(
        git_repo: GitRepo, moved_to: str) -> None:
    """The merged branch moved the spec's file (renamed it, into a folder, or swapped it
    with another spec's) and moved it Draft -> In Review -> Approved, and the merge took
    both: amending the merge makes the same merge again, the spec's Approved a parent's
    (swapwalk49: HEAD's file of the branch's spec was read at the merge's first parent,
    where the spec's file is another, so the hook found no branch's spec at the merge's
    file and named a move from Draft to Approved that the merge, committed, never had)."""
    another = spec_text("SPEC-0002", title="Another spec entirely")
    git_repo.commit("Draft", {"specrepo.yaml": "specs: specs\nrules:\n  file-name: off\n",
                              SPEC: spec_text(status="Draft"), OTHER: another})
    git_repo.git("checkout", "-q", "-b", "review")
    if moved_to == OTHER:
        git_repo.commit("Swap", {SPEC: another, OTHER: spec_text(status="Draft")})
    else:
        (git_repo.root / moved_to).parent.mkdir(exist_ok=True)
        git_repo.git("mv", SPEC, moved_to)
        git_repo.commit("Move")
    reviewed = "reviewers: [Grace Hopper]\n"
    for status in ("In Review", "Approved"):
        git_repo.commit(status, {moved_to: spec_text(status=status, extra=reviewed)})
    git_repo.git("checkout", "-q", "main")
    git_repo.commit("Other", {"notes.txt": "x\n"})
    git_repo.merge("review")
    assert run_cli("validate", "--history").exit_code == 0
    install(git_repo, "pre-commit", "specrepo-validate")
    stage(git_repo, "notes.txt", "y\n")
    amended = git_commit(git_repo, "--amend", "-m", "Merge, reworded")
    assert amended.returncode == 0, amended.stdout + amended.stderr
    assert run_cli("validate", "--history").exit_code == 0
    stage(git_repo, moved_to, spec_text(status="Implemented", extra=reviewed))
    illegal = git_commit(git_repo, "--amend", "-m", "Merge, implemented")  # from Draft
    assert illegal.returncode == 1, illegal.stdout + illegal.stderr
    assert f"from Draft {AMENDED} to Implemented" in illegal.stdout + illegal.stderr


def test_a_commit_that_may_amend_is_judged_as_one_and_says_so(
        reviewed: GitRepo, monkeypatch: pytest.MonkeyPatch) -> None:
    """Where git's command line cannot be read (no `/proc`, no `ps`: Windows), the commit
    may replace HEAD: it is judged as an amend, the side that asks, as the approval check
    judges it, and the message says why (`git commit --no-verify` goes on)."""
    monkeypatch.setattr("specrepo.commands.validate.amends_head", lambda: None)
    stage(reviewed, SPEC, spec_text(status="Approved", extra="reviewers: [Grace Hopper]\n"))
    result = run_cli(*shlex.split(HOOKS["specrepo-validate"]["entry"])[1:])
    assert result.exit_code == 1
    assert ("the commit being made moves the status from Draft (before HEAD, which the "
            "commit being made may amend: git's command line could not be read) to Approved") \
        in result.output
    monkeypatch.setattr("specrepo.commands.validate.amends_head", lambda: False)
    assert run_cli(*shlex.split(HOOKS["specrepo-validate"]["entry"])[1:]).exit_code == 0
