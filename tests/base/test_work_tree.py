"""What a folder is to git, told without running it (`base.work_tree`)."""

from __future__ import annotations

from pathlib import Path

from specrepo.base.work_tree import (
    broken_git_file,
    git_folder_around,
    is_bare_git_folder,
    is_git_folder,
)
from tests.history.gitrepo import GitRepo


def test_a_linked_worktree_s_git_folder_is_a_git_folder_not_a_bare_one(tmp_path: Path) -> None:
    """It holds `HEAD` and `commondir`, no `objects/` or `refs/`, and no `config`: it was
    passed over for the `.git` above it, and, with no `config` and a name not `.git`, taken
    for a bare repository's."""
    top = GitRepo(tmp_path / "top")
    top.commit("one")
    top.git("worktree", "add", "-q", str(tmp_path / "w"))
    own = top.root / ".git" / "worktrees" / "w"
    assert is_git_folder(own)
    assert not is_bare_git_folder(own)
    assert git_folder_around(own / "logs") == own


def test_a_git_file_naming_a_git_folder_is_not_broken(tmp_path: Path) -> None:
    top = GitRepo(tmp_path / "top")
    top.commit("one")
    top.git("worktree", "add", "-q", str(tmp_path / "w"))
    assert broken_git_file(tmp_path / "w" / ".git") is None
    assert broken_git_file(top.root / ".git") is None  # (a folder)
    assert broken_git_file(tmp_path / "none" / ".git") is None


def test_a_git_file_naming_an_empty_folder_is_broken(tmp_path: Path) -> None:
    (tmp_path / "store").mkdir()
    (tmp_path / "wt").mkdir()
    (tmp_path / "wt" / ".git").write_text("gitdir: ../store\n")
    assert broken_git_file(tmp_path / "wt" / ".git") == (
        f"{tmp_path / 'wt' / '.git'} names the git folder {tmp_path / 'store'}, which is not "
        "a git folder, so git finds no repository there; fix its `gitdir:` line (`git "
        "worktree repair` mends a moved worktree's)")
