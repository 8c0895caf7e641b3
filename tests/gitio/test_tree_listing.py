"""Many commits' files from their tree objects (`tracked_files_of`), as `git ls-tree -r`
lists each."""

from __future__ import annotations

import os
import shutil
import subprocess
import threading
import time
from pathlib import Path

import pytest

from specrepo.gitio.diff_sides import tracked_files
from specrepo.gitio.git_command import Git, HistoryError
from specrepo.gitio.objects import ObjectReader
from specrepo.gitio.tree_files import holds_entry, holds_file, tracked_files_of
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


def test_folders_commits_share_and_a_submodule(tmp_path: Path) -> None:
    """Commits that share most folders (a configuration change and its parent), asked in
    two calls, a submodule (no file), a folder that became a file and nested folders
    sorted around files of similar names (`a.b` before `a/`, `a0` after): each listed as
    `git ls-tree -r` lists it, in its order."""
    repo = GitRepo(tmp_path / "repo")
    first = repo.commit("One", {"specs/a/deep/x.yaml": "x: 1\n", "specs/a.b": "1\n",
                                "specs/a0": "2\n", "specs/b/y.yaml": "y: 2\n",
                                "specrepo.yaml": "specs: specs\n", "tool/old": "3\n"})
    sub = repo.git("commit-tree", repo.git("hash-object", "-t", "tree", "/dev/null"),
                   "-m", "sub")
    repo.git("update-index", "--add", "--cacheinfo", f"160000,{sub},vendor/sub")
    repo.git("rm", "-q", "-r", "tool")
    second = repo.commit("Two", {"specrepo.yaml": "specs: specs/a\n", "tool": "4\n"})
    git = Git(repo.root)
    objects = ObjectReader(git, 1 << 20)
    try:
        listed = [*tracked_files_of(objects, [first]), *tracked_files_of(objects, [second])]
    finally:
        objects.close()
    expected = [tracked_files(git, commit) for commit in (first, second)]
    assert [list(files.items()) for files in listed] == [
        list(files.items()) for files in expected]
    assert "vendor/sub" not in listed[1] and listed[1]["tool"]
    assert list(listed[0])[:4] == ["specrepo.yaml", "specs/a.b", "specs/a/deep/x.yaml",
                                   "specs/a0"]


def test_holds_file_only_for_a_file(tmp_path: Path) -> None:
    """`holds_file` says a commit has a file at a path as `git diff --raw` tells a file (the
    configuration's log reads it so): a file at the top or in a folder, never a link, a
    folder or nothing; a commit git cannot read has none."""
    repo = GitRepo(tmp_path / "repo")
    (repo.root / "docs").mkdir()
    os.symlink("../specrepo.yaml", repo.root / "docs" / "link.yaml")
    commit = repo.commit("One", {"specrepo.yaml": "specs: specs\n", "specs/a.yaml": "a: 1\n"})
    git = Git(repo.root)
    assert holds_file(git, commit, "specrepo.yaml") and holds_file(git, commit, "specs/a.yaml")
    assert not any(holds_file(git, commit, path) for path in (
        "docs/link.yaml", "specs", "specs/b.yaml", "missing/a.yaml"))
    assert not holds_file(git, "0" * 40, "specrepo.yaml")


def test_holds_entry_waits_only_for_the_same_question(tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    """A question of `holds_entry` another thread is asking (the adoption's, `find_ahead`)
    keeps no caller of another commit or path waiting: git, first on PATH, holds the one
    about `slow` until the test lets it go (or 20 s pass); the one about `fast` answers
    meanwhile, and a second ask about `slow` waits for the first one's answer."""
    repo = GitRepo(tmp_path / "repo")
    commit = repo.commit("One", {"fast": "1\n", "slow": "2\n"})
    shim, started, go, log = (tmp_path / name for name in ("bin", "started", "go", "log"))
    shim.mkdir()
    real = shutil.which("git")
    (shim / "git").write_text(
        f'#!/bin/sh\necho "$*" >> "{log}"\ncase "$*" in *:slow) touch "{started}"; i=0; '
        f'while [ ! -e "{go}" ] && [ $i -lt 200 ]; do sleep 0.1; i=$((i+1)); done;; esac\n'
        f'exec "{real}" "$@"\n')
    (shim / "git").chmod(0o755)
    monkeypatch.setenv("PATH", f"{shim}{os.pathsep}{os.environ['PATH']}")
    git = Git(repo.root)
    answers: dict[str, bool] = {}

    def ask(path: str, key: str) -> threading.Thread:
        thread = threading.Thread(target=lambda: answers.update(
            {key: holds_entry(git, commit, path)}))
        thread.start()
        return thread

    slow = ask("slow", "slow")
    while not started.exists():
        time.sleep(0.01)
    again, fast = ask("slow", "slow again"), ask("fast", "fast")
    fast.join(timeout=10)
    waited = fast.is_alive()
    go.touch()
    for thread in (slow, again, fast):
        thread.join()
    assert not waited
    assert answers == {"slow": True, "slow again": True, "fast": True}
    assert log.read_text().count(f"{commit}:slow") == 1  # the second ask waited for it
