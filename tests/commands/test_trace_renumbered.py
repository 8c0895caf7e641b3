"""A tag naming a spec by the id it had before it was renumbered: the dangling reference
says which spec it is now and suggests the new tag (check59 trace59: it said only "names
no spec")."""

from __future__ import annotations

import pytest

from tests.commands.test_trace_suspect import LOGIN_PATH, SSO_PATH, login, repo, sso, trace
from tests.history.gitrepo import GitRepo
from tests.support import run_cli

__all__ = ["repo"]  # the fixture of test_trace_suspect, shared

NEW_PATH = "specs/SPEC-0043-login.yaml"


def _renumbered(repo: GitRepo) -> None:
    repo.git("rm", "-q", LOGIN_PATH)
    repo.commit("SPEC-0042 renumbered SPEC-0043", {
        NEW_PATH: login(spec_id="SPEC-0043"), SSO_PATH: sso(target="SPEC-0043/FR-3")})


def test_a_tag_naming_a_renumbered_spec_suggests_its_new_id(repo: GitRepo) -> None:
    _renumbered(repo)
    messages = [(entry.file, entry.unknown.message) for entry in trace(repo).matrix.dangling
                if entry.unknown is not None]
    assert messages == [
        ("src/login.py", "SPEC-0042/FR-3 names no spec SPEC-0042 (renumbered SPEC-0043 "
                         "since); did you mean SPEC-0043/FR-3?"),
        ("src/login.py", "SPEC-0042/FR-4 names no spec SPEC-0042 (renumbered SPEC-0043 "
                         "since); did you mean SPEC-0043/FR-4?"),
        ("tests/test_login.py", "SPEC-0042/FR-3 names no spec SPEC-0042 (renumbered "
                                "SPEC-0043 since); did you mean SPEC-0043/FR-3?"),
        ("tests/test_login.py", "SPEC-0042/FR-4 names no spec SPEC-0042 (renumbered "
                                "SPEC-0043 since); did you mean SPEC-0043/FR-4?")]


def test_an_old_id_a_spec_has_again_is_no_renumbering(repo: GitRepo) -> None:
    """SPEC-0042 renumbered, then a new spec takes SPEC-0042: tags name that one."""
    _renumbered(repo)
    repo.commit("A new SPEC-0042", {LOGIN_PATH: login("Audit.", spec_id="SPEC-0042")})
    assert [entry.written for entry in trace(repo).matrix.dangling] == []


def test_the_command_line_says_it(repo: GitRepo, monkeypatch: pytest.MonkeyPatch) -> None:
    _renumbered(repo)
    monkeypatch.chdir(repo.root)
    result = run_cli("trace", "--fail-on", "dangling", no_traceback=True)
    assert result.exit_code == 1
    assert "(renumbered SPEC-0043 since); did you mean SPEC-0043/FR-3?" in result.stdout
