"""Which spec files the work tree changed from HEAD (`modified_in_work_tree`): git's answer
(`git diff HEAD`), with files whose bytes are HEAD's blob answered without git."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from specrepo.gitio.git_command import Git
from specrepo.gitio.revisions import modified_in_work_tree, unknown_revision
from tests.history.gitrepo import GitRepo, spec_text

FILES = ["specs/same.yaml", "specs/edited.yaml", "specs/deleted.yaml", "specs/linked.yaml",
         "specs/staged.yaml", "specs/folder.yaml"]


def head_blobs(repo: GitRepo) -> dict[str, str]:
    listed = repo.git("ls-tree", "-r", "HEAD", "--", "specs").splitlines()
    return {line.split("\t")[1]: line.split()[2] for line in listed}


def git_says(repo: GitRepo) -> frozenset[str]:
    return frozenset(repo.git("diff", "--name-only", "HEAD", "--", "specs").splitlines())


def logged_git(repo: GitRepo, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A `git` first on PATH that logs its first argument, then runs git."""
    shim, log = tmp_path / "shim", tmp_path / "git.log"
    shim.mkdir()
    real = shutil.which("git")
    (shim / "git").write_text(f'#!/bin/sh\necho "$1" >> "{log}"\nexec "{real}" "$@"\n')
    (shim / "git").chmod(0o755)
    monkeypatch.setenv("PATH", f"{shim}{os.pathsep}{os.environ['PATH']}")
    log.write_text("")
    return log


@pytest.mark.parametrize("object_format", ["sha1", "sha256"])
def test_the_answer_is_git_diffs(tmp_path: Path, object_format: str) -> None:
    root = tmp_path / "repo"
    root.mkdir()
    subprocess.run(["git", "init", "-q", f"--object-format={object_format}", str(root)],
                   check=True)
    repo = GitRepo(root)
    repo.commit("Specs", {path: spec_text(Path(path).stem) for path in FILES})
    repo.write("specs/edited.yaml", spec_text("edited", status="In Review"))
    (root / "specs/deleted.yaml").unlink()
    (root / "specs/linked.yaml").unlink()
    (root / "specs/linked.yaml").symlink_to("same.yaml")
    repo.write("specs/staged.yaml", spec_text("staged", status="In Review"))
    repo.git("add", "specs/staged.yaml")
    repo.write("specs/staged.yaml", spec_text("staged"))  # back to HEAD's, the index not
    (root / "specs/folder.yaml").unlink()
    (root / "specs/folder.yaml").mkdir()
    blobs = head_blobs(repo)
    assert len(blobs[FILES[0]]) == (64 if object_format == "sha256" else 40)
    found = modified_in_work_tree(Git(root), blobs, root)
    assert found == git_says(repo) == {"specs/edited.yaml", "specs/deleted.yaml",
                                       "specs/linked.yaml", "specs/folder.yaml"}


def test_a_work_tree_holding_heads_files_asks_git_nothing(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    repo = GitRepo(tmp_path / "repo")
    repo.commit("Specs", {path: spec_text(Path(path).stem) for path in FILES})
    blobs = head_blobs(repo)
    log = logged_git(repo, tmp_path, monkeypatch)
    assert modified_in_work_tree(Git(repo.root), blobs, repo.root) == frozenset()
    assert log.read_text() == ""
    repo.write("specs/edited.yaml", spec_text("edited", status="In Review"))
    assert modified_in_work_tree(Git(repo.root), blobs, repo.root) == {"specs/edited.yaml"}
    # git's plumbing, which leaves the index alone, and the edited file's blob, unwritten
    assert log.read_text().split() == ["diff-index", "-C"]  # `-C TOP hash-object`


def test_a_file_changed_only_by_its_checkout_is_not_modified(tmp_path: Path) -> None:
    """CRLF line ends written at checkout (`eol=crlf`): the bytes are not the blob's, so
    git is asked, and git says what it always says: unchanged."""
    repo = GitRepo(tmp_path / "repo")
    repo.write(".gitattributes", "*.yaml text eol=crlf\n")
    repo.commit("Specs", {"specs/same.yaml": spec_text()})
    (repo.root / "specs/same.yaml").unlink()
    repo.git("checkout", "--", "specs/same.yaml")
    assert b"\r\n" in (repo.root / "specs/same.yaml").read_bytes()
    assert modified_in_work_tree(Git(repo.root), head_blobs(repo), repo.root) == frozenset()


def test_a_range_given_for_a_revision_is_named_as_one(git_repo: GitRepo) -> None:
    git_repo.commit("One", {"specs/SPEC-0001.yaml": spec_text()})
    message = unknown_revision(Git(git_repo.root), "main..topic")
    assert message.startswith("'main..topic' is a range, not a revision: give its start "
                              "('main')")
