"""A spec's first committed versions that cannot be read (a Git LFS pointer whose content
is not here, as `actions/checkout` with `lfs: true` leaves every version but HEAD's; a
duplicate key) are its skipped versions like any other: `validate --history` names them
in a `skipped-version` finding (failing under `--strict`, as `report --fail-on
skipped-versions` fails), `timeline` and `report` warn of them, and the spec was created
by the commit that added its file, in a status nobody can read, never by its first
readable version (hist60: they were no spec's, and the first readable version "created
the spec in Approved"). Cold, warm, and in a walk continued over new commits."""

from __future__ import annotations

import json

import pytest

from specrepo.configuration.config_file import load_config
from specrepo.history.mine import mine_history
from specrepo.model.events import APPROVED, CREATED, STATUS_CHANGED
from tests.history.gitrepo import GitRepo, spec_text
from tests.support import run_cli

PATH = "specs/SPEC-0001.yaml"
LFS_POINTER = ("version https://git-lfs.github.com/spec/v1\n"
               f"oid sha256:{'4d' * 32}\nsize 12345\n")
DUPLICATE_KEY = spec_text(status="Implemented") + "title: again\n"
REVIEWED = "reviewers: [Grace Hopper]\n"


@pytest.mark.parametrize("unread", [LFS_POINTER, DUPLICATE_KEY], ids=["lfs", "duplicate"])
def test_first_versions_unread_are_the_specs_skipped_versions(git_repo: GitRepo,
                                                              unread: str) -> None:
    git_repo.commit("config", {})
    added = git_repo.commit("add", {PATH: unread})
    again = git_repo.commit("still unread", {PATH: unread + "\n"})
    read = git_repo.commit("reads", {PATH: spec_text(extra=REVIEWED)})
    for _ in range(2):  # cold, then from the history cache
        history = mine_history(load_config(None, git_repo.root))
        spec = history.spec("SPEC-0001")
        assert [(version.commit, version.spec) for version in history.skipped] \
            == sorted([(added, spec.key), (again, spec.key)])
        assert [(event.commit, event.kind, event.before, event.after, event.after_unreadable)
                for event in spec.events if event.field == "status"] == [
            (added, CREATED, None, None, False), (read, STATUS_CHANGED, None, "Draft", True)]
        result = run_cli("validate", "--history")
        assert result.exit_code == 0, result.output
        assert "in 2 committed versions of this spec" in result.stdout
        assert f"{PATH}:1:1: warning: " in result.stdout
        assert f"(commit {added[:10]})" in result.stdout
        assert "[skipped-version]" in result.stdout
        assert "created the spec" not in result.stdout
        assert run_cli("validate", "--history", "--strict").exit_code == 1
        assert run_cli("report", "--fail-on", "skipped-versions").exit_code == 1
        timeline = run_cli("timeline", "SPEC-0001", "--format", "json")
        assert f"(commit {added[:10]})" in timeline.stderr
        created = json.loads(timeline.stdout)["events"][0]
        assert (created["commit"], created["kind"]) == (added, CREATED)


def test_a_move_out_of_an_unread_first_status_is_no_illegal_move(git_repo: GitRepo) -> None:
    """Draft -> Implemented (unreadable) -> Draft: the illegal move is not seen, and the
    skipped versions say so; under --strict the two gates agree (trial finding 1a)."""
    git_repo.commit("config", {})
    git_repo.commit("Implemented, unreadable", {PATH: LFS_POINTER})
    git_repo.commit("Draft", {PATH: spec_text(extra=REVIEWED)})
    result = run_cli("validate", "--history", "--strict")
    assert result.exit_code == 1, result.output
    assert "[skipped-version]" in result.stdout
    assert "[illegal-transition]" not in result.stdout
    assert run_cli("report", "--fail-on", "skipped-versions").exit_code == 1


def test_a_first_readable_status_is_judged_as_such_never_as_a_creation(
        git_repo: GitRepo) -> None:
    """The first version that reads does not create the spec: a status a new spec may not
    start in is judged as its first readable one (README, "given its first readable
    status"), named so (trial finding 1b: "created the spec in Approved")."""
    git_repo.commit("config", {})
    added = git_repo.commit("add", {PATH: LFS_POINTER})
    read = git_repo.commit("reads", {PATH: spec_text(status="In Review", extra=REVIEWED)})
    result = run_cli("validate", "--history")
    assert result.exit_code == 1, result.output
    assert f"commit {read[:10]} (the versions since commit {added[:10]} could not be read) " \
        "by Ada Lovelace on 2026-01-04 gave the spec its first " \
        "readable status, In Review, which the workflow does not allow" in result.stdout
    assert "created the spec" not in result.stdout


def test_a_walk_continued_claims_the_run_its_cache_left(git_repo: GitRepo) -> None:
    """The unread versions a walk saw before any spec read there wait in the cache's walk
    state: the walk continued over the commit that reads claims them."""
    git_repo.commit("config", {})
    added = git_repo.commit("add", {PATH: LFS_POINTER})
    run_cli("validate", "--history")  # the cache holds the walk up to here
    git_repo.commit("reads", {PATH: spec_text(extra=REVIEWED)})
    history = mine_history(load_config(None, git_repo.root))
    spec = history.spec("SPEC-0001")
    assert [(version.commit, version.spec) for version in history.skipped] \
        == [(added, spec.key)]
    assert (spec.events[0].commit, spec.events[0].kind) == (added, CREATED)


def test_a_template_before_the_unread_versions_is_no_version_of_the_spec(
        git_repo: GitRepo) -> None:
    """A file that read as a template (a placeholder id) and then did not load was no spec
    before the unread versions: the spec is created after the template, at them."""
    git_repo.commit("config", {})
    template = spec_text(spec_id="SPEC-XXXX")
    git_repo.commit("template", {PATH: template})
    unread = git_repo.commit("unread", {PATH: LFS_POINTER})
    git_repo.commit("reads", {PATH: spec_text(extra=REVIEWED)})
    spec = mine_history(load_config(None, git_repo.root)).spec("SPEC-0001")
    assert (spec.events[0].commit, spec.events[0].kind) == (unread, CREATED)


@pytest.mark.parametrize("walk", ["cold", "continued"])
def test_the_trailers_of_unread_first_versions_approve(git_repo: GitRepo, walk: str) -> None:
    """hist61: a version that cannot be read has a commit message that can: the approval
    its `Approved-by:` trailer gives is the spec's, as any commit's (a reviewer's timeline
    and the report's approvals lost it), in `timeline`, `report` and the history the
    gates judge, cold, warm and in a walk continued from the cache's unclaimed run."""
    git_repo.commit("config", {})
    added = git_repo.commit("add", {PATH: LFS_POINTER})
    again = git_repo.commit("still unread\n\nApproved-by: Grace Hopper",
                            {PATH: LFS_POINTER + "\n"})
    if walk == "continued":
        run_cli("validate", "--history")  # the cache holds the unclaimed run
    git_repo.commit("reads", {PATH: spec_text(status="In Review", extra=REVIEWED)})
    for _ in range(2):  # then from the history cache
        spec = mine_history(load_config(None, git_repo.root)).spec("SPEC-0001")
        assert [(event.commit, event.kind, event.field, event.after)
                for event in spec.events[:2]] == [(added, CREATED, "status", None),
                                                  (again, APPROVED, "trailer", "Grace Hopper")]
        events = json.loads(run_cli("timeline", "SPEC-0001", "--format", "json").stdout)["events"]
        assert [(event["commit"], event["kind"]) for event in events[:2]] \
            == [(added, CREATED), (again, APPROVED)]
        [grace] = json.loads(run_cli("report", "--format", "json").stdout)["reviewers"]
        assert (grace["reviewer"], grace["approvals"]) == ("Grace Hopper", 1)


@pytest.mark.parametrize("walk", ["cold", "continued"])
def test_a_file_moved_and_fixed_in_one_commit_claims_its_old_path_s_versions(
        git_repo: GitRepo, walk: str) -> None:
    """hist61: the unread versions at the path a commit moves the file from, fixing it,
    are the spec's (its history no longer restarts at the new path): created where the
    file was added, at its old path, its skipped version named by `skipped-version`."""
    git_repo.commit("config", {})
    added = git_repo.commit("add", {"specs/old.yaml": LFS_POINTER})
    if walk == "continued":
        run_cli("validate", "--history")
    git_repo.git("mv", "specs/old.yaml", PATH)
    git_repo.commit("move and fix", {PATH: spec_text(extra=REVIEWED)})
    for _ in range(2):  # then from the history cache
        history = mine_history(load_config(None, git_repo.root))
        spec = history.spec("SPEC-0001")
        assert [(version.commit, version.spec) for version in history.skipped] \
            == [(added, spec.key)]
        assert (spec.events[0].commit, spec.events[0].kind, spec.events[0].path) \
            == (added, CREATED, "specs/old.yaml")
        assert spec.paths == ("specs/old.yaml", PATH)
        result = run_cli("validate", "--history")
        assert f"{PATH}:1:1: warning: " in result.stdout and "[skipped-version]" in result.stdout


def test_a_run_two_added_files_may_continue_is_claimed_by_neither(git_repo: GitRepo) -> None:
    """Which of two files a commit adds is the one moved is not known (the walk asks git
    for no rename detection): neither claims the run at the path it deletes."""
    git_repo.commit("config", {})
    git_repo.commit("add", {"specs/old.yaml": LFS_POINTER})
    git_repo.commit("move, fix, and another", {
        "specs/old.yaml": None, PATH: spec_text(extra=REVIEWED),
        "specs/SPEC-0002.yaml": spec_text("SPEC-0002", extra=REVIEWED)})
    history = mine_history(load_config(None, git_repo.root))
    assert [version.spec for version in history.skipped] == [None]
    assert all(spec.events[0].kind == CREATED and spec.events[0].path != "specs/old.yaml"
               for spec in history.specs)


def test_the_first_readable_version_shows_its_content_first_read(git_repo: GitRepo) -> None:
    """check60 LOW: the timeline showed the title changed at the first readable commit
    (first read there) and no item added: its content is first read there too, each item
    added and each other section changed, marked `after_unreadable`, cold and warm."""
    git_repo.commit("config", {})
    git_repo.commit("add", {PATH: LFS_POINTER})
    requirements = ("requirements:\n  functional:\n    - {id: FR-1, text: One.}\n"
                    "    - {id: FR-2, text: Two.}\n")
    read = git_repo.commit("reads", {PATH: spec_text(extra=REVIEWED + requirements)})
    for _ in range(2):
        events = json.loads(run_cli("timeline", "SPEC-0001", "--format", "json").stdout)[
            "events"]
        shown = [(event["kind"], event["field"], event["item"]) for event in events
                 if event["commit"] == read]
        assert ("title-changed", "title", None) in shown
        assert ("item-added", "requirements.functional[FR-1]", "FR-1") in shown
        assert ("item-added", "requirements.functional[FR-2]", "FR-2") in shown
        assert ("section-changed", "summary", None) in shown
        assert all(event["after_unreadable"] for event in events
                   if event["commit"] == read and event["kind"] == "item-added")
