"""A spec FILE the work tree cannot read (`chmod 000 specs/sub/SPEC-0003.yaml`, its folder
readable: another user's file) is unreadable in `report` as a folder that cannot be read is
(trial44b unreadable-spec-file-report-fail-on-passes-silently: `report` warned of nothing,
"specs unreadable in the work tree: none", and `report --fail-on stale` passed, exit 0,
cold and from a warm whole-result cache). Run as in test_unsearchable_spec_folder."""

from __future__ import annotations

import json
import os
from collections.abc import Iterator

import pytest
from markupsafe import escape as html_escape

from tests.commands.test_unsearchable_spec_folder import (
    FILE,
    _without_override,
    approved_in_sub,
    run_bound,
)
from tests.history.gitrepo import GitRepo, spec_text
from tests.support import run_cli

UNREADABLE = "specs/sub/SPEC-0003.yaml: cannot read the file: Permission denied"


@pytest.fixture
def committed(git_repo: GitRepo) -> Iterator[GitRepo]:
    """SPEC-0001 and SPEC-0003 (in specs/sub) Approved, committed; SPEC-0003's file is
    made readable again after the test."""
    approved_in_sub(git_repo)
    try:
        yield git_repo
    finally:
        (git_repo.root / FILE).chmod(0o644)


def test_report_names_the_file_and_a_gate_refuses(committed: GitRepo,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SPECREPO_NO_RESULT_CACHE", "1")
    (committed.root / FILE).chmod(0)
    result = run_bound("report")
    assert result.exit_code == 0
    assert f"specrepo: warning: {UNREADABLE}: HEAD's version is reported" in result.stderr
    rows = [" ".join(line.split()) for line in result.stdout.split("History\n")[1].split("\n")]
    assert ("HEAD's specs unreadable in the work tree "
            f"{UNREADABLE.replace(': cannot', ' (cannot', 1)}: HEAD's version is reported)"
            ) in rows
    assert "SPEC-0003" in result.stdout  # HEAD's version, measured
    gate = run_bound("report", "--fail-on", "stale")
    assert gate.exit_code == 2
    assert gate.stderr.startswith("specrepo: error: --fail-on cannot judge specs it cannot "
                                  f"read: {UNREADABLE} (`specrepo validate` names each)")


def test_a_warm_result_cache_sees_the_chmod(committed: GitRepo,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    """A replay must not pass what a cold run refuses: whether the file can be read is
    a recorded question."""
    monkeypatch.delenv("SPECREPO_NO_RESULT_CACHE", raising=False)
    for _ in range(2):  # the second run is a replay
        assert run_bound("report", "--fail-on", "stale").exit_code == 0
    (committed.root / FILE).chmod(0)
    gate = run_bound("report", "--fail-on", "stale")
    assert gate.exit_code == 2, gate
    assert UNREADABLE in gate.stderr
    (committed.root / FILE).chmod(0o644)
    assert run_bound("report", "--fail-on", "stale").exit_code == 0


@pytest.mark.parametrize("mode", [0o111, 0o000])
def test_render_and_site_keep_the_page_of_a_spec_they_cannot_read(committed: GitRepo,
                                                                   mode: int) -> None:
    """trial44b render-site-remove-page-of-unreadable-spec: with specs/sub searchable but
    not listable (111) `render` removed SPEC-0003's page as orphaned; `site` removed its
    page for 000 and 111."""
    assert run_cli("render").exit_code == 0
    assert run_cli("site").exit_code == 0
    pages = (committed.root / "docs/specs/SPEC-0003.md",
             committed.root / "_site/specs/SPEC-0003.html")
    assert all(page.is_file() for page in pages)
    (committed.root / "specs/sub").chmod(mode)
    try:
        for command in ("render", "site"):
            result = run_bound(command)
            assert result.exit_code == 1, (command, result)
            assert "cannot read the folder: Permission denied" in result.stdout, command
    finally:
        (committed.root / "specs/sub").chmod(0o755)
    assert all(page.is_file() for page in pages)


@pytest.mark.parametrize("target", [FILE, "specs/sub"])
def test_trace_calls_no_tag_of_a_spec_it_cannot_read_wrong(git_repo: GitRepo,
                                                            target: str) -> None:
    """trial44b trace-tag-of-unreadable-spec-names-no-spec: a correct tag of a spec whose
    file (or folder) cannot be read was "SPEC-0003/FR-1 names no spec SPEC-0003"; the read
    error is said once, by validate's finding."""
    requirement = ("requirements:\n  functional:\n    - {id: FR-1, description: d, "
                   "priority: P0, acceptance_criteria: x}\n")
    git_repo.commit("init", {"specrepo.yaml": "specs: specs\ntrace:\n  tests: [tests/**]\n",
                             FILE: spec_text("SPEC-0003", "Draft", extra=requirement),
                             "tests/test_a.py": "# SPEC-0003/FR-1\n"})
    if os.geteuid() == 0:
        _without_override()
    assert run_cli("trace").exit_code == 0
    (git_repo.root / target).chmod(0)
    try:
        result = run_bound("trace")
    finally:
        (git_repo.root / target).chmod(0o755 if target == "specs/sub" else 0o644)
    assert result.exit_code == 1, result
    assert "error: cannot read the " in result.stderr  # said once, by validate's finding
    assert "names no spec" not in result.stdout + result.stderr


@pytest.mark.parametrize("target", [FILE, "specs/sub"])
def test_site_lists_a_spec_it_cannot_read_marked_and_linked_to_its_kept_page(
        committed: GitRepo, target: str) -> None:
    """unreadB44 leftover: the site kept the page of a spec whose file it could not read,
    but its index.html and specs.json left the spec out; now it is listed as HEAD has it
    (as `report` does), marked unreadable, linked to the page kept."""
    assert run_cli("site").exit_code == 0
    site = committed.root / "_site"
    page = (site / "specs/SPEC-0003.html").read_bytes()
    (committed.root / target).chmod(0o111 if target == "specs/sub" else 0)
    try:
        assert run_bound("site").exit_code == 1
    finally:
        (committed.root / target).chmod(0o755 if target == "specs/sub" else 0o644)
    assert (site / "specs/SPEC-0003.html").read_bytes() == page  # kept, not drawn again
    index = json.loads((site / "specs.json").read_text())
    entries = {entry["id"]: entry for entry in index["specs"]}
    why = entries["SPEC-0003"]["unreadable"]
    assert why.endswith(": HEAD's version is reported"), why
    assert (entries["SPEC-0003"]["page"], entries["SPEC-0003"]["status"]) == (
        "specs/SPEC-0003.html", "Approved")
    assert entries["SPEC-0001"]["unreadable"] is None
    html = (site / "index.html").read_text()
    row = html.split('<tr data-id="SPEC-0003">')[1].split("</tr>")[0]
    assert '<a class="spec-ref" href="specs/SPEC-0003.html">SPEC-0003</a>' in row
    assert f'<span class="problem" title="{html_escape(why)}">unreadable' in row
    assert "Specs unreadable in the work tree" in (site / "integrity.html").read_text()


def test_a_site_first_built_while_a_spec_cannot_be_read_lists_it_without_a_page(
        committed: GitRepo) -> None:
    (committed.root / FILE).chmod(0)
    assert run_bound("site").exit_code == 1
    site = committed.root / "_site"
    entries = {entry["id"]: entry for entry in json.loads(
        (site / "specs.json").read_text())["specs"]}
    assert entries["SPEC-0003"]["page"] is None
    assert entries["SPEC-0003"]["unreadable"].startswith("cannot read the file")
    assert not (site / "specs/SPEC-0003.html").exists()
    assert '<span class="spec-ref">SPEC-0003</span>' in (site / "index.html").read_text()


def test_reports_json_marks_a_spec_note_unreadable(committed: GitRepo,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SPECREPO_NO_RESULT_CACHE", "1")
    (committed.root / FILE).chmod(0)
    result = run_bound("report", "--format", "json")
    assert result.exit_code == 0
    assert json.loads(result.stdout)["integrity"]["spec_notes"] == [{
        "id": "SPEC-0003", "path": FILE, "reason": f"{UNREADABLE.split(': ', 1)[1]}: HEAD's "
        "version is reported", "in_work_tree": True, "unreadable": True}]
