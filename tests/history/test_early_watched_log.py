"""A cold walk starts the log of the files it watches (the configuration file, the spec
schema) and the log of HEAD's first-parent line with the walk, beside `git rev-list`,
rather than when the walk first needs them (`history.watched_files`, `graph.StartedLine`,
cold44): the walk takes their answers, every other asker of the watched log reads it from
there, and a log nobody takes is stopped."""

from __future__ import annotations

import sys
import time
from pathlib import Path
from subprocess import Popen

import pytest

from specrepo.configuration.config_file import load_config
from specrepo.gitio import adoption
from specrepo.gitio.git_command import Git, HistoryError
from specrepo.gitio.graph import META_FORMAT
from specrepo.gitio.watched_log import start_log, stop_log, watched_changes
from specrepo.history import commit_walk, mine, streamed_walk
from specrepo.history.cache import CACHE_FILE
from specrepo.history.mine import mine_history
from tests.history.gitrepo import GitRepo
from tests.history.test_early_graph import git_children
from tests.history.test_merged_rename_and_back import BASE, RENAMED
from tests.history.test_spec_set_departures import spec
from tests.history.test_warm_from_other_commits import LOOSE
from tests.support import run_cli

PATH = "specs/SPEC-0001.yaml"
CONFIG = ":(top,literal)specrepo.yaml"
SCHEMA = ":(top,literal)loose.json"


def renamed_states(repo: GitRepo) -> GitRepo:
    """`repo` with a spec approved, then the workflow's `Approved` renamed `Accepted`."""
    repo.commit("Adopt", {"specrepo.yaml": BASE, "loose.json": LOOSE,
                          PATH: spec("SPEC-0001", "Draft")})
    repo.commit("Approve", {PATH: spec("SPEC-0001", "Approved")})
    repo.commit("Rename", {"specrepo.yaml": RENAMED, PATH: spec("SPEC-0001", "Accepted")})
    return repo


def recorded_gits(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, ...]]:
    """Every git this process starts from now on (`Git.start`), with its arguments, and
    the mark `listing` where the spec files' locations are found, in order."""
    started: list[tuple[str, ...]] = []
    start, listing = Git.start, mine.spec_locations_in_repository

    def recorded(git: Git, *arguments: str, **options: bool) -> Popen[bytes]:
        started.append(arguments)
        return start(git, *arguments, **options)

    def listed(*arguments: object, **options: object) -> object:
        started.append(("listing",))
        return listing(*arguments, **options)  # type: ignore[arg-type]

    monkeypatch.setattr(Git, "start", recorded)
    monkeypatch.setattr(mine, "spec_locations_in_repository", listed)
    return started


def watched_logs(started: list[tuple[str, ...]]) -> list[int]:
    """Where among `started` the watched files' logs are."""
    return [index for index, arguments in enumerate(started)
            if arguments[:2] == ("log", "-z") and arguments[-2:] == (CONFIG, SCHEMA)]


def test_a_cold_walk_starts_the_watched_log_before_listing_the_specs(
        git_repo: GitRepo, monkeypatch: pytest.MonkeyPatch) -> None:
    """One log of the watched files a cold report, started before the spec files are
    listed (the walk's look-ahead and the departures both read it); a warm one starts
    none. The history is the one the log asked late gave."""
    repo = renamed_states(git_repo)
    config = load_config(None, repo.root)
    with monkeypatch.context() as late:  # the log asked once the graph is read
        late.setattr(streamed_walk, "start_watched_log", lambda *_: None)
        expected = mine_history(config)
    (repo.root / ".git" / CACHE_FILE).unlink()
    started = recorded_gits(monkeypatch)
    reported = run_cli("report", "--format", "json")
    assert reported.exit_code == 0
    logs = watched_logs(started)
    assert len(logs) == 1
    assert logs[0] < started.index(("listing",))
    assert logs[0] < next(index for index, arguments in enumerate(started)
                          if arguments[0] == "diff-tree")
    (repo.root / ".git" / CACHE_FILE).unlink()
    assert mine_history(config).specs == expected.specs
    assert [period.status for period in expected.specs[0].statuses] == \
        ["Draft", "Accepted"]  # read through the look-ahead: the state's new name
    started.clear()
    assert run_cli("report", "--format", "json").exit_code == 0  # warm
    assert watched_logs(started) == []


def test_a_started_log_gives_what_the_log_asked_then_gives(git_repo: GitRepo) -> None:
    repo = renamed_states(git_repo)
    head = repo.git("rev-parse", "HEAD")
    asked = watched_changes(Git(repo.root), head, None, ["specrepo.yaml"])
    git = Git(repo.root)
    started = start_log(git, head, ["specrepo.yaml"])
    assert started is not None
    assert watched_changes(git, head, None, ["specrepo.yaml"]) == asked
    assert git.started_logs == {}
    assert start_log(git, head, []) is None


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="lists processes in /proc")
def test_a_log_nobody_takes_is_stopped_and_never_taken(git_repo: GitRepo) -> None:
    repo = renamed_states(git_repo)
    head = repo.git("rev-parse", "HEAD")
    git = Git(repo.root)
    started = start_log(git, head, ["specrepo.yaml"])
    assert started is not None
    stop_log(git, started)
    assert git.started_logs == {}
    assert git_children() == []
    assert watched_changes(git, head, None, ["specrepo.yaml"]) == \
        watched_changes(Git(repo.root), head, None, ["specrepo.yaml"])  # asked again


def test_a_started_log_git_refuses_says_why(git_repo: GitRepo, tmp_path: Path) -> None:
    renamed_states(git_repo)
    git = Git(git_repo.root)
    start_log(git, "f" * 40, ["specrepo.yaml"])
    with pytest.raises(HistoryError, match=f"git cannot read object {'f' * 40}: it is missing"):
        watched_changes(git, "f" * 40, None, ["specrepo.yaml"], ({"f" * 40: ()}, ["f" * 40]))


class _NotStarted:
    """A stand-in for `graph.StartedLine` that no walk takes: the line asked when needed."""

    def __init__(self, git: Git, head: str) -> None:
        self.head = ""

    def stop(self) -> None:
        pass


def test_a_cold_walk_starts_heads_line_with_the_walk(
        git_repo: GitRepo, monkeypatch: pytest.MonkeyPatch) -> None:
    """HEAD's line holds a merge that changed no spec (the walk asks who made it, and
    when): its whole line's log is started before the spec files are listed and read by
    the walk, no other log of the line is started, and the report is the one a line asked
    late gave."""
    repo = renamed_states(git_repo)
    repo.git("checkout", "-q", "-b", "topic")
    repo.commit("Notes", {"notes.txt": "a note\n"})
    repo.git("checkout", "-q", "main")
    repo.commit("Review", {PATH: spec("SPEC-0001", "Draft")})
    repo.merge("topic")
    head = repo.git("rev-parse", "HEAD")
    with monkeypatch.context() as late:
        late.setattr(streamed_walk, "StartedLine", _NotStarted)
        expected = run_cli("report", "--format", "json", env={"SPECREPO_NO_RESULT_CACHE": "1"})
    (repo.root / ".git" / CACHE_FILE).unlink()
    started = recorded_gits(monkeypatch)
    reported = run_cli("report", "--format", "json", env={"SPECREPO_NO_RESULT_CACHE": "1"})
    assert (reported.exit_code, reported.stdout) == (expected.exit_code, expected.stdout)
    lines = [index for index, arguments in enumerate(started)
             if arguments[:2] == ("log", "--first-parent") and META_FORMAT in arguments
             and not any(argument.startswith("--max-count") for argument in arguments)
             and arguments[-2:] == (head, "--")]
    assert len(lines) == 1
    assert lines[0] < started.index(("listing",))
    assert not [arguments for arguments in started if arguments[:2] == ("log", "--first-parent")
                and any(argument.startswith("--max-count") for argument in arguments)]


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="lists processes in /proc")
def test_a_walk_that_fails_leaves_neither_log_running(
        git_repo: GitRepo, monkeypatch: pytest.MonkeyPatch) -> None:
    """The walk stops with an error after both logs were started and before either was
    read: the error is said, and no git of theirs is left running."""
    renamed_states(git_repo)

    def failing(*_: object) -> None:
        raise HistoryError("git diff-tree failed: stopped")

    monkeypatch.setattr(commit_walk.CommitWalk, "_walk_range", failing)
    result = run_cli("report", no_traceback=True)
    assert result.exit_code == 2
    assert "stopped" in result.output
    assert git_children() == []


def test_a_walk_that_fails_waits_for_the_adoption_thread(
        git_repo: GitRepo, monkeypatch: pytest.MonkeyPatch) -> None:
    """The thread asking git for the commits before adoption (`AskedAhead`) has ended, its
    gits with it, once a failed walk has said why (it ran on beside the error)."""
    renamed_states(git_repo)
    ended: list[bool] = []
    adopted = adoption.GitAdoption._adopted

    def slow(self: adoption.GitAdoption, *arguments: object) -> object:
        found = adopted(self, *arguments)  # type: ignore[arg-type]
        time.sleep(0.5)
        ended.append(True)
        return found

    def failing(*_: object) -> None:
        raise HistoryError("git diff-tree failed: stopped")

    monkeypatch.setattr(adoption.GitAdoption, "_adopted", slow)
    monkeypatch.setattr(commit_walk.CommitWalk, "_walk_range", failing)
    result = run_cli("report", no_traceback=True)
    assert result.exit_code == 2 and ended == [True]
