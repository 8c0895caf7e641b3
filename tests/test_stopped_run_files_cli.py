"""`validate --junit FILE --sarif FILE` and `report --output FILE` in a real git
repository: a run that stops with exit 2 (a broken configuration, a shallow clone) leaves
no earlier run's passing report behind (newuser56): the JUnit file holds the error, the
SARIF log and the report are gone; a file of the user's stays."""

from __future__ import annotations

import pytest

from tests.history.gitrepo import GitRepo, spec_text
from tests.support import run_cli

OPTIONS = ("validate", "--junit", "reports/specs.xml", "--sarif", "reports/specs.sarif")


def test_a_stopped_run_replaces_the_clean_runs_reports(git_repo: GitRepo) -> None:
    git_repo.commit("a spec", {"specs/SPEC-0001.yaml": spec_text()})
    assert run_cli(*OPTIONS).exit_code == 0
    reports = git_repo.root / "reports"
    assert 'failures="0" errors="0"' in (reports / "specs.xml").read_text(encoding="utf-8")
    (git_repo.root / "specrepo.yaml").write_text("specs: [specs\n", encoding="utf-8")
    result = run_cli(*OPTIONS, no_traceback=True)
    assert result.exit_code == 2, result.output
    junit = (reports / "specs.xml").read_text(encoding="utf-8")
    assert 'tests="1" failures="0" errors="1"' in junit
    assert ('<error message="specrepo.yaml:1:8: YAML syntax error: the list opened here with '
            "'[' is never closed with ']'") in junit
    assert not (reports / "specs.sarif").exists()
    (git_repo.root / "specrepo.yaml").write_text("specs: specs\n", encoding="utf-8")
    assert run_cli(*OPTIONS).exit_code == 0  # the error's report is validate's to replace
    assert (reports / "specs.sarif").exists()
    assert 'errors="0"' in (reports / "specs.xml").read_text(encoding="utf-8")


@pytest.mark.parametrize("output_format", ["table", "markdown", "json"])
def test_a_stopped_report_takes_back_the_clean_runs_report(git_repo: GitRepo,
                                                          output_format: str) -> None:
    options = ("report", "--format", output_format, "--output", "reports/specs.txt")
    git_repo.commit("a spec", {"specs/SPEC-0001.yaml": spec_text()})
    assert run_cli(*options).exit_code == 0
    report = git_repo.root / "reports" / "specs.txt"
    assert "SPEC-0001" in report.read_text(encoding="utf-8")
    (git_repo.root / "specrepo.yaml").write_text("specs: [specs\n", encoding="utf-8")
    result = run_cli(*options, no_traceback=True)
    assert result.exit_code == 2, result.output
    assert "specrepo.yaml:1:8: YAML syntax error" in result.output
    assert not report.exists()


def test_a_stopped_report_leaves_a_file_of_the_users(git_repo: GitRepo) -> None:
    git_repo.commit("a spec", {"specs/SPEC-0001.yaml": spec_text(),
                               "specrepo.yaml": "specs: [specs\n"})
    (git_repo.root / "notes.md").write_text("# my notes\n", encoding="utf-8")
    result = run_cli("report", "--output", "notes.md", no_traceback=True)
    assert result.exit_code == 2, result.output
    assert (git_repo.root / "notes.md").read_text(encoding="utf-8") == "# my notes\n"
