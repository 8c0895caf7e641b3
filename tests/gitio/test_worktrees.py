"""The work trees `git worktree list` names, and the git folder they share: what `new`
reads and locks (trial37)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from specrepo.base.paths import real_path
from specrepo.gitio.worktrees import work_trees
from tests.history.gitrepo import GitRepo

pytestmark = pytest.mark.usefixtures("each_git")  # SPECREPO_TEST_GIT too


def test_each_work_tree_sees_the_others_and_the_shared_git_folder(git_repo: GitRepo,
                                                                  tmp_path: Path) -> None:
    git_repo.commit("One", {"README.md": "one\n"})
    linked, gone = tmp_path / "linked tree", tmp_path / "gone"
    git_repo.git("worktree", "add", "-q", str(linked), "-b", "feature")
    git_repo.git("worktree", "add", "-q", "--detach", str(gone))
    shutil.rmtree(gone)  # prunable: nothing to read there
    main = work_trees(git_repo.root)
    assert main is not None
    assert real_path(main.common_git_dir) == real_path(git_repo.root / ".git")
    assert [real_path(path) for path in main.others] == [real_path(linked)]
    (linked / "sub").mkdir()
    seen = work_trees(linked / "sub")
    assert seen is not None and seen.common_git_dir == main.common_git_dir
    assert real_path(seen.top) == real_path(linked)
    assert [real_path(path) for path in seen.others] == [real_path(git_repo.root)]


def test_outside_a_repository_there_are_none(tmp_path: Path) -> None:
    assert work_trees(tmp_path) is None
