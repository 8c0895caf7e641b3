"""A spec file's ending matches in any case (`x.YAML`, `0009-x.MD`, `x.Yml`): every command
takes such a file as a spec, from the folder scan, a glob, git's history and the paths
given, cold and warm (trial29a M1: the folder scan skipped it, so validate passed a
spec with an invalid status, report left it out and `--changed-since` checked 0 files)."""

from __future__ import annotations

import json
from functools import partial

import pytest

from tests.history.gitrepo import GitRepo, spec_text
from tests.support import run_cli

run = partial(run_cli, no_traceback=True)

UPPER = "specs/SPEC-0002-upper.YAML"
INVALID = "specs/SPEC-0002-upper.YAML:3:9: error: 'Bogus' is not one of"


def committed(git_repo: GitRepo, config: str = "specs: specs\n") -> GitRepo:
    """`config`, SPEC-0001 (`.yaml`), then a commit adding SPEC-0002 as `.YAML` with an
    invalid status, and a `.Yml` spec whose status moves illegally (Draft to Implemented)."""
    git_repo.commit("One", {"specrepo.yaml": config, "specs/SPEC-0001.yaml": spec_text(),
                            "specs/deep/SPEC-0003.Yml": spec_text("SPEC-0003")})
    git_repo.commit("Two", {UPPER: spec_text("SPEC-0002", status="Bogus"),
                            "specs/deep/SPEC-0003.Yml": spec_text(
                                "SPEC-0003", status="Implemented",
                                extra="reviewers: [Grace Hopper]\n")})
    return git_repo


@pytest.mark.parametrize(("config", "files"), [
    ("specs: specs\n", 3), ("specs: 'specs/**/*.yaml'\n", 2), ("specs: 'specs/**'\n", 3),
    ("specs: ['specs/*.YAML', 'specs/deep/*.yml']\n", 3)])
def test_validate_checks_a_spec_whose_ending_is_in_capitals(git_repo: GitRepo, config: str,
                                                            files: int) -> None:
    committed(git_repo, config)
    full = run("validate")
    assert full.exit_code == 1, full.output
    assert INVALID in full.output and full.output.endswith(f"{files} files checked: 1 error\n")
    named = run("validate", UPPER)
    assert named.exit_code == 1 and INVALID in named.output, named.output
    changed = run("validate", "--changed-since", "HEAD~1")
    assert changed.exit_code == 1 and INVALID in changed.output, changed.output
    assert f"{files - 1} file" in changed.output


def test_history_report_and_timeline_read_them_cold_and_warm(git_repo: GitRepo) -> None:
    committed(git_repo)
    outputs = []
    for _ in ("cold", "warm"):
        history = run("validate", "--history")
        report = run("report", "--format", "json")
        timeline = run("timeline", "SPEC-0003", "--format", "json")
        outputs.append((history.output, report.output, timeline.output))
        assert history.exit_code == 1
        assert ("specs/deep/SPEC-0003.Yml:3:9: error: commit" in history.output
                and "from Draft to Implemented" in history.output), history.output
        data = json.loads(report.stdout)
        assert {spec["id"]: spec["status"] for spec in data["specs"]} == {
            "SPEC-0001": "Draft", "SPEC-0002": "(unreadable)", "SPEC-0003": "Implemented"}
        assert [spec["path"] for spec in data["integrity"]["unreadable_at_head"]] == [UPPER]
        assert "status-changed" in timeline.output and timeline.exit_code == 0
    assert outputs[0] == outputs[1]
    diff = run("diff", "HEAD~1")
    assert "SPEC-0002" in diff.output and "specs/SPEC-0002-upper.YAML" in diff.output


def test_markdown_specs_whose_ending_is_in_capitals(git_repo: GitRepo) -> None:
    git_repo.commit("Records", {
        "specrepo.yaml": "specs: docs\nfront_matter: true\nrules: {file-name: 'off'}\n",
        "docs/0001-one.md": f"---\n{spec_text('SPEC-0001')}---\n# One\n",
        "docs/0009-upper.MD": f"---\n{spec_text('SPEC-0009', status='Bogus')}---\n# Nine\n",
        "docs/0010-other.Markdown": f"---\n{spec_text('SPEC-0010')}---\n# Ten\n"})
    result = run("validate", "--history")
    assert result.exit_code == 1, result.output
    assert "docs/0009-upper.MD:4:9: error: 'Bogus' is not one of" in result.output
    assert result.output.endswith("3 files checked: 1 error, 1 warning\n")
    report = json.loads(run("report", "--format", "json").stdout)
    assert {spec["id"]: spec["status"] for spec in report["specs"]} == {
        "SPEC-0001": "Draft", "SPEC-0009": "(unreadable)", "SPEC-0010": "Draft"}
    assert [spec["path"] for spec in report["integrity"]["unreadable_at_head"]] == \
        ["docs/0009-upper.MD"]
