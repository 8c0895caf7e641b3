"""A spec whose version at HEAD cannot be read stays in the report with its last readable
values, and gates measure it as they did before it broke; a spec with no history has no
age. Integrity's categories are exact and exclusive."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from tests.history.gitrepo import GitRepo, spec_text
from tests.support import run_cli

PATH = "specs/SPEC-0001.yaml"
REVIEWED = "reviewers: [Grace Hopper]\n"
GATES = ("--fail-on", "stale,waiting-reviews", "--now", "2026-06-01")


def report(*arguments: str) -> tuple[int, dict[str, Any]]:
    result = run_cli("report", "--format", "json", *arguments)
    assert result.exit_code in (0, 1), result.output
    document: dict[str, Any] = json.loads(result.stdout)
    return result.exit_code, document


def statuses(document: dict[str, Any]) -> list[tuple[str, str]]:
    return [(spec["id"], spec["status"]) for spec in document["specs"]]


def integrity(document: dict[str, Any]) -> tuple[list[str], list[str], list[str]]:
    """The paths named unreadable at HEAD, without history, and by id (unreadable)."""
    section = document["integrity"]
    return ([note["path"] for note in section["unreadable_at_head"]],
            [note["path"] for note in section["spec_notes"]], section["unreadable_specs"])


@pytest.fixture
def repo(git_repo: GitRepo) -> GitRepo:
    """SPEC-0001 In Review, waiting on Grace Hopper since day 1; SPEC-0002 Draft."""
    git_repo.commit("Review", {PATH: spec_text(status="In Review", extra=REVIEWED),
                               "specs/SPEC-0002.yaml": spec_text("SPEC-0002")})
    code, document = report(*GATES)
    assert code == 1 and document["failed_conditions"] == ["stale", "waiting-reviews"]
    return git_repo


BROKEN = {
    "a status that does not fit the schema": spec_text(status="In Reviw", extra=REVIEWED),
    "a version that does not load": "id: SPEC-0001\ntitle: [unclosed\n",
    "a file that is not a mapping": "- just\n- a list\n",
}


@pytest.mark.parametrize("text", BROKEN.values(), ids=BROKEN.keys())
def test_a_spec_unreadable_at_head_keeps_its_last_readable_values(
        repo: GitRepo, text: str, request: pytest.FixtureRequest) -> None:
    repo.commit("Broken", {PATH: text})
    code, document = report(*GATES)
    assert code == 1
    assert document["failed_conditions"] == ["stale", "waiting-reviews"]
    assert statuses(document) == [("SPEC-0001", "In Review"), ("SPEC-0002", "Draft")]
    assert [(wait["reviewer"], [w["spec"] for w in wait["waiting"]])
            for wait in document["reviewers"]] == [("Grace Hopper", ["SPEC-0001"])]
    assert "SPEC-0001" in [stale["spec"] for stale in document["stale"]]
    assert integrity(document) == ([PATH], [], ["SPEC-0001"])
    reason = document["integrity"]["unreadable_at_head"][0]["reason"]
    # a version that reads is not unreadable: it fails the schema, as validate says (low59)
    assert reason.startswith("HEAD's version reads, but fails `specrepo validate`: "
                             if "schema" in request.node.name else
                             "HEAD's version cannot be read: ")
    assert reason.endswith("(its last readable values are reported)")


def test_the_table_names_it_once_and_the_filters_find_it(repo: GitRepo) -> None:
    repo.commit("Typo", {PATH: spec_text(status="In Reviw", extra=REVIEWED)})
    result = run_cli("report", "--status", "In Review", "--reviewer", "Grace Hopper")
    assert result.exit_code == 0
    assert "SPEC-0001" in result.stdout.split("Reviewers\n")[0]  # in the Specs table
    history = [" ".join(line.split()) for line in result.stdout.split("History\n")[1].split("\n")]
    assert any(line.startswith("specs unreadable at HEAD SPEC-0001 (HEAD's version reads, but "
                               "fails `specrepo validate`: specs/SPEC-0001.yaml:3:9: 'In Reviw'")
               for line in history)
    assert "specs without history none" in history
    assert "no spec" not in result.stderr  # the filters match the spec's last values
    # what validate says of it, at file:line:col: the bundled schema's enum refuses it
    said = ("'In Reviw' is not one of 'Draft', 'In Review', 'Approved', 'Implemented', "
            "'Rejected', 'Withdrawn', 'Superseded'; did you mean 'In Review'?")
    assert (f"SPEC-0001: HEAD's version reads, but fails `specrepo validate`: {PATH}:3:9: "
            f"{said}") in result.stderr
    assert f"{PATH}:3:9: error: {said} [schema]" in run_cli("validate").stdout


def test_a_renumbered_spec_with_a_broken_status(repo: GitRepo) -> None:
    repo.git("mv", PATH, "specs/SPEC-0009.yaml")
    repo.commit("Renumber, typo", {"specs/SPEC-0009.yaml": spec_text(
        "SPEC-0009", status="In Reviw", extra=REVIEWED)})
    code, document = report(*GATES)
    assert code == 1
    assert statuses(document) == [("SPEC-0002", "Draft"), ("SPEC-0009", "In Review")]
    assert integrity(document) == (["specs/SPEC-0009.yaml"], [], ["SPEC-0009"])


def test_a_moved_spec_with_a_broken_version(repo: GitRepo) -> None:
    repo.git("mv", PATH, "specs/SPEC-0001-moved.yaml")
    repo.commit("Move, typo", {"specs/SPEC-0001-moved.yaml": spec_text(
        status="In Reviw", extra=REVIEWED)})
    code, document = report(*GATES)
    assert code == 1
    assert statuses(document) == [("SPEC-0001", "In Review"), ("SPEC-0002", "Draft")]
    assert integrity(document)[0] == ["specs/SPEC-0001-moved.yaml"]


MARKDOWN_CONFIG = "specs: docs\nfront_matter: true\nrules: {file-name: \"off\"}\n"


def markdown_spec(status: str) -> str:
    return f"---\n{spec_text(status=status, extra=REVIEWED)}---\n\n# A spec\n"


def test_a_markdown_spec_whose_front_matter_broke(tmp_path: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    repo = GitRepo(tmp_path / "md")
    repo.commit("Review", {"specrepo.yaml": MARKDOWN_CONFIG,
                           "docs/a.md": markdown_spec("In Review")})
    monkeypatch.chdir(repo.root)
    repo.commit("Broken", {"docs/a.md": markdown_spec("In Review").replace("---\n", "", 1)})
    code, document = report(*GATES)
    assert code == 1
    assert statuses(document) == [("SPEC-0001", "In Review")]
    assert integrity(document) == (["docs/a.md"], [], ["SPEC-0001"])


def test_a_markdown_file_that_never_had_front_matter_is_unreadable_at_head(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    repo = GitRepo(tmp_path / "md")
    repo.commit("Specs", {"specrepo.yaml": MARKDOWN_CONFIG,
                          "docs/a.md": markdown_spec("Draft"), "docs/notes.md": "# Notes\n"})
    monkeypatch.chdir(repo.root)
    result = run_cli("report", "--format", "json")
    document = json.loads(result.stdout)
    # every configured file is a row, what cannot be read of it flagged (rptdrop)
    assert statuses(document) == [("docs/notes.md", "(unreadable)"), ("SPEC-0001", "Draft")]
    # named by its path: it shows no id (never by its file name's stem, `notes`)
    assert integrity(document) == (["docs/notes.md"], [], ["docs/notes.md"])
    reason = document["integrity"]["unreadable_at_head"][0]["reason"]
    assert "front matter" in reason and reason.endswith("so it has no history")
    assert "docs/notes.md: HEAD's version cannot be read: docs/notes.md:1:1: " in result.stderr


def test_a_spec_with_no_history_has_no_age(repo: GitRepo) -> None:
    repo.write("specs/SPEC-0003.yaml", spec_text("SPEC-0003", status="In Review",
                                                 extra="reviewers: [Alan Turing]\n"))
    code, document = report()
    assert code == 0
    waits = {load["reviewer"]: load["waiting"] for load in document["reviewers"]}
    assert waits["Alan Turing"] == [{"spec": "SPEC-0003", "days": None}]
    spec = next(spec for spec in document["specs"] if spec["id"] == "SPEC-0003")
    assert (spec["since"], spec["days_in_status"], spec["days_in_review"],
            spec["days_to_approval"]) == (None, None, None, None)
    assert integrity(document) == ([], ["specs/SPEC-0003.yaml"], [])
    assert run_cli("report", "--fail-on", "waiting-reviews").exit_code == 1  # it still waits
    table = run_cli("report", "reviewers").stdout
    assert "SPEC-0003 (no history to date it)" in table
    assert "days)" not in table.split("Alan Turing")[1].split("\n")[0]


def test_the_site_shows_no_wait_time_without_a_date(repo: GitRepo) -> None:
    repo.write("specs/SPEC-0003.yaml", spec_text("SPEC-0003", status="In Review",
                                                 extra="reviewers: [Alan Turing]\n"))
    assert run_cli("site", "--out", "site").exit_code == 0
    page = (repo.root / "site" / "reviewers.html").read_text()
    rows = [row for row in page.split("<tr>") if row.startswith('<th scope="row">Alan Turing')]
    assert len(rows) == 2 and "SPEC-0003" in rows[1]
    assert all(row.count("unknown") == (1 if row is rows[0] else 2) for row in rows)
    assert "1970" not in page


@pytest.fixture
def linked(git_repo: GitRepo) -> GitRepo:
    """SPEC-0001 Draft; specs/SPEC-0002.yaml committed as a link to shared/SPEC-0002.yaml."""
    git_repo.commit("Draft", {PATH: spec_text()})
    git_repo.write("shared/SPEC-0002.yaml", spec_text("SPEC-0002", status="In Review",
                                                      extra=REVIEWED))
    (git_repo.root / "specs" / "SPEC-0002.yaml").symlink_to("../shared/SPEC-0002.yaml")
    return git_repo


def test_a_spec_committed_as_a_broken_link_is_unreadable_at_head(linked: GitRepo) -> None:
    """HEAD holds the link, not the file it leads to (a checkout of HEAD, CI's, reads a
    broken link): no gate that reads its fields passes on it, as `validate` fails it."""
    linked.git("add", "specs/SPEC-0002.yaml")
    linked.git("commit", "-q", "-m", "Link, without its target")
    (linked.root / "shared" / "SPEC-0002.yaml").unlink()
    code, document = report("--fail-on", "waiting-reviews")
    assert code == 1 and document["failed_conditions"] == ["waiting-reviews"]
    assert integrity(document)[:2] == (["specs/SPEC-0002.yaml"], [])
    [note] = document["integrity"]["unreadable_at_head"]
    assert note["reason"].startswith("HEAD's version cannot be read: a symbolic link to "
                                     "shared/SPEC-0002.yaml, which HEAD does not hold")


def test_a_spec_whose_link_the_work_tree_broke_stays_in_the_report(linked: GitRepo) -> None:
    """HEAD holds the link and the file it leads to; the work tree deleted the file (not
    committed): HEAD's spec is reported (its gates measured) as one deleted from the work
    tree, never dropped out of the report; the link is named as it is now."""
    linked.git("add", "specs/SPEC-0002.yaml", "shared/SPEC-0002.yaml")
    linked.git("commit", "-q", "-m", "Link and target")
    (linked.root / "shared" / "SPEC-0002.yaml").unlink()
    code, document = report("--fail-on", "waiting-reviews")
    assert code == 1 and document["failed_conditions"] == ["waiting-reviews"]
    assert statuses(document) == [("SPEC-0001", "Draft"), ("SPEC-0002", "In Review")]
    assert integrity(document)[0] == []
    assert [(note["path"], note["in_work_tree"], note["reason"])
            for note in document["integrity"]["spec_notes"]] == [
        ("shared/SPEC-0002.yaml", False,
         "in HEAD but not in the work tree (deleted or moved, not committed yet)"),
        ("specs/SPEC-0002.yaml", True, "cannot be read: broken symbolic link; nothing to read")]


def test_a_spec_file_the_work_tree_replaced_by_a_broken_link_stays(repo: GitRepo) -> None:
    """HEAD's spec file is now a link that leads nowhere (not committed): HEAD's version
    is reported, and the file named among those unreadable in the work tree."""
    (repo.root / PATH).unlink()
    (repo.root / PATH).symlink_to("gone.yaml")
    code, document = report(*GATES)
    assert code == 1 and document["failed_conditions"] == ["stale", "waiting-reviews"]
    assert statuses(document) == [("SPEC-0001", "In Review"), ("SPEC-0002", "Draft")]
    [note] = document["integrity"]["spec_notes"]
    assert (note["path"], note["unreadable"]) == (PATH, True)
    assert note["reason"] == "broken symbolic link; nothing to read: HEAD's version is reported"


def test_a_version_that_reads_but_fails_the_schema_is_never_called_unreadable(
        repo: GitRepo) -> None:
    """low59: report called a HEAD version whose status the schema refuses "cannot be
    read"; it reads, and validate names where it fails. validate --history and timeline
    never call it unreadable either; a version that does not load still is."""
    repo.commit("Typo", {PATH: spec_text(status="In Reviw", extra=REVIEWED)})
    said = f"{PATH}:3:9: 'In Reviw' is not one of"
    report = run_cli("report", no_traceback=True)
    assert f"SPEC-0001: HEAD's version reads, but fails `specrepo validate`: {said}" \
        in report.stderr
    history = run_cli("validate", "--history", no_traceback=True)
    assert f"{PATH}:1:1: warning: the history check skipped the fields it could not read in " \
           "1 committed version of this spec" in history.stdout
    timeline = run_cli("timeline", "SPEC-0001", no_traceback=True)
    assert timeline.exit_code == 0
    for output in (report.output, history.output, timeline.output):
        assert "cannot be read" not in output and "could not be read" not in output
    repo.commit("Broken", {PATH: "id: SPEC-0001\ntitle: [unclosed\n"})
    assert f"SPEC-0001: HEAD's version cannot be read: {PATH}:" in run_cli("report").stderr
