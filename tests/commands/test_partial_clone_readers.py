"""Partial clones (`--filter=blob:none`): the readers of a few commits' files (`diff` in
every form, `validate --changed-since`, `new`'s look at the branches HEAD has not merged)
fetch the versions they lack in one batch, never one `git fetch` per version; offline,
they say the clone is partial."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from specrepo.gitio.partial_clone import may_be_partial
from tests.history.gitrepo import GitRepo, spec_text
from tests.history.test_partial_clone import fetched_as, fetches
from tests.history.test_warm_start import run_counting_git
from tests.support import run_cli

pytestmark = pytest.mark.usefixtures("each_git")  # SPECREPO_TEST_GIT too

SPECS = [f"specs/SPEC-{number:04d}.yaml" for number in range(1, 5)]


def _served(root: Path) -> GitRepo:
    """Four specs, then one commit that edits them all (and a schema, read on each side),
    each followed by one that touches no spec (HEAD~2 and HEAD: sides that did not write
    the versions they hold)."""
    origin = GitRepo(root)
    for step in ("First", "Second"):
        origin.commit(step, {
            "specrepo.yaml": "specs: specs\nschema: schema.json\n",
            "schema.json": f'{{"type": "object", "$comment": "{step}"}}\n',
            **{path: spec_text(f"SPEC-{number:04d}", title=f"{step} {number}")
               for number, path in enumerate(SPECS, 1)}})
        origin.commit(f"After {step}", {"README.md": f"{step}\n"})
    _serve(origin)
    return origin


def _serve(origin: GitRepo) -> None:
    origin.git("config", "uploadpack.allowFilter", "true")
    origin.git("config", "uploadpack.allowAnySHA1InWant", "true")


def _cloned(origin: GitRepo, target: Path, *options: str) -> Path:
    subprocess.run(["git", "clone", "-q", "--filter=blob:none", *options,
                    f"file://{origin.root}", str(target)], check=True, capture_output=True)
    return target


READERS = [["diff", "HEAD~2", "HEAD"], ["diff", "HEAD~2...HEAD"], ["diff", "HEAD~2"],
           ["diff", "--exit-code", "HEAD~2", "--", "SPEC-0002"],
           ["validate", "--changed-since", "HEAD~2"]]


@pytest.mark.parametrize("arguments", READERS, ids=" ".join)
def test_a_reader_of_two_sides_fetches_their_versions_in_one_batch(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, arguments: list[str]) -> None:
    """Each version the old side holds comes in specrepo's one `git fetch`: none through
    git's lazy fetch of one object below `cat-file --batch` (four specs and a schema gave
    five); the answers are a full clone's."""
    origin = _served(tmp_path / "origin")
    clone = _cloned(origin, tmp_path / "clone")
    monkeypatch.chdir(origin.root)
    expected = run_cli(*arguments)
    monkeypatch.chdir(clone)
    hierarchies = fetched_as(monkeypatch, tmp_path / "trace", arguments, expected)
    assert hierarchies == ["fetch"], hierarchies
    again = fetched_as(monkeypatch, tmp_path / "again", arguments, expected)
    assert again == []  # all there now: nothing fetched


@pytest.mark.parametrize("tags", [False, True], ids=["branches", "tags"])
def test_new_fetches_the_unmerged_versions_in_one_batch(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, tags: bool) -> None:
    """The specs each branch (or tag) HEAD has not merged adds are read in one batch: the
    id `new` gives is past them all, as in a full clone."""
    origin = GitRepo(tmp_path / "origin")
    origin.commit("Base", {SPECS[0]: spec_text()})
    for number in range(2, 6):
        origin.git("switch", "-q", "-c", f"line{number}", "main")
        origin.commit(f"Add {number}", {f"specs/SPEC-{number:04d}.yaml":
                                        spec_text(f"SPEC-{number:04d}")})
        origin.git("switch", "-q", "main")
        if tags:
            origin.git("tag", f"v{number}", f"line{number}")
            origin.git("branch", "-q", "-D", f"line{number}")
    _serve(origin)
    clone = _cloned(origin, tmp_path / "clone", "--no-single-branch")
    monkeypatch.chdir(clone)
    monkeypatch.setenv("GIT_TRACE2_EVENT", str(tmp_path / "trace"))
    result = run_cli("new", "--author", "Ada Lovelace", "Sixth")
    monkeypatch.delenv("GIT_TRACE2_EVENT")
    assert (result.exit_code, result.stdout.strip()) == (0, "specs/SPEC-0006-sixth.yaml"), \
        result.output
    assert [event.get("hierarchy") for event in fetches(tmp_path / "trace")] == ["fetch"]


@pytest.mark.parametrize("arguments", [["diff", "HEAD~2", "HEAD"],
                                       ["validate", "--changed-since", "HEAD~2"]], ids=" ".join)
def test_offline_a_reader_of_two_sides_says_the_clone_is_partial(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, arguments: list[str]) -> None:
    clone = _cloned(_served(tmp_path / "origin"), tmp_path / "clone")
    shutil.rmtree(tmp_path / "origin")
    monkeypatch.chdir(clone)
    result = run_cli(*arguments)
    assert result.exit_code == 2, result.output
    assert "this is a partial clone (--filter=blob:none)" in result.stderr
    assert "clone without --filter" in result.stderr


def test_a_full_clone_asks_git_nothing_more(tmp_path: Path) -> None:
    """Outside a partial clone (its configuration names no promisor remote:
    `partial_clone.may_be_partial`), a diff runs no git to look for missing versions."""
    origin = _served(tmp_path / "origin")
    assert not may_be_partial(origin.root / ".git")
    assert may_be_partial(_cloned(origin, tmp_path / "clone") / ".git")
    completed, commands = run_counting_git(origin, tmp_path, "diff", "HEAD~2", "HEAD")
    assert completed.returncode == 0, completed.stderr
    assert not {"config", "rev-list", "fetch"} & set(commands), commands
