"""A run the history cache answers exits as a cold run does when git has lost an object
the cold run reads (`relied_objects`): a folder's tree in a past commit or at HEAD, a past
version of the configuration or of the schema, not only commits, root trees and versions
of spec files."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.history.gitrepo import GitRepo, spec_text
from tests.support import run_cli

SPEC = "specs/area/deep/SPEC-0001.yaml"
REVIEWED = "reviewers: [Grace Hopper]\n"
SCHEMA = ('{"$schema": "https://json-schema.org/draft/2020-12/schema", '
          '"type": "object", "required": ["id"]}\n')
CONFIG = "specs: specs\nschema: schema/spec.json\n"


def small_history(repo: GitRepo) -> None:
    """A spec three folders down, drafted, reviewed, approved and edited; the schema and
    the configuration changed along the way; a last commit that changes no watched file."""
    repo.commit("Draft", {SPEC: spec_text(), "specrepo.yaml": CONFIG,
                          "schema/spec.json": SCHEMA})
    repo.commit("Review", {SPEC: spec_text(status="In Review", extra=REVIEWED),
                           "schema/spec.json": SCHEMA.replace('"object"', '"object", '
                                                              '"description": "v2"')})
    repo.commit("Approve", {SPEC: spec_text(status="Approved", extra=REVIEWED),
                            "specrepo.yaml": f"{CONFIG}# approved\n"})
    repo.commit("Edit", {SPEC: spec_text(status="Approved", title="Edited", extra=REVIEWED)})
    repo.commit("Notes", {"notes.txt": "notes\n"})




@pytest.mark.parametrize("name", [
    "HEAD~3:specs", "HEAD~3:specs/area/deep", "HEAD:specs", "HEAD:specs/area",
    "HEAD~4:specrepo.yaml", "HEAD:specrepo.yaml", "HEAD~4:schema/spec.json", "HEAD~3:schema"])
@pytest.mark.parametrize("command", [("validate", "--history"), ("timeline", SPEC)])
def test_a_warm_run_names_a_lost_object_a_cold_run_reads(
        git_repo: GitRepo, name: str, command: tuple[str, ...]) -> None:
    small_history(git_repo)
    assert run_cli(*command).exit_code in (0, 1)  # warms the cache
    object_id = git_repo.git("rev-parse", name)
    (git_repo.root / ".git" / "objects" / object_id[:2] / object_id[2:]).unlink()  # loose
    warm = run_cli(*command, no_traceback=True)
    assert warm.exit_code == 2, warm.output
    assert object_id in warm.stderr
    shutil.rmtree(git_repo.root / ".git" / "specrepo")
    assert run_cli(*command, no_traceback=True).exit_code == 2  # as cold


COMMANDS = (("validate", "--history"), ("diff", "--since-approval", "--exit-code"))
"""Two commands (each as the user runs them with the cache of the others warm): four took
twenty seconds; newuser62's dellost.sh ran `report` and `timeline` too, alike."""


def test_warm_and_cold_runs_exit_alike_whichever_object_is_lost(
        git_repo: GitRepo, tmp_path: Path) -> None:
    """Each object of the history deleted in turn (the oracle of newuser62's dellost.sh),
    in the repository itself: a copy's index, stale by the files' new inodes, makes even a
    warm run read HEAD's trees."""
    small_history(git_repo)
    caches, warm_caches = git_repo.root / ".git" / "specrepo", tmp_path / "warm"
    for command in COMMANDS:
        run_cli(*command)  # every command's caches warm
    shutil.copytree(caches, warm_caches)
    differing = []
    for line in git_repo.git("rev-list", "--objects", "--all").splitlines():
        stored = git_repo.root / ".git" / "objects" / line[:2] / line[2:40]
        stored.rename(tmp_path / "lost")
        for command in COMMANDS:
            shutil.rmtree(caches, ignore_errors=True)  # a failed cold run writes none
            shutil.copytree(warm_caches, caches)
            warm = run_cli(*command, no_traceback=True).exit_code
            shutil.rmtree(caches)
            if warm != run_cli(*command, no_traceback=True).exit_code:
                differing.append((line, command[0]))
        (tmp_path / "lost").rename(stored)
    assert differing == []
