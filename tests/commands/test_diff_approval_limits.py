"""`diff --since-approval` on what it cannot read (real repositories): a gate never passes
a Git LFS pointer, a spec in a submodule, a missing object, a shallow clone's start or a
sparse checkout's missing specs as "No spec changed."."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.history.gitrepo import GitRepo, spec_text
from tests.support import run_cli

PATH = "specs/SPEC-0001.yaml"
POINTER = ("version https://git-lfs.github.com/spec/v1\noid sha256:" + "ab" * 32
           + "\nsize 321\n")


def approved(summary: str = "Why and what.") -> str:
    return spec_text(status="Approved", extra="reviewers: [Grace Hopper]\n").replace(
        "Why and what.", summary)


def approve_then_change(repo: GitRepo) -> str:
    """SPEC-0001 approved, then its summary changed; returns the approving commit."""
    repo.commit("draft", {PATH: spec_text(extra="reviewers: [Grace Hopper]\n")})
    commit = repo.commit("approve", {PATH: approved()})
    repo.commit("quiet change", {PATH: approved("Changed quietly.")})
    return commit


def test_a_work_tree_spec_that_is_a_git_lfs_pointer_is_refused(git_repo: GitRepo) -> None:
    """A clone without Git LFS content (`GIT_LFS_SKIP_SMUDGE=1`): every version a pointer,
    so the history knows no approval, and nothing is compared."""
    for message in ("draft", "approve", "quiet change"):
        git_repo.commit(message, {PATH: POINTER.replace("321", str(len(message)))})
    result = run_cli("diff", "--since-approval", "--exit-code")
    assert result.exit_code == 2
    assert f"{PATH}: a Git LFS pointer, not the spec" in result.stderr
    assert "No spec changed" not in result.stdout


def test_an_approval_before_versions_whose_lfs_content_is_missing_is_unknown(
        git_repo: GitRepo) -> None:
    """Only HEAD's Git LFS content fetched (actions/checkout `lfs: true`): the versions
    before are pointers, so the history sees the spec created approved at HEAD."""
    for message in ("draft", "approve"):
        git_repo.commit(message, {PATH: POINTER.replace("321", str(len(message)))})
    git_repo.commit("quiet change", {PATH: approved("Changed quietly.")})
    result = run_cli("diff", "--since-approval", "--exit-code")
    assert result.exit_code == 1
    assert (f"{PATH}: not compared: 2 earlier version(s) of it (the first in commit "
            in result.stderr)
    assert "so the approval of SPEC-0001 is not known" in result.stderr
    assert "No spec changed that could be compared: see the warnings." in result.stdout


def test_an_approved_version_that_does_not_load_is_compared_with_the_one_before(
        git_repo: GitRepo) -> None:
    """The approving commit's version is broken YAML (its trailer approves it) and the
    next commit fixes it and changes the summary (broken61 f2): the move into Approved is
    read at the fixing commit, yet what was approved is not known, so the spec is compared
    with its version before, the change shows, and the gate fails."""
    reviewed = "reviewers: [Grace Hopper]\n"
    git_repo.commit("draft", {PATH: spec_text(extra=reviewed)})
    review = git_repo.commit("review", {PATH: spec_text(status="In Review", extra=reviewed)})
    broken = git_repo.commit("approve\n\nApproved-by: Grace Hopper <grace@example.com>",
                             {PATH: approved() + "testing: [unclosed\n"})
    fixed = git_repo.commit("fix", {PATH: approved("Changed quietly.")})
    result = run_cli("diff", "--since-approval", "--exit-code")
    assert result.exit_code == 1
    assert (f"{PATH}: the approved version of SPEC-0001 could not be read (commit "
            f"{broken[:10]}; its approval is read at commit {fixed[:10]}), so what was "
            "approved is not known: compared with its last readable version before it, in "
            f"commit {review[:10]}") in result.stderr
    assert (f"since commit {review[:10]}, its last readable version before its approval"
            in result.stdout)
    assert "Why and what. -> Changed quietly." in result.stdout
    assert "No spec changed" not in result.stdout


def test_an_approved_first_version_that_does_not_load_is_not_compared(
        git_repo: GitRepo) -> None:
    """Created Approved (a trailer approves it) with broken YAML, fixed next: no version
    before the approval reads, so nothing is compared and the gate fails."""
    broken = git_repo.commit("approve\n\nApproved-by: Grace Hopper <grace@example.com>",
                             {PATH: approved() + "testing: [unclosed\n"})
    git_repo.commit("fix", {PATH: approved("Changed quietly.")})
    result = run_cli("diff", "--since-approval", "--exit-code")
    assert result.exit_code == 1
    assert (f"the approved version of SPEC-0001 could not be read (commit {broken[:10]};"
            in result.stderr)
    assert "not compared (no earlier version of it reads)" in result.stderr
    assert "No spec changed that could be compared: see the warnings." in result.stdout


def with_specs_in_a_submodule(tmp_path: Path) -> GitRepo:
    inner = GitRepo(tmp_path / "inner")
    approve_then_change(inner)
    outer = GitRepo(tmp_path / "outer")
    outer.git("-c", "protocol.file.allow=always", "submodule", "add", "-q",
              str(inner.root), "design")
    outer.commit("submodule", {"specrepo.yaml": "specs: design/specs\n"})
    return outer


def test_specs_in_a_submodule_are_refused_by_the_gate_and_named_otherwise(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(with_specs_in_a_submodule(tmp_path).root)
    gate = run_cli("diff", "--since-approval", "--exit-code")
    assert gate.exit_code == 2
    assert "inside the submodule design: its history belongs to that repository" in gate.stderr
    assert "pass --allow-submodules here" in gate.stderr
    for arguments in ((), ("--exit-code", "--allow-submodules")):
        shown = run_cli("diff", "--since-approval", *arguments)
        assert shown.exit_code == 0
        assert (f"warning: design/{PATH}: inside the submodule design: its history belongs "
                "to that repository") in shown.stderr


def test_a_missing_approved_version_is_an_error_with_a_warm_cache(git_repo: GitRepo) -> None:
    approving = approve_then_change(git_repo)
    assert run_cli("diff", "--since-approval", "--exit-code").exit_code == 1  # warms it
    blob = git_repo.git("rev-parse", f"{approving}:{PATH}")
    (git_repo.root / ".git" / "objects" / blob[:2] / blob[2:]).unlink()  # loose: no gc
    result = run_cli("diff", "--since-approval", "--exit-code")
    assert result.exit_code == 2
    # the warm history's check of what it rests on names it first (blob62), as a cold
    # run's read of it does
    assert f"git cannot read {PATH} (object {blob}): it is missing; " in result.stderr


def test_a_shallow_clones_start_is_no_approval(git_repo: GitRepo, tmp_path: Path,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    """The spec was approved before the clone's history starts: it is compared with its
    version there (a change after it is a change after the approval), said so, and a
    warning says its approval is not known; no change is no failure, as `--allow-shallow`
    asks (validate --history passes it too)."""
    approve_then_change(git_repo)
    clone = tmp_path / "clone"
    for depth, changed in ((1, False), (2, True)):
        shutil.rmtree(clone, ignore_errors=True)
        subprocess.run(["git", "clone", "-q", "--depth", str(depth), f"file://{git_repo.root}",
                        str(clone)], check=True, env=git_repo.environment(), cwd=tmp_path)
        monkeypatch.chdir(clone)
        result = run_cli("diff", "--since-approval", "--allow-shallow", "--exit-code")
        assert result.exit_code == (1 if changed else 0)
        start = git_repo.git("rev-parse", f"HEAD~{depth - 1}")[:10]
        assert "warning: history is incomplete: shallow clone" in result.stderr
        assert (f"warning: {PATH}: the approval of SPEC-0001 was given at or before "
                f"boundary commit {start}, where this shallow clone's history starts: the "
                "clone holds it already approved there and cannot tell which commit approved "
                "it, so it is not known: compared with its version there, a change before it "
                "is not seen; fetch all of it") in result.stderr
        assert "since its approval" not in result.stdout
        if changed:
            assert (f"since commit {start}, where this shallow clone's history starts (its "
                    "approval is before it, not known)") in result.stdout
            assert "Why and what. -> Changed quietly.  [protected]" in result.stdout
        else:
            assert result.stdout == (
                "No spec changed since this shallow clone's history starts (approvals before "
                "it are not known): see the warnings.\n")
        document = json.loads(run_cli("diff", "--since-approval", "--allow-shallow",
                                      "--format", "json").stdout)
        assert document["from_shallow_start"] is True
        assert [(spec["from_shallow_start"], spec["old"]["commit"][:10])
                for spec in document["specs"]] == ([(True, start)] if changed else [])
        monkeypatch.chdir(git_repo.root)  # the full history: its approval, no boundary
        document = json.loads(run_cli("diff", "--since-approval", "--format", "json").stdout)
        assert document["from_shallow_start"] is False
        assert [spec["from_shallow_start"] for spec in document["specs"]] == [False]


def test_specs_outside_a_sparse_checkout_are_named_not_a_missing_folder(
        git_repo: GitRepo, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    approve_then_change(git_repo)
    git_repo.commit("source", {"src/main.txt": "x\n"})
    clone = tmp_path / "sparse"
    environment = git_repo.environment()
    for command in (["clone", "-q", "--no-checkout", str(git_repo.root), str(clone)],
                    ["-C", str(clone), "sparse-checkout", "set", "src"],
                    ["-C", str(clone), "checkout", "-q", "main"]):
        subprocess.run(["git", *command], check=True, env=environment, capture_output=True)
    monkeypatch.chdir(clone)
    result = run_cli("diff", "--since-approval")
    assert result.exit_code == 2
    assert "spec file tracked by git is outside the sparse checkout" in result.stderr
    assert "does not exist" not in result.stderr


@pytest.mark.parametrize("arguments", [
    ("--allow-submodules",), ("--exit-code", "--allow-submodules"),
    ("--format", "json", "--allow-shallow"),
])
def test_a_history_opt_in_without_since_approval_is_a_usage_error(
        git_repo: GitRepo, arguments: tuple[str, ...]) -> None:
    """Only `--since-approval` reads history: without it `--allow-submodules` and
    `--allow-shallow` would change nothing, as `--since` without `validate --history`."""
    approve_then_change(git_repo)
    result = run_cli("diff", *arguments)
    assert result.exit_code == 2
    assert f"Error: {arguments[-1]} goes with --since-approval" in result.stderr
    assert run_cli("diff", "--since-approval", *arguments).exit_code in (0, 1)
