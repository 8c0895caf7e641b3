"""A cache file that is not a regular file (a pipe, a link to /dev/zero: what a cache
folder restored from an archive may hold) is no cache: commands neither block nor fill the
memory reading it, and their output is the cold run's (trial30b finding 10)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from specrepo.base.reading import open_regular, read_regular
from tests.history.gitrepo import GitRepo, spec_text
from tests.support import run_cli

CACHES = ("history-cache.json", "findings-cache.json", "render-cache.json", "site-cache.json",
          "adoption-cache.json", "workflows-cache.json", "config-cache.json")


def _make(kind: str, path: Path) -> None:
    if kind == "pipe":
        os.mkfifo(path)
    elif kind == "device":
        path.symlink_to("/dev/zero")
    else:
        path.mkdir()


@pytest.mark.parametrize("kind", ["pipe", "device", "folder"])
def test_reading_only_regular_files(tmp_path: Path, kind: str) -> None:
    odd = tmp_path / "odd"
    _make(kind, odd)
    with pytest.raises(OSError, match="not a regular file"):
        read_regular(odd)
    with pytest.raises(FileNotFoundError):
        open_regular(tmp_path / "missing")


@pytest.mark.parametrize("kind", ["pipe", "device"])
def test_odd_cache_files_give_the_cold_output(git_repo: GitRepo, kind: str) -> None:
    git_repo.commit("Start", {"specs/SPEC-0001.yaml": spec_text()})
    git_repo.commit("Review", {"specs/SPEC-0001.yaml": spec_text(status="In Review")})
    git_repo.commit("Born approved: the adoption is asked", {"specs/SPEC-0002.yaml": spec_text(
        "SPEC-0002", status="Approved", extra="reviewers: [Grace Hopper]\n")})
    commands = (["validate", "--history"], ["report"], ["render", "--check"],
                ["site", "--check"])
    cold = [run_cli(*command).output for command in commands]
    folder = git_repo.root / ".git" / "specrepo"
    for name in CACHES:
        (folder / name).unlink(missing_ok=True)
        _make(kind, folder / name)
    warm = [run_cli(*command, no_traceback=True).output for command in commands]
    assert [line for output in warm for line in output.splitlines()
            if "history cache" not in line] == \
        [line for output in cold for line in output.splitlines()]
