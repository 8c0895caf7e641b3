"""Whether work tree files hold a commit's blobs (`gitio.commit_match`), by content: what git
would store at each path, whatever its status makes of the file; git asked once, and only
about files whose bytes are not the blob."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from specrepo.gitio.commit_match import (
    committed_files,
    differing_files,
    ignored_files,
    staged_changes,
    status_blind_files,
)
from specrepo.gitio.git_command import Git
from tests.gitio.test_revisions import logged_git
from tests.history.gitrepo import GitRepo

ODD = 'specs/a "quoted"\\name\nwith a line break.yaml'


@pytest.fixture
def repo(tmp_path: Path) -> GitRepo:
    repo = GitRepo(tmp_path / "repo")
    repo.commit("Files", {"specs/same.yaml": "a: 1\n", "specs/crlf.yaml": "a: 1\nb: 2\n",
                          "specs/edited.yaml": "a: 1\n", "specs/gone.yaml": "a: 1\n",
                          "specs/marked.yaml": "a: 1\n", ODD: "a: 1\n",
                          ".gitignore": "specs/*.local.yaml\n"})
    return repo


def differing(repo: GitRepo, *work: str) -> list[str]:
    git = Git(repo.root)
    head = repo.git("rev-parse", "HEAD")
    return differing_files(git, repo.root, head, committed_files(git, head, ["specs"]),
                           list(work))


def test_content_decides_whatever_git_status_says(repo: GitRepo) -> None:
    repo.git("config", "core.autocrlf", "true")
    (repo.root / "specs/crlf.yaml").write_bytes(b"a: 1\r\nb: 2\r\n")  # stored as LF
    (repo.root / "specs/edited.yaml").write_text("a: 2\n")
    (repo.root / "specs/gone.yaml").unlink()
    repo.git("update-index", "--assume-unchanged", "specs/marked.yaml")
    (repo.root / "specs/marked.yaml").write_text("a: 2\n")
    (repo.root / "specs/x.local.yaml").write_text("a: 1\n")
    (repo.root / ODD).write_text("a: 2\n")
    assert repo.git("status", "--porcelain", "--", "specs/marked.yaml").strip() == ""
    assert differing(repo, "specs/x.local.yaml", "specs/nowhere.yaml") == sorted([
        "specs/edited.yaml", "specs/gone.yaml", "specs/marked.yaml", "specs/nowhere.yaml",
        "specs/x.local.yaml", ODD])
    git = Git(repo.root)
    assert ignored_files(git, ["specs/x.local.yaml", "specs/gone.yaml"]) == {
        "specs/x.local.yaml"}
    assert status_blind_files(git, ["specs/marked.yaml", "specs/edited.yaml"]) == {
        "specs/marked.yaml"}


def test_a_clean_work_tree_starts_no_git_and_the_rest_one(
        repo: GitRepo, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    log = logged_git(repo, tmp_path, monkeypatch)
    assert differing(repo) == []
    assert set(log.read_text().split()) == {"-c", "ls-tree"}  # -c: the test's rev-parse
    repo.git("config", "core.autocrlf", "true")
    for name in ("specs/crlf.yaml", "specs/same.yaml", ODD):
        file = repo.root / name
        file.write_bytes(file.read_bytes().replace(b"\n", b"\r\n"))
    log.write_text("")
    assert differing(repo) == []
    assert log.read_text().split() == ["-c", "ls-tree", "-C"]  # -C: hash-object, once


def test_a_link_is_compared_as_git_keeps_it(repo: GitRepo) -> None:
    os.symlink("same.yaml", repo.root / "specs/link.yaml")
    repo.commit("Link")
    assert differing(repo, "specs/link.yaml") == []
    (repo.root / "specs/link.yaml").unlink()
    os.symlink("edited.yaml", repo.root / "specs/link.yaml")
    assert differing(repo, "specs/link.yaml") == ["specs/link.yaml"]


def test_the_index_is_compared_too(repo: GitRepo) -> None:
    (repo.root / "specs/edited.yaml").write_text("a: 2\n")
    repo.git("add", "specs/edited.yaml")
    (repo.root / "specs/edited.yaml").write_text("a: 1\n")
    head = repo.git("rev-parse", "HEAD")
    assert differing(repo) == []
    assert staged_changes(Git(repo.root), head) == {"specs/edited.yaml"}
