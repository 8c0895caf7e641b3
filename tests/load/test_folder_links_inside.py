"""A spec folder that is a symbolic link to another folder inside the repository is not
entered (git keeps the link, not the files behind it, so history never sees a spec
there): when a spec behind it is named by no other path of `specs:`, the link is a
`file-read` finding naming it and where it leads, in every command that lists specs;
when the folder it leads to is a location of its own, each spec is read once, by its own
path, and nothing is said (a glob's `*` enters a linked folder, as `Path.glob` does, and
names the specs there by their own paths, which history reads too)."""

from __future__ import annotations

import json

import pytest

from tests.history.gitrepo import GitRepo
from tests.support import MINIMAL_SPEC, run_cli

FINDING = ("specs/team:1:1: error: symbolic link to the folder teams/a, which specrepo does "
           "not enter here (git keeps the link, not the files behind it): the spec files in "
           "it are not checked; name teams/a in `specs:`, or `exclude:` the link [file-read]")


@pytest.fixture
def linked_inside(git_repo: GitRepo) -> GitRepo:
    """specs/team -> ../teams/a, a folder of the repository holding an invalid spec."""
    git_repo.write("specs/SPEC-0001.yaml", MINIMAL_SPEC.format(id="SPEC-0001"))
    git_repo.write("teams/a/SPEC-0009.yaml", "id: SPEC-0009\ntitel: broken\n")
    (git_repo.root / "specs/team").symlink_to("../teams/a")
    git_repo.commit("a spec, and a linked folder")
    return git_repo


@pytest.mark.parametrize("specs", ["specs", "'specs/**/*.yaml'"])
@pytest.mark.parametrize("command", [("validate",), ("validate", "--history"), ("render",),
                                     ("render", "--check"), ("site",), ("trace",)])
def test_a_folder_link_inside_hiding_a_spec_is_a_finding_naming_it(
        linked_inside: GitRepo, specs: str, command: tuple[str, ...]) -> None:
    (linked_inside.root / "specrepo.yaml").write_text(f"specs: {specs}\n")
    result = run_cli(*command, no_traceback=True)
    assert result.exit_code == 1, result.output
    assert FINDING in result.output
    assert "SPEC-0009" not in result.output and "titel" not in result.output


def test_the_commit_hook_names_a_new_folder_link(git_repo: GitRepo) -> None:
    git_repo.commit("a spec", {"specs/SPEC-0001.yaml": MINIMAL_SPEC.format(id="SPEC-0001"),
                               "teams/a/SPEC-0009.yaml": "id: SPEC-0009\n"})
    (git_repo.root / "specs/team").symlink_to("../teams/a")
    result = run_cli("validate", "--quiet", "--allow-empty", "--changed-since", "HEAD",
                     "--history", "--since", "HEAD", no_traceback=True)
    assert result.exit_code == 1 and FINDING in result.output


def test_report_warns_of_a_folder_link_inside_and_reads_no_history_behind_it(
        linked_inside: GitRepo) -> None:
    result = run_cli("report", "--format", "json", no_traceback=True)
    assert result.exit_code == 0
    assert "specrepo: warning: specs/team: cannot be read: symbolic link to the folder " \
        "teams/a" in result.stderr
    assert "SPEC-0009" not in result.output  # history does not read behind it either
    assert [spec["id"] for spec in json.loads(result.stdout)["specs"]] == ["SPEC-0001"]


@pytest.mark.parametrize("specs", ["[specs, teams]", "[specs, teams/a]",
                                   "['specs/**/*.yaml', 'teams/*/*.yaml']",
                                   "'specs/*/*.yaml'"])  # `*` enters links, as Path.glob
def test_a_link_to_a_folder_named_on_its_own_is_read_once_by_its_own_path(
        linked_inside: GitRepo, specs: str) -> None:
    (linked_inside.root / "specrepo.yaml").write_text(f"specs: {specs}\n")
    result = run_cli("validate", "--history", no_traceback=True)
    assert "specs/team" not in result.output
    assert result.output.count("unknown property 'titel'") == 1
    assert "teams/a/SPEC-0009.yaml:2:1: error: unknown property 'titel'" in result.output


def test_an_excluded_link_is_left_out(linked_inside: GitRepo) -> None:
    (linked_inside.root / "specrepo.yaml").write_text("specs: specs\nexclude: [specs/team]\n")
    result = run_cli("validate", "--history", no_traceback=True)
    assert result.exit_code == 0, result.output


def test_a_link_to_a_folder_without_specs_is_no_finding(git_repo: GitRepo) -> None:
    git_repo.write("specs/SPEC-0001.yaml", MINIMAL_SPEC.format(id="SPEC-0001"))
    git_repo.write("assets/diagram.svg", "<svg/>")
    (git_repo.root / "specs/pictures").symlink_to("../assets")
    (git_repo.root / "specs/up").symlink_to("..")  # the specs behind it are read anyway
    git_repo.commit("a spec and its pictures")
    result = run_cli("validate", no_traceback=True)
    assert result.exit_code == 0, result.output
