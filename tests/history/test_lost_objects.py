"""A run the history cache answers exits as a cold run does when git has lost an object
the cold run reads (`relied_objects`): a folder's tree in a past commit or at HEAD, a past
version of the configuration or of the schema, not only commits, root trees and versions
of spec files."""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.gitio.test_object_stamp import LATER, settle
from tests.history.gitrepo import GitRepo, spec_text
from tests.history.test_warm_start import run_counting_git
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


NO_REPLAY = {"SPECREPO_NO_RESULT_CACHE": "1"}
"""The history cache's check alone (`refuse_lost_objects`): no run replayed whole."""


def test_a_settled_untouched_store_is_not_asked_again(git_repo: GitRepo,
                                                      tmp_path: Path) -> None:
    """A warm run whose check passed on a store unchanged for a while keeps its stamp
    (`gitio.object_stamp`): the next asks git for no object."""
    small_history(git_repo)
    command = ("validate", "--history")
    run_counting_git(git_repo, tmp_path, *command, environment=NO_REPLAY)  # cold
    settle(git_repo)
    warm, gits = run_counting_git(git_repo, tmp_path, *command, environment=NO_REPLAY)
    assert "cat-file" in gits
    again, gits = run_counting_git(git_repo, tmp_path, *command, environment=NO_REPLAY)
    assert "cat-file" not in gits
    assert (again.returncode, again.stdout) == (warm.returncode, warm.stdout)


def packed(repo: GitRepo, object_ids: list[str]) -> list[Path]:
    """A new pack of `object_ids`; its files."""
    pack = repo.root / ".git" / "objects" / "pack"
    before = set(pack.iterdir())
    subprocess.run(["git", "pack-objects", "-q", str(pack / "pack")], cwd=repo.root,
                   input="\n".join(object_ids).encode(), check=True, capture_output=True)
    return sorted(set(pack.iterdir()) - before)


def store_and_lose(repo: GitRepo, object_id: str, how: str) -> Callable[[], None]:
    """The store set out as `how` loses `object_id`, and how it loses it: its loose file
    deleted (`loose`); every object in one pack, then that pack replaced by one without it
    (a repack that lost it: `repack`); it alone in a pack, the others in another, then its
    pack removed (`pack`)."""
    objects = repo.root / ".git" / "objects"
    if how == "loose":
        return (objects / object_id[:2] / object_id[2:]).unlink
    everything = [line[:40] for line in repo.git("rev-list", "--objects", "--all").splitlines()]
    repo.git("repack", "-a", "-d", "-q")
    first = list((objects / "pack").iterdir())
    rest = [name for name in everything if name != object_id]
    lost = first
    if how == "pack":
        lost = packed(repo, [object_id])
        packed(repo, rest)
        for path in first:
            path.unlink()

    def lose() -> None:
        if how == "repack":
            packed(repo, rest)
        for path in lost:
            path.unlink()

    return lose


@pytest.mark.parametrize("how", ["loose", "repack", "pack"])
@pytest.mark.parametrize("name", ["HEAD~3:specs/area/deep", "HEAD~4:schema/spec.json"])
def test_a_loss_after_a_kept_stamp_exits_as_cold(git_repo: GitRepo, tmp_path: Path,
                                                 how: str, name: str) -> None:
    """The store's stamp kept by a warm run whose check passed; an object it relied on lost
    a while later (its folder's times long before the next run: no racy time to help)."""
    small_history(git_repo)
    command = ("validate", "--history")
    run_counting_git(git_repo, tmp_path, *command, environment=NO_REPLAY)  # cold
    object_id = git_repo.git("rev-parse", name)
    loss = store_and_lose(git_repo, object_id, how)
    settle(git_repo)
    assert "cat-file" in run_counting_git(git_repo, tmp_path, *command,
                                          environment=NO_REPLAY)[1]
    assert "cat-file" not in run_counting_git(git_repo, tmp_path, *command,
                                              environment=NO_REPLAY)[1]  # the stamp kept
    loss()
    settle(git_repo, LATER)
    warm = run_counting_git(git_repo, tmp_path, *command, environment=NO_REPLAY)[0]
    assert warm.returncode == 2, warm.stderr
    assert object_id in warm.stderr
    shutil.rmtree(git_repo.root / ".git" / "specrepo")
    assert run_counting_git(git_repo, tmp_path, *command)[0].returncode == 2  # as cold
