"""`specrepo diff` reads each side with its own configuration's spec locations: a spec
folder renamed together with `specs:` is a spec moved, as the timeline follows it."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest

from specrepo.commands.diff import DiffOptions, run
from specrepo.configuration.config_file import load_config
from specrepo.gitio.git_command import Git
from tests.commands.test_diff import document, spec, unlike
from tests.history.gitrepo import GitRepo
from tests.support import run_cli

OLD = "specs/SPEC-0001.yaml"
NEW = "docs/specs/SPEC-0001.yaml"


@pytest.fixture
def repo(git_repo: GitRepo) -> GitRepo:
    git_repo.commit("Start", {OLD: spec("FR-1=Count.", "FR-2=Reject."),
                              "specs/SPEC-0002.yaml": unlike("SPEC-0002")})
    return git_repo


def moves(data: Any) -> list[tuple[list[str], str | None, str | None]]:
    return [(item["kinds"], item["old"] and item["old"]["path"],
             item["new"] and item["new"]["path"]) for item in data["specs"]]


def move_folder(repo: GitRepo, config: str = "specs: docs/specs\n") -> None:
    """Rename the spec folder in the work tree, and say so in specrepo.yaml."""
    (repo.root / "docs").mkdir()
    (repo.root / "specs").rename(repo.root / "docs" / "specs")
    repo.write("specrepo.yaml", config)


def test_a_spec_folder_renamed_with_specs_is_each_spec_moved(repo: GitRepo) -> None:
    move_folder(repo)
    repo.write(NEW, spec("FR-1=Count all.", "FR-2=Reject."))
    repo.commit("Move the specs")
    expected = [(["moved", "modified"], OLD, NEW),
                (["moved"], "specs/SPEC-0002.yaml", "docs/specs/SPEC-0002.yaml")]
    for arguments in (("HEAD~1..HEAD",), ("HEAD~1...HEAD",)):
        data = document(*arguments)
        assert moves(data) == expected
        assert data["warnings"] == []
    assert moves(document("HEAD~1..HEAD", "SPEC-0002")) == expected[1:]
    # Back the other way: the old side is read with the new configuration, the new side
    # with the old one.
    assert moves(document("HEAD..HEAD~1")) == [(["moved", "modified"], NEW, OLD),
                                               (["moved"], "docs/specs/SPEC-0002.yaml",
                                                "specs/SPEC-0002.yaml")]


def test_the_work_tree_is_read_with_its_own_configuration(repo: GitRepo) -> None:
    move_folder(repo)  # not committed: HEAD still has specs/ and no `specs:` change
    assert moves(document()) == [(["moved"], OLD, NEW),
                                 (["moved"], "specs/SPEC-0002.yaml",
                                  "docs/specs/SPEC-0002.yaml")]
    repo.commit("Move the specs")
    assert document()["specs"] == []
    assert len(document("HEAD~1")["specs"]) == 2


def test_a_range_of_the_past_is_read_with_the_configuration_it_had(repo: GitRepo) -> None:
    """Both sides named specs/ (the same specrepo.yaml), the work tree names docs/specs."""
    repo.commit("Rework", {OLD: spec("FR-1=Count.", "FR-2=Reject early.")})
    move_folder(repo)
    repo.commit("Move the specs")
    data = document("HEAD~2..HEAD~1")
    assert moves(data) == [(["modified"], OLD, OLD)]
    assert data["specs"][0]["changes"][0]["path_text"] == "requirements.functional[FR-2]"


def test_a_glob_changed_for_another_keeps_a_spec_that_stayed(repo: GitRepo) -> None:
    repo.commit("Glob", {"specrepo.yaml": "specs: ['specs/*.yaml']\n",
                         "specs/area/SPEC-0003.yaml": unlike("SPEC-0003")})
    repo.commit("Wider glob", {"specrepo.yaml": "specs: ['specs/**/*.yaml']\n"})
    # The unchanged specs are the same specs; the nested one, there all along, is a spec
    # now: added to the specs, as the configuration says.
    assert moves(document("HEAD~1..HEAD")) == [(["added"], None, "specs/area/SPEC-0003.yaml")]
    assert moves(document("HEAD..HEAD~1")) == [(["removed"], "specs/area/SPEC-0003.yaml",
                                                None)]


def test_a_configuration_added_between_the_sides_replaces_the_default(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    repo = GitRepo(tmp_path / "plain")
    monkeypatch.chdir(repo.root)
    (repo.root / "specrepo.yaml").unlink()  # before it: the default `specs`
    repo.commit("Start", {OLD: spec("FR-1=Count.")})
    move_folder(repo)
    repo.commit("Configure")
    assert moves(document("HEAD~1..HEAD")) == [(["moved"], OLD, NEW)]
    assert moves(document("HEAD~1")) == [(["moved"], OLD, NEW)]
    (repo.root / "specrepo.yaml").unlink()  # and removed: the default again
    repo.commit("Unconfigure", {"specs/SPEC-0009.yaml": unlike("SPEC-0009")})
    assert moves(document("HEAD~1..HEAD")) == [
        (["added"], None, "specs/SPEC-0009.yaml"), (["removed"], NEW, None)]


def test_front_matter_toggled_with_the_specs_made_markdown(repo: GitRepo) -> None:
    (repo.root / OLD).unlink()
    repo.write("specs/SPEC-0001.md", f"---\n{spec('FR-1=Count.', 'FR-2=Reject.')}---\n\n"
                                     "# Motivation\n\nWhy.\n")
    (repo.root / "specs" / "SPEC-0002.yaml").unlink()
    repo.write("specs/SPEC-0002.md", f"---\n{unlike('SPEC-0002')}---\n")
    repo.write("specrepo.yaml", "specs: specs\nfront_matter: true\n")
    repo.commit("Markdown")
    data = document("HEAD~1..HEAD")
    # A YAML version has no body: the Markdown one's sections are added, and removed the
    # other way (trial42b yaml-to-md-body-not-compared); a body of none is no change.
    assert moves(data) == [(["moved", "modified"], OLD, "specs/SPEC-0001.md"),
                           (["moved"], "specs/SPEC-0002.yaml", "specs/SPEC-0002.md")]
    assert data["warnings"] == []
    assert moves(document("HEAD..HEAD~1")) == [
        (["moved", "modified"], "specs/SPEC-0001.md", OLD),
        (["moved"], "specs/SPEC-0002.md", "specs/SPEC-0002.yaml")]


@pytest.mark.parametrize("broken", ["specs: [docs/specs\n", "- a list\n", "specs: {a: 1}\n",
                                    "specs: ../elsewhere\n"])
def test_a_configuration_that_does_not_load_falls_back_with_a_warning(
        repo: GitRepo, broken: str) -> None:
    repo.commit("Break it", {"specrepo.yaml": broken})
    move_folder(repo)
    repo.commit("Move the specs, fix the configuration")
    shown = run_cli("diff", "HEAD~1..HEAD", "--format", "json")
    data = json.loads(shown.stdout)
    # The broken side is read where history looks whatever a configuration says (the
    # work tree's locations and the default `specs`): the specs moved; and a warning
    # says why.
    assert moves(data) == [(["moved"], OLD, NEW),
                           (["moved"], "specs/SPEC-0002.yaml", "docs/specs/SPEC-0002.yaml")]
    [warning] = data["warnings"]
    assert warning.startswith("specrepo.yaml in ")
    assert warning.endswith("that side was read with the work tree's spec locations and "
                            "the default `specs`")
    assert f"warning: {warning}" in shown.stderr
    assert run_cli("diff", "HEAD~1..HEAD", "--exit-code").exit_code == 1


def test_a_configuration_with_some_bad_locations_keeps_the_good_ones(repo: GitRepo) -> None:
    repo.commit("Half broken", {"specrepo.yaml": "specs: [specs, 7]\n"})
    repo.commit("Fixed", {"specrepo.yaml": "specs: [specs]\n",
                          OLD: spec("FR-1=Count more.", "FR-2=Reject.")})
    shown = run_cli("diff", "HEAD~1..HEAD", "--format", "json")
    data = json.loads(shown.stdout)
    assert moves(data) == [(["modified"], OLD, OLD)]
    assert data["warnings"][0].endswith("that side was read with its other spec locations")


def test_a_spec_file_moved_with_the_configuration_unchanged_is_still_moved(
        repo: GitRepo) -> None:
    repo.commit("Move", {OLD: None, "specs/area/limits.yaml": spec("FR-1=Count.",
                                                                   "FR-2=Reject.")})
    assert moves(document("HEAD~1..HEAD")) == [(["moved"], OLD, "specs/area/limits.yaml")]


def test_since_approval_follows_a_spec_folder_renamed_with_specs(repo: GitRepo) -> None:
    approved = spec("FR-1=Count.", "FR-2=Reject.", status="Approved") + \
        "reviewers: [Grace Hopper]\n"
    repo.commit("Approve", {OLD: approved})
    move_folder(repo)
    repo.commit("Move the specs")
    # Only the place changed: a spec moved, with nothing changed in it.
    assert moves(document("--since-approval")) == [(["moved"], OLD, NEW)]
    repo.write(NEW, approved.replace("Count.", "Count all."))
    [since] = document("--since-approval")["specs"]
    assert (since["old"]["path"], since["new"]["path"]) == (OLD, NEW)
    assert since["changes"][0]["path_text"] == "requirements.functional[FR-1]"


def test_an_unchanged_configuration_adds_no_git_process(
        repo: GitRepo, monkeypatch: pytest.MonkeyPatch) -> None:
    """The common path: the configuration is the same on both sides and in the work tree,
    so git is asked nothing more than the sides, the changed files and their blobs (with
    the `.gitattributes` files above them on each side, in the same request); where the
    user's attributes are (`core.attributesFile`: a clean/smudge filter there would apply
    to both sides) is asked of git only when a configuration file may set it; with no
    filter named anywhere, no `check-attr`."""
    repo.commit("Rework", {OLD: spec("FR-1=Count all.", "FR-2=Reject.")})
    started: list[str] = []
    ran: list[str] = []
    start, attempt = Git.start, Git.attempt

    def counted_start(self: Git, *arguments: str, **options: bool) -> Any:
        started.append(arguments[0])
        return start(self, *arguments, **options)

    def counted_attempt(self: Git, *arguments: str, stdin: bytes | None = None) -> Any:
        ran.append(arguments[0])
        return attempt(self, *arguments, stdin=stdin)

    monkeypatch.setattr(Git, "start", counted_start)
    monkeypatch.setattr(Git, "attempt", counted_attempt)
    result = run(load_config(None, repo.root), DiffOptions(("HEAD~1..HEAD",),
                                                           folder=repo.root))
    assert [spec_diff.new.path for spec_diff in result.diff.changed if spec_diff.new] == [OLD]
    # The second `cat-file` is the shared one a "no file" answer (an attributes file the
    # sides lack) asks the folder's tree of: a lost blob is no absent file (misc74).
    assert sorted(started) == ["cat-file", "cat-file", "diff", "rev-parse"], started
    assert ran == []
    started.clear()
    (Path(os.environ["HOME"]) / "more.gitconfig").write_text("[core]\n\tsymlinks = true\n")
    Path(os.environ["GIT_CONFIG_GLOBAL"]).write_text("[include]\n\tpath = ~/more.gitconfig\n")
    run(load_config(None, repo.root), DiffOptions(("HEAD~1..HEAD",), folder=repo.root))
    # An include may set it: `config` starts with `cat-file`, while git finds the sides.
    assert sorted(started) == ["cat-file", "cat-file", "config", "diff", "rev-parse"], started
    assert ran == []


def test_a_configuration_below_the_top_reads_its_sides_below_it(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    repo = GitRepo(tmp_path / "mono")
    (repo.root / "specrepo.yaml").rename(repo.root / "team.yaml")  # not a configuration
    repo.commit("Start", {"team/specrepo.yaml": "specs: specs\n",
                          "team/specs/SPEC-0001.yaml": spec("FR-1=Count."),
                          "specs/SPEC-0007.yaml": unlike("SPEC-0007")})
    (repo.root / "team" / "specs").rename(repo.root / "team" / "requirements")
    repo.commit("Rename", {"team/specrepo.yaml": "specs: requirements\n",
                           "specs/SPEC-0007.yaml": unlike("SPEC-0007") + "# elsewhere\n"})
    monkeypatch.chdir(repo.root / "team")
    assert moves(document("HEAD~1..HEAD")) == [
        (["moved"], "team/specs/SPEC-0001.yaml", "team/requirements/SPEC-0001.yaml")]
