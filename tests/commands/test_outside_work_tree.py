"""Run in a bare repository, or inside a work tree's `.git` folder, every command says so
in one wording, exit 2: those that read only the work tree said "no specs/ folder ...; run
`specrepo init` there", the history's readers "in a bare repository" (newuser69 L)."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from specrepo.base.work_tree import git_folder_around
from tests.history.gitrepo import GitRepo, spec_text
from tests.support import run_cli

COMMANDS = (("validate",), ("validate", "--history"), ("report",), ("render", "--check"),
            ("diff", "--since-approval"), ("timeline", "SPEC-0001"))


@pytest.fixture
def committed(git_repo: GitRepo) -> GitRepo:
    git_repo.commit("add", {"specs/SPEC-0001.yaml": spec_text()})
    return git_repo


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_in_a_bare_repository_says_so(committed: GitRepo, tmp_path: Path,
                                                     monkeypatch: pytest.MonkeyPatch,
                                                     command: tuple[str, ...]) -> None:
    bare = tmp_path / "specs.git"
    subprocess.run(["git", "clone", "-q", "--bare", str(committed.root), str(bare)],
                   check=True)
    monkeypatch.chdir(bare)
    result = run_cli(*command, no_traceback=True)
    assert (result.exit_code, result.stderr) == (
        2, f"specrepo: error: {bare} is in a bare repository; run specrepo in a work tree\n")


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_inside_a_git_folder_says_so(committed: GitRepo,
                                                   monkeypatch: pytest.MonkeyPatch,
                                                   command: tuple[str, ...]) -> None:
    """(With a `specrepo.yaml` at the top, found on the way up, the command works on that
    work tree.)"""
    (committed.root / "specrepo.yaml").unlink()
    inside = committed.root / ".git" / "refs"
    monkeypatch.chdir(inside)
    result = run_cli(*command, no_traceback=True)
    assert (result.exit_code, result.stderr) == (
        2, f"specrepo: error: {inside} is inside the git folder {committed.root / '.git'}, "
        f"not a work tree: its work tree is {committed.root}; cd there to run specrepo\n")


def test_a_work_tree_s_own_folders_are_in_no_git_folder(committed: GitRepo) -> None:
    assert git_folder_around(committed.root / "specs") is None
    assert git_folder_around(committed.root / ".git" / "objects") == committed.root / ".git"


@pytest.mark.parametrize("inside", [".", "refs"])
def test_init_in_a_bare_repository_writes_nothing(tmp_path: Path,
                                                  monkeypatch: pytest.MonkeyPatch,
                                                  inside: str) -> None:
    """It said so, exit 2, after writing specrepo.yaml, specs/ and .specrepo/ into the git
    folder (newuser70 M)."""
    bare = tmp_path / "specs.git"
    subprocess.run(["git", "init", "-q", "--bare", str(bare)], check=True)
    before = sorted(path.relative_to(bare) for path in bare.rglob("*"))
    monkeypatch.chdir(bare / inside)
    result = run_cli("init", "--author", "Ada", no_traceback=True)
    assert (result.exit_code, result.stderr) == (
        2, f"specrepo: error: {bare / inside} is in a bare "
        "repository; run specrepo in a work tree\n")
    assert sorted(path.relative_to(bare) for path in bare.rglob("*")) == before
