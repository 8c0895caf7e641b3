"""Spec files kept through a clean/smudge filter (git-crypt, transcrypt; base64 stands in
for them here) are read through it: their history is checked, and a filter that cannot run
stops every history reader with exit 2, never a silent pass."""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

import pytest

from specrepo.configuration.config_file import load_config
from specrepo.history.mine import mine_history
from tests.history.gitrepo import GitRepo, spec_text
from tests.support import run_cli

PATH = "specs/SPEC-0001.yaml"
PLAIN = "specs/SPEC-0002.yaml"
REVIEWED = "reviewers: [Grace Hopper]\n"
READERS = (["validate", "--history"], ["report", "--fail-on", "illegal-transitions"],
           ["timeline", "SPEC-0001"], ["diff", "HEAD~1"])


@pytest.fixture
def repo(git_repo: GitRepo) -> GitRepo:
    """SPEC-0001 (filtered) goes from Draft straight to Approved; SPEC-0002 is not filtered."""
    git_repo.git("config", "filter.b64.clean", "base64 -w0")
    git_repo.git("config", "filter.b64.smudge", "base64 -d")
    git_repo.write(".gitattributes", "specs/SPEC-0001.yaml filter=b64\n")
    git_repo.commit("Draft", {PATH: spec_text(), PLAIN: spec_text("SPEC-0002")})
    git_repo.commit("Approve", {PATH: spec_text(status="Approved", extra=REVIEWED),
                                PLAIN: spec_text("SPEC-0002", status="In Review", extra=REVIEWED)})
    assert not git_repo.git("cat-file", "-p", f"HEAD:{PATH}").startswith("id:")  # stored encoded
    return git_repo


def test_the_history_of_filtered_specs_is_read_through_the_filter(repo: GitRepo) -> None:
    result = run_cli("validate", "--history")
    assert result.exit_code == 1, result.output
    assert "moved the status from Draft to Approved" in result.output
    assert run_cli("report", "--fail-on", "illegal-transitions").exit_code == 1
    timeline = json.loads(run_cli("timeline", "SPEC-0001", "--format", "json").stdout)
    assert [event["to"] for event in timeline["events"]][:2] == ["Draft", "Approved"]
    assert timeline["warnings"] == []
    diff = run_cli("diff", "HEAD~1")
    assert "SPEC-0001: A spec  (modified)" in diff.stdout
    assert "status: Draft -> Approved" in diff.stdout
    report = json.loads(run_cli("report", "--format", "json").stdout)
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
        result = run_cli(*arguments)
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
    assert "status: Draft -> Approved" in run_cli("diff", "HEAD~1").stdout
    assert run_cli("validate", "--history").exit_code == 1


def _base64_repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> GitRepo:
    repo = GitRepo(tmp_path / "history")
    repo.git("config", "filter.b64.clean", "base64 -w0")
    repo.git("config", "filter.b64.smudge", "base64 -d")
    monkeypatch.chdir(repo.root)
    return repo


def _events(spec_id: str = "SPEC-0001") -> list[str]:
    timeline = json.loads(run_cli("timeline", spec_id, "--format", "json").stdout)
    return [event["to"] for event in timeline["events"]][:2]


def test_a_filter_removed_later_still_reads_the_versions_it_wrote(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """git reads a commit's attributes from that commit: the Draft stored through the
    filter is read through it, though the filter is gone from HEAD's attributes."""
    repo = _base64_repo(tmp_path, monkeypatch)
    repo.write(".gitattributes", "specs/*.yaml filter=b64\n")
    repo.commit("Draft", {PATH: spec_text()})
    assert not repo.git("cat-file", "-p", f"HEAD:{PATH}").startswith("id:")
    repo.git("rm", "-q", ".gitattributes")
    repo.git("add", "--renormalize", ".")
    repo.commit("Approve", {PATH: spec_text(status="Approved", extra=REVIEWED)})
    assert repo.git("cat-file", "-p", f"HEAD:{PATH}").startswith("id:")  # stored plain
    result = run_cli("validate", "--history")
    assert result.exit_code == 1, result.output
    assert "moved the status from Draft to Approved" in result.output
    assert _events() == ["Draft", "Approved"]
    assert run_cli("report", "--fail-on", "skipped-versions").exit_code == 0
    for revisions in ("HEAD~1", "HEAD~1..HEAD"):  # diff reads each side's attributes too
        assert "status: Draft -> Approved" in run_cli("diff", revisions).stdout


def test_a_filter_added_later_leaves_the_older_versions_unfiltered(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A version committed before the attribute existed is read as stored (git would not
    filter it on checkout of its commit), the later ones through the filter."""
    repo = _base64_repo(tmp_path, monkeypatch)
    repo.commit("Draft", {PATH: spec_text()})
    repo.write(".gitattributes", "specs/*.yaml filter=b64\n")
    repo.git("add", "--renormalize", ".")
    repo.commit("Filter")
    repo.commit("Approve", {PATH: spec_text(status="Approved", extra=REVIEWED)})
    assert not repo.git("cat-file", "-p", f"HEAD:{PATH}").startswith("id:")
    for warm in (False, True):
        result = run_cli("validate", "--history")
        assert result.exit_code == 1, (warm, result.output)
        assert "moved the status from Draft to Approved" in result.output
        assert _events() == ["Draft", "Approved"]
    assert "status: Draft -> Approved" in run_cli("diff", "HEAD~2..HEAD").stdout


def test_a_deeper_attributes_file_and_macros_decide_as_git_does(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A macro that sets the filter, a deeper `.gitattributes` that unsets it for one file
    (`-filter`), then the unset removed: each version read as that commit's attributes say."""
    repo = _base64_repo(tmp_path, monkeypatch)
    temporary = tmp_path / "temporary"
    temporary.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(temporary))
    repo.write(".gitattributes", "[attr]sealed filter=b64 -diff\nspecs/*.yaml sealed\n")
    repo.write("specs/.gitattributes", "SPEC-0001.yaml -filter\n")
    repo.commit("Draft", {PATH: spec_text(), PLAIN: spec_text("SPEC-0002")})
    assert repo.git("cat-file", "-p", f"HEAD:{PATH}").startswith("id:")
    assert not repo.git("cat-file", "-p", f"HEAD:{PLAIN}").startswith("id:")
    repo.git("rm", "-q", "specs/.gitattributes")
    repo.git("add", "--renormalize", ".")
    repo.commit("Seal", {PATH: spec_text(status="Implemented", extra=REVIEWED)})
    assert not repo.git("cat-file", "-p", f"HEAD:{PATH}").startswith("id:")
    result = run_cli("validate", "--history")
    assert result.exit_code == 1, result.output
    assert "moved the status from Draft to Implemented" in result.output
    assert "status: Draft -> Implemented" in run_cli("diff", "HEAD~1..HEAD").stdout
    assert _events("SPEC-0002")[0] == "Draft"
    assert list(temporary.iterdir()) == []  # the attributes' folders are gone


def test_a_continued_walk_reads_the_attributes_where_it_starts(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A walk that continues a cached one asks git for the attributes of its first
    commit's parent: the filter set before the cache was written still applies."""
    repo = _base64_repo(tmp_path, monkeypatch)
    repo.write(".gitattributes", "specs/*.yaml filter=b64\n")
    repo.commit("Draft", {PATH: spec_text()})
    assert run_cli("validate", "--history").exit_code == 0
    repo.commit("Approve", {PATH: spec_text(status="Approved", extra=REVIEWED)})
    result = run_cli("validate", "--history")
    assert result.exit_code == 1, result.output
    assert "moved the status from Draft to Approved" in result.output


def test_attributes_git_does_not_version_apply_to_every_commit(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    repo = _base64_repo(tmp_path, monkeypatch)
    (repo.root / ".git" / "info" / "attributes").write_text("specs/*.yaml filter=b64\n")
    repo.commit("Draft", {PATH: spec_text()})
    repo.commit("Approve", {PATH: spec_text(status="Approved", extra=REVIEWED)})
    assert not repo.git("cat-file", "-p", f"HEAD~1:{PATH}").startswith("id:")
    result = run_cli("validate", "--history")
    assert result.exit_code == 1, result.output
    assert "moved the status from Draft to Approved" in result.output


@pytest.mark.parametrize("where", ["repository", "included"])
def test_a_user_attributes_file_applies_to_both_sides_of_a_diff(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, where: str) -> None:
    """`core.attributesFile` set in the repository's configuration, or in a file the
    user's includes: diff asks git where it is, and reads both sides through its filter."""
    repo = _base64_repo(tmp_path, monkeypatch)
    (tmp_path / "attributes").write_text("specs/*.yaml filter=b64\n")
    repo.git("config", "core.attributesFile", str(tmp_path / "attributes"))
    repo.commit("Draft", {PATH: spec_text()})
    repo.commit("Approve", {PATH: spec_text(status="Approved", extra=REVIEWED)})
    assert not repo.git("cat-file", "-p", f"HEAD:{PATH}").startswith("id:")
    if where == "included":  # the commits' helper reads no user configuration
        repo.git("config", "--unset", "core.attributesFile")
        (tmp_path / "more.gitconfig").write_text(
            f"[core]\n\tattributesFile = {tmp_path / 'attributes'}\n")
        monkeypatch.setenv("GIT_CONFIG_GLOBAL", str(tmp_path / "user.gitconfig"))
        (tmp_path / "user.gitconfig").write_text(
            f"[include]\n\tpath = {tmp_path / 'more.gitconfig'}\n")
    for revisions in ("HEAD~1", "HEAD~1..HEAD"):
        diff = run_cli("diff", revisions)
        assert "status: Draft -> Approved" in diff.stdout, diff.output


@pytest.mark.parametrize("folder", [".", "specs"])
def test_a_relative_user_attributes_file_is_read_from_the_top_as_git_reads_it(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, folder: str) -> None:
    """git reads a relative `core.attributesFile` from the work tree's top, wherever it
    runs (its setup changes to the top before a command reads attributes; the setting's
    path expands only `~`): specrepo run in a subfolder read it from there, found no
    filter, and read the stored base64 of every version (env35)."""
    repo = _base64_repo(tmp_path, monkeypatch)
    repo.write("user-attributes", "specs/*.yaml filter=b64\n")
    repo.git("config", "core.attributesFile", "user-attributes")
    repo.commit("Draft", {PATH: spec_text()})
    repo.commit("Approve", {PATH: spec_text(status="Approved", extra=REVIEWED)})
    assert not repo.git("cat-file", "-p", f"HEAD:{PATH}").startswith("id:")
    monkeypatch.chdir(repo.root / folder)
    result = run_cli("validate", "--history")
    assert result.exit_code == 1, result.output
    assert "moved the status from Draft to Approved" in result.output
