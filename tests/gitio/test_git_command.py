"""Started gits leave no thread of theirs behind once they are waited for: a thread still
running keeps `base.parallel` from forking workers (it did under load, in CI)."""

from __future__ import annotations

import threading
import time
from pathlib import Path

import pytest

from specrepo.gitio import git_command
from specrepo.gitio.git_command import Git, finish, stop
from specrepo.gitio.log import HistoryStream, stream_history
from specrepo.load.locations import SpecLocation
from tests.history.gitrepo import GitRepo, spec_text

LATE = 0.3
"""Seconds a reader thread lingers after its work, as it may when the machine is busy."""


def lingering(monkeypatch: pytest.MonkeyPatch, owner: type, name: str) -> None:
    """`owner.name`, a thread's target, lingers `LATE` seconds after it returns."""
    target = getattr(owner, name)

    def late(*arguments: object) -> None:
        target(*arguments)
        time.sleep(LATE)

    monkeypatch.setattr(owner, name, late)


def test_a_finished_git_has_no_reader_left(tmp_path: Path,
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    lingering(monkeypatch, git_command._Drain, "_read")
    process = Git(tmp_path).start("version")
    assert process.stdout is not None
    with process.stdout:
        assert process.stdout.read().startswith(b"git version")
    finish(process, ("version",))
    assert threading.active_count() == 1


def test_a_waited_history_stream_has_no_thread_left(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    repo = GitRepo(tmp_path / "repo")
    repo.commit("One", {"specs/SPEC-0001.yaml": spec_text("SPEC-0001", "Draft")})
    commits = repo.git("rev-list", "--reverse", "HEAD").split()
    lingering(monkeypatch, HistoryStream, "_feed")
    taken: list[object] = []
    with stream_history(Git(repo.root), commits, [SpecLocation("folder", "specs")],
                        taken.extend, lambda: None) as stream:
        stream.wait()
        assert threading.active_count() == 1
    assert len(taken) == 1


def test_a_stopped_git_has_no_reader_left(tmp_path: Path,
                                          monkeypatch: pytest.MonkeyPatch) -> None:
    lingering(monkeypatch, git_command._Drain, "_read")
    process = Git(tmp_path).start("cat-file", "--batch", stdin=True)
    stop(process)
    assert threading.active_count() == 1


def test_specrepo_runs_the_git_the_tests_run(each_git: str, tmp_path: Path) -> None:
    """`each_git` puts a second git first on PATH (SPECREPO_TEST_GIT): specrepo's git
    processes run that one too, so both sides of a test speak to the same git."""
    assert Git(tmp_path).text("version") == each_git
