"""In a shallow clone, a revision beyond its history, or a merge base it lacks, is said to
be the clone's doing, with the fix: never blamed on the revision, never answered with
advice that compares other things."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from tests.history.gitrepo import GitRepo, spec_text
from tests.support import run_cli

pytestmark = pytest.mark.usefixtures("each_git")  # SPECREPO_TEST_GIT too

SHALLOW = ("the repository is a shallow clone, whose history may not reach that far: fetch "
           "all of it (`git fetch --unshallow`, or `fetch-depth: 0` in actions/checkout)")
PATH = "specs/SPEC-0001.yaml"


@pytest.fixture
def pull_request(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A branch `topic` off `main`, which moved on; cloned as CI clones by default."""
    origin = GitRepo(tmp_path / "origin")
    origin.commit("Draft", {PATH: spec_text()})
    origin.git("checkout", "-q", "-b", "topic")
    origin.commit("Review", {PATH: spec_text(status="In Review",
                                             extra="reviewers: [Grace Hopper]\n")})
    origin.git("checkout", "-q", "main")
    origin.commit("Other", {"other.txt": "x\n"})
    clone = tmp_path / "clone"
    subprocess.run(["git", "clone", "-q", "--depth", "1", "--no-single-branch",
                    f"file://{origin.root}", str(clone)], check=True, capture_output=True)
    subprocess.run(["git", "checkout", "-q", "topic"], cwd=clone, check=True)
    monkeypatch.chdir(clone)
    return clone


def test_changed_since_a_branch_without_merge_base_says_the_clone_is_shallow(
        pull_request: Path) -> None:
    result = run_cli("validate", "--changed-since", "origin/main")
    assert result.exit_code == 0
    assert ("'origin/main' shares no history with HEAD (no merge base); " + SHALLOW
            + "; validating every spec") in result.stderr
    assert "unknown revision" not in result.stderr


def test_a_three_dot_diff_without_merge_base_says_the_clone_is_shallow(
        pull_request: Path) -> None:
    result = run_cli("diff", "origin/main...HEAD")
    assert result.exit_code == 2
    assert SHALLOW in result.stderr
    assert "try origin/main..HEAD" not in result.stderr


@pytest.mark.parametrize("arguments", [["diff", "HEAD~1"], ["diff", "HEAD~1", "--", PATH],
                                       ["diff", "HEAD~1..HEAD"],
                                       ["validate", "--history", "--allow-shallow",
                                        "--since", "HEAD~1"],
                                       ["validate", "--changed-since", "HEAD~1"]])
def test_a_revision_beyond_a_shallow_history_says_so(pull_request: Path,
                                                     arguments: list[str]) -> None:
    result = run_cli(*arguments)
    assert SHALLOW in result.stderr, arguments
    assert result.exit_code == (0 if "--changed-since" in arguments else 2)


def test_unrelated_histories_in_a_full_clone_keep_their_advice(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    repo = GitRepo(tmp_path / "repo")
    repo.commit("Draft", {PATH: spec_text()})
    repo.git("checkout", "-q", "--orphan", "other")
    repo.commit("Other root", {PATH: spec_text(title="Elsewhere")})
    monkeypatch.chdir(repo.root)
    result = run_cli("diff", "main...other")
    assert result.exit_code == 2
    assert "(try main..other)" in result.stderr
    assert "shallow" not in result.stderr
