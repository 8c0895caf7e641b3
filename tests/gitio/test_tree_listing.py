"""Many commits' files from two gits (`tracked_files_of`), as `git ls-tree -r` lists each."""

from __future__ import annotations

import os
from pathlib import Path

from specrepo.gitio.diff_sides import tracked_files, tracked_files_of
from specrepo.gitio.git_command import Git
from tests.history.gitrepo import GitRepo


def test_each_commits_files_as_ls_tree_lists_them(tmp_path: Path) -> None:
    """Empty trees first, between and last, a commit asked twice, an odd name (a newline,
    a space), a link and an executable file: each commit's files as `tracked_files`."""
    repo = GitRepo(tmp_path / "repo")
    empty_tree = repo.git("hash-object", "-t", "tree", "/dev/null")
    nothing = repo.git("commit-tree", empty_tree, "-m", "nothing")
    first = repo.commit("One", {"specs/a.yaml": "a: 1\n", "odd\nname .yaml": "b: 2\n"})
    os.symlink("specs/a.yaml", repo.root / "link.yaml")
    (repo.root / "run.sh").write_text("echo\n")
    (repo.root / "run.sh").chmod(0o755)
    repo.git("add", "-A")
    second = repo.commit("Two", {"specs/c.yaml": "c: 3\n"})
    git = Git(repo.root)
    asked = [nothing, first, nothing, second, first, nothing]
    listed = tracked_files_of(git, asked)
    assert listed == [tracked_files(git, commit) for commit in asked]
    assert listed[3]["run.sh"] and "link.yaml" not in listed[3]  # a link is no file
    assert "odd\nname .yaml" in listed[1]
    assert tracked_files_of(git, []) == []
