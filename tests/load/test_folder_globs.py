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


def test_a_file_named_inside_a_folder_the_glob_matches_gets_the_same_hint(
        sig_folders: GitRepo) -> None:
    """`validate keps/sig-a/1/SPEC-0001.yaml` under `specs: keps/sig-*` names the glob
    that takes it, as the listing does for the glob itself (low59)."""
    result = run_cli("validate", "keps/sig-a/1/SPEC-0001.yaml", no_traceback=True)
    assert result.exit_code == 2, result.output
    assert result.stderr == (
        "specrepo: error: no path given is a spec, so nothing would be checked ("
        "keps/sig-a/1/SPEC-0001.yaml: not a spec per specrepo.yaml (outside specs: "
        "keps/sig-*; 'keps/sig-*' matches a folder above it (keps/sig-a): 'keps/sig-*/**' "
        "names the spec files in it)); pass --allow-empty to accept that\n")
    elsewhere = run_cli("validate", "--allow-empty", "README.md", no_traceback=True)
    assert "matches a folder above it" not in elsewhere.output


@pytest.mark.parametrize(("specs", "hint"), [
    # an escaped bracket, and the set of `[` alone, match the folder `[x`: only the folder
    # hint applies (low59: both were given)
    ("keps/\\[x", "(it matches a folder: 'keps/\\[x/**' names the 1 spec file in it)"),
    ("keps/[[]x", "(it matches a folder: 'keps/[[]x/**' names the 1 spec file in it)"),
    # a bracket read as a set matches no folder: only the bracket hint applies
    ("keps/[x]/*.yaml", "(a literal [ in a folder name is written [[] in a glob)")])
def test_a_glob_with_a_bracket_gets_the_one_hint_that_applies(
        git_repo: GitRepo, specs: str, hint: str) -> None:
    git_repo.write("keps/[x/SPEC-0001.yaml", spec_text())
    git_repo.write("keps/[x]/SPEC-0002.yaml", spec_text("SPEC-0002"))
    git_repo.write("specrepo.yaml", f"specs: '{specs}'\nrules: {{file-name: 'off'}}\n")
    result = run_cli("validate", no_traceback=True)
    assert result.exit_code == 2, result.output
    assert f"; fix `specs:` {hint}, add a spec" in result.stderr, result.stderr
