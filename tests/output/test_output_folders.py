"""Output files in folders that do not exist yet: made for the files the user named
(`--junit`, `--sarif`, `--output`); otherwise the missing folder is named."""

from __future__ import annotations

from pathlib import Path

import pytest

from specrepo.base.atomic import write_atomically
from specrepo.base.errors import OutputError
from specrepo.base.paths import display_path
from tests.history.gitrepo import GitRepo, spec_text
from tests.support import run_cli


def test_a_named_output_file_gets_its_missing_folders(git_repo: GitRepo) -> None:
    git_repo.commit("spec", {"specs/SPEC-0001.yaml": spec_text()})
    for option, path in (("--junit", "reports/junit/x.xml"), ("--sarif", "out/x.sarif")):
        result = run_cli("validate", option, path, no_traceback=True)
        assert result.exit_code == 0, result.output
        assert (git_repo.root / path).read_text().startswith("<?xml" if "xml" in path
                                                             else "{")
    result = run_cli("report", "--output", "reports/status/report.txt", no_traceback=True)
    assert result.exit_code == 0, result.output
    assert (git_repo.root / "reports/status/report.txt").is_file()


def test_a_file_in_the_way_of_the_folder_is_named(git_repo: GitRepo) -> None:
    git_repo.commit("spec", {"specs/SPEC-0001.yaml": spec_text()})
    (git_repo.root / "reports").write_text("a file of the user's\n")
    result = run_cli("validate", "--junit", "reports/x/junit.xml", no_traceback=True)
    assert result.exit_code == 2
    assert result.stderr == ("specrepo: error: reports/x/junit.xml: cannot make its folder "
                             "reports/x: reports is not a folder\n")
    assert (git_repo.root / "reports").read_text() == "a file of the user's\n"


def test_a_job_summary_in_a_missing_folder_names_the_folder(git_repo: GitRepo) -> None:
    git_repo.commit("spec", {"specs/SPEC-0001.yaml": spec_text()})
    summary = git_repo.root / "gone" / "summary.md"
    result = run_cli("validate", "--format", "github",
                     env={"GITHUB_STEP_SUMMARY": str(summary)}, no_traceback=True)
    assert result.exit_code == 2
    assert (f"{summary}: cannot append the job summary: the folder {summary.parent} does "
            "not exist ($GITHUB_STEP_SUMMARY names it)") in result.stderr
    assert not summary.parent.exists()  # GitHub makes that file: a missing folder is a mistake


def test_an_atomic_write_into_a_missing_folder_names_it(tmp_path: Path) -> None:
    target = tmp_path / "missing" / "deeper" / "page.md"
    with pytest.raises(OutputError) as raised:
        write_atomically(target, "text")
    assert str(raised.value) == (f"{display_path(target)}: cannot write: the folder "
                                 f"{tmp_path / 'missing'} does not exist")
