"""`specrepo timeline` and `specrepo validate --history` on real repositories."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from tests.history.gitrepo import GitRepo, spec_text
from tests.support import run_cli

PATH = "specs/SPEC-0001.yaml"
REVIEWED = "reviewers: [Grace Hopper]\n"


@pytest.fixture
def skipped_review(git_repo: GitRepo) -> str:
    """Draft straight to Approved (skipping review), then a legal move to Implemented."""
    git_repo.commit("Draft", {PATH: spec_text()})
    bad = git_repo.commit("Approve without review", {PATH: spec_text(status="Approved",
                                                                  extra=REVIEWED)},
                          author="Grace Hopper")
    git_repo.commit("Ship", {PATH: spec_text(status="Implemented", extra=REVIEWED)})
    return bad


def test_timeline_table(git_repo: GitRepo, skipped_review: str) -> None:
    result = run_cli("timeline", "SPEC-0001")
    assert result.exit_code == 0
    lines = result.output.splitlines()
    assert lines[0] == "SPEC-0001 (specs/SPEC-0001.yaml)"
    assert any(line.startswith("2026-01-03  " + skipped_review[:10]) and "Approved" in line
               for line in lines)
    assert lines[-1].split() == ["Implemented", "2026-01-04", "0.0"]


def test_timeline_json_shape(git_repo: GitRepo, skipped_review: str) -> None:
    document = json.loads(run_cli("timeline", PATH, "--format", "json").output)
    assert document["version"] == 1
    assert document["spec"] == "SPEC-0001"
    assert set(document["events"][0]) >= {"commit", "author", "email", "date", "kind", "field",
                                          "from", "to"}
    assert [period["status"] for period in document["statuses"]] == [
        "Draft", "Approved", "Implemented"]
    assert document["statuses"][0] == {
        "status": "Draft", "since": "2026-01-02T00:00:00Z", "until": "2026-01-03T00:00:00Z",
        "days": 1.0, "commit": document["events"][0]["commit"]}


def test_timeline_markdown(git_repo: GitRepo, skipped_review: str) -> None:
    output = run_cli("timeline", "SPEC-0001", "--format", "markdown").output
    assert output.startswith("## Timeline of SPEC-0001\n\n| date ")


def test_timeline_of_an_unknown_spec(git_repo: GitRepo, skipped_review: str) -> None:
    result = run_cli("timeline", "SPEC-9999")
    assert result.exit_code == 2
    assert "no spec with the id 'SPEC-9999'" in result.output


@pytest.mark.parametrize("argument", ["specs", "specs/", "."])
def test_timeline_of_a_folder_says_it_is_one_and_what_timeline_takes(
        git_repo: GitRepo, skipped_review: str, argument: str) -> None:
    """A new user's `timeline specs` was told "no spec with the id 'specs'"."""
    result = run_cli("timeline", argument)
    assert result.exit_code == 2
    assert result.stderr == (
        f"specrepo: error: {argument}: a folder; timeline takes one spec, by its file or its "
        "id (`specrepo timeline SPEC-0001`); `specrepo report` lists them\n")


@pytest.mark.parametrize("argument", ["SPEC-0001", "specs/SPEC-0001.yaml"])
@pytest.mark.parametrize("output_format", ["table", "json"])
def test_timeline_before_the_first_commit_says_there_is_none(
        git_repo: GitRepo, argument: str, output_format: str) -> None:
    """A fresh `git init` whose specs are not committed yet: the spec exists, it has no
    history because nothing is committed (not "no spec with the id")."""
    git_repo.write("specs/SPEC-0001.yaml", spec_text())
    result = run_cli("timeline", argument, "--format", output_format)
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == (
        f"specrepo: error: the repository has no commits yet, so {argument} has no history; "
        "commit the specs (`git add` and `git commit`), then run `specrepo timeline` again\n")


def test_output_is_deterministic(git_repo: GitRepo, skipped_review: str) -> None:
    assert run_cli("timeline", "SPEC-0001", "--format", "json").output == \
        run_cli("timeline", "SPEC-0001", "--format", "json").output


def test_validate_history_reports_illegal_moves(git_repo: GitRepo, skipped_review: str) -> None:
    assert run_cli("validate").exit_code == 0
    result = run_cli("validate", "--history")
    assert result.exit_code == 1
    assert result.output.splitlines() == [
        f"specs/SPEC-0001.yaml:3:9: error: commit {skipped_review[:10]} by Grace Hopper on "
        "2026-01-03 moved the status from Draft to Approved, which the workflow does not allow "
        "(from Draft: In Review, Rejected, Withdrawn, Superseded) [illegal-transition] "
        "($.status)",
        "1 file checked: 1 error",
    ]


def test_validate_history_since_a_ref(git_repo: GitRepo, skipped_review: str) -> None:
    assert run_cli("validate", "--history", "--since", "HEAD~2").exit_code == 1
    assert run_cli("validate", "--history", "--since", "HEAD~1").exit_code == 0
    unknown = run_cli("validate", "--history", "--since", "no-such-branch")
    assert unknown.exit_code == 2
    assert "unknown revision 'no-such-branch'" in unknown.output


def test_since_needs_history(git_repo: GitRepo) -> None:
    git_repo.commit("Draft", {PATH: spec_text()})
    assert run_cli("validate", "--since", "HEAD").exit_code == 2


def test_illegal_move_of_a_deleted_spec_is_reported_at_its_last_path(git_repo: GitRepo) -> None:
    git_repo.commit("Draft", {PATH: spec_text()})
    git_repo.commit("Jump", {PATH: spec_text(status="Implemented", extra=REVIEWED)})
    gone = git_repo.commit("Gone", {PATH: None})
    # specs/ reads nothing now: its last spec's removal judged, --allow-empty or not (a
    # fresh clone has no specs/ folder at all), as an emptied location's (swapwalk49)
    for options in ((), ("--allow-empty",)):
        result = run_cli("validate", "--history", *options)
        assert result.exit_code == 1
        assert result.output.startswith(
            f"specs/SPEC-0001.yaml (removed in commit {gone[:10]}): error: commit ")


def test_a_spec_deleted_as_draft_and_back_as_approved_skipped_review(git_repo: GitRepo) -> None:
    git_repo.commit("Draft", {PATH: spec_text()})
    git_repo.commit("Gone", {PATH: None})
    back = git_repo.commit("Back, approved", {"specs/SPEC-0001-again.yaml": spec_text(
        status="Approved", extra=REVIEWED)}, author="Grace Hopper")
    result = run_cli("validate", "--history")
    assert result.exit_code == 1
    assert (f"specs/SPEC-0001-again.yaml:3:9: error: commit {back[:10]} by Grace Hopper on "
            "2026-01-04 brought the spec back as Approved (it was deleted as Draft), which "
            "the workflow does not allow (from Draft: In Review, Rejected, Withdrawn, "
            "Superseded)") in result.output
    report = json.loads(run_cli("report", "--format", "json").stdout)
    assert [(move["from"], move["to"], move["commit"])
            for move in report["integrity"]["illegal_transitions"]] == [
        ("Draft", "Approved", back)]
    assert run_cli("report", "--fail-on", "illegal-transitions").exit_code == 1


def test_a_spec_back_in_the_status_it_was_deleted_in_is_no_move(git_repo: GitRepo) -> None:
    git_repo.commit("Review", {PATH: spec_text(status="In Review", extra=REVIEWED)})
    git_repo.commit("Gone", {PATH: None})
    git_repo.commit("Back", {PATH: spec_text(status="In Review", extra=REVIEWED)})
    git_repo.commit("Approve", {PATH: spec_text(status="Approved", extra=REVIEWED)})
    assert run_cli("validate", "--history").exit_code == 0


def test_the_rule_can_be_turned_into_a_warning(git_repo: GitRepo, skipped_review: str) -> None:
    (git_repo.root / "specrepo.yaml").write_text("rules: {illegal-transition: warning}\n")
    result = run_cli("validate", "--history")
    assert result.exit_code == 0
    assert "warning: commit" in result.output


def test_history_outside_a_repository_is_a_clear_error(tmp_path: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "specs").mkdir()
    monkeypatch.chdir(tmp_path)
    result = run_cli("timeline", "SPEC-0001")
    assert result.exit_code == 2
    assert "not inside a git repository" in result.output


@pytest.mark.parametrize("traced", [False, True], ids=["no trace config", "trace config"])
@pytest.mark.parametrize("arguments", [("validate",), ("validate", "--history"), ("report",),
                                       ("diff",), ("timeline", "SPEC-0001"), ("trace",),
                                       ("trace", "--fail-on", "suspect"), ("site", "--check"),
                                       ("render", "--check"),
                                       ("new", "X", "--author", "Ada <ada@example.com>")])
def test_a_git_folder_git_no_longer_takes_is_a_broken_repository(
        git_repo: GitRepo, arguments: tuple[str, ...], traced: bool) -> None:
    """`.git/HEAD` deleted (newuser60): git answers "not a git repository", yet `.git`
    is there; every command says the repository is broken (exit 2), none reads the folder
    as one outside any repository: `trace` with no `trace:` scans too, which asks git
    nothing else (broken61 o7), and `trace` and `site` with them (o5)."""
    traced_files = {"specrepo.yaml": "specs: specs\ntrace:\n  tests: [tests/**]\n",
                    "tests/test_a.py": "# SPEC-0001/FR-1\n"} if traced else {}
    git_repo.commit("One", {"specs/SPEC-0001.yaml": spec_text(), **traced_files})
    (git_repo.root / ".git" / "HEAD").unlink()
    result = run_cli(*arguments, no_traceback=True)
    assert result.exit_code == 2, result.output
    assert (f"error: the repository at {git_repo.root / '.git'} is broken: git does not take "
            "it for one (fatal: not a git repository") in result.stderr
    assert "run `git init`" not in result.stderr


def test_shallow_clone_through_the_command_line(git_repo: GitRepo, skipped_review: str,
                                                tmp_path: Path,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    clone = tmp_path / "clone"
    subprocess.run(["git", "clone", "-q", "--depth", "1", f"file://{git_repo.root}", str(clone)],
                   check=True)
    monkeypatch.chdir(clone)
    refused = run_cli("validate", "--history")
    assert refused.exit_code == 2
    assert "fetch-depth: 0" in refused.output
    allowed = run_cli("validate", "--history", "--allow-shallow")
    assert allowed.exit_code == 0
    assert "warning: history is incomplete: shallow clone" in allowed.output


def test_a_spec_only_an_earlier_configuration_named_is_judged_while_it_was_read(
        git_repo: GitRepo, skipped_review: str) -> None:
    """Its skipped review, made while the configuration read it, stays judged (hist35: it
    was dropped with the spec in silence), and so is the configuration taking it out of
    the spec set while Implemented (an approved spec leaves only from a state outside
    `approved`)."""
    moved_on = git_repo.commit("Specs move on", {
        "specrepo.yaml": "specs: active\n", "active/SPEC-0002.yaml": spec_text("SPEC-0002")})
    result = run_cli("validate", "--history")
    assert result.exit_code == 1, result.output
    assert f"commit {skipped_review[:10]} by Grace Hopper" in result.output
    assert f"commit {moved_on[:10]} by Ada Lovelace" in result.output
    assert "removed the spec from the spec set" in result.output
    github = run_cli("validate", "--history", "--format", "github").output  # still there
    assert f"::error file={PATH},line=1,col=1,title=specrepo illegal-transition::" in github
    report = json.loads(run_cli("report", "--format", "json").stdout)
    assert {(move["spec"], move["commit"], move["from"], move["to"])
            for move in report["integrity"]["illegal_transitions"]} == {
        ("SPEC-0001", skipped_review, "Draft", "Approved"),
        ("SPEC-0001", moved_on, "Implemented", None)}
    assert [spec["id"] for spec in report["specs"]] == ["SPEC-0002"]


def test_a_removed_approved_spec_is_located_in_no_line_of_a_file_head_lacks(
        git_repo: GitRepo, skipped_review: str) -> None:
    """No format places the finding at `specs/SPEC-0001.yaml:1:1`, a line of a file HEAD
    lacks (trial35 for GitHub; fix36c for the rest): text, JUnit and the job summary say
    the path and the commit that removed it, JSON gives no line nor column and names
    that commit, SARIF locates the whole file (no region) as a deleted artifact, GitHub's
    annotation names no file. A file that is still there (out of the spec set) is
    located where it is."""
    git_repo.commit("Other", {"specs/SPEC-0002.yaml": spec_text("SPEC-0002")})
    dropped = git_repo.commit("Drop it", {PATH: None})
    gone = f"{PATH} (removed in commit {dropped[:10]})"
    text = run_cli("validate", "--history")
    assert text.exit_code == 1, text.output
    assert f"{gone}: error: commit {dropped[:10]} by " in text.output
    assert f"{PATH}:1:1" not in text.output
    github = run_cli("validate", "--history", "--format", "github")
    annotation = next(line for line in github.output.splitlines() if "removed the" in line)
    assert annotation.startswith(
        f"::error title=specrepo illegal-transition::{gone}: commit ")
    [finding] = [finding for finding in json.loads(run_cli(
        "validate", "--history", "--format", "json").output)["findings"]
        if "removed the" in finding["message"]]
    assert (finding["file"], finding["line"], finding["column"], finding["removed_in"]) \
        == (PATH, None, None, dropped)
    sarif = json.loads(run_cli("validate", "--history", "--format", "sarif").output)
    [result] = [result for result in sarif["runs"][0]["results"]
                if "removed the" in result["message"]["text"]]
    assert result["locations"] == [{"physicalLocation": {"artifactLocation": {
        "uri": PATH, "index": 0}}}]
    assert sarif["runs"][0]["artifacts"] == [{
        "location": {"uri": PATH}, "roles": ["deleted"],
        "properties": {"removed_in": dropped}}]
    junit = run_cli("validate", "--history", "--format", "junit").output
    assert f"{gone}: error: commit" in junit and f"{PATH}:1:1" not in junit


def test_timeline_follows_a_path_the_spec_had(git_repo: GitRepo) -> None:
    """`timeline PATH` of a file since renamed or deleted shows the spec that had it, as
    `timeline ID` lists that path (trial50b), never reading the path as an id."""
    git_repo.commit("A spec", {"specs/SPEC-0001.yaml": spec_text("SPEC-0001")})
    git_repo.git("mv", "specs/SPEC-0001.yaml", "specs/SPEC-0001-renamed.yaml")
    git_repo.commit("Renamed")
    git_repo.commit("Another", {"specs/SPEC-0002.yaml": spec_text("SPEC-0002")})
    git_repo.commit("Deleted", {"specs/SPEC-0002.yaml": None})
    by_id = run_cli("timeline", "SPEC-0001")
    by_path = run_cli("timeline", "specs/SPEC-0001.yaml")
    assert by_path.exit_code == 0, by_path.stderr
    assert by_path.stdout == by_id.stdout
    assert run_cli("timeline", "specs/SPEC-0002.yaml").stdout \
        == run_cli("timeline", "SPEC-0002").stdout
    unknown = run_cli("timeline", "specs/SPEC-0009.yaml")
    assert unknown.exit_code == 2
    assert unknown.stderr == ("specrepo: error: specs/SPEC-0009.yaml: no spec file at this "
                              "path, now or in the history of this repository\n")


@pytest.mark.parametrize("argument", ["SPEC-0009.yaml", "specs/SPEC-0009", "rfc.md"])
def test_timeline_of_a_path_no_spec_ever_had_says_so(git_repo: GitRepo, argument: str) -> None:
    """An argument with a folder in it, or a spec file's ending, is a path the user meant:
    never said to be an unknown id."""
    git_repo.commit("A spec", {"specs/SPEC-0001.yaml": spec_text("SPEC-0001")})
    result = run_cli("timeline", argument)
    assert result.exit_code == 2
    assert result.stderr == (f"specrepo: error: {argument}: no spec file at this path, now or "
                             "in the history of this repository\n")
