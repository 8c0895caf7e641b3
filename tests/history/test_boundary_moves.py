"""A shallow clone's boundary (`--allow-shallow`): a status move between two commits the
clone holds is checked, as one move; a move nothing in the clone shows is named as
unchecked. The checkouts of actions/checkout: a pull request's merge commit at depth 2 and
1, a push at depth 1 and 2."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from tests.history.gitrepo import GitRepo, spec_text
from tests.support import run_cli

REVIEWED = "reviewers: [Grace Hopper]\n"


def _pull_request(folder: Path) -> GitRepo:
    """`origin`: SPEC-0001 and SPEC-0002 Draft on main; the branch `topic` adds SPEC-0003
    and moves SPEC-0002 Draft -> Implemented (forbidden); main moves on; refs/pull/1/merge
    is the merge of topic into main (what GitHub checks out for a pull request)."""
    repo = GitRepo(folder / "origin")
    repo.commit("two drafts", {"specs/SPEC-0001.yaml": spec_text(),
                               "specs/SPEC-0002.yaml": spec_text("SPEC-0002")})
    repo.git("checkout", "-q", "-b", "topic")
    repo.commit("add 3", {"specs/SPEC-0003.yaml": spec_text("SPEC-0003")})
    repo.commit("jump", {"specs/SPEC-0002.yaml": spec_text(
        "SPEC-0002", "Implemented", extra=REVIEWED)})
    _merged_as_pull_request(repo)
    return repo


def _merged_as_pull_request(repo: GitRepo) -> None:
    """Main moves on; refs/pull/1/merge is the merge of `topic` into it, main left before
    it (what GitHub checks out for a pull request)."""
    repo.git("checkout", "-q", "main")
    repo.commit("main moves on", {"README.md": "x\n"})
    repo.git("merge", "-q", "--no-ff", "-m", "Merge topic", "topic")
    merge = repo.git("rev-parse", "HEAD")
    repo.git("reset", "-q", "--hard", "HEAD~1")
    repo.git("update-ref", "refs/pull/1/merge", merge)


def _checkout(repo: GitRepo, clone: Path, depth: int, ref: str = "refs/pull/1/merge") -> None:
    """What actions/checkout does: `ref` fetched `depth` deep, main one deep."""
    clone.mkdir()
    for arguments in (("init", "-q"), ("remote", "add", "origin", f"file://{repo.root}"),
                      ("fetch", "-q", "--no-tags", f"--depth={depth}", "origin",
                       f"+{ref}:refs/remotes/checked", "+refs/heads/main:refs/remotes/origin/main"),
                      ("checkout", "-q", "--force", "refs/remotes/checked")):
        subprocess.run(["git", *arguments], cwd=clone, env=repo.environment(), check=True)


@pytest.mark.parametrize("depth", [1, 2])
def test_a_forbidden_move_a_shallow_pull_request_checkout_shows_is_reported(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, depth: int) -> None:
    _checkout(_pull_request(tmp_path), tmp_path / "clone", depth)
    monkeypatch.chdir(tmp_path / "clone")
    result = run_cli("validate", "--history", "--since", "origin/main", "--allow-shallow",
                     no_traceback=True)
    assert result.exit_code == 1, result.output
    [finding] = [line for line in result.stdout.splitlines() if "illegal-transition" in line]
    assert finding.startswith("specs/SPEC-0002.yaml:3:9: error: commit ")
    assert "holds the status Implemented where commit " in finding
    assert "holds Draft, and this shallow clone holds no commit between them" in finding
    assert "unchecked" not in result.stderr and "not checked" not in result.stderr


def test_the_merge_checkout_compares_the_branch_with_the_line_it_joins(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Without --since, the merged branch's boundary commit is compared with the merge's
    first parent; main's own boundary is its true root (main fetched two deep), no
    boundary (shallow62), so no move of it goes unchecked: it was named as unchecked."""
    _checkout(_pull_request(tmp_path), tmp_path / "clone", 2)
    monkeypatch.chdir(tmp_path / "clone")
    result = run_cli("validate", "--history", "--allow-shallow", no_traceback=True)
    assert result.exit_code == 1
    assert "SPEC-0002.yaml:3:9: error:" in result.stdout
    assert "not checked" not in result.stderr


def test_a_shallow_push_checkout_is_checked_or_names_what_is_not(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    repo = _pull_request(tmp_path)
    repo.commit("review", {"specs/SPEC-0001.yaml": spec_text(status="In Review",
                                                            extra=REVIEWED)})
    _checkout(repo, tmp_path / "push2", 2, "refs/heads/main")
    monkeypatch.chdir(tmp_path / "push2")
    result = run_cli("validate", "--history", "--since", "HEAD~1", "--allow-shallow")
    assert result.exit_code == 0 and "not checked" not in result.stderr  # all in the clone
    _checkout(repo, tmp_path / "push1", 1, "refs/heads/main")
    monkeypatch.chdir(tmp_path / "push1")
    result = run_cli("validate", "--history", "--allow-shallow")
    assert result.exit_code == 0
    assert "were not checked for SPEC-0001, SPEC-0002 (" in result.stderr


def test_a_pull_request_deleting_an_approved_spec_is_reported_at_depth_2(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The merge commit of a branch that deleted an Approved spec, fetched 2 deep: the
    branch's commit is a boundary without the spec's history, so the merge that leaves it
    out is the removal (final32 F8: it passed)."""
    repo = GitRepo(tmp_path / "origin")
    repo.commit("approved", {"specs/SPEC-0001.yaml": spec_text(
        status="Approved", extra=REVIEWED), "specs/SPEC-0002.yaml": spec_text("SPEC-0002")})
    repo.git("checkout", "-q", "-b", "topic")
    repo.commit("delete", {"specs/SPEC-0001.yaml": None})
    _merged_as_pull_request(repo)
    _checkout(repo, tmp_path / "clone", 2)
    monkeypatch.chdir(tmp_path / "clone")
    result = run_cli("validate", "--history", "--since", "HEAD^1", "--allow-shallow",
                     no_traceback=True)
    assert result.exit_code == 1, result.output
    assert "removed the spec from the spec set" in result.stdout


def _main_moved_after_the_fork(folder: Path, branch_status: str | None) -> GitRepo:
    """SPEC-0002 In Review; `topic` forks (moving SPEC-0002 to `branch_status`, or
    touching only SPEC-0001); main then moves SPEC-0002 (Approved, or Rejected when the
    branch moves it too: the conflict resolved for the branch); refs/pull/1/merge merges."""
    repo = GitRepo(folder / "origin")
    path = "specs/SPEC-0002.yaml"
    repo.commit("start", {"specs/SPEC-0001.yaml": spec_text(),
                          path: spec_text("SPEC-0002", "In Review", extra=REVIEWED)})
    repo.git("checkout", "-q", "-b", "topic")
    repo.commit("branch", {"specs/SPEC-0001.yaml": spec_text(status="In Review",
                                                            extra=REVIEWED)}
                if branch_status is None else
                {path: spec_text("SPEC-0002", branch_status, extra=REVIEWED)})
    repo.git("checkout", "-q", "main")
    repo.commit("main moves", {path: spec_text(
        "SPEC-0002", "Approved" if branch_status is None else "Rejected", extra=REVIEWED)})
    repo.git("merge", "-q", "--no-ff", "-X", "theirs", "-m", "Merge topic", "topic")
    merge = repo.git("rev-parse", "HEAD")
    repo.git("reset", "-q", "--hard", "HEAD~1")
    repo.git("update-ref", "refs/pull/1/merge", merge)
    return repo


def test_a_move_main_made_after_the_fork_is_no_move_of_the_branch_at_depth_2(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """trial36: main approved SPEC-0002 after the pull request forked, the branch never
    touched it, the merge keeps main's Approved: the branch's older In Review is not a
    move Approved -> In Review (every open pull request failed once main approved a
    spec). A full clone passes as well."""
    repo = _main_moved_after_the_fork(tmp_path, None)
    _checkout(repo, tmp_path / "clone", 2)
    monkeypatch.chdir(tmp_path / "clone")
    for arguments in ((), ("--since", "HEAD^1")):
        result = run_cli("validate", "--history", "--allow-shallow", *arguments,
                         no_traceback=True)
        assert result.exit_code == 0, result.output


def test_a_branch_status_the_merge_keeps_over_mains_move_is_judged_at_depth_2(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The branch moved SPEC-0002 (In Review -> Draft), main rejected it, the merge kept
    the branch's Draft: what reaches main's line, Rejected -> Draft, is judged."""
    repo = _main_moved_after_the_fork(tmp_path, "Draft")
    _checkout(repo, tmp_path / "clone", 2)
    monkeypatch.chdir(tmp_path / "clone")
    result = run_cli("validate", "--history", "--allow-shallow", no_traceback=True)
    assert result.exit_code == 1, result.output
    assert "SPEC-0002.yaml" in result.stdout and "Rejected" in result.stdout


def test_a_spec_main_moved_after_the_fork_is_not_born_at_the_branch_tip_at_depth_2(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """trial36b: main moved an Approved spec into specs/archive/ after the pull request
    forked; the branch edits another. At depth 2 the branch's tip, a boundary commit,
    holds the spec at its old path: it was there before the clone's history starts, not
    born there in Approved (every open pull request failed once main archived a spec)."""
    repo = GitRepo(tmp_path / "origin")
    repo.commit("start", {"specs/SPEC-0001.yaml": spec_text(status="Approved", extra=REVIEWED),
                          "specs/SPEC-0002.yaml": spec_text("SPEC-0002")})
    repo.git("checkout", "-q", "-b", "topic")
    repo.commit("edit", {"specs/SPEC-0002.yaml": spec_text("SPEC-0002", title="Edited")})
    repo.git("checkout", "-q", "main")
    (repo.root / "specs" / "archive").mkdir()
    repo.git("mv", "specs/SPEC-0001.yaml", "specs/archive/SPEC-0001.yaml")
    repo.commit("archive")
    _merged_as_pull_request(repo)
    _checkout(repo, tmp_path / "clone", 2)
    monkeypatch.chdir(tmp_path / "clone")
    for arguments in (("validate", "--history"), ("report", "--fail-on", "illegal-transitions")):
        result = run_cli(*arguments, "--allow-shallow", no_traceback=True)
        assert result.exit_code == 0, result.output
