"""`validate --changed-since REF --history`, a pull request's gate: every status move a
commit of the range made is judged, whatever became of the spec's file by HEAD (moved back
to the status it had at REF, renamed); what the range left unchanged and unmoved is not."""

from __future__ import annotations

import pytest

from tests.history.gitrepo import GitRepo, spec_text
from tests.support import run_cli

ONE = "specs/SPEC-0001.yaml"
TWO = "specs/SPEC-0002.yaml"
GATE = ("validate", "--changed-since", "main", "--history")


@pytest.fixture
def repo(git_repo: GitRepo) -> GitRepo:
    """main: SPEC-0001 (Draft) and SPEC-0002 (an illegal move Draft -> Approved long
    ago); the pull request's branch `topic` starts there."""
    git_repo.commit("init", {ONE: spec_text(), TWO: spec_text("SPEC-0002")})
    git_repo.commit("old illegal move", {TWO: spec_text("SPEC-0002", "Approved")})
    git_repo.git("checkout", "-q", "-b", "topic")
    return git_repo


def gate(*extra: str) -> tuple[int, str]:
    result = run_cli(*GATE, *extra)
    return result.exit_code, result.output


def test_a_move_undone_in_the_range_is_still_judged(repo: GitRepo) -> None:
    """Draft -> Approved (illegal) -> Draft: the file is as it was at main, and was
    left out (the illegal move passed the gate)."""
    approved = repo.commit("approve", {ONE: spec_text(status="Approved")})
    repo.commit("back to draft", {ONE: spec_text()})
    for extra in ((), ("--since", "main")):
        code, output = gate(*extra)
        assert code == 1, output
        assert f"commit {approved[:10]}" in output and "from Draft to Approved" in output
        assert "SPEC-0002" not in output and TWO not in output  # unchanged, unmoved


def test_a_move_then_a_rename_in_the_range_is_judged_at_the_new_file(repo: GitRepo) -> None:
    approved = repo.commit("approve", {ONE: spec_text(status="Approved")})
    repo.git("mv", ONE, "specs/SPEC-0001-renamed.yaml")
    repo.commit("rename")
    code, output = gate()
    assert code == 1, output
    assert output.startswith("specs/SPEC-0001-renamed.yaml:")
    assert f"commit {approved[:10]}" in output


def test_a_move_on_a_spec_the_range_deletes_is_judged_as_without_changed_since(
        repo: GitRepo) -> None:
    """The spec is gone at HEAD: its illegal move is reported at its last file, as
    `validate --history --since main` reports it (the gate passed it)."""
    approved = repo.commit("approve", {ONE: spec_text(status="Approved")})
    deleted = repo.commit("delete", {ONE: None})
    code, output = gate()
    assert code == 1, output
    assert f"{ONE} (removed in commit {deleted[:10]}): error: commit {approved[:10]}" in output
    assert "removed the spec from the spec set" in output  # deleted while Approved
    assert [line for line in run_cli("validate", "--history", "--since", "main")
            .output.splitlines() if ONE in line] == [line for line in output.splitlines()
                                                      if ONE in line]


def test_unchanged_specs_are_still_left_out(repo: GitRepo) -> None:
    repo.commit("unrelated", {"notes.txt": "x\n"})
    assert gate() == (0, "0 files checked: no problems\n")
