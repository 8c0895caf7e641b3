"""`render` and `site` warn when their output folder lies in a git submodule (or another
repository nested in the work tree): the pages there are that repository's files, which
`git add` here cannot take, so a fresh clone's `render --check` (CI's) finds them missing
unless they are committed in the submodule (trial50)."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from tests.history.gitrepo import GitRepo, spec_text
from tests.support import run_cli

WARNING = ("the output folder is inside the submodule vendor/lib (another repository): "
           "{}'s files there are that repository's, never this one's")


@pytest.fixture
def with_submodule(git_repo: GitRepo, tmp_path: Path) -> GitRepo:
    """The repository with one spec and the submodule vendor/lib, committed."""
    library = GitRepo(tmp_path / "lib")
    library.commit("A library", {"README": "x\n"})
    git_repo.commit("A spec", {"specs/SPEC-0001.yaml": spec_text("SPEC-0001")})
    git_repo.git("-c", "protocol.file.allow=always", "submodule", "add", "-q",
                 str(library.root), "vendor/lib")
    git_repo.commit("The library as a submodule")
    return git_repo


def test_render_into_a_submodule_warns_and_writes(with_submodule: GitRepo) -> None:
    result = run_cli("render", "--out", "vendor/lib/docs")
    assert result.exit_code == 0
    assert "specrepo: warning: vendor/lib/docs: " + WARNING.format("render") in result.stderr
    assert (with_submodule.root / "vendor/lib/docs/SPEC-0001.md").is_file()


def test_the_configured_render_folder_in_a_submodule_warns(with_submodule: GitRepo) -> None:
    with_submodule.write("specrepo.yaml", "specs: specs\nrender:\n  out: vendor/lib/docs\n")
    assert WARNING.format("render") in run_cli("render").stderr
    checked = run_cli("render", "--check")
    assert checked.exit_code == 0
    assert WARNING.format("render") in checked.stderr


def test_site_into_a_submodule_warns(with_submodule: GitRepo) -> None:
    result = run_cli("site", "--out", "vendor/lib/site")
    assert result.exit_code == 0
    assert WARNING.format("site") in result.stderr


def test_a_clone_without_the_submodule_fails_the_check_and_says_why(
        with_submodule: GitRepo, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    with_submodule.write("specrepo.yaml", "specs: specs\nrender:\n  out: vendor/lib/docs\n")
    assert run_cli("render").exit_code == 0
    with_submodule.commit("Pages", {})  # git add -A takes none of them: the submodule's
    clone = tmp_path / "clone"
    subprocess.run(["git", "clone", "-q", str(with_submodule.root), str(clone)], check=True)
    monkeypatch.chdir(clone)  # the submodule is not checked out: an empty folder
    result = run_cli("render", "--check")
    assert result.exit_code == 1
    assert "missing" in result.stdout
    assert WARNING.format("render") in result.stderr


def test_a_nested_repository_is_named_as_well(git_repo: GitRepo) -> None:
    git_repo.commit("A spec", {"specs/SPEC-0001.yaml": spec_text("SPEC-0001")})
    GitRepo(git_repo.root / "published")
    result = run_cli("render", "--out", "published/specs")
    assert result.exit_code == 0
    assert ("the output folder is inside the submodule published (another repository)"
            in result.stderr)


def test_a_folder_beside_the_submodule_is_not_warned_about(with_submodule: GitRepo) -> None:
    for out in ("vendor/lib-docs", "docs"):
        result = run_cli("render", "--out", out)
        assert result.exit_code == 0
        assert "submodule" not in result.stderr
