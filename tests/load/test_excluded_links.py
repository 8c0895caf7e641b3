"""`exclude:` names a spec file by the path git keeps it at, as history reads it: a
symbolic link a location takes that leads to a file `exclude:` names is no spec, in every
command alike (newuser57: validate checked it while history did not read it, so its
illegal status move failed `validate` as a new spec "not committed yet" and passed
`report --fail-on illegal-transitions`); and a linked folder whose files behind it
`exclude:` leaves out hides no spec, so it is no `file-read` finding."""

from __future__ import annotations

import json

import pytest

from tests.history.gitrepo import GitRepo
from tests.support import MINIMAL_SPEC, run_cli


@pytest.fixture
def linked_to_excluded(git_repo: GitRepo) -> GitRepo:
    """specs/SPEC-0002.yaml -> ../archive/SPEC-0002.yaml, which made an illegal move
    (Draft -> Implemented) and which `exclude:` names; specs/SPEC-0001.yaml a spec."""
    git_repo.write("specs/SPEC-0001.yaml", MINIMAL_SPEC.format(id="SPEC-0001"))
    git_repo.write("archive/SPEC-0002.yaml", MINIMAL_SPEC.format(id="SPEC-0002"))
    (git_repo.root / "specs/SPEC-0002.yaml").symlink_to("../archive/SPEC-0002.yaml")
    git_repo.commit("specs, one a link")
    git_repo.commit("an illegal move", {"archive/SPEC-0002.yaml": MINIMAL_SPEC.format(
        id="SPEC-0002").replace("Draft", "Implemented")})
    git_repo.commit("no spec", {"specrepo.yaml": "specs: specs\nexclude: archive/SPEC-0002.yaml\n"})
    return git_repo


@pytest.mark.parametrize("specs", ["specs", "'specs/*.yaml'", "'specs/SPEC-000[0-9].yaml'"])
@pytest.mark.parametrize("command", [("validate",), ("validate", "--history"), ("render",),
                                     ("trace",)])
def test_a_link_to_an_excluded_file_is_no_spec_in_any_command(
        linked_to_excluded: GitRepo, specs: str, command: tuple[str, ...]) -> None:
    (linked_to_excluded.root / "specrepo.yaml").write_text(
        f"specs: {specs}\nexclude: archive/SPEC-0002.yaml\n")
    result = run_cli(*command, no_traceback=True)
    assert result.exit_code == 0, result.output
    assert "SPEC-0002" not in result.output


def test_report_and_validate_history_agree_on_a_link_to_an_excluded_file(
        linked_to_excluded: GitRepo) -> None:
    report = run_cli("report", "--format", "json", "--fail-on", "illegal-transitions",
                     no_traceback=True)
    history = run_cli("validate", "--history", no_traceback=True)
    assert (report.exit_code, history.exit_code) == (0, 0), report.output + history.output
    assert "not committed yet" not in report.stderr + history.output
    assert [spec["id"] for spec in json.loads(report.stdout)["specs"]] == ["SPEC-0001"]


def test_a_link_whose_own_path_is_excluded_is_no_spec_while_its_target_is_one(
        linked_to_excluded: GitRepo) -> None:
    (linked_to_excluded.root / "specrepo.yaml").write_text(
        "specs: [specs, archive]\nexclude: specs/SPEC-0002.yaml\n")
    result = run_cli("validate", "--history", no_traceback=True)
    assert "archive/SPEC-0002.yaml:3:9: error: commit " in result.output  # its illegal move
    assert result.exit_code == 1


@pytest.mark.parametrize(("exclude", "why"), [
    ("archive/SPEC-0002.yaml", "a link to archive/SPEC-0002.yaml, which `exclude:` in "
                               "specrepo.yaml leaves out"),
    ("specs/SPEC-0002.yaml", "excluded by `exclude:` in specrepo.yaml")])
def test_a_link_named_says_which_path_exclude_leaves_out(
        linked_to_excluded: GitRepo, exclude: str, why: str) -> None:
    """The note on a link named (a hook passes it) names the file it leads to when
    `exclude:` names that file, not the link (low58); the link's own path excluded is
    excluded, not "outside specs:"."""
    (linked_to_excluded.root / "specrepo.yaml").write_text(
        f"specs: specs\nexclude: {exclude}\n")
    result = run_cli("validate", "specs/SPEC-0002.yaml", "specs/SPEC-0001.yaml",
                     no_traceback=True)
    assert result.stderr == f"specrepo: note: specs/SPEC-0002.yaml: {why}; not checked\n"
    assert result.exit_code == 0, result.output


_NOT_TAKEN_THROUGH_THE_LINK = [
    *(f"specs: {specs}\nexclude: {exclude}\n"
      for specs in ("specs", "'specs/**/*.yaml'")
      for exclude in ("specs/team/SPEC-0009.yaml", "teams/a/SPEC-0009.yaml",
                      "'*/*/SPEC-0009.yaml'")),
    # newuser57: `specs: "**/0001-x.md"` failed validate on `keps/sig-link -> sig-node`,
    # a linked folder whose spec files the glob does not name through it either.
    *(f"specs: {specs}\n" for specs in ("'**/SPEC-0001.yaml'", "'specs/*/README.yaml'",
                                         "'specs/**/SPEC-000[1-5].yaml'")),
]


@pytest.mark.parametrize("config", _NOT_TAKEN_THROUGH_THE_LINK)
def test_a_folder_link_hiding_only_files_not_taken_is_no_finding(
        git_repo: GitRepo, config: str) -> None:
    """A linked folder whose spec files `exclude:` leaves out, or the glob does not name
    through it, hides no spec."""
    git_repo.write("specs/SPEC-0001.yaml", MINIMAL_SPEC.format(id="SPEC-0001"))
    git_repo.write("specs/a/README.yaml", MINIMAL_SPEC.format(id="SPEC-0002"))
    git_repo.write("teams/a/SPEC-0009.yaml", "id: SPEC-0009\ntitel: broken\n")
    (git_repo.root / "specs/team").symlink_to("../teams/a")
    git_repo.write("specrepo.yaml", config + "rules: {file-name: off}\n")
    git_repo.commit("a spec, and a linked folder of a file not taken")
    for command in (("validate",), ("validate", "--history"), ("trace",)):
        result = run_cli(*command, no_traceback=True)
        assert result.exit_code == 0, result.output
        assert "specs/team" not in result.output


def test_a_folder_link_hiding_a_file_the_glob_names_through_it_is_a_finding(
        git_repo: GitRepo) -> None:
    git_repo.write("specs/SPEC-0001.yaml", MINIMAL_SPEC.format(id="SPEC-0001"))
    git_repo.write("teams/a/SPEC-0009.yaml", "id: SPEC-0009\ntitel: broken\n")
    (git_repo.root / "specs/team").symlink_to("../teams/a")
    git_repo.write("specrepo.yaml", "specs: 'specs/**/SPEC-000[0-9].yaml'\n")
    git_repo.commit("a spec, and a linked folder of a file the glob names")
    result = run_cli("validate", no_traceback=True)
    assert result.exit_code == 1
    assert "specs/team:1:1: error: symbolic link to the folder teams/a" in result.output
