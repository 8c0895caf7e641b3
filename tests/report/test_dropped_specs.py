"""Every configured spec file is a row of the report, whatever cannot be read of it: a file
that does not load, or whose status is no state of the workflow, is listed (by the id its
id line shows, else its path), its status shown flagged and counted, never left out in
silence (rptdrop: such a file was in no table and no count, exit 0)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from tests.history.gitrepo import GitRepo, spec_text
from tests.support import run_cli

SCHEMA = Path(__file__).parents[2] / "schemas" / "report.schema.json"
BROKEN = "id: SPEC-0003\ntitle: Broken\nstatus: Draft\nauthors: [A\n"
NAMELESS = "title: Broken\nstatus: Draft\nauthors: [A\n"
BAD_STATUS = spec_text("SPEC-0005", status="Aproved")


def report_json() -> dict[str, Any]:
    result = run_cli("report", "--format", "json", no_traceback=True)
    assert result.exit_code == 0, result.output
    document: dict[str, Any] = json.loads(result.stdout)
    jsonschema.validate(document, json.loads(SCHEMA.read_text(encoding="utf-8")))
    return document


@pytest.fixture
def repo(git_repo: GitRepo) -> GitRepo:
    git_repo.commit("One", {"specs/SPEC-0001.yaml": spec_text()})
    return git_repo


def test_uncommitted_files_that_do_not_read_are_rows(repo: GitRepo) -> None:
    repo.write("specs/SPEC-0003-broken.yaml", BROKEN)
    repo.write("specs/broken.yaml", NAMELESS)
    repo.write("specs/SPEC-0005-bad.yaml", BAD_STATUS)
    document = report_json()
    assert sorted((spec["id"], spec["status"]) for spec in document["specs"]) == [
        ("SPEC-0001", "Draft"), ("SPEC-0003", "(unreadable)"),
        ("SPEC-0005", "Aproved (invalid status)"), ("specs/broken.yaml", "(unreadable)")]
    assert document["counts"] == {"(unreadable)": 2, "Aproved (invalid status)": 1,
                                  "Draft": 1}
    notes = {note["path"]: note["unreadable"] for note in document["integrity"]["spec_notes"]}
    assert notes == {"specs/SPEC-0003-broken.yaml": True, "specs/broken.yaml": True,
                     "specs/SPEC-0005-bad.yaml": False}


def test_the_table_lists_them_and_integrity_calls_them_uncommitted(repo: GitRepo) -> None:
    repo.write("specs/SPEC-0003-broken.yaml", BROKEN)
    result = run_cli("report", no_traceback=True)
    assert result.exit_code == 0, result.output
    row = next(line for line in result.stdout.splitlines() if line.startswith("SPEC-0003"))
    assert "(unreadable)" in row
    history = result.stdout[result.stdout.index("specs without history"):]
    assert "SPEC-0003" in history.splitlines()[0]
    assert "SPEC-0003" not in next(line for line in result.stdout.splitlines()
                                   if line.startswith("HEAD's specs unreadable"))


def test_a_committed_spec_no_version_of_which_had_a_status_is_a_row(repo: GitRepo) -> None:
    repo.commit("Bad", {"specs/SPEC-0005.yaml": BAD_STATUS})
    document = report_json()
    assert ("SPEC-0005", "(unreadable)") in [
        (spec["id"], spec["status"]) for spec in document["specs"]]
    assert document["counts"]["(unreadable)"] == 1


def test_a_committed_spec_broken_in_the_work_tree_keeps_heads_row(repo: GitRepo) -> None:
    repo.write("specs/SPEC-0001.yaml", "id: SPEC-0001\ntitle: [unclosed\n")
    document = report_json()
    assert [(spec["id"], spec["status"]) for spec in document["specs"]] == [
        ("SPEC-0001", "Draft")]
