"""A spec file that does not load (a Latin-1 byte, a YAML syntax error) has one name in
validate, report and timeline: the id its `id:` line shows where that line reads safely,
else its path; never its file name's stem (trial50: `report` named `SPEC-0002-cafe` a file
whose `id:` line says SPEC-0002, and `timeline SPEC-0002` found no such spec)."""

from __future__ import annotations

import pytest

from tests.history.gitrepo import GitRepo
from tests.support import json_report, run_cli

PATH = "specs/SPEC-0002-cafe.yaml"
REST = b"status: Draft\nauthors: [Ada]\nreviewers: []\ncreated: 2026-01-01\n" \
       b"updated: 2026-01-01\nsummary: About.\n"
LATIN_1 = b'id: SPEC-0002\ntitle: "caf\xe9"\n' + REST
LATIN_1_SAID = (f"{PATH}:2:12: invalid UTF-8: byte 0xe9 cannot start or continue a "
                "character; save the file as UTF-8")
SYNTAX = b'id: SPEC-0002\ntitle: [caf\n' + REST
IN_THE_ID = b'id: SPEC-0002\xe9\ntitle: "cafe"\n' + REST  # no id line that reads safely


def names_in_report() -> tuple[list[str], list[str], str]:
    """The report's names of its unreadable specs (at HEAD; of unreadable fields), cold
    and warm alike, and its stderr."""
    document, stderr = json_report()
    section = document["integrity"]
    return (section["unreadable_specs"], [row["spec"] for row in section["unreadable_fields"]],
            stderr)


@pytest.mark.parametrize("raw", [LATIN_1, SYNTAX], ids=["latin-1", "yaml-syntax"])
def test_a_committed_file_is_named_by_its_id_line_everywhere(git_repo: GitRepo,
                                                             raw: bytes) -> None:
    git_repo.commit("cafe", {PATH: raw})
    validate = run_cli("validate")
    assert validate.exit_code == 1
    assert f"{PATH}:2:" in validate.stdout
    unreadable, fields, stderr = names_in_report()
    assert (unreadable, fields) == (["SPEC-0002"], ["SPEC-0002"])
    assert "specrepo: warning: SPEC-0002: HEAD's version cannot be read: " in stderr
    assert "SPEC-0002-cafe" not in stderr.replace(PATH, "")
    for named, shown in (("SPEC-0002", f"SPEC-0002 ({PATH})"), (PATH, PATH)):
        timeline = run_cli("timeline", named, no_traceback=True)
        assert timeline.exit_code == 2
        assert timeline.stderr.startswith(f"specrepo: error: {shown}: HEAD's version of this "
                                          f"file cannot be read ({PATH}:2:"), timeline.stderr
        assert timeline.stderr.endswith("and no version of it before could, so it has no "
                                        "history\n")


def test_validate_places_the_undecodable_byte(git_repo: GitRepo) -> None:
    git_repo.commit("cafe", {PATH: LATIN_1})
    assert run_cli("validate").stdout.startswith(
        f"{PATH}:2:12: error: invalid UTF-8: byte 0xe9 cannot start or continue a character; "
        "save the file as UTF-8 [yaml-encoding]\n")  # the byte's line and column
    assert LATIN_1_SAID in run_cli("timeline", "SPEC-0002").stderr


def test_an_id_line_that_does_not_read_names_it_by_its_path(git_repo: GitRepo) -> None:
    git_repo.commit("cafe", {PATH: IN_THE_ID})
    unreadable, fields, stderr = names_in_report()
    assert (unreadable, fields) == ([PATH], [PATH])
    assert f"specrepo: warning: {PATH}: HEAD's version cannot be read: {PATH}:1:" in stderr
    timeline = run_cli("timeline", PATH)
    assert (timeline.exit_code, timeline.stderr.startswith(
        f"specrepo: error: {PATH}: HEAD's version of this file cannot be read")) == (2, True)
    by_id = run_cli("timeline", "SPEC-0002")  # it may be this file: named as a maybe
    assert by_id.exit_code == 2
    assert f"HEAD's version of 1 spec file cannot be read ({PATH}:1:" in by_id.stderr


def test_a_file_not_committed_yet_is_named_and_said_so(git_repo: GitRepo) -> None:
    git_repo.commit("first", {"specs/SPEC-0001.yaml": LATIN_1.replace(b"0002", b"0001")
                              .replace(b"caf\xe9", b"cafe")})
    git_repo.write(PATH, LATIN_1)
    _, fields, _ = names_in_report()
    assert fields == ["SPEC-0002"]
    timeline = run_cli("timeline", "SPEC-0002", no_traceback=True)
    assert timeline.exit_code == 2
    assert timeline.stderr == (f"specrepo: error: SPEC-0002 ({PATH}): not committed yet, so "
                               "it has no history; commit it, then run `specrepo timeline` "
                               "again\n")


def test_a_spec_readable_before_keeps_its_timeline(git_repo: GitRepo) -> None:
    git_repo.commit("cafe", {PATH: LATIN_1.replace(b"caf\xe9", b"cafe")})
    git_repo.commit("latin-1", {PATH: LATIN_1})
    unreadable, fields, _ = names_in_report()
    assert (unreadable, fields) == (["SPEC-0002"], ["SPEC-0002"])
    timeline = run_cli("timeline", "SPEC-0002")
    assert timeline.exit_code == 0
    assert timeline.stdout.startswith(f"SPEC-0002 ({PATH})\n")
