"""A walk continued from the history cache over new commits reads a file today's
`exclude:` names as the walk of the whole history does: one that walk decided to follow
(a spec was read there under its commit's own configuration) stays followed, though the
version the new commits start from has no readable id or status. The output of
`validate --history`, `report` and `timeline` is byte-identical warm and cold."""

from __future__ import annotations

import shutil

import pytest

from tests.history.gitrepo import GitRepo
from tests.history.test_spec_set_departures import spec
from tests.support import run_cli

TOP = "specs/SPEC-0003.yaml"
UNREADABLE = spec("SPEC-0003", "[Approved]")
"""SPEC-0003 with a status no one can read (a list)."""

COMMANDS = (("validate", "--history", "--format", "json"),
            ("report", "--format", "json"),
            ("timeline", "SPEC-0003", "--format", "json"),
            ("timeline", "SPEC-0003"))


def outputs() -> list[tuple[int, str]]:
    """Each of `COMMANDS`' exit code and output."""
    results = [run_cli(*command) for command in COMMANDS]
    return [(result.exit_code, result.stdout) for result in results]


@pytest.mark.parametrize("branch_change", [
    None, spec("SPEC-0003", "Approved"), UNREADABLE + "x: 1\n", spec("SPEC-0003", "Draft")],
    ids=["deleted", "readable", "unreadable", "draft-again"])
def test_a_walk_continued_reads_a_followed_file_as_a_cold_one(
        git_repo: GitRepo, branch_change: str | None) -> None:
    git_repo.commit("Draft", {TOP: spec("SPEC-0003", "Draft"),
                              "specs/SPEC-0001.yaml": spec("SPEC-0001", "Draft")})
    git_repo.commit("Unreadable", {TOP: UNREADABLE})
    git_repo.git("branch", "side")
    git_repo.commit("Exclude it", {"specrepo.yaml": f"specs: specs\nexclude: [{TOP}]\n"})
    assert run_cli("validate", "--history").exit_code in (0, 1)  # writes the cache
    git_repo.git("switch", "-q", "side")
    git_repo.commit("Change it on the side", {TOP: branch_change})
    git_repo.git("switch", "-q", "main")
    git_repo.merge("side", files={"specrepo.yaml": f"specs: specs\nexclude: [{TOP}]\n"})
    warm = outputs()
    for path in (git_repo.root / ".git").glob("specrepo*"):
        if path.is_dir():
            shutil.rmtree(path)
        else:
            path.unlink()
    assert outputs() == warm
