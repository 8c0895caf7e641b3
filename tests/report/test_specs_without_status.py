"""A spec without a status, where the schema lets it go without one, is still one of the
report's specs: named in integrity and on stderr. A report in which no spec has a status
(a typo in `fields: status:`) measures nothing, so it refuses (exit 2) rather than pass
every gate in silence."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from tests.history.gitrepo import GitRepo
from tests.support import run_cli

LOOSE = """specs: specs
schema: s.yaml
fields: {reviewers: null, created: null, updated: null, questions: null, related: [],
         item_lists: []}
statuses: {states: [draft, approved], transitions: {draft: [approved]}, in_review: [draft],
           approved: [approved]}
"""


@pytest.fixture
def repo(git_repo: GitRepo) -> GitRepo:
    """A loose schema (`type: object`); A-1 approved, B-1 with no status."""
    git_repo.commit("Specs", {"specrepo.yaml": LOOSE, "s.yaml": "type: object\n",
                              "specs/A-1.yaml": "id: A-1\ntitle: One\nstatus: approved\n",
                              "specs/B-1.yaml": "id: B-1\ntitle: Two\n"})
    return git_repo


def test_a_committed_spec_without_status_is_in_integrity(repo: GitRepo) -> None:
    assert run_cli("validate").exit_code == 1  # validate's spec-field error names it
    result = run_cli("report", "--format", "json")
    assert result.exit_code == 0
    document = json.loads(result.stdout)
    # a row still, its status shown as what it is (rptdrop: no spec drops out of the table)
    assert [(spec["id"], spec["status"]) for spec in document["specs"]] == [
        ("A-1", "approved"), ("B-1", "(no status)")]
    notes = document["integrity"]["unreadable_at_head"]
    assert [note["path"] for note in notes] == ["specs/B-1.yaml"]
    assert document["integrity"]["unreadable_specs"] == ["B-1"]
    # validate's spec-field message: one definition of a readable status (trial36)
    assert "specs/B-1.yaml:1:1: the spec has no `status`" in notes[0]["reason"]
    [warning] = [line for line in result.stderr.splitlines() if "B-1:" in line]
    assert "B-1: HEAD's version reads, but fails `specrepo validate`: specs/B-1.yaml:1:1: " \
        "the spec has no `status`" in warning
    # it never had a readable status: no last readable values to report (place37)
    assert "(no version of it had a readable status)" in warning
    assert "last readable values" not in warning
    table = run_cli("report").stdout
    assert "specs unreadable at HEAD                   B-1 (HEAD's version reads, but " \
        "fails `specrepo validate`: specs/B-1.yaml:1:1: the spec has no `status`" in table
    gated = run_cli("report", "--fail-on", "illegal-transitions")
    assert gated.exit_code == 1  # a gate never passes on a status it cannot read


def test_a_spec_that_lost_its_status_is_in_integrity(repo: GitRepo) -> None:
    repo.commit("Status gone", {"specs/A-1.yaml": "id: A-1\ntitle: One\n",
                                "specs/B-1.yaml": "id: B-1\ntitle: Two\nstatus: draft\n"})
    document = json.loads(run_cli("report", "--format", "json").stdout)
    # its status unreadable, A-1 keeps its last readable one (trial36), as a typo would
    assert [(spec["id"], spec["status"]) for spec in document["specs"]] == [
        ("A-1", "approved"), ("B-1", "draft")]
    assert document["integrity"]["unreadable_specs"] == ["A-1"]


def test_an_uncommitted_spec_without_status_says_so(repo: GitRepo) -> None:
    repo.write("specs/C-1.yaml", "id: C-1\ntitle: Three\n")
    result = run_cli("report", "--format", "json")
    notes = json.loads(result.stdout)["integrity"]["spec_notes"]
    assert [note["path"] for note in notes] == ["specs/C-1.yaml"]
    assert notes[0]["reason"].startswith("not committed yet")
    # its status unreadable (validate's spec-field), it fails the gates as a committed one
    # not committed: no version at HEAD, nor last readable values (place37)
    assert "specs/C-1.yaml: not committed yet, so it has no history; its fields cannot be " \
        "read: specs/C-1.yaml:1:1: the spec has no `status`" in result.stderr
    assert "at HEAD" not in result.stderr and "last readable" not in result.stderr
    assert run_cli("report", "--fail-on", "illegal-transitions").exit_code == 1


def test_no_spec_with_a_status_is_exit_2_not_a_passing_gate(git_repo: GitRepo) -> None:
    git_repo.commit("Specs", {
        "specrepo.yaml": LOOSE.replace("fields: {", "fields: {status: state, "),
        "s.yaml": "type: object\n", "specs/A-1.yaml": "id: A-1\ntitle: One\nstatus: approved\n",
        "specs/B-1.yaml": "id: B-1\ntitle: Two\n"})
    git_repo.commit("Illegal", {"specs/B-1.yaml": "id: B-1\ntitle: Two\nstatus: approved\n"})
    git_repo.commit("Back", {"specs/B-1.yaml": "id: B-1\ntitle: Two\nstatus: draft\n"})
    result = run_cli("report", "--fail-on", "illegal-transitions")
    assert result.exit_code == 2
    assert "no spec has a status the report can read (2 specs)" in result.stderr
    assert re.match(r"specrepo: error: specrepo\.yaml:[0-9]+:[0-9]+: ", result.stderr)
    assert "names `state`" in result.stderr
    assert result.stdout == ""


def test_a_field_map_changed_in_the_work_tree_reads_the_commits_as_committed(
        repo: GitRepo) -> None:
    """Each committed version is read with the configuration of its commit: a mistyped
    `fields: status:` not committed yet leaves the committed statuses (and the illegal
    move among them) as they were; validate names each spec it cannot read now."""
    repo.commit("Illegal", {"specs/B-1.yaml": "id: B-1\ntitle: Two\nstatus: approved\n"})
    repo.commit("Back", {"specs/B-1.yaml": "id: B-1\ntitle: Two\nstatus: draft\n"})
    repo.write("specrepo.yaml", LOOSE.replace("fields: {", "fields: {status: state, "))
    assert run_cli("report", "--fail-on", "illegal-transitions").exit_code == 1
    assert run_cli("validate").exit_code == 1


def test_an_empty_repository_allowed_empty_still_reports(tmp_path: Path,
                                                         monkeypatch: pytest.MonkeyPatch
                                                         ) -> None:
    repo = GitRepo(tmp_path / "empty")
    repo.commit("Config", {"specrepo.yaml": LOOSE, "s.yaml": "type: object\n",
                           "README.md": "x\n"})
    monkeypatch.chdir(repo.root)
    assert run_cli("report", "--allow-empty").exit_code == 0
