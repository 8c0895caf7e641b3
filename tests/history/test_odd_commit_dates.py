"""Commits whose dates git accepts but cannot parse, or that lie past year 9999 (histories
imported from CVS or Subversion; `git fsck` flags them, `git log` shows them): every
history reader reads them, as `git log` does, instead of failing (trial30b finding 11)."""

from __future__ import annotations

import subprocess

import pytest

from tests.history.gitrepo import GitRepo, spec_text
from tests.support import run_cli

ODD_HEADERS = {
    "no time zone": "author Old <o@x> 1767312000\ncommitter Old <o@x> 1767312000\n",
    "negative": "author Old <o@x> -1 +0000\ncommitter Old <o@x> -1 +0000\n",
    "year 10000": "author Old <o@x> 253402300800 +0000\ncommitter Old <o@x> 253402300800 +1400\n",
    "past 2**64": "author Old <o@x> 1767312000 +0000\n"
                  "committer Old <o@x> 18446744073709551617 +0000\n",
    "no email": "author Old 1767312000 +0000\ncommitter Old 1767312000 +0000\n",
    "no committer": "author Old <o@x> 1767312000 +0000\n",
}


@pytest.mark.parametrize("header", sorted(ODD_HEADERS))
def test_odd_commit_dates_are_read_and_the_move_is_judged(git_repo: GitRepo,
                                                          header: str) -> None:
    git_repo.commit("Start", {"specs/SPEC-0001.yaml": spec_text()})
    git_repo.write("specs/SPEC-0001.yaml", spec_text(status="Implemented"))  # illegal move
    git_repo.git("add", "-A")
    tree = git_repo.git("write-tree").strip()
    parent = git_repo.git("rev-parse", "HEAD").strip()
    commit = subprocess.run(
        ["git", "hash-object", "-t", "commit", "-w", "--stdin", "--literally"],
        input=f"tree {tree}\nparent {parent}\n{ODD_HEADERS[header]}\nImported\n".encode(),
        cwd=git_repo.root, env=git_repo.environment(), capture_output=True, check=True,
    ).stdout.decode().strip()
    git_repo.git("update-ref", "refs/heads/main", commit)
    git_repo.git("reset", "-q", "--hard")
    checked = run_cli("validate", "--history", no_traceback=True)
    assert checked.exit_code == 1, checked.output
    assert "illegal-transition" in checked.output
    for command in (["report"], ["timeline", "SPEC-0001"], ["site", "--out", "_site"]):
        result = run_cli(*command, no_traceback=True)
        assert result.exit_code in (0, 1), (command, result.output)
