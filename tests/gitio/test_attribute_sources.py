"""The attributes files git reads besides the versioned ones, found without git: never
"no filter" where git gives a spec file one from them."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from specrepo.gitio.attribute_sources import (
    attributes_file_named,
    configuration_may_set_attributes_file,
    repository_may_set_attributes_file,
    unversioned_attribute_files,
)
from specrepo.gitio.filters import FilterAttributes
from specrepo.gitio.historical_filters import mentions_filter, unversioned_attributes
from specrepo.gitio.repository import open_repository
from tests.history.gitrepo import GitRepo

PATHS = ["specs/a/SPEC-0001.yaml", "specs/SPEC-0002.yaml"]


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> GitRepo:
    """Spec files; git reads no system attributes (a test cannot write them), the home
    folder is the test's own (see conftest)."""
    monkeypatch.setenv("GIT_ATTR_NOSYSTEM", "1")
    monkeypatch.delenv("XDG_CONFIG_HOME", raising=False)
    repo = GitRepo(tmp_path / "repo")
    repo.commit("Specs", dict.fromkeys(PATHS, "id: x\n"))
    return repo


def _answers(repo: GitRepo) -> tuple[bool, bool]:
    """(possible, as git says): whether the unversioned files may set a filter; whether
    git gives one of the spec files a filter."""
    git, state = open_repository(repo.root)
    possible = mentions_filter(unversioned_attributes(state.git_dir, state.settings,
                                                      git.environment, state.work_tree))
    attributes = FilterAttributes(git)
    try:
        return possible, bool(attributes.drivers(PATHS))
    finally:
        attributes.close()


def test_no_unversioned_attributes(repo: GitRepo) -> None:
    assert _answers(repo) == (False, False)


def test_the_repository_s_own_attributes(repo: GitRepo) -> None:
    (repo.root / ".git" / "info" / "attributes").write_text("*.yaml filter=crypt\n")
    assert _answers(repo) == (True, True)


@pytest.mark.parametrize("where", ["configured", "home-relative", "xdg", "home"])
def test_the_user_s_attributes(repo: GitRepo, tmp_path: Path, where: str,
                               monkeypatch: pytest.MonkeyPatch) -> None:
    home = Path(os.environ["HOME"])
    if where == "configured":
        (tmp_path / "attributes").write_text("*.yaml filter=crypt\n")
        repo.git("config", "core.attributesFile", str(tmp_path / "attributes"))
    elif where == "home-relative":
        (home / "attributes").write_text("*.yaml filter=crypt\n")
        repo.git("config", "core.attributesFile", "~/attributes")
    else:
        base = tmp_path / "xdg" if where == "xdg" else home / ".config"
        (base / "git").mkdir(parents=True)
        (base / "git" / "attributes").write_text("*.yaml filter=crypt\n")
        if where == "xdg":
            monkeypatch.setenv("XDG_CONFIG_HOME", str(base))
    assert _answers(repo) == (True, True)


def test_the_system_file_is_looked_for_where_git_is_installed(tmp_path: Path) -> None:
    (tmp_path / "opt" / "bin").mkdir(parents=True)
    git = tmp_path / "opt" / "bin" / "git"
    git.write_text("#!/bin/sh\n")
    git.chmod(0o755)
    files = unversioned_attribute_files(tmp_path / ".git", {}, {"PATH": str(git.parent)},
                                        tmp_path)
    assert files is not None
    assert tmp_path / "opt" / "etc" / "gitattributes" in files
    assert Path("/etc/gitattributes") in files


def test_a_system_file_that_cannot_be_found_counts_as_a_filter(tmp_path: Path) -> None:
    (tmp_path / "libexec").mkdir()
    git = tmp_path / "libexec" / "git"
    git.write_text("#!/bin/sh\n")
    git.chmod(0o755)
    environment = {"PATH": str(git.parent)}
    assert unversioned_attribute_files(tmp_path / ".git", {}, environment, tmp_path) is None
    assert mentions_filter(unversioned_attributes(tmp_path / ".git", {}, environment,
                                                  tmp_path))


def _configured_by_git(repo: GitRepo) -> bool:
    """Whether git says `core.attributesFile` is set."""
    git, _ = open_repository(repo.root)
    return git.attempt("config", "--get", "core.attributesFile").returncode == 0


@pytest.mark.parametrize("where", ["nowhere", "repository", "global", "included", "xdg",
                                   "command line", "system"])
def test_whether_the_configuration_may_name_an_attributes_file(
        repo: GitRepo, tmp_path: Path, where: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """Told from the configuration files without git: never "not set" where git has it."""
    home = Path(os.environ["HOME"])
    monkeypatch.delenv("GIT_CONFIG_GLOBAL")  # the user's files where git looks for them
    setting = "[core]\n\tattributesFile = /x/attributes\n"
    if where == "repository":
        repo.git("config", "core.attributesFile", "/x/attributes")
    elif where == "global":
        (home / ".gitconfig").write_text(setting)
    elif where == "included":
        (tmp_path / "more.gitconfig").write_text(setting)
        (home / ".gitconfig").write_text(f"[include]\n\tpath = {tmp_path / 'more.gitconfig'}\n")
    elif where == "xdg":
        monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg"))
        (tmp_path / "xdg" / "git").mkdir(parents=True)
        (tmp_path / "xdg" / "git" / "config").write_text(setting)
    elif where == "command line":
        monkeypatch.setenv("GIT_CONFIG_PARAMETERS", "'core.attributesfile'='/x/attributes'")
    elif where == "system":
        monkeypatch.delenv("GIT_CONFIG_NOSYSTEM")
        monkeypatch.setenv("GIT_CONFIG_SYSTEM", str(tmp_path / "system.gitconfig"))
        (tmp_path / "system.gitconfig").write_text(setting)
    git, state = open_repository(repo.root)
    outside = configuration_may_set_attributes_file(git.environment)
    inside = repository_may_set_attributes_file(state.git_dir)
    assert (outside or inside) == _configured_by_git(repo) == (where != "nowhere")
    assert outside == (where not in ("nowhere", "repository"))


def test_a_configuration_file_that_cannot_be_read_may_name_one(repo: GitRepo) -> None:
    git, state = open_repository(repo.root)
    unreadable = {**git.environment, "GIT_CONFIG_GLOBAL": str(repo.root)}  # a folder
    assert configuration_may_set_attributes_file(unreadable)
    assert not repository_may_set_attributes_file(state.git_dir)


def test_per_worktree_configuration_may_name_one(repo: GitRepo) -> None:
    repo.git("config", "extensions.worktreeConfig", "true")
    _, state = open_repository(repo.root)
    assert repository_may_set_attributes_file(state.git_dir)


GITS = ["git", *filter(None, [os.environ.get("SPECREPO_TEST_GIT")])]
"""The git on the path, and the newer one CI builds when it is there."""


@pytest.mark.parametrize("git", GITS)
@pytest.mark.parametrize("configured", [
    "%(prefix)/etc/gitattributes-extra", "%(prefix)/", "~/attributes", "~root/attributes",
    "./%(prefix)/attributes", "%(prefix)attributes", "info/attributes", "/srv/attributes"])
def test_an_attributes_file_is_named_as_git_expands_it(
        repo: GitRepo, tmp_path: Path, git: str, configured: str) -> None:
    """git-config(1) "pathname": `~/`, `~user/` and `%(prefix)/` (git's installation, the
    folder above the `bin` its executable really is in, here reached through a link) at
    the start are expanded, anything else is a path as written (relative: from the top).
    Each is found where git itself says (`git config --type=path`)."""
    real = shutil.which(git)
    assert real is not None
    linked = tmp_path / "linked" / "bin"
    linked.mkdir(parents=True)
    (linked / "git").symlink_to(real)
    environment = {**os.environ, "PATH": f"{linked}{os.pathsep}{os.environ['PATH']}"}
    expanded = subprocess.run(
        [str(linked / "git"), "-c", f"core.attributesFile={configured}", "config",
         "--type=path", "--get", "core.attributesFile"], cwd=repo.root, env=environment,
        capture_output=True, text=True, check=True).stdout.rstrip("\n")
    named = attributes_file_named(configured, environment, repo.root)
    assert os.path.normpath(named) == os.path.normpath(repo.root / expanded)
