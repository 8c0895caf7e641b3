"""A history command the cache answers (a warm start) loads only what reading the cache
needs: the modules that walk commits and compare versions stay unloaded."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tests.history.gitrepo import GitRepo, spec_text

PATH = "specs/SPEC-0001.yaml"

_LOADED_BY = """
import sys
sys.argv = ["specrepo", *sys.argv[1:]]
from specrepo.__main__ import main
try:
    main()
except SystemExit:
    pass
print(" ".join(sorted(sys.modules)))
"""

WALKING = {"specrepo.history.streamed_walk", "specrepo.history.version_worker",
           "specrepo.history.version_store", "specrepo.gitio.log", "specrepo.gitio.objects",
           "specrepo.compare.content_events", "specrepo.history.order"}


def loaded_by(repo: GitRepo, *arguments: str) -> set[str]:
    completed = subprocess.run([sys.executable, "-c", _LOADED_BY, *arguments], cwd=repo.root,
                               capture_output=True, text=True, check=True)
    return set(completed.stdout.split("\n")[-2].split())


@pytest.fixture
def repo(tmp_path: Path) -> GitRepo:
    repo = GitRepo(tmp_path / "repo")
    repo.commit("Draft", {PATH: spec_text()})
    repo.commit("Review", {PATH: spec_text(status="In Review")})
    return repo


@pytest.mark.parametrize("arguments", [("report", "--format", "json"), ("timeline", PATH),
                                       ("validate", "--history")])
def test_a_warm_history_command_loads_no_walking_module(repo: GitRepo,
                                                        arguments: tuple[str, ...]) -> None:
    cold = loaded_by(repo, *arguments)  # no cache yet: the history is walked
    assert cold >= WALKING
    warm = loaded_by(repo, *arguments)
    assert "specrepo.history.mine" in warm
    assert warm & WALKING == set()


def test_a_new_commit_walks_again(repo: GitRepo) -> None:
    loaded_by(repo, "report")
    repo.commit("Approve", {PATH: spec_text(status="Approved",
                                            extra="reviewers: [Grace Hopper]\n")})
    assert loaded_by(repo, "report") >= WALKING
    assert loaded_by(repo, "report") & WALKING == set()
