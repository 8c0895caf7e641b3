"""A `specs:` glob that names only folders (`keps/sig-*`) matches no spec file: the error
names the glob that takes the spec files in them (`keps/sig-*/**`), and that glob lists
them in every command (low58); no hint where the folders hold none `exclude:` keeps."""

from __future__ import annotations

import json

import pytest

from tests.history.gitrepo import GitRepo, spec_text
from tests.support import run_cli


@pytest.fixture
def sig_folders(git_repo: GitRepo) -> GitRepo:
    """keps/sig-a/1/SPEC-0001.yaml and keps/sig-b/2/SPEC-0002.yaml, committed."""
    git_repo.write("keps/sig-a/1/SPEC-0001.yaml", spec_text())
    git_repo.write("keps/sig-b/2/SPEC-0002.yaml", spec_text("SPEC-0002"))
    git_repo.write("specrepo.yaml", "specs: keps/sig-*\nrules: {file-name: 'off'}\n")
    git_repo.commit("two specs in sig folders")
    return git_repo


@pytest.mark.parametrize(("specs", "hint"), [
    ("keps/sig-*", "it matches folders: 'keps/sig-*/**' names the 2 spec files in them"),
    ("keps/sig-*/", "it matches folders: 'keps/sig-*/**' names the 2 spec files in them"),
    ("keps/*/1", "it matches a folder: 'keps/*/1/**' names the 1 spec file in it")])
def test_a_glob_of_folders_names_the_glob_of_their_spec_files(
        sig_folders: GitRepo, specs: str, hint: str) -> None:
    sig_folders.write("specrepo.yaml", f"specs: '{specs}'\n")
    result = run_cli("validate", no_traceback=True)
    assert result.exit_code == 2, result.output
    assert (f"matches no spec file (*.yaml, *.yml), so nothing would be checked; fix "
            f"`specs:` ({hint}), add a spec") in result.stderr, result.stderr


def test_the_glob_named_lists_the_spec_files_in_every_command(sig_folders: GitRepo) -> None:
    sig_folders.write("specrepo.yaml", "specs: 'keps/sig-*/**'\nrules: {file-name: 'off'}\n")
    for command in (("validate",), ("validate", "--history")):
        result = run_cli(*command, no_traceback=True)
        assert (result.exit_code, result.output) == (0, "2 files checked: no problems\n")
    report = run_cli("report", "--format", "json", no_traceback=True)
    assert report.exit_code == 0, report.output
    assert [spec["path"] for spec in json.loads(report.stdout)["specs"]] == [
        "keps/sig-a/1/SPEC-0001.yaml", "keps/sig-b/2/SPEC-0002.yaml"]


@pytest.mark.parametrize("config", ["specs: 'keps/sig-*'\nexclude: 'keps/**'\n",
                                    "specs: 'keps/sig-c*'\n"])
def test_no_hint_where_the_folders_hold_no_spec_file_kept(
        sig_folders: GitRepo, config: str) -> None:
    sig_folders.write("specrepo.yaml", config)
    sig_folders.write("keps/sig-c/README.md", "Not a spec.\n")
    result = run_cli("validate", no_traceback=True)
    assert result.exit_code == 2, result.output
    assert "it matches" not in result.stderr, result.stderr
