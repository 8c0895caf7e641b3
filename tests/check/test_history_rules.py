"""What `validate --history` says about history it cannot read (skipped-version,
unreadable-history: a check that checked nothing never passes) and about the work tree's
own status move (illegal-transition before the commit), on real repositories."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from specrepo.check.rules.skipped_version import skipped_finding
from specrepo.model.findings import Severity
from specrepo.model.history import SkippedVersion
from specrepo.model.version import FieldProblem
from tests.history.gitrepo import GitRepo, spec_text
from tests.support import run_cli

PATH = "specs/SPEC-0001.yaml"
OTHER = "specs/SPEC-0002.yaml"
REVIEWED = "reviewers: [Grace Hopper]\n"


def test_a_filter_set_up_wrong_fails_the_history_check(git_repo: GitRepo) -> None:
    """Every version goes through a filter that decodes nothing (set up, but wrong): no
    version reads, though the work-tree file does; the gate fails, naming the file."""
    git_repo.git("config", "filter.b64.clean", "base64 -w0")
    git_repo.git("config", "filter.b64.smudge", "base64 -d")
    git_repo.write(".gitattributes", "specs/SPEC-0001.yaml filter=b64\n")
    first = git_repo.commit("Draft", {PATH: spec_text()})
    git_repo.commit("Approve", {PATH: spec_text(status="Approved", extra=REVIEWED)})
    git_repo.git("config", "filter.b64.smudge", "cat")
    result = run_cli("validate", "--history")
    assert result.exit_code == 1, result.output
    assert f"{PATH}:1:1: error: HEAD's version of this file cannot be read" in result.output
    assert "though the file here reads and no committed version of it can be read" \
        in result.output
    assert "[unreadable-history]" in result.output
    assert f"warning: {PATH}:1:1 (commit {first[:10]}): the top level must be a mapping of " \
        "keys to values, not text (skipped by the history check)" in result.stderr
    assert run_cli("validate").exit_code == 0  # the work tree itself is fine
    for argument in ("SPEC-0001", PATH):  # timeline says why it finds no history
        timeline = run_cli("timeline", argument)
        assert timeline.exit_code == 2
        assert "HEAD's version of" in timeline.stderr
        assert "the top level must be a mapping" in timeline.stderr
    git_repo.commit("Another", {OTHER: spec_text("SPEC-0002")})
    assert run_cli("validate", "--history", OTHER).exit_code == 0  # only the file named


def test_an_old_unreadable_version_is_a_warning_naming_file_and_commit(git_repo: GitRepo) -> None:
    git_repo.commit("Draft", {PATH: spec_text()})
    broken = git_repo.commit("Break", {PATH: spec_text() + "title: [unclosed\n"})
    git_repo.commit("Fix", {PATH: spec_text(status="In Review", extra=REVIEWED)})
    result = run_cli("validate", "--history")
    assert result.exit_code == 0, result.output
    assert f"{PATH}:1:1: warning: the history check skipped the fields it could not read in " \
           "1 committed version of this spec" in result.output
    assert f"{PATH}:8:1 (commit {broken[:10]}): duplicate key 'title'" in result.output
    assert "[skipped-version]" in result.output
    assert run_cli("validate", "--history", "--strict").exit_code == 1
    (git_repo.root / "specrepo.yaml").write_text("specs: specs\nrules:\n  skipped-version: off\n")
    assert run_cli("validate", "--history").output == "1 file checked: no problems\n"
    (git_repo.root / "specrepo.yaml").write_text("specs: specs\nrules:\n  skipped-version: error\n")
    assert run_cli("validate", "--history").exit_code == 1
    timeline = run_cli("timeline", "SPEC-0001")
    skipped = f"warning: {PATH}:8:1 (commit {broken[:10]}): duplicate key 'title'"
    assert skipped in timeline.stderr
    report = json.loads(run_cli("report", "--format", "json").stdout)
    assert report["integrity"]["skipped_versions"] == 1
    assert skipped in run_cli("report").stderr


def test_a_broken_head_fixed_in_the_work_tree_is_a_warning(git_repo: GitRepo) -> None:
    """HEAD's version does not read, the work tree fixes it, and earlier versions read:
    the fix can be committed (a pre-commit hook must not stop it)."""
    git_repo.commit("Draft", {PATH: spec_text()})
    broken = git_repo.commit("Break", {PATH: b"\x00\x01 binary"})
    git_repo.write(PATH, spec_text())
    result = run_cli("validate", "--history")
    assert result.exit_code == 0, result.output
    assert f"{PATH}:1:1 (commit {broken[:10]}): the file is UTF-16BE" in result.output
    assert "[unreadable-history]" not in result.output
    git_repo.git("checkout", "--", PATH)  # back to the broken one: the file itself fails
    assert "[unreadable-history]" not in run_cli("validate", "--history").output


def test_no_readable_version_at_all_fails_even_with_the_file_changed(git_repo: GitRepo) -> None:
    git_repo.commit("Binary", {PATH: b"\x00\x01 binary"})
    git_repo.write(PATH, spec_text())
    result = run_cli("validate", "--history")
    assert result.exit_code == 1, result.output
    assert "no committed version of it can be read: its history cannot be checked" \
        in result.output


def test_the_uncommitted_status_move_is_checked(git_repo: GitRepo) -> None:
    git_repo.commit("Draft", {PATH: spec_text(), OTHER: spec_text("SPEC-0002")})
    clean = run_cli("validate", "--history")
    assert clean.output == "2 files checked: no problems\n"
    git_repo.write(PATH, spec_text(status="Implemented", extra=REVIEWED))
    git_repo.write(OTHER, spec_text("SPEC-0002", status="In Review", extra=REVIEWED))
    result = run_cli("validate", "--history")
    assert result.exit_code == 1, result.output
    assert result.output.splitlines()[0] == (
        f"{PATH}:3:9: error: the work tree moves the status from Draft (HEAD's) to "
        "Implemented, not committed yet, which the workflow does not allow (from Draft: "
        "In Review, Rejected, Withdrawn, Superseded) [illegal-transition] ($.status)")
    assert OTHER not in result.output  # Draft -> In Review is allowed
    git_repo.git("add", PATH)  # staged, not committed: the same
    assert run_cli("validate", "--history", "--since", "HEAD").exit_code == 1
    assert run_cli("validate", "--history", OTHER).exit_code == 0
    sarif = json.loads(run_cli("validate", "--history", "--format", "sarif").stdout)
    properties = sarif["runs"][0]["results"][0]["properties"]
    assert (properties["from"], properties["to"]) == ("Draft", "Implemented")


MOVED = "specs/archive/SPEC-0001.yaml"
HOOK_ARGUMENTS = ("validate", "--quiet", "--allow-empty", "--changed-since", "HEAD",
                  "--history", "--since", "HEAD", "--allow-shallow")


def _moved_and_approved(git_repo: GitRepo) -> str:
    (git_repo.root / MOVED).parent.mkdir()
    git_repo.git("mv", PATH, MOVED)
    git_repo.write(MOVED, spec_text(status="Approved", extra=REVIEWED))
    return MOVED


def _copied_and_approved(git_repo: GitRepo) -> str:
    git_repo.write(OTHER, spec_text(status="Approved", extra=REVIEWED))  # SPEC-0001's id
    return OTHER


def _brought_back_approved(git_repo: GitRepo) -> str:
    git_repo.commit("Delete", {PATH: None})
    git_repo.write(MOVED, spec_text(status="Approved", extra=REVIEWED))
    return MOVED


@pytest.mark.parametrize("change", [_moved_and_approved, _copied_and_approved,
                                    _brought_back_approved])
def test_a_new_file_in_the_work_tree_continues_its_spec_as_a_commit_would(
        git_repo: GitRepo, change: Callable[[GitRepo], str]) -> None:
    """A spec file at a new path, staged (`git mv`, a copy, a deleted spec's id added
    back): its status move is checked from the status it continues, as the commit of it
    will be, so the pre-commit hook stops it before the commit."""
    git_repo.commit("Draft", {PATH: spec_text()})
    path = change(git_repo)
    git_repo.git("add", "-A")
    hook = run_cli(*HOOK_ARGUMENTS, path)
    assert hook.exit_code == 1, hook.output
    assert f"{path}:3:9: error: the commit being made moves the status from Draft (" in hook.output
    assert "to Approved, staged and not committed yet" in hook.output
    git_repo.commit("Approve")
    committed = run_cli("validate", "--history", path)
    assert committed.exit_code == 1, committed.output
    assert "Draft to Approved" in committed.output or "deleted as Draft" in committed.output
    assert "[illegal-transition]" in committed.output


def test_a_new_file_of_an_id_two_files_had_continues_the_one_the_walk_pairs(
        git_repo: GitRepo) -> None:
    """Two files of one id at HEAD, both gone from the work tree, one new file of that id:
    it continues the one the history walk will pair it with once committed (the lineage
    rules, `history.moved_specs`; trial39 hook39: compared only with a status both had,
    a move from the other's passed the hook and failed the committed check)."""
    git_repo.commit("Draft", {PATH: spec_text(), OTHER: spec_text()})
    git_repo.commit("Review the other", {OTHER: spec_text(status="In Review",
                                                          extra=REVIEWED)})
    (git_repo.root / MOVED).parent.mkdir()
    git_repo.git("mv", PATH, MOVED)
    git_repo.git("rm", "-q", OTHER)
    git_repo.write(MOVED, spec_text(status="Approved", extra=REVIEWED))
    git_repo.git("add", MOVED)  # the hooks judge the index
    moved = run_cli(*HOOK_ARGUMENTS, MOVED)  # legal from In Review, not from Draft
    assert moved.exit_code == 1, moved.output
    assert "the commit being made moves the status from Draft (HEAD's, at specs/SPEC-0001.yaml) " \
        "to Approved" in moved.output
    git_repo.commit("Move")
    committed = run_cli("validate", "--history", "--since", "HEAD~1")
    assert committed.exit_code == 1 and "from Draft to Approved" in committed.output


def test_a_spec_failing_now_as_at_head_is_no_unreadable_history(git_repo: GitRepo) -> None:
    """HEAD's version has a field that fails the schema, and so has the file: validate
    reports the file; its history is readable for the rest (no unreadable-history)."""
    bad_date = spec_text().replace("created: 2026-01-02", "created: 2016-14-04")
    git_repo.commit("Draft", {PATH: bad_date})
    git_repo.commit("Edit", {PATH: bad_date.replace("A spec", "The spec")})
    result = run_cli("validate", "--history")
    assert result.exit_code == 1, result.output
    assert "[schema]" in result.output
    assert "[unreadable-history]" not in result.output
    assert "could not read in 2 committed versions of this spec" in result.output


def test_a_skipped_version_finding_words_one_version_and_several() -> None:
    """check60 LOW: "a status only them held" read badly; one version is `it`, several
    `they` (what they held) and `them` (around them)."""
    versions = [SkippedVersion("specs/a.yaml", commit * 40, (FieldProblem("bad", 3, 1),))
                for commit in "12"]
    one, two = (skipped_finding(versions[:count], Path("specs/a.yaml"), None,
                                Severity.WARNING).message for count in (1, 2))
    assert "across it is judged from the versions read around it; a status only it held" in one
    assert ("across them is judged from the versions read around them; a status only they "
            "held is not seen") in two
