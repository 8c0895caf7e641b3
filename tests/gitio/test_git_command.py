"""Started gits leave no thread of theirs behind once they are waited for: a thread still
running keeps `base.parallel` from forking workers (it did under load, in CI)."""

from __future__ import annotations

import os
import shutil
import threading
import time
from pathlib import Path

import pytest

from specrepo.gitio import git_command
from specrepo.gitio.git_command import Git, HistoryError, finish, stop
from specrepo.gitio.log import HistoryStream, stream_history
from specrepo.gitio.repository import fingerprint, open_repository
from specrepo.load.locations import SpecLocation
from tests.history.gitrepo import GitRepo, spec_text
from tests.support import exit_and_output

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
    finish(process, ("version",), tmp_path)
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


def test_a_folder_that_is_not_there_is_named_not_git(tmp_path: Path) -> None:
    """Starting a process in a missing folder fails as a missing program does: the
    message must not say git is not installed."""
    with pytest.raises(HistoryError, match="there is no such folder"):
        Git(tmp_path / "gone").attempt("version")


def test_a_git_before_2_31_is_refused_by_name(git_repo: GitRepo, tmp_path: Path,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    """git 2.30 (Debian 11) ignores GIT_CONFIG_COUNT and echoes `--path-format=absolute`,
    which it does not know, so every answer after it was another's (history readers said
    "git is not installed"). Debian 12's git stands in, wrapped to answer as 2.30 does."""
    git_repo.commit("Specs", {"specs/SPEC-0001.yaml": spec_text()})
    real = shutil.which("git")
    shim = tmp_path / "shim"
    shim.mkdir()
    (shim / "git").write_text(
        '#!/bin/sh\nif [ "$1" = version ]; then echo "git version 2.30.2"; exit 0; fi\n'
        'if [ "$1" = rev-parse ] && [ "$2" = --path-format=absolute ]; then\n'
        f'  echo "$2"; shift 2; exec "{real}" rev-parse "$@"\nfi\nexec "{real}" "$@"\n')
    (shim / "git").chmod(0o755)
    monkeypatch.setenv("PATH", f"{shim}{os.pathsep}{os.environ['PATH']}")
    for command in (["validate", "--history"], ["diff", "HEAD"], ["timeline", "SPEC-0001"]):
        code, output = exit_and_output(*command)
        assert code == 2, output
        assert output == ("specrepo: error: git version 2.30.2 is too old: specrepo reads "
                          "git 2.31 or later (an older git ignores the settings specrepo runs "
                          "it with, and answers other questions than asked); install a newer "
                          "git (in CI, in the image that runs specrepo)\n")


def test_the_history_caches_are_keyed_on_the_git_that_runs(
        git_repo: GitRepo, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A cache written by one git is not read by another (an upgrade, or a second git
    first on PATH): their defaults, such as rename detection, may differ. Another file
    at git's place on PATH stands in for another version."""
    git_repo.commit("Specs", {"specs/SPEC-0001.yaml": spec_text()})
    _, state = open_repository(git_repo.root)
    first = fingerprint(Git(git_repo.root), state)
    assert fingerprint(Git(git_repo.root), state) == first
    shim = tmp_path / "shim"
    shim.mkdir()
    (shim / "git").write_text(f'#!/bin/sh\nexec "{shutil.which("git")}" "$@"\n')
    (shim / "git").chmod(0o755)
    monkeypatch.setenv("PATH", f"{shim}{os.pathsep}{os.environ['PATH']}")
    assert fingerprint(Git(git_repo.root), state) != first
