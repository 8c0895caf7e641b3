"""The merged branches whose lines a departures reading follows have their configuration
file's logs started at once, before the first is read, not one after another (perf62: a
cold `report` of the benchmark's 11,000 commits waited on three, 2-7 ms each); the
departures are those each log read alone gives, and no git is left running."""

from __future__ import annotations

import subprocess
from collections.abc import Sequence

import pytest

from specrepo.configuration.config_file import load_config
from specrepo.gitio.config_log import first_parent_changes, start_range_logs, stop_range_logs
from specrepo.gitio.git_command import Git
from specrepo.history.mine import mine_history
from specrepo.model.event import Event
from tests.history.gitrepo import GitRepo
from tests.history.test_spec_set_departures import approved_project

BRANCHES = (("retire", "specs: specs\nexclude: [specs/SPEC-0002.yaml]\n",
             "specs: [specs/SPEC-000*]\n",
             "specs: [specs/SPEC-000*]\nexclude: [specs/SPEC-0002.yaml]\n"),
            ("narrow", "specs: [specs/SPEC-000*]\nexclude: [specs/SPEC-0002.yaml, x.yaml]\n",
             "specs: [specs/SPEC-00*]\nexclude: [specs/SPEC-0002.yaml]\n",
             "specs: [specs/SPEC-00*]\nexclude: [specs/SPEC-0002.yaml, x.yaml]\n"))
"""Each branch: its name, its configuration, main's meanwhile, the merge's."""


def two_merged_branches(repo: GitRepo) -> None:
    """Two merges on main that change the spec locations, each of a branch whose own line
    changed the configuration."""
    approved_project(repo)
    for name, on_branch, on_main, merged in BRANCHES:
        repo.git("checkout", "-q", "-b", name)
        repo.commit(f"Configure {name}", {"specrepo.yaml": on_branch})
        repo.git("checkout", "-q", "main")
        repo.commit(f"Main before {name}", {"specrepo.yaml": on_main})
        repo.merge(name, files={"specrepo.yaml": merged})


def _departures(repo: GitRepo) -> tuple[Event, ...]:
    history = mine_history(load_config(None, repo.root))
    assert history.departures is not None
    return history.departures.events()


def _is_range_log(arguments: Sequence[str]) -> bool:
    return arguments[:2] == ("log", "--first-parent") and any(".." in one for one in arguments)


def test_the_branches_logs_start_together(git_repo: GitRepo,
                                          monkeypatch: pytest.MonkeyPatch) -> None:
    two_merged_branches(git_repo)
    calls: list[tuple[str, tuple[str, ...]]] = []
    start, attempt = Git.start, Git.attempt

    def recorded_start(git: Git, *arguments: str, stdin: bool = False,
                       read_errors: bool = True) -> subprocess.Popen[bytes]:
        calls.append(("start", arguments))
        return start(git, *arguments, stdin=stdin, read_errors=read_errors)

    def recorded_attempt(git: Git, *arguments: str,
                         stdin: bytes | None = None) -> subprocess.CompletedProcess[bytes]:
        calls.append(("attempt", arguments))
        return attempt(git, *arguments, stdin=stdin)

    monkeypatch.setattr(Git, "start", recorded_start)
    monkeypatch.setattr(Git, "attempt", recorded_attempt)
    events = _departures(git_repo)
    monkeypatch.undo()
    logs = [index for index, (how, arguments) in enumerate(calls) if _is_range_log(arguments)]
    assert len(logs) == len(BRANCHES)
    assert all(calls[index][0] == "start" for index in logs)
    assert logs == list(range(logs[0], logs[0] + len(logs)))  # one after another, at once
    assert events == _departures(git_repo)  # the same read again


def test_a_started_log_is_taken_once_and_the_rest_stopped(git_repo: GitRepo) -> None:
    two_merged_branches(git_repo)
    git = Git(git_repo.root)
    tip, fork = git_repo.git("rev-parse", "retire", "retire~1").split()
    alone = first_parent_changes(git, tip, "specrepo.yaml", fork, forked=True)
    started = start_range_logs(git, [(tip, "specrepo.yaml", fork), (tip, "other.yaml", fork)])
    processes = [git.started_ranges[key].process for key in started]
    assert first_parent_changes(git, tip, "specrepo.yaml", fork, forked=True) == alone
    assert list(git.started_ranges) == [(tip, "other.yaml", fork)]  # the first one taken
    stop_range_logs(git, started)
    assert git.started_ranges == {}
    assert all(process.poll() is not None for process in processes)
