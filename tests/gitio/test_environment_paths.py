"""git's path environment variables, relative to the caller's folder, are made absolute as
git reads them (trial29b finding 5): git then answers the same from the top of the work
tree, where specrepo runs it."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from specrepo.gitio.environment_paths import settle_git_paths
from tests.history.gitrepo import GitRepo, spec_text
from tests.support import run_cli

_ASKED = ("rev-parse", "--path-format=absolute", "--absolute-git-dir", "--git-common-dir",
          "--git-path", "index", "--git-path", "objects", "--show-toplevel")


def _answers(folder: Path, environ: dict[str, str]) -> list[str]:
    found = subprocess.run(["git", *_ASKED], cwd=folder, env=environ, capture_output=True,
                           check=True, text=True)
    return found.stdout.splitlines()


@pytest.mark.parametrize(("start", "variables"), [
    ("specs", {"GIT_DIR": "../.git", "GIT_WORK_TREE": ".."}),
    ("specs", {"GIT_DIR": "../.git"}),  # the work tree is where git starts
    ("specs", {"GIT_DIR": "../.git", "GIT_WORK_TREE": "..", "GIT_INDEX_FILE": "other-index"}),
    # (git itself checks a relative `GIT_OBJECT_DIRECTORY` or `GIT_COMMON_DIR` from where
    # it starts, and uses it from the top: only at the top do both agree)
    (".", {"GIT_DIR": ".git", "GIT_WORK_TREE": ".", "GIT_OBJECT_DIRECTORY": "objects-elsewhere"}),
    (".", {"GIT_COMMON_DIR": ".git", "GIT_INDEX_FILE": ".git/index"}),
    ("..", {"GIT_DIR": "repo/.git", "GIT_WORK_TREE": "repo",
            "GIT_INDEX_FILE": "repo/other-index"}),  # started outside the work tree
])
def test_git_answers_the_same_from_the_top_once_settled(
        git_repo: GitRepo, start: str, variables: dict[str, str]) -> None:
    git_repo.commit("One", {"specs/SPEC-0001.yaml": spec_text()})
    shutil.copy(git_repo.root / ".git" / "index", git_repo.root / "other-index")
    shutil.copytree(git_repo.root / ".git" / "objects", git_repo.root / "objects-elsewhere")
    folder = (git_repo.root / start).resolve()
    caller = {**git_repo.environment(), **variables}
    expected = _answers(folder, caller)
    settled = dict(caller)
    settle_git_paths(settled, os.fspath(folder))
    assert all(os.path.isabs(settled[name]) for name in variables)
    assert _answers(Path(expected[-1]), settled) == expected  # from the top git named
    if "GIT_WORK_TREE" in variables:  # then from anywhere
        assert _answers(git_repo.root.parent, settled) == expected


def test_absolute_and_unset_variables_stay_as_they_are(tmp_path: Path) -> None:
    environ = {"GIT_DIR": "/abs/.git", "GIT_ALTERNATE_OBJECT_DIRECTORIES": "", "HOME": "x"}
    settle_git_paths(environ, os.fspath(tmp_path))
    assert environ == {"GIT_DIR": "/abs/.git", "GIT_ALTERNATE_OBJECT_DIRECTORIES": "",
                       "HOME": "x"}


def test_history_readers_follow_a_relative_git_dir(git_repo: GitRepo,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    """trial29b finding 5: from specs/, `GIT_DIR=../.git` with `GIT_WORK_TREE`."""
    git_repo.commit("One", {"specs/SPEC-0001.yaml": spec_text()})
    git_repo.commit("Two", {"specs/SPEC-0001.yaml": spec_text(
        status="In Review", extra="reviewers: [Grace Hopper]\n")})
    monkeypatch.chdir(git_repo.root / "specs")
    environment = {"GIT_DIR": "../.git", "GIT_WORK_TREE": os.fspath(git_repo.root)}
    for arguments in (["validate", "--history"], ["validate", "--changed-since", "HEAD~1"],
                      ["report"], ["timeline", "SPEC-0001"], ["diff", "HEAD~1"]):
        result = run_cli(*arguments, env=environment, no_traceback=True)
        assert result.exit_code == 0, (arguments, result.output)
    compared = run_cli("diff", "HEAD~1", env=environment)
    assert "1 spec changed" in compared.output
    assert "In Review" in run_cli("timeline", "SPEC-0001", env=environment).output


def test_git_dir_alone_pins_the_work_tree_where_git_starts(git_repo: GitRepo) -> None:
    """With `GIT_DIR` and no `GIT_WORK_TREE`, git takes the folder it starts in as the
    top (newuser60): settled, `GIT_WORK_TREE` says so, for git run anywhere."""
    git_repo.commit("One", {"specs/SPEC-0001.yaml": spec_text()})
    folder = (git_repo.root / "specs").resolve()
    settled = {**git_repo.environment(), "GIT_DIR": "../.git"}
    settle_git_paths(settled, os.fspath(folder))
    assert settled["GIT_WORK_TREE"] == os.fspath(folder)
    assert _answers(git_repo.root.parent, settled)[-1] == os.fspath(folder)

