"""`-` given to an output option is standard output where the command has it free, else
refused with advice: never a file named `-` (trial44)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.history.gitrepo import GitRepo, spec_text
from tests.support import run_cli


@pytest.fixture
def specs(git_repo: GitRepo) -> GitRepo:
    git_repo.commit("add", {"specs/SPEC-0001.yaml": spec_text()})
    return git_repo


@pytest.mark.parametrize("output_format", ["table", "json", "markdown"])
def test_report_output_dash_is_standard_output(specs: GitRepo, output_format: str) -> None:
    """The report alone on standard output, as without `--output`: nothing else mixes in."""
    plain = run_cli("report", "--format", output_format)
    result = run_cli("report", "--format", output_format, "--output", "-", no_traceback=True)
    assert result.exit_code == 0, result.output
    assert result.stdout == plain.stdout
    assert not (specs.root / "-").exists()
    if output_format == "json":
        assert json.loads(result.stdout)["specs"]


def test_report_output_dot_slash_dash_is_a_file(specs: GitRepo) -> None:
    """`./-` names a file called `-`, as for every Unix tool."""
    result = run_cli("report", "--output", "./-")
    assert result.exit_code == 0, result.output
    assert result.stdout == ""
    assert (specs.root / "-").read_text().startswith("Spec report")


@pytest.mark.parametrize(("arguments", "advice"), [
    (("validate", "--sarif", "-"), "to print sarif there, use --format sarif"),
    (("validate", "--junit", "-"), "to print junit there, use --format junit"),
    (("render", "--out", "-"), "use --stdout"),
    (("site", "--out", "-"), "--out names the folder the site is written to"),
])
def test_dash_where_standard_output_is_taken_is_refused(
        specs: GitRepo, arguments: tuple[str, ...], advice: str) -> None:
    result = run_cli(*arguments, no_traceback=True)
    assert result.exit_code == 2, result.output
    assert "'-' is not standard output here" in result.stderr
    assert advice in result.stderr
    assert not (specs.root / "-").exists()
    assert not any(Path(specs.root).glob("-/*"))
