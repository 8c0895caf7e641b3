"""Whether a spec file could have a clean/smudge filter, told without `git check-attr`:
never "no" where git gives one a filter, and "no" where no attribute source names one."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from specrepo.gitio.attribute_sources import filters_possible
from specrepo.gitio.filters import FilterAttributes
from specrepo.gitio.repository import open_repository
from tests.history.gitrepo import GitRepo

PATHS = ["specs/a/SPEC-0001.yaml", "specs/SPEC-0002.yaml"]


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> GitRepo:
    """Specs in two folders and one elsewhere; git reads no system attributes (a test
    cannot write them), the home folder is the test's own (see conftest)."""
    monkeypatch.setenv("GIT_ATTR_NOSYSTEM", "1")
    monkeypatch.delenv("XDG_CONFIG_HOME", raising=False)
    repo = GitRepo(tmp_path / "repo")
    repo.commit("Specs", dict.fromkeys([*PATHS, "other/SPEC-0003.yaml"], "id: x\n"))
    return repo


def _answers(repo: GitRepo) -> tuple[bool, bool]:
    """(possible, as git says): whether the gate lets git be asked; whether git gives one
    of the spec files a filter."""
    git, state = open_repository(repo.root)
    possible = filters_possible(PATHS, state.work_tree, state.git_dir, state.settings,
                                git.environment)
    attributes = FilterAttributes(git)
    try:
        return possible, bool(attributes.drivers(PATHS))
    finally:
        attributes.close()


def test_no_attributes_at_all_need_no_question(repo: GitRepo) -> None:
    assert _answers(repo) == (False, False)


@pytest.mark.parametrize("path", [".gitattributes", "specs/.gitattributes"])
def test_attributes_without_filters_need_no_question(repo: GitRepo, path: str) -> None:
    repo.commit("Attributes", {path: "* text=auto\n*.png binary\n"})
    assert _answers(repo) == (False, False)


def test_a_filter_in_a_folder_no_spec_file_is_in_needs_no_question(repo: GitRepo) -> None:
    repo.commit("Attributes", {"other/.gitattributes": "*.yaml filter=crypt\n"})
    assert _answers(repo) == (False, False)


@pytest.mark.parametrize("path", [".gitattributes", "specs/.gitattributes",
                                  "specs/a/.gitattributes"])
def test_a_filter_in_a_folder_above_a_spec_file(repo: GitRepo, path: str) -> None:
    repo.commit("Attributes", {path: "*.yaml filter=crypt\n"})
    assert _answers(repo) == (True, True)


def test_a_filter_set_by_a_macro(repo: GitRepo) -> None:
    repo.commit("Attributes", {".gitattributes": "[attr]secret filter=crypt diff=crypt\n"
                                                 "specs/** secret\n"})
    assert _answers(repo) == (True, True)


def test_a_gitattributes_the_work_tree_lacks_is_read_from_the_index(repo: GitRepo) -> None:
    repo.commit("Attributes", {"specs/.gitattributes": "*.yaml filter=crypt\n"})
    (repo.root / "specs" / ".gitattributes").unlink()  # deleted, not staged
    assert _answers(repo) == (True, True)


def test_the_repository_s_own_attributes(repo: GitRepo) -> None:
    (repo.root / ".git" / "info" / "attributes").write_text("*.yaml filter=crypt\n")
    assert _answers(repo) == (True, True)


@pytest.mark.parametrize("where", ["configured", "xdg", "home"])
def test_the_user_s_attributes(repo: GitRepo, tmp_path: Path, where: str,
                               monkeypatch: pytest.MonkeyPatch) -> None:
    home = Path(os.environ["HOME"])
    if where == "configured":
        (tmp_path / "attributes").write_text("*.yaml filter=crypt\n")
        repo.git("config", "core.attributesFile", str(tmp_path / "attributes"))
    else:
        base = tmp_path / "xdg" if where == "xdg" else home / ".config"
        (base / "git").mkdir(parents=True)
        (base / "git" / "attributes").write_text("*.yaml filter=crypt\n")
        if where == "xdg":
            monkeypatch.setenv("XDG_CONFIG_HOME", str(base))
    assert _answers(repo) == (True, True)


def test_a_tree_named_as_the_attributes_source_is_not_judged(
        repo: GitRepo, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GIT_ATTR_SOURCE", "HEAD")  # git 2.40+ reads attributes from it
    git, state = open_repository(repo.root)
    assert filters_possible(PATHS, state.work_tree, state.git_dir, state.settings,
                            git.environment)
