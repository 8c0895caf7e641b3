"""Many commits' files from two gits (`tracked_files_of`), as `git ls-tree -r` lists each."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

from specrepo.gitio.diff_sides import tracked_files, tracked_files_of
from specrepo.gitio.git_command import Git, HistoryError
from specrepo.gitio.objects import ObjectReader
from tests.history.gitrepo import GitRepo


@pytest.mark.parametrize("object_format", ["sha1", "sha256"])
def test_each_commits_files_as_ls_tree_lists_them(tmp_path: Path, object_format: str) -> None:
    """Empty trees first, between and last, a commit asked twice, an odd name (a newline,
    a space, bytes that are no UTF-8), a link and an executable file: each commit's files
    as `tracked_files`, whatever the length of the object ids."""
    subprocess.run(["git", "init", "-q", f"--object-format={object_format}",
                    str(tmp_path / "repo")], check=True)
    repo = GitRepo(tmp_path / "repo")
    empty_tree = repo.git("hash-object", "-t", "tree", "/dev/null")
    nothing = repo.git("commit-tree", empty_tree, "-m", "nothing")
    first = repo.commit("One", {"specs/a.yaml": "a: 1\n", "odd\nname .yaml": "b: 2\n"})
    (repo.root / os.fsdecode(b"caf\xe9.yaml")).write_text("d: 4\n")  # Latin-1, no UTF-8
    os.symlink("specs/a.yaml", repo.root / "link.yaml")
    (repo.root / "run.sh").write_text("echo\n")
    (repo.root / "run.sh").chmod(0o755)
    repo.git("add", "-A")
    second = repo.commit("Two", {"specs/c.yaml": "c: 3\n"})
    git = Git(repo.root)
    asked = [nothing, first, nothing, second, first, nothing]
    objects = ObjectReader(git, 1 << 20)
    try:
        listed = tracked_files_of(objects, asked)
        assert objects.blob_at(first, "specs/a.yaml") == listed[1]["specs/a.yaml"]
        assert tracked_files_of(objects, []) == []
    finally:
        objects.close()
    assert listed == [tracked_files(git, commit) for commit in asked]
    assert listed[3]["run.sh"] and "link.yaml" not in listed[3]  # a link is no file
    assert "odd\nname .yaml" in listed[1]
    assert len(listed[1]["specs/a.yaml"]) == (64 if object_format == "sha256" else 40)
    assert os.fsdecode(b"caf\xe9.yaml") in listed[3]


def test_a_commit_git_cannot_read_is_said(tmp_path: Path) -> None:
    """A commit id that names no commit (gone, a damaged repository): `HistoryError`
    naming it, never a traceback nor empty files; the reader answers on rightly."""
    repo = GitRepo(tmp_path / "repo")
    first = repo.commit("One", {"specs/a.yaml": "a: 1\n"})
    second = repo.commit("Two", {"specs/b.yaml": "b: 2\n"})
    git = Git(repo.root)
    objects = ObjectReader(git, 1 << 20)
    try:
        with pytest.raises(HistoryError, match=f"files of {'0' * 40}"):
            tracked_files_of(objects, ["0" * 40, first])  # its answers all read
        assert tracked_files_of(objects, [second]) == [tracked_files(git, second)]
    finally:
        objects.close()
