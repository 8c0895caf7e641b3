"""`specrepo trace` checks its specs as validate does, in a worker process per other core
beside this one, while git searches the tagged files: what it prints is what one process
prints, in every format."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from specrepo.base import parallel
from specrepo.check import spec_set
from tests.commands.test_trace import LOGIN, SOURCES
from tests.history.gitrepo import GitRepo
from tests.support import exit_and_output


@pytest.fixture
def repo(git_repo: GitRepo) -> GitRepo:
    """The specs, code and tests of `test_trace`, then a requirement changed (a link to it
    is suspect), and left uncommitted, a test tagging it again and a spec edited."""
    git_repo.commit("Specs, code and tests", dict(SOURCES))
    git_repo.commit("Accept passkeys too", {"specs/SPEC-0042-login.yaml": LOGIN.replace(
        "Accept a valid password.", "Accept a valid password or passkey.")})
    (git_repo.root / "tests" / "test_passkey.py").write_text("# SPEC-0042/FR-5\n")
    git_repo.git("add", "tests/test_passkey.py")
    spec = git_repo.root / "specs" / "SPEC-0042-login.yaml"
    spec.write_text(spec.read_text().replace("Store sessions.", "Store sessions safely."))
    return git_repo


@pytest.fixture
def workers_forked(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[int]]:
    """Workers from two spec files on, with two cores; the ids of the processes forked."""
    forked: list[int] = []
    fork = parallel._fork

    def counted(*arguments: object) -> object:
        worker = fork(*arguments)  # type: ignore[arg-type]
        forked.append(worker.pid)
        return worker

    monkeypatch.setattr(spec_set, "PARALLEL_MIN_FILES", 2)
    monkeypatch.setattr(parallel, "usable_cores", lambda: 2)
    monkeypatch.setattr(parallel, "_fork", counted)
    yield forked


@pytest.fixture
def slow_searches(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """git, a second before each search: the searches still run when the specs are checked
    (as on a repository of many files)."""
    shim = tmp_path / "shim"
    shim.mkdir()
    (shim / "git").write_text(f'#!/bin/sh\nif [ "$1" = grep ]; then sleep 1; fi\n'
                              f'exec "{shutil.which("git")}" "$@"\n')
    (shim / "git").chmod(0o755)
    monkeypatch.setenv("PATH", f"{shim}{os.pathsep}{os.environ['PATH']}")


@pytest.mark.skipif(not parallel.can_fork_workers(), reason="workers are forked on Linux")
@pytest.mark.usefixtures("slow_searches")
@pytest.mark.parametrize("arguments", [
    (), ("--format", "json"), ("--format", "markdown"),
    ("--fail-on", "uncovered,dangling,suspect"), ("SPEC-0042", "--format", "json"),
])
def test_trace_in_workers_prints_what_one_process_prints(
        repo: GitRepo, workers_forked: list[int], monkeypatch: pytest.MonkeyPatch,
        arguments: tuple[str, ...]) -> None:
    in_workers = exit_and_output("trace", *arguments)
    assert len(workers_forked) == 1  # forked although git searches beside the workers
    monkeypatch.setattr(parallel, "usable_cores", lambda: 1)
    alone = exit_and_output("trace", *arguments)
    assert len(workers_forked) == 1
    assert in_workers == alone
    assert "suspect" in in_workers[1] and "tests/test_passkey.py" in in_workers[1]
