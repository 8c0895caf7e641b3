"""`report` sees the specs `validate` sees: links, submodules, Git LFS, hidden folders,
files not committed yet; each one without history is named, with why."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

from tests.history.gitrepo import DAY, EPOCH, GitRepo, spec_text
from tests.support import run_cli

REVIEWED = "reviewers: [Grace Hopper]\n"


def report() -> dict[str, Any]:
    result = run_cli("report", "--format", "json")
    assert result.exit_code == 0, result.output
    document: dict[str, Any] = json.loads(result.stdout)
    return document


def listed(document: dict[str, Any]) -> list[tuple[str, str, str | None]]:
    return [(spec["id"], spec["status"], spec["since"]) for spec in document["specs"]]


@pytest.fixture
def repo(git_repo: GitRepo) -> GitRepo:
    """SPEC-0001 Draft, then In Review on day 2; SPEC-0002 Draft."""
    git_repo.commit("Drafts", {"specs/SPEC-0001.yaml": spec_text(),
                               "specs/SPEC-0002.yaml": spec_text("SPEC-0002")})
    git_repo.commit("Review", {"specs/SPEC-0001.yaml": spec_text(status="In Review",
                                                                 extra=REVIEWED)})
    return git_repo


SINCE_DAY_2 = "2026-01-03T00:00:00Z"
EPOCH_SINCE = "2026-01-02T00:00:00Z"
SINCE_DAY_1 = "2026-01-02T00:00:00Z"


def test_a_spec_folder_that_is_a_symbolic_link(repo: GitRepo) -> None:
    (repo.root / "docs").mkdir()
    repo.git("mv", "specs", "docs/specs-real")
    (repo.root / "specs").symlink_to("docs/specs-real")
    repo.commit("The specs live in docs/")
    repo.commit("Review two", {"specs/SPEC-0002.yaml": spec_text(
        "SPEC-0002", status="In Review", extra=REVIEWED)})
    document = report()
    assert listed(document) == [("SPEC-0001", "In Review", SINCE_DAY_2),
                                ("SPEC-0002", "In Review", "2026-01-05T00:00:00Z")]
    assert document["integrity"]["spec_notes"] == []
    timeline = json.loads(run_cli("timeline", "specs/SPEC-0001.yaml", "--format", "json").stdout)
    assert timeline["paths"] == ["specs/SPEC-0001.yaml", "docs/specs-real/SPEC-0001.yaml"]


def test_a_spec_file_that_is_a_symbolic_link(repo: GitRepo) -> None:
    repo.commit("Shared", {"shared/SPEC-0003.yaml": spec_text("SPEC-0003", status="In Review",
                                                              extra=REVIEWED)})
    (repo.root / "specs" / "SPEC-0003.yaml").symlink_to("../shared/SPEC-0003.yaml")
    repo.commit("Link it")
    document = report()
    assert listed(document)[2] == ("SPEC-0003", "In Review", "2026-01-04T00:00:00Z")
    assert document["integrity"]["spec_notes"] == []


def test_a_spec_in_a_submodule_is_named_with_why(repo: GitRepo, tmp_path: Path) -> None:
    other = GitRepo(tmp_path / "other")
    (other.root / "specrepo.yaml").unlink()
    other.commit("Shared", {"SPEC-0007.yaml": spec_text("SPEC-0007", status="In Review",
                                                        extra=REVIEWED)})
    repo.git("-c", "protocol.file.allow=always", "submodule", "add", "-q", str(other.root),
             "specs/shared")
    repo.commit("Add the submodule")
    assert run_cli("validate").stdout == "3 files checked: no problems\n"
    result = run_cli("report", "--format", "json")
    document = json.loads(result.stdout)
    assert listed(document)[2] == ("SPEC-0007", "In Review", None)
    assert document["integrity"]["spec_notes"] == [{
        "id": "SPEC-0007", "path": "specs/shared/SPEC-0007.yaml",
        "reason": "inside the submodule specs/shared: its history belongs to that "
                  "repository, not this one", "in_work_tree": True, "unreadable": False}]
    assert ("specrepo: warning: specs/shared/SPEC-0007.yaml: inside the submodule "
            "specs/shared") in result.stderr


def test_a_spec_not_committed_yet_is_listed_and_noted(repo: GitRepo) -> None:
    repo.write("specs/SPEC-0003.yaml", spec_text("SPEC-0003", status="In Review",
                                                 extra=REVIEWED))
    result = run_cli("report", "--fail-on", "waiting-reviews")
    assert result.exit_code == 1
    assert "SPEC-0003" in result.stdout
    assert "specs/SPEC-0003.yaml (not committed yet, so it has no history)" in result.stdout
    assert "specrepo: warning: specs/SPEC-0003.yaml: not committed yet" in result.stderr
    staged = report()
    assert listed(staged)[2] == ("SPEC-0003", "In Review", None)
    assert not [stale for stale in staged["stale"] if stale["spec"] == "SPEC-0003"]


def test_a_spec_deleted_in_the_work_tree_stays_in_the_report(repo: GitRepo) -> None:
    (repo.root / "specs" / "SPEC-0002.yaml").unlink()
    document = report()
    assert [spec["id"] for spec in document["specs"]] == ["SPEC-0001", "SPEC-0002"]
    assert document["integrity"]["spec_notes"] == [{
        "id": "SPEC-0002", "path": "specs/SPEC-0002.yaml",
        "reason": "in HEAD but not in the work tree (deleted or moved, not committed yet)",
        "in_work_tree": False, "unreadable": False}]


@pytest.mark.parametrize("how", ["git mv", "mv"])
def test_a_spec_moved_in_the_work_tree_is_one_spec_with_its_history(repo: GitRepo,
                                                                    how: str) -> None:
    """Moved to a new folder and not committed yet (staged or not), it is the spec it was,
    once, as the same move committed would be; the same id at a second path is a copy."""
    (repo.root / "specs" / "archive").mkdir()
    moved = "specs/archive/SPEC-0001.yaml"
    if how == "git mv":
        repo.git("mv", "specs/SPEC-0001.yaml", moved)
    else:
        os.rename(repo.root / "specs" / "SPEC-0001.yaml", repo.root / moved)
    document = report()
    assert listed(document) == [("SPEC-0001", "In Review", SINCE_DAY_2),
                                ("SPEC-0002", "Draft", EPOCH_SINCE)]
    assert [spec["path"] for spec in document["specs"]] == ["specs/SPEC-0001.yaml",
                                                            "specs/SPEC-0002.yaml"]  # HEAD's
    assert document["integrity"]["spec_notes"] == [{
        "id": "SPEC-0001", "path": moved,
        "reason": "moved from specs/SPEC-0001.yaml in the work tree (not committed yet): "
                  "HEAD's version of it is reported", "in_work_tree": True, "unreadable": False}]
    shutil.copy(repo.root / "specs" / "SPEC-0002.yaml", repo.root / "specs" / "archive")
    copied = listed(report())
    assert copied.count(("SPEC-0002", "Draft", EPOCH_SINCE)) == 1
    assert ("SPEC-0002", "Draft", None) in copied


def test_specs_under_a_hidden_folder_are_in_neither(repo: GitRepo) -> None:
    repo.commit("Hidden", {"specs/.archive/SPEC-0009.yaml": spec_text("SPEC-0009")})
    assert run_cli("validate").stdout == "2 files checked: no problems\n"
    assert [spec["id"] for spec in report()["specs"]] == ["SPEC-0001", "SPEC-0002"]


@pytest.fixture
def lfs(repo: GitRepo) -> GitRepo:
    if shutil.which("git-lfs") is None:
        pytest.skip("git-lfs is not installed")
    env = repo.environment()
    subprocess.run(["git", "lfs", "install", "--local"], cwd=repo.root, env=env, check=True,
                   capture_output=True)
    subprocess.run(["git", "lfs", "track", "specs/*.yaml"], cwd=repo.root, env=env,
                   check=True, capture_output=True)
    repo.git("add", "--renormalize", ".")
    repo.commit("Specs to LFS")
    repo.commit("Review two", {"specs/SPEC-0002.yaml": spec_text(
        "SPEC-0002", status="In Review", extra=REVIEWED)})
    assert repo.git("cat-file", "-p", "HEAD:specs/SPEC-0002.yaml").startswith(
        "version https://git-lfs.github.com/spec/v1")
    return repo


def test_specs_tracked_by_git_lfs_keep_their_history(lfs: GitRepo) -> None:
    document = report()
    assert listed(document) == [("SPEC-0001", "In Review", SINCE_DAY_2),
                                ("SPEC-0002", "In Review", "2026-01-05T00:00:00Z")]
    timeline = json.loads(run_cli("timeline", "SPEC-0002", "--format", "json").stdout)
    assert [event["to"] for event in timeline["events"]][:2] == ["Draft", "In Review"]
    assert timeline["warnings"] == []


def test_git_lfs_content_that_is_not_here_is_named(lfs: GitRepo) -> None:
    objects = lfs.root / ".git" / "lfs" / "objects"
    kept = {path.name for path in objects.rglob("*") if path.is_file()}
    head_oid = lfs.git("cat-file", "-p", "HEAD:specs/SPEC-0002.yaml").split("sha256:")[1][:64]
    for path in objects.rglob("*"):
        if path.is_file() and path.name != head_oid:
            path.unlink()
    result = run_cli("report", "--format", "json")
    document = json.loads(result.stdout)
    # Kept with what it said before its content went missing.
    assert listed(document) == [("SPEC-0001", "In Review", SINCE_DAY_2),
                                ("SPEC-0002", "In Review", "2026-01-05T00:00:00Z")]
    assert document["integrity"]["unreadable_specs"] == ["SPEC-0001"]
    assert document["integrity"]["unreadable_at_head"] == [{
        "id": "SPEC-0001", "path": "specs/SPEC-0001.yaml",
        "reason": "HEAD's version cannot be read: specs/SPEC-0001.yaml: a Git LFS pointer; "
                  "this version's content "
                  "is not in the local Git LFS store (`git lfs fetch --all` brings every "
                  "version) (its last readable values are reported)"}]
    assert document["integrity"]["spec_notes"] == []
    assert "Git LFS pointers whose content is not in the local LFS store" in result.stderr
    assert len(kept) > 1


def test_the_report_names_the_commit_and_measures_ages_to_it(repo: GitRepo) -> None:
    head = repo.git("rev-parse", "HEAD")
    document = report()
    assert document["head"] == head
    assert document["now"] == "2026-01-03T00:00:00Z"
    assert run_cli("report").stdout.startswith(f"Spec report at {head[:10]}, as of ")
    assert EPOCH + 2 * DAY == 1_767_398_400
    assert os.path.exists(repo.root / ".git" / "specrepo")


def test_specs_only_an_earlier_configuration_named_are_not_reported(repo: GitRepo) -> None:
    repo.commit("Specs move on", {"specrepo.yaml": "specs: active\n",
                                  "active/SPEC-0003.yaml": spec_text("SPEC-0003")})
    assert run_cli("validate").output == "1 file checked: no problems\n"
    result = run_cli("report", "--format", "json")
    assert result.exit_code == 0, result.output
    document = json.loads(result.stdout)
    assert [spec["id"] for spec in document["specs"]] == ["SPEC-0003"]
    assert document["integrity"]["spec_notes"] == []
    assert result.stderr == ""
    # The lineage still reaches back: a spec moved into the new location keeps its life,
    # its status held again from the move (out of the spec set from the narrowing on).
    repo.git("mv", "specs/SPEC-0001.yaml", "active/SPEC-0001.yaml")
    repo.commit("Keep one")
    assert listed(report()) == [("SPEC-0001", "In Review", "2026-01-05T00:00:00Z"),
                                ("SPEC-0003", "Draft", "2026-01-04T00:00:00Z")]


def test_an_uncommitted_configuration_decides_the_reported_specs(repo: GitRepo) -> None:
    (repo.root / "other").mkdir()
    (repo.root / "specrepo.yaml").write_text("specs: other\n")
    for command in ("validate", "report"):
        result = run_cli(command)
        assert result.exit_code == 2, result.output
        assert "the specs folder 'other' holds no spec file" in result.stderr
    allowed = run_cli("report", "--format", "json", "--allow-empty")
    assert allowed.exit_code == 0
    assert json.loads(allowed.stdout)["specs"] == []
    assert allowed.stderr == ""
    repo.write("other/SPEC-0004.yaml", spec_text("SPEC-0004"))
    assert [spec["id"] for spec in report()["specs"]] == ["SPEC-0004"]


def test_a_spec_file_that_is_a_folder_now_is_noted_truly(repo: GitRepo) -> None:
    (repo.root / "specs" / "SPEC-0002.yaml").unlink()
    (repo.root / "specs" / "SPEC-0002.yaml").mkdir()
    document = report()  # HEAD's spec stays, HEAD's version reported (never dropped)
    assert [spec["id"] for spec in document["specs"]] == ["SPEC-0001", "SPEC-0002"]
    assert document["integrity"]["spec_notes"] == [{
        "id": "SPEC-0002", "path": "specs/SPEC-0002.yaml",
        "reason": "not a regular file (a folder, pipe or device): HEAD's version is reported",
        "in_work_tree": True, "unreadable": True}]
