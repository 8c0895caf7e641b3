"""A shallow clone of depth 1 (small62 item 1): every warning `diff --since-approval` says
on stderr about its result (the history's: a shallow clone; a spec compared with its
version at the boundary commit) is in the JSON document's and the Markdown's warnings too,
and none of them fails `--exit-code` on its own; so are those of `validate --history` and
`report` in their JSON (`warnings`)."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from tests.history.gitrepo import GitRepo, spec_text
from tests.support import run_cli

SPEC = "specs/SPEC-0001.yaml"
DATED = "reviewers: [{name: Grace Hopper, approved: 2026-01-04}]\n"


def _depth_one_clone(tmp_path: Path) -> Path:
    repo = GitRepo(tmp_path / "origin")
    repo.commit("review", {SPEC: spec_text(status="In Review",
                                           extra="reviewers: [Grace Hopper]\n")})
    repo.commit("approve", {SPEC: spec_text(status="Approved", extra=DATED)})
    clone = tmp_path / "clone"
    subprocess.run(["git", "clone", "-q", "--depth=1", f"file://{repo.root}", str(clone)],
                   env=repo.environment(), check=True)
    return clone


def test_the_json_and_markdown_carry_every_warning_stderr_says(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(_depth_one_clone(tmp_path))
    said = run_cli("diff", "--since-approval", "--allow-shallow", "--exit-code",
                   "--format", "json", no_traceback=True)
    assert said.exit_code == 0, said.output  # nothing changed: the warnings fail nothing
    lines = [line.removeprefix("specrepo: warning: ") for line in said.stderr.splitlines()
             if line.startswith("specrepo: warning: ")]
    assert any("at or before boundary commit" in line for line in lines), said.stderr
    assert json.loads(said.stdout)["warnings"] == lines
    markdown = run_cli("diff", "--since-approval", "--allow-shallow", "--format", "markdown")
    assert all(line.split(":")[0] in markdown.stdout for line in lines), markdown.stdout


@pytest.mark.parametrize("arguments", [("validate", "--history", "--format", "json"),
                                       ("report", "--format", "json")])
def test_validate_and_report_json_carry_every_warning_stderr_says(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, arguments: tuple[str, ...]) -> None:
    monkeypatch.chdir(_depth_one_clone(tmp_path))
    said = run_cli(*arguments, "--allow-shallow", no_traceback=True)
    assert said.exit_code == 0, said.output
    lines = [line.removeprefix("specrepo: warning: ") for line in said.stderr.splitlines()
             if line.startswith("specrepo: warning: ")]
    assert any(line.startswith("history is incomplete: shallow clone; fetch all of it")
               for line in lines), lines
    assert json.loads(said.stdout)["warnings"] == lines
