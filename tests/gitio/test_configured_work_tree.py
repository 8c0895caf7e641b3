"""The work tree a repository's own `config` moves (`core.worktree`) or takes away
(`core.bare`), found once at the start and pinned in git's environment (newuser71 M1, M3);
an ordinary repository costs no git run there."""

from __future__ import annotations

import os
import subprocess
from collections.abc import Sequence
from pathlib import Path

import pytest

from specrepo.base import inputs
from specrepo.base.work_tree import NO_WORK_TREE, is_bare_git_folder
from specrepo.gitio.environment_paths import settle_git_paths
from specrepo.gitio.git_command import Git, HistoryError
from specrepo.gitio.repository import _HEAD_SHOWN, _head
from tests.history.gitrepo import GitRepo


def _settled(folder: Path, monkeypatch: pytest.MonkeyPatch,
             **variables: str) -> tuple[dict[str, str], list[Sequence[str]]]:
    """The environment `settle_git_paths` leaves from `folder`, and the gits it ran."""
    ran: list[Sequence[str]] = []
    monkeypatch.setattr(inputs.reader, "ran_git",
                        lambda _folder, arguments, *_rest, **_named: ran.append(arguments))
    environ = {**os.environ, **variables}
    settle_git_paths(environ, os.fspath(folder))
    return {name: value for name, value in environ.items()
            if os.environ.get(name) != value}, ran


@pytest.mark.parametrize("start", [".", "specs"])
def test_an_ordinary_repository_is_settled_without_git(
        git_repo: GitRepo, monkeypatch: pytest.MonkeyPatch, start: str) -> None:
    assert _settled(git_repo.root / start, monkeypatch) == ({}, [])


def test_a_work_tree_a_repository_moves_elsewhere_is_pinned(
        git_repo: GitRepo, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "wt").mkdir()
    git_repo.git("config", "core.worktree", str(tmp_path / "wt"))
    changed, _ = _settled(git_repo.root, monkeypatch)
    assert changed == {"GIT_DIR": str(git_repo.root / ".git"),
                       "GIT_WORK_TREE": str(tmp_path / "wt")}


def test_a_repository_inside_its_moved_work_tree_is_pinned(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Its top (`core.worktree = ..`) holds no `.git`: git run there finds nothing."""
    inner = GitRepo(tmp_path / "top" / "inner")
    inner.git("config", "core.worktree", "../..")
    changed, _ = _settled(inner.root, monkeypatch)
    assert changed == {"GIT_DIR": str(inner.root / ".git"),
                       "GIT_WORK_TREE": str(tmp_path / "top")}


def test_a_submodule_checked_out_pins_nothing(git_repo: GitRepo, tmp_path: Path,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    """Its git folder names its work tree (`core.worktree`), whose `.git` file leads back."""
    source = GitRepo(tmp_path / "source")
    source.commit("one")
    git_repo.commit("one")
    git_repo.git("-c", "protocol.file.allow=always", "submodule", "add", "-q",
                 str(source.root), "sub")
    changed, ran = _settled(git_repo.root / "sub", monkeypatch)
    assert (changed, len(ran)) == ({}, 1)


def test_core_bare_leaves_no_work_tree(git_repo: GitRepo,
                                       monkeypatch: pytest.MonkeyPatch) -> None:
    git_repo.git("config", "core.bare", "true")
    changed, _ = _settled(git_repo.root / "specs", monkeypatch)
    assert changed == {NO_WORK_TREE: str(git_repo.root / ".git")}


def test_git_dir_naming_a_bare_repository_leaves_no_work_tree(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    bare = tmp_path / "specs.git"
    subprocess.run(["git", "init", "-q", "--bare", str(bare)], check=True)
    changed, _ = _settled(tmp_path, monkeypatch, GIT_DIR=str(bare))
    assert changed == {"GIT_DIR": str(bare), NO_WORK_TREE: str(bare)}


@pytest.mark.parametrize(("config", "bare"), [
    ("[core]\n\tbare = true\n", True), ("[core]\n\tbare\n", True),
    ("[core]\n\tBare = yes # said so\n", True), ("[core]\n\tbare = false\n", False),
    ("[core]\n\tbare = false\n\tworktree = ../../../sub\n", False),  # a submodule's
])
def test_a_bare_git_folder_is_told_by_its_config(tmp_path: Path, config: str,
                                                 bare: bool) -> None:
    (tmp_path / "config").write_text(config)
    assert is_bare_git_folder(tmp_path) is bare


def test_a_git_folder_without_config_is_told_by_its_name(tmp_path: Path) -> None:
    assert is_bare_git_folder(tmp_path / "specs.git") is True
    assert is_bare_git_folder(tmp_path / ".git") is False


def test_a_head_git_cannot_look_for_is_not_called_damaged(tmp_path: Path) -> None:
    """Where git runs in a folder that leads it to no repository (the top of a moved work
    tree, before it was pinned), HEAD's reading says so: it said "HEAD does not name a
    commit git can read; the repository is damaged" of a healthy repository."""
    git = Git(tmp_path)
    with pytest.raises(HistoryError, match=f"^git finds no repository from {tmp_path}: "
                                           "fatal: not a git repository"):
        _head(git, git.attempt(*_HEAD_SHOWN))


def test_a_linked_worktree_of_a_bare_repository_pins_nothing(
        git_repo: GitRepo, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The common `core.bare = true` of `git clone --bare` + `git worktree add`: git asked
    once, and the worktree is worked on as it is."""
    git_repo.commit("one")
    bare = tmp_path / "r.git"
    subprocess.run(["git", "clone", "-q", "--bare", str(git_repo.root), str(bare)], check=True)
    subprocess.run(["git", "-C", str(bare), "worktree", "add", "-q", str(tmp_path / "wt"),
                    "main"], check=True)
    changed, ran = _settled(tmp_path / "wt" / "specs", monkeypatch)
    assert (changed, len(ran)) == ({}, 1)
