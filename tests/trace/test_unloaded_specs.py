"""A tag naming a spec whose file exists but does not load (a YAML syntax error) says so,
as validate's `unknown-reference` does, and not that no spec has the id; a tag naming an
id no file shows still names no spec."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.commands.test_trace_suspect import LOGIN_PATH, login
from tests.history.gitrepo import GitRepo
from tests.support import run_cli


def _login_unloaded(tmp_path: Path, tests: str, monkeypatch: pytest.MonkeyPatch) -> GitRepo:
    """SPEC-0042 committed, then broken in the work tree (a YAML syntax error), and a test
    file tagging `tests`; the current folder its repository."""
    repo = GitRepo(tmp_path / "repo")
    repo.commit("Spec and tests", {
        "specrepo.yaml": "specs: specs\ntrace: {tests: [tests/**]}\n", LOGIN_PATH: login(),
        "tests/test_login.py": tests})
    repo.write(LOGIN_PATH, "id: SPEC-0042\ntitle: Login\nstatus: [oops\n")
    monkeypatch.chdir(repo.root)
    return repo


def test_a_spec_that_does_not_load_is_named_as_existing(tmp_path: Path,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    _login_unloaded(tmp_path, "# SPEC-0042/FR-3\n# SPEC-0099/FR-1\n", monkeypatch)
    result = run_cli("trace", "--format", "json", no_traceback=True)
    assert "YAML syntax error" in result.stderr  # validate's finding says why
    messages = [line for line in result.stdout.splitlines() if '"message"' in line]
    assert messages == [
        f'      "message": "SPEC-0042/FR-3 names SPEC-0042, which exists in {LOGIN_PATH} '
        'but could not be read; see its own finding",',
        '      "message": "SPEC-0099/FR-1 names no spec SPEC-0099",']


def test_the_site_trace_page_says_the_same(tmp_path: Path,
                                          monkeypatch: pytest.MonkeyPatch) -> None:
    """`specrepo site`'s trace page names the spec that exists but does not load as
    `specrepo trace` does."""
    repo = _login_unloaded(tmp_path, "# SPEC-0042/FR-3\n", monkeypatch)
    run_cli("site", "--out", "site", no_traceback=True)
    page = (repo.root / "site" / "trace.html").read_text(encoding="utf-8")
    assert (f"SPEC-0042/FR-3 names SPEC-0042, which exists in {LOGIN_PATH} but could not "
            "be read; see its own finding") in page
    assert "names no spec" not in page


def test_a_tag_in_another_letter_case_naming_a_spec_that_does_not_load_is_not_dangling(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """References are read in any letter case where they name a requirement; one in another
    case than ids have that names none is no dangling reference (newuser72: a fixture's
    path, `tests/fixtures/spec-0001/valid.json`): the spec's own finding still says why
    it does not load, and trace exits 1 on it."""
    _login_unloaded(tmp_path, "# spec-0042/fr-3\n", monkeypatch)
    result = run_cli("trace", "--format", "json", no_traceback=True)
    assert result.exit_code == 1
    assert "YAML syntax error" in result.stderr
    assert [line for line in result.stdout.splitlines() if '"message"' in line] == []
