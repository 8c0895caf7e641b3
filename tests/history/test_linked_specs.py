"""A linked spec keeps its life when its link becomes the file (git's type change `T`), is
pointed at another file, or when its linked spec folder is replaced by the real folder:
the status move of that commit is checked like any other."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from click.testing import Result

from specrepo.history.link_targets import link_target, linked_locations
from specrepo.load.locations import SpecLocation
from tests.history.gitrepo import GitRepo, spec_text
from tests.support import run_cli

LINK = "specs/SPEC-0002-x.yaml"
APPROVED = spec_text("SPEC-0002", status="Approved", extra="reviewers: [Grace Hopper]\n")


def link(repo: GitRepo, path: str, target: str) -> None:
    where = repo.root / path
    if where.is_symlink() or where.exists():
        where.unlink()
    where.parent.mkdir(parents=True, exist_ok=True)
    where.symlink_to(target)


def moves(spec_id: str) -> list[tuple[str, str | None, str | None]]:
    result = run_cli("timeline", spec_id, "--format", "json")
    assert result.exit_code == 0, result.output
    events = json.loads(result.stdout)["events"]
    return [(event["kind"], event["from"], event["to"]) for event in events
            if event["field"] in ("status", "path")]


def illegal(result: Result) -> list[str]:
    return [line for line in result.output.splitlines() if "[illegal-transition]" in line]


@pytest.fixture
def repo(git_repo: GitRepo) -> GitRepo:
    """SPEC-0002 Draft in drafts/, as specs/SPEC-0002-x.yaml through a link."""
    git_repo.write("drafts/SPEC-0002-x.yaml", spec_text("SPEC-0002"))
    link(git_repo, LINK, "../drafts/SPEC-0002-x.yaml")
    git_repo.commit("Draft, through a link", {"specs/SPEC-0001.yaml": spec_text()})
    return git_repo


def test_a_link_that_becomes_the_file(repo: GitRepo) -> None:
    (repo.root / LINK).unlink()
    repo.commit("The file itself, approved", {LINK: APPROVED, "drafts/SPEC-0002-x.yaml": None})
    assert "T\t" + LINK in repo.git("show", "--raw", "--format=", "HEAD")
    assert moves("SPEC-0002") == [
        ("created", None, "Draft"), ("moved", "drafts/SPEC-0002-x.yaml", LINK),
        ("status-changed", "Draft", "Approved")]
    result = run_cli("validate", "--history")
    assert result.exit_code == 1
    assert [line.split(": error: ")[0] for line in illegal(result)] == [f"{LINK}:3:9"]
    # A warm cache gives the same answer.
    assert illegal(run_cli("validate", "--history")) == illegal(result)


def test_a_link_that_becomes_a_copy_of_its_target(repo: GitRepo) -> None:
    (repo.root / LINK).unlink()
    repo.commit("A file of its own, approved", {LINK: APPROVED})
    result = run_cli("validate", "--history")
    assert result.exit_code == 1 and len(illegal(result)) == 1
    assert "moved the status from Draft to Approved" in illegal(result)[0]


def test_a_link_pointed_at_another_file(repo: GitRepo) -> None:
    repo.write("drafts/SPEC-0002-b.yaml", APPROVED)
    link(repo, LINK, "../drafts/SPEC-0002-b.yaml")
    repo.commit("Pointed at the approved one")
    result = run_cli("validate", "--history")
    assert result.exit_code == 1
    assert [line.split(": error: ")[0] for line in illegal(result)] == [
        "drafts/SPEC-0002-b.yaml:3:9"]


def test_a_linked_folder_replaced_by_the_real_one(tmp_path: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    repo = GitRepo(tmp_path / "folder")
    (repo.root / "specs").rmdir()
    repo.write("design/specs/SPEC-0001.yaml", spec_text())
    link(repo, "specs", "design/specs")
    repo.commit("Specs in design/, linked")
    monkeypatch.chdir(repo.root)
    (repo.root / "specs").unlink()
    os.rename(repo.root / "design" / "specs", repo.root / "specs")
    repo.commit("The real folder, approved", {"specs/SPEC-0001.yaml": spec_text(
        status="Approved", extra="reviewers: [Grace Hopper]\n")})
    assert moves("SPEC-0001") == [
        ("created", None, "Draft"), ("moved", "design/specs/SPEC-0001.yaml",
                                     "specs/SPEC-0001.yaml"),
        ("status-changed", "Draft", "Approved")]
    result = run_cli("validate", "--history")
    assert result.exit_code == 1 and len(illegal(result)) == 1
    report = json.loads(run_cli("report", "--format", "json").stdout)
    assert [(spec["id"], spec["path"]) for spec in report["specs"]] == [
        ("SPEC-0001", "specs/SPEC-0001.yaml")]


@pytest.mark.parametrize(("path", "target", "expected"), [
    ("specs/a.yaml", b"../drafts/a.yaml", "drafts/a.yaml"),
    ("specs", b"design/specs", "design/specs"),
    ("specs/a.yaml", b"./b.yaml", "specs/b.yaml"),
    ("specs/a.yaml", b"../../outside.yaml", None),
    ("specs/a.yaml", b"/etc/passwd", None),
    ("specs/a.yaml", b"\xff", None),
    ("specs/a.yaml", b"", None),
])
def test_where_a_link_leads(path: str, target: bytes, expected: str | None) -> None:
    assert link_target(path, target) == expected


def test_only_targets_outside_the_locations_are_added() -> None:
    covered = [SpecLocation("folder", "specs")]
    found = linked_locations([("specs/a.yaml", b"b.yaml"), ("specs/c.yaml", b"../d/c.yaml"),
                              ("specs/e.yaml", b"../d/notes.txt"), ("specs/f.yaml", None),
                              ("docs", b"design/specs"), ("specs2", b"specs")],
                             covered, markdown=False)
    assert found == {SpecLocation("file", "d/c.yaml"), SpecLocation("folder", "design/specs")}
