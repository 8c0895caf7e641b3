"""A history command the cache answers (a warm start) loads only what reading the cache
needs: the modules that walk commits and compare versions stay unloaded."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.history.gitrepo import GitRepo, spec_text

PATH = "specs/SPEC-0001.yaml"
REVIEWED = "reviewers: [Grace Hopper]\n"

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


UNUSED = {"jinja2", "markdown_it", "mdit_py_plugins", "git", "tabulate", "specrepo.trace",
          "specrepo.site.pages"}
"""Libraries and modules the warm history commands below do not use (the site's templates
and Markdown, GitPython, tabulate: their tables are plain text, trace), which they must
not load."""


def loaded_by(repo: GitRepo, *arguments: str) -> set[str]:
    completed = subprocess.run([sys.executable, "-c", _LOADED_BY, *arguments], cwd=repo.root,
                               capture_output=True, text=True, check=True)
    return set(completed.stdout.split("\n")[-2].split())


@pytest.fixture
def repo(tmp_path: Path) -> GitRepo:
    repo = GitRepo(tmp_path / "repo")
    repo.commit("Draft", {PATH: spec_text()})
    repo.commit("Review", {PATH: spec_text(status="In Review", extra=REVIEWED)})
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
    assert warm & UNUSED == set()


def test_a_new_commit_walks_again(repo: GitRepo) -> None:
    loaded_by(repo, "report")
    repo.commit("Approve", {PATH: spec_text(status="Approved", extra=REVIEWED)})
    assert loaded_by(repo, "report") >= WALKING
    assert loaded_by(repo, "report") & WALKING == set()


def git_processes(repo: GitRepo, tmp_path: Path, *arguments: str) -> list[str]:
    """The git commands a specrepo command starts (`run_counting_git`)."""
    return run_counting_git(repo, tmp_path, *arguments)[1]


def run_counting_git(repo: GitRepo, tmp_path: Path, *arguments: str,
                     environment: dict[str, str] | None = None
                     ) -> tuple[subprocess.CompletedProcess[str], list[str]]:
    """A specrepo command run (in `environment` added to this process's), and the git
    commands it starts (a `git` first on PATH logs each; in a `bin` folder, as git is
    installed, so that where git keeps its system attributes file can be told without
    asking it)."""
    shim, log = tmp_path / "shim" / "bin", tmp_path / "git.log"
    shim.mkdir(parents=True, exist_ok=True)
    real = shutil.which("git")
    assert real is not None
    if not (shim / "git").exists():  # one git for every run: the caches are keyed on it
        (shim / "git").write_text(f'#!/bin/sh\necho "$1" >> "{log}"\nexec "{real}" "$@"\n')
        (shim / "git").chmod(0o755)
    log.write_text("")
    completed = subprocess.run(
        [sys.executable, "-m", "specrepo", *arguments], cwd=repo.root, env={
            **os.environ, "PATH": f"{shim}{os.pathsep}{os.environ['PATH']}",
            **(environment or {})}, capture_output=True, text=True, check=False)
    return completed, log.read_text().split()


@pytest.mark.parametrize("arguments", [("report", "--format", "json"), ("timeline", PATH),
                                       ("validate", "--history")])
def test_a_warm_history_command_starts_few_git_processes(
        repo: GitRepo, tmp_path: Path, arguments: tuple[str, ...]) -> None:
    """Where the repository is and HEAD, HEAD's commit time, the settings that change what
    git shows, the replace refs, whether git still holds the commits and trees the cached
    history rests on (`history.relied_objects`): validate's findings cache learns the work
    tree's git folder from the first (it asked git again). `validate --history` lists the index's
    spec files (`history.index_side`: the commit being made), and asks no more where it
    holds every one of HEAD's (`history.staged_away`). `report` and `validate` list the
    index's flags of the spec files (`gitio.sparse`: a spec deleted behind its
    assume-unchanged bit is refused); `timeline` does not."""
    git_processes(repo, tmp_path, *arguments)  # the cold run walks the history
    assert sorted(git_processes(repo, tmp_path, *arguments)) == sorted([
        "cat-file", "config", "for-each-ref", "log", "rev-parse",
        *(["ls-files"] if arguments[0] != "timeline" else []),
        *(["ls-files"] if arguments[0] == "validate" else [])])


def test_a_linked_worktree_keeps_its_own_findings_cache(repo: GitRepo,
                                                         tmp_path: Path) -> None:
    linked = tmp_path / "linked"
    repo.git("worktree", "add", "-q", str(linked))
    completed = subprocess.run([sys.executable, "-m", "specrepo", "validate", "--history"],
                               cwd=linked, capture_output=True, text=True, check=False)
    assert completed.returncode == 0, completed.stderr
    common = repo.root / ".git"
    assert (common / "specrepo" / "history-cache.json").is_file()
    assert (common / "worktrees" / "linked" / "specrepo" / "findings-cache.json").is_file()
    assert not (common / "specrepo" / "findings-cache.json").exists()


def test_a_clean_work_tree_is_checked_without_git_diff(repo: GitRepo, tmp_path: Path) -> None:
    """A spec file HEAD's version of which cannot be read: validate --history checks the
    work tree's file against it; unchanged (its bytes are HEAD's blob), no git is asked."""
    repo.commit("Break", {PATH: spec_text(status="In Review", extra=REVIEWED)
                          + "title: [unclosed\n"})
    git_processes(repo, tmp_path, "validate", "--history")  # the cold run
    assert "diff-index" not in git_processes(repo, tmp_path, "validate", "--history")
    repo.write(PATH, spec_text(status="Approved", extra=REVIEWED))
    assert "diff-index" in git_processes(repo, tmp_path, "validate", "--history")
