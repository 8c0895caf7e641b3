"""Spec files kept through a clean/smudge filter (git-crypt, transcrypt; base64 stands in
for them here) are read through it: their history is checked, and a filter that cannot run
stops every history reader with exit 2, never a silent pass."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from specrepo.cli import cli
from specrepo.configuration.config_file import load_config
from specrepo.history.mine import mine_history
from tests.history.gitrepo import GitRepo, spec_text

PATH = "specs/SPEC-0001.yaml"
PLAIN = "specs/SPEC-0002.yaml"
REVIEWED = "reviewers: [Grace Hopper]\n"
READERS = (["validate", "--history"], ["report", "--fail-on", "illegal-transitions"],
           ["timeline", "SPEC-0001"], ["diff", "HEAD~1"])


def run(*arguments: str) -> Result:
    return CliRunner().invoke(cli, list(arguments), catch_exceptions=False)


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> GitRepo:
    """SPEC-0001 (filtered) goes from Draft straight to Approved; SPEC-0002 is not filtered."""
    repo = GitRepo(tmp_path / "repo")
    repo.git("config", "filter.b64.clean", "base64 -w0")
    repo.git("config", "filter.b64.smudge", "base64 -d")
    repo.write(".gitattributes", "specs/SPEC-0001.yaml filter=b64\n")
    repo.commit("Draft", {PATH: spec_text(), PLAIN: spec_text("SPEC-0002")})
    repo.commit("Approve", {PATH: spec_text(status="Approved", extra=REVIEWED),
                            PLAIN: spec_text("SPEC-0002", status="In Review", extra=REVIEWED)})
    assert not repo.git("cat-file", "-p", f"HEAD:{PATH}").startswith("id:")  # stored encoded
    monkeypatch.chdir(repo.root)
    return repo


def test_the_history_of_filtered_specs_is_read_through_the_filter(repo: GitRepo) -> None:
    result = run("validate", "--history")
    assert result.exit_code == 1, result.output
    assert "moved the status from Draft to Approved" in result.output
    assert run("report", "--fail-on", "illegal-transitions").exit_code == 1
    timeline = json.loads(run("timeline", "SPEC-0001", "--format", "json").stdout)
    assert [event["to"] for event in timeline["events"]][:2] == ["Draft", "Approved"]
    assert timeline["warnings"] == []
    diff = run("diff", "HEAD~1")
    assert "SPEC-0001: A spec  (modified)" in diff.stdout
    assert "status: Draft -> Approved" in diff.stdout
    report = json.loads(run("report", "--format", "json").stdout)
    assert [(spec["id"], spec["status"]) for spec in report["specs"]] == [
        ("SPEC-0001", "Approved"), ("SPEC-0002", "In Review")]
    assert report["integrity"]["skipped_versions"] == 0


@pytest.mark.parametrize(("smudge", "reason"), [
    (None, "the filter is not set up here (no filter.b64.smudge in git's configuration)"),
    ("false", "the filter failed (error: external filter 'false' failed"),
])
def test_a_filter_that_cannot_run_stops_every_history_reader(
        repo: GitRepo, smudge: str | None, reason: str) -> None:
    if smudge is None:
        repo.git("config", "--unset", "filter.b64.smudge")
    else:
        repo.git("config", "filter.b64.smudge", smudge)
    for arguments in READERS:
        result = run(*arguments)
        assert result.exit_code == 2, (arguments, result.output)
        assert f"{PATH}: git keeps this spec file through the clean/smudge filter 'b64'" \
            in result.stderr
        assert reason in result.stderr
        assert "git-crypt unlock" in result.stderr


def test_the_cache_is_keyed_by_the_filter(repo: GitRepo) -> None:
    config = load_config(None, repo.root)
    through_base64 = mine_history(config)
    repo.git("config", "filter.b64.smudge", "cat")  # another filter: what git stores
    assert mine_history(config).specs != through_base64.specs
    repo.git("config", "filter.b64.smudge", "base64 -d")
    assert mine_history(config) == through_base64


def test_a_configuration_below_the_top_reads_filtered_specs_too(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Attributes are asked from the repository's top, whatever folder specrepo runs in."""
    repo = GitRepo(tmp_path / "mono")
    (repo.root / "specrepo.yaml").unlink()
    repo.git("config", "filter.b64.clean", "base64 -w0")
    repo.git("config", "filter.b64.smudge", "base64 -d")
    repo.write(".gitattributes", "design/specs/*.yaml filter=b64\n")
    repo.commit("Draft", {"design/specrepo.yaml": "specs: specs\n", f"design/{PATH}": spec_text()})
    repo.commit("Approve", {f"design/{PATH}": spec_text(status="Approved", extra=REVIEWED)})
    monkeypatch.chdir(repo.root / "design")
    assert "status: Draft -> Approved" in run("diff", "HEAD~1").stdout
    assert run("validate", "--history").exit_code == 1
