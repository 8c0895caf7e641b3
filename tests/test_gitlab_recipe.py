"""The README's GitLab CI recipe, run as a GitLab runner runs its `script` (bash, the CI
variables in the environment), on clones made as the runner makes them, with the specrepo
of this checkout on PATH (its `pip install` taken as done): it gates the status moves a
merge request or a push makes, as the GitHub action does (trial51a)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import yaml

from tests.history.gitrepo import GitRepo, spec_text
from tests.test_ci_files import commit_rendered, readme_block, specs_repository


def run_recipe(clone: Path, variables: dict[str, str]) -> subprocess.CompletedProcess[str]:
    """The recipe's script lines but `pip install`, in one bash, as the runner runs them."""
    job = yaml.safe_load(readme_block("GitLab CI"))["specs"]
    assert job["variables"]["GIT_DEPTH"] == 0  # the history is read: no shallow clone
    script = [line for line in job["script"] if not line.startswith("pip install")]
    environment = {**os.environ, **variables,
                   "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}"}
    return subprocess.run(["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c",
                           "\n".join(script)], cwd=clone, env=environment,
                          capture_output=True, text=True, check=False)


def published(tmp_path: Path) -> tuple[GitRepo, Path]:
    """A repository with SPEC-0001 Rejected on main, pushed to a bare `origin`."""
    repo = specs_repository(tmp_path / "dev")
    commit_rendered(repo, "reject", spec_text(status="Rejected"))
    origin = tmp_path / "origin.git"
    repo.git("init", "-q", "--bare", str(origin))
    repo.git("remote", "add", "origin", str(origin))
    repo.git("push", "-q", "origin", "main")
    return repo, origin


def test_a_merge_request_s_status_moves_are_checked_against_its_target(
        tmp_path: Path) -> None:
    """The runner of a merge request pipeline fetches the merge request's head alone: the
    recipe fetches the target branch itself, and fails a move Rejected -> Approved."""
    repo, origin = published(tmp_path)
    repo.git("checkout", "-q", "-b", "revive")
    commit_rendered(repo, "revive it", spec_text(status="Approved",
                                                 extra="reviewers: [Grace Hopper]\n"))
    repo.git("push", "-q", "origin", "revive:refs/merge-requests/1/head")
    runner = tmp_path / "ci"
    for command in (["init", "-q", str(runner)],
                    ["-C", str(runner), "remote", "add", "origin", str(origin)],
                    ["-C", str(runner), "fetch", "-q", "origin",
                     "+refs/merge-requests/1/head:refs/merge-requests/1/head"],
                    ["-C", str(runner), "checkout", "-q", "--detach",
                     "refs/merge-requests/1/head"]):
        repo.git(*command)
    merge_request = {"CI_PIPELINE_SOURCE": "merge_request_event",
                     "CI_MERGE_REQUEST_TARGET_BRANCH_NAME": "main",
                     "CI_COMMIT_BEFORE_SHA": "0" * 40}
    done = run_recipe(runner, merge_request)
    assert done.returncode == 1, done.stdout + done.stderr
    assert "moved the status from Rejected to Approved" in done.stdout
    assert "pages checked" in done.stdout  # render --check ran all the same
    assert (runner / "specrepo-junit.xml").is_file()


def test_a_push_s_status_moves_are_checked_against_the_commit_before_it(
        tmp_path: Path) -> None:
    """A squash of legal moves lands as one forbidden move (Draft -> Approved): the push
    pipeline fails it; a new branch's push is not checked, and says so."""
    repo = specs_repository(tmp_path / "dev")
    before = repo.git("rev-parse", "HEAD").strip()
    commit_rendered(repo, "Squashed (#12)", spec_text(
        status="Approved", extra="reviewers: [Grace Hopper]\n"))
    clone = tmp_path / "ci"
    repo.git("clone", "-q", str(repo.root), str(clone))
    push = {"CI_PIPELINE_SOURCE": "push", "CI_COMMIT_BEFORE_SHA": before}
    done = run_recipe(clone, push)
    assert done.returncode == 1, done.stdout + done.stderr
    assert "moved the status from Draft to Approved" in done.stdout
    new_branch = run_recipe(clone, {**push, "CI_COMMIT_BEFORE_SHA": "0" * 40})
    assert new_branch.returncode == 0, new_branch.stdout + new_branch.stderr
    assert "the status changes it pushed are not checked" in new_branch.stdout
    schedule = run_recipe(clone, {"CI_PIPELINE_SOURCE": "schedule",
                                  "CI_COMMIT_BEFORE_SHA": "0" * 40})
    assert (schedule.returncode, "not checked" in schedule.stdout) == (0, False)
