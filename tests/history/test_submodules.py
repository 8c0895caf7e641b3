"""Spec files inside a git submodule: every reader of the history says their history is
in that repository, in the same words, and `timeline` says why it has none for them (and
nothing of them in another spec's timeline)."""

from __future__ import annotations

from pathlib import Path

import pytest

from specrepo.history.submodules import submodule_of
from tests.history.gitrepo import GitRepo, spec_text
from tests.support import run_cli

pytestmark = pytest.mark.usefixtures("each_git")  # SPECREPO_TEST_GIT too

REVIEWED = "reviewers: [Grace Hopper]\n"
WARNING = ("specs/shared/SPEC-0009.yaml: inside the submodule specs/shared: its history "
           "belongs to that repository, not this one")


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> GitRepo:
    """A project with one spec of its own and one in a submodule, which skipped review
    there."""
    shared = GitRepo(tmp_path / "shared")
    (shared.root / "specrepo.yaml").unlink()  # a folder of specs only
    shared.commit("Review", {"SPEC-0009.yaml": spec_text("SPEC-0009", status="In Review",
                                                         extra=REVIEWED)})
    project = GitRepo(tmp_path / "project")
    project.commit("Own spec", {"specs/SPEC-0001.yaml": spec_text()})
    project.git("-c", "protocol.file.allow=always", "submodule", "add", "-q",
                f"file://{shared.root}", "specs/shared")
    project.commit("Shared specs")
    shared.commit("Skip approval", {"SPEC-0009.yaml": spec_text(
        "SPEC-0009", status="Implemented", extra=REVIEWED)})
    project.git("-C", "specs/shared", "pull", "-q", "origin", "main")
    project.commit("Bump")
    monkeypatch.chdir(project.root)
    return project


def test_every_history_reader_says_the_history_is_elsewhere(project: GitRepo) -> None:
    """Each reader of every spec; the timeline of another spec does not (trial37: it says
    what concerns its spec), and that of SPEC-0009 says why it has none (below)."""
    for arguments in (["validate", "--history", "--allow-submodules"], ["report"],
                      ["report", "--fail-on", "open-questions"]):
        result = run_cli(*arguments)
        assert result.exit_code == 0, (arguments, result.output)
        assert result.stderr.count(WARNING) == 1, (arguments, result.stderr)
    timeline = run_cli("timeline", "SPEC-0001")
    assert timeline.exit_code == 0 and "SPEC-0009" not in timeline.output


@pytest.mark.parametrize("arguments", [
    ["validate", "--history"], ["validate", "--history", "--strict", "--format", "json"],
    ["report", "--fail-on", "illegal-transitions"],
    ["report", "--fail-on", "open-questions,changed-after-approval"]])
def test_a_history_gate_that_cannot_read_a_submodules_history_refuses(
        project: GitRepo, arguments: list[str]) -> None:
    """The submodule's history skips a review: a gate that cannot read it exits 2, naming
    it and how to check it, never 0 (a shallow clone is refused for the same reason)."""
    result = run_cli(*arguments)
    assert result.exit_code == 2, result.output
    assert ("specrepo: error: specs/shared/SPEC-0009.yaml lies inside the submodule "
            "specs/shared: its history belongs to that repository") in result.stderr
    assert "--allow-submodules" in result.stderr
    assert result.stdout == ""


def test_the_submodule_checks_its_own_history_with_a_configuration_of_its_own(
        project: GitRepo) -> None:
    """What the refusal advises: in the submodule, `specs: .` reads its history (the
    review it skipped is found)."""
    (project.root / "specs/shared/specrepo.yaml").write_text("specs: .\n")
    result = run_cli("--config", "specs/shared/specrepo.yaml", "validate", "--history")
    assert result.exit_code == 1, result.output
    assert "SPEC-0009" in result.stdout


@pytest.mark.parametrize("argument", ["SPEC-0009", "specs/shared/SPEC-0009.yaml"])
def test_timeline_of_a_spec_in_a_submodule_says_why_it_has_no_history(
        project: GitRepo, argument: str) -> None:
    result = run_cli("timeline", argument)
    assert result.exit_code == 2
    assert f"{WARNING}; run `specrepo timeline` in specs/shared for its history" \
        in result.stderr


def test_the_outermost_nested_repository_is_the_one_a_file_lies_in(tmp_path: Path) -> None:
    """One `known` serves many files, asked in any order: a file lies in the outermost
    folder holding a `.git` (a submodule's own nested repository is inside it)."""
    for repository in ("specs/shared", "specs/shared/inner", "other/deep/nested"):
        (tmp_path / repository).mkdir(parents=True)
        (tmp_path / repository / ".git").write_text("gitdir: elsewhere\n")
    known: dict[str, bool] = {}
    asked = {"specs/shared/inner/a/x.yaml": "specs/shared",
             "specs/own/y.yaml": None, "specs/shared/z.yaml": "specs/shared",
             "other/deep/nested/w.yaml": "other/deep/nested", "other/deep/v.yaml": None,
             "top.yaml": None, "./specs/shared/u.yaml": "specs/shared"}
    assert {path: submodule_of(path, tmp_path, known) for path in asked} == asked
    assert {path: submodule_of(path, tmp_path) for path in reversed(asked)} == asked


@pytest.mark.parametrize("uninitialised", [False, True])
def test_a_submodule_a_location_takes_for_a_spec_file_is_named_as_one(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, uninitialised: bool) -> None:
    """A submodule whose path a location matches as a spec file (`specs/SPEC-0002.yaml/`)
    is said to be one, with the `exclude:` entry that leaves it out, not "not a regular
    file (a folder, pipe or device)" (env35); one not checked out is refused as before."""
    shared = GitRepo(tmp_path / "shared")
    shared.commit("Something", {"README.md": "not a spec\n"})
    project = GitRepo(tmp_path / "project")
    project.commit("Own spec", {"specs/SPEC-0001.yaml": spec_text()})
    project.git("-c", "protocol.file.allow=always", "submodule", "add", "-q",
                f"file://{shared.root}", "specs/SPEC-0002.yaml")
    project.commit("Vendored")
    monkeypatch.chdir(project.root)
    if uninitialised:
        project.git("submodule", "deinit", "-q", "-f", "specs/SPEC-0002.yaml")
        assert "is not checked out (specs/SPEC-0002.yaml)" in run_cli("validate").output
        return
    result = run_cli("validate")
    assert result.exit_code == 1, result.output
    assert ("specs/SPEC-0002.yaml:1:1: error: a git submodule (or another repository "
            "nested here), not a spec file: specrepo does not read another repository's "
            "files; add it to `exclude:` (`exclude: [specs/SPEC-0002.yaml]`), or narrow "
            "the location to take spec files only [file-read]") in result.output
    (project.root / "specrepo.yaml").write_text(
        "specs: specs\nexclude: [specs/SPEC-0002.yaml]\n")
    assert run_cli("validate").exit_code == 0
