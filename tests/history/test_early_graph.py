"""A walk with no cache to continue starts `git rev-list` before the repository is opened
(`history.streamed_walk.ColdStart`): the repository's git folder is found without git, a
graph listed from a HEAD that moved since is not used, and a run that stops early leaves no
git running. (Ported from branch cold26's tests of its `early_graph`.)"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from subprocess import CompletedProcess, Popen

import pytest

from specrepo.configuration.config_file import load_config
from specrepo.configuration.kept_config import CACHE_FILE as KEPT_CONFIG
from specrepo.gitio.git_command import Git
from specrepo.gitio.graph import CommitGraph
from specrepo.gitio.repository import visible_git_dir
from specrepo.history import streamed_walk
from specrepo.history.cache import CACHE_FILE
from specrepo.history.mine import mine_history
from tests.history.gitrepo import GitRepo, spec_text
from tests.support import run_cli

PATH = "specs/SPEC-0001.yaml"


def three_versions(repo: GitRepo) -> GitRepo:
    """`repo` with one spec drafted, reviewed and approved, a commit each."""
    repo.commit("Draft", {PATH: spec_text()})
    repo.commit("Review", {PATH: spec_text(status="In Review")})
    repo.commit("Approve", {PATH: spec_text(status="Approved")})
    return repo


def git_children() -> list[str]:
    """The git processes this process started that still exist (zombies included)."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        name, rest = stat[stat.index("(") + 1:stat.rindex(")")], stat[stat.rindex(")") + 2:]
        if name == "git" and int(rest.split()[1]) == os.getpid():
            found.append(entry.name)
    return found


def test_the_git_folder_is_found_without_git(git_repo: GitRepo, tmp_path: Path,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    repo = three_versions(git_repo)
    git_dir = repo.root / ".git"
    assert visible_git_dir(repo.root) == git_dir
    assert visible_git_dir(repo.root / "specs") == git_dir
    repo.git("worktree", "add", "-q", str(tmp_path / "linked"))
    linked = visible_git_dir(tmp_path / "linked" / "specs")
    assert linked is not None and linked.resolve() == git_dir.resolve()
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / ".git").write_text("gitdir: ../repo/.git\n")  # no commondir
    submodule = visible_git_dir(tmp_path / "sub")
    assert submodule is not None and submodule.resolve() == git_dir.resolve()
    assert visible_git_dir(tmp_path / "home") is None  # no repository around it
    monkeypatch.setenv("GIT_WORK_TREE", str(repo.root))
    assert visible_git_dir(repo.root) is None  # git is told elsewhere: no guess


def test_the_git_folder_git_is_told_is_the_one_found(
        git_repo: GitRepo, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """With `GIT_DIR` set (a hook's), its common git folder, whatever the folder asked
    about: the caches are kept where git reads from (none for a relative path that
    `settle_git_paths` did not make absolute, nor for a folder that is none)."""
    repo = three_versions(git_repo)
    git_dir = repo.root / ".git"
    monkeypatch.setenv("GIT_DIR", str(git_dir))
    assert visible_git_dir(tmp_path) == git_dir
    repo.git("worktree", "add", "-q", str(tmp_path / "linked"))
    own = Path(repo.git("-C", str(tmp_path / "linked"), "rev-parse", "--absolute-git-dir")
               .strip())
    monkeypatch.setenv("GIT_DIR", str(own))
    linked = visible_git_dir(tmp_path)
    assert linked is not None and linked.resolve() == git_dir.resolve()
    monkeypatch.setenv("GIT_COMMON_DIR", str(tmp_path / "common"))
    assert visible_git_dir(tmp_path) is None  # no such folder
    monkeypatch.delenv("GIT_COMMON_DIR")
    monkeypatch.setenv("GIT_DIR", str(tmp_path / "linked" / ".git"))  # a `.git` file
    linked = visible_git_dir(tmp_path)
    assert linked is not None and linked.resolve() == git_dir.resolve()
    monkeypatch.setenv("GIT_DIR", ".git")
    assert visible_git_dir(repo.root) is None
    monkeypatch.setenv("GIT_DIR", str(tmp_path / "none"))
    assert visible_git_dir(repo.root) is None


def test_a_hook_keeps_the_configuration(git_repo: GitRepo,
                                        monkeypatch: pytest.MonkeyPatch) -> None:
    """git runs a hook with `GIT_DIR` set (relative, `.git`): the configuration's document
    is kept in that git folder all the same, and the next run reads it."""
    repo = three_versions(git_repo)
    monkeypatch.chdir(repo.root)
    kept = repo.root / ".git" / KEPT_CONFIG
    kept.unlink(missing_ok=True)
    first = run_cli("validate", env={"GIT_DIR": ".git"})
    assert kept.is_file()
    assert run_cli("validate", env={"GIT_DIR": ".git"}).output == first.output


def started_gits(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The git commands this process starts from now on (each by its first argument), in
    the order it starts them: recorded where they start, not as each git process gets
    to run (which depends on the machine's load)."""
    started: list[str] = []
    start, attempt = Git.start, Git.attempt

    def recorded_start(git: Git, *arguments: str, **options: bool) -> Popen[bytes]:
        started.append(arguments[0])
        return start(git, *arguments, **options)

    def recorded_attempt(git: Git, *arguments: str,
                         stdin: bytes | None = None) -> CompletedProcess[bytes]:
        started.append(arguments[0])
        return attempt(git, *arguments, stdin=stdin)

    monkeypatch.setattr(Git, "start", recorded_start)
    monkeypatch.setattr(Git, "attempt", recorded_attempt)
    return started


def test_a_cold_run_starts_git_rev_list_first(git_repo: GitRepo,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    """Before the repository is opened, and only when no history cache is to be seen."""
    repo = three_versions(git_repo)
    started = started_gits(monkeypatch)
    assert run_cli("report").exit_code == 0
    assert started[0] == "rev-list"
    assert "rev-parse" in started
    assert (repo.root / ".git" / CACHE_FILE).exists()
    started.clear()
    assert run_cli("report").exit_code == 0  # warm
    assert "rev-list" not in started and "rev-parse" in started


def test_a_graph_listed_from_a_head_that_moved_is_not_used(
        git_repo: GitRepo, monkeypatch: pytest.MonkeyPatch) -> None:
    """HEAD moved between the early `git rev-list` and the look at the repository (a
    commit made meanwhile): the walk lists the graph again, from the HEAD it mines."""
    repo = three_versions(git_repo)
    expected = mine_history(load_config(None, repo.root))
    (repo.root / ".git" / CACHE_FILE).unlink()
    started: list[str] = []

    def from_before(git: Git, head: str, since: str | None = None, *,
                    listen: bool = True, trees: bool = False) -> CommitGraph:
        started.append(head)
        return CommitGraph(git, f"{head}~1", since, listen=listen, trees=trees)

    monkeypatch.setattr(streamed_walk, "CommitGraph", from_before)
    mined = mine_history(load_config(None, repo.root))
    assert started == ["HEAD"]
    assert mined.head == expected.head
    assert mined.specs == expected.specs
    assert len(mined.specs[0].events) == len(expected.specs[0].events) == 3


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="lists processes in /proc")
def test_no_git_is_left_running_when_the_repository_cannot_be_read(
        git_repo: GitRepo, monkeypatch: pytest.MonkeyPatch) -> None:
    repo = three_versions(git_repo)
    (repo.root / ".git" / "refs" / "heads" / "main").write_text(f"{'1' * 40}\n")
    started: list[CommitGraph] = []

    def recorded(git: Git, head: str, since: str | None = None, *,
                 listen: bool = True, trees: bool = False) -> CommitGraph:
        started.append(CommitGraph(git, head, since, listen=listen, trees=trees))
        return started[-1]

    monkeypatch.setattr(streamed_walk, "CommitGraph", recorded)
    result = run_cli("report", no_traceback=True)
    assert result.exit_code == 2
    assert "cannot be read" in result.output
    assert len(started) == 1  # git was started before the look at HEAD
    assert git_children() == []
