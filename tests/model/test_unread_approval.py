"""An approval whose approved version does not load (the approving commit breaks the YAML,
the next fixes it and changes protected text), on real repositories: `validate --history`,
`report` and `diff --since-approval` give one answer, cold and warm (broken62)."""

from __future__ import annotations

import json
from typing import Any

import jsonschema
import pytest

from specrepo.load.schema_source import bundled_schema
from tests.history.gitrepo import GitRepo, spec_text
from tests.support import run_cli

PATH = "specs/SPEC-0001.yaml"
REVIEWED = "reviewers: [Grace Hopper]\n"
BROKEN = "testing: [unclosed\n"
TRAILER = "\n\nApproved-by: Grace Hopper <grace@example.com>"


def approved(summary: str = "Why and what.") -> str:
    return spec_text(status="Approved", extra=REVIEWED).replace("Why and what.", summary)


def approve_broken(repo: GitRepo, by: str) -> tuple[str, str, str]:
    """SPEC-0001 drafted, in review, approved in a commit that breaks its YAML (by a
    trailer, or by the move Grace Hopper makes), fixed next with its summary changed:
    the commits in review, approving and fixing."""
    repo.commit("draft", {PATH: spec_text(extra=REVIEWED)})
    review = repo.commit("review", {PATH: spec_text(status="In Review", extra=REVIEWED)})
    broken = repo.commit("approve" + (TRAILER if by == "trailer" else ""),
                         {PATH: approved() + BROKEN},
                         author="Ada Lovelace" if by == "trailer" else "Grace Hopper")
    fixed = repo.commit("fix", {PATH: approved("Changed quietly.")})
    return review, broken, fixed


def twice(*arguments: str) -> tuple[int, str]:
    """The exit code and output of a cold run, checked the same as a warm one's."""
    cold = run_cli(*arguments)
    warm = run_cli(*arguments)
    assert (warm.exit_code, warm.stdout) == (cold.exit_code, cold.stdout)
    return cold.exit_code, cold.stdout


def unapproved_json(stdout: str) -> list[dict[str, Any]]:
    """The report's changes after approval, its document valid by its schema."""
    document = json.loads(stdout)
    jsonschema.Draft202012Validator(bundled_schema("report.schema.json")).validate(document)
    changes: list[dict[str, Any]] = document["integrity"]["changed_after_approval"]
    return changes


@pytest.mark.parametrize("by", ["trailer", "move"])
def test_validate_compares_with_the_version_before_the_unread_approval(
        git_repo: GitRepo, by: str) -> None:
    review, broken, fixed = approve_broken(git_repo, by)
    code, stdout = twice("validate", "--history")
    assert code == 1
    assert (f"summary changed after SPEC-0001 was approved (section-changed in commit "
            f"{fixed[:10]} (the versions since commit {broken[:10]} could not be read) by "
            "Ada Lovelace on 2026-01-05; the approved version could not "
            f"be read (commit {broken[:10]}), so it is compared with its last readable "
            f"version before its approval, in commit {review[:10]} on 2026-01-03), and not "
            "approved since") in stdout
    assert "[changed-after-approval]" in stdout


@pytest.mark.parametrize("output", ["json", "sarif"])
def test_machine_outputs_name_the_unread_version_by_its_full_id(
        git_repo: GitRepo, output: str) -> None:
    """Beside the full `commit` and `approved_commit`, the unread version's commit is full
    too (small63: it was cut to 10 characters, as messages name commits)."""
    review, broken, fixed = approve_broken(git_repo, "trailer")
    code, stdout = twice("validate", "--history", "--format", output)
    assert code == 1
    document = json.loads(stdout)
    found = document["findings"] if output == "json" else document["runs"][0]["results"]
    assert [(finding["properties"]["commit"], finding["properties"]["approved_commit"],
             finding["properties"]["approved_version_unread"]) for finding in found
            if "approved_version_unread" in finding["properties"]] == [(fixed, review, broken)]


@pytest.mark.parametrize("by", ["trailer", "move"])
def test_report_shows_the_change_since_the_version_before_the_unread_approval(
        git_repo: GitRepo, by: str) -> None:
    review, broken, fixed = approve_broken(git_repo, by)
    code, stdout = twice("report", "--format", "json")
    assert code == 0
    assert [(change["spec"], change["path"], change["commit"], change["approved_commit"],
             change["approved_version_unread"]["commits"])
            for change in unapproved_json(stdout)] == [
        ("SPEC-0001", "summary", fixed, review, [broken])]
    assert ("the approved version of SPEC-0001 could not be read"
            in unapproved_json(stdout)[0]["approved_version_unread"]["why"])
    code, stdout = twice("report")
    assert (f"2026-01-03 ({review[:10]}), before its approval; approved version "
            f"{broken[:10]} unread") in stdout
    code, _ = twice("report", "--fail-on", "changed-after-approval")
    assert code == 1


def test_diff_still_fails_the_same_shape(git_repo: GitRepo) -> None:
    """diff --since-approval, warm as cold, as broken61 made it (its wording unchanged)."""
    review, _, _ = approve_broken(git_repo, "move")
    code, stdout = twice("diff", "--since-approval", "--exit-code")
    assert code == 1
    assert f"since commit {review[:10]}, its last readable version before its approval" \
        in stdout


def test_with_no_readable_version_before_the_approval_every_command_fails(
        git_repo: GitRepo) -> None:
    """The spec's first version is the broken approving one: what changed since the
    approval is not known, a finding (never silent), as diff's warning fails it."""
    broken = git_repo.commit("approve" + TRAILER, {PATH: approved() + BROKEN})
    fixed = git_repo.commit("fix", {PATH: approved("Changed quietly.")})
    code, stdout = twice("validate", "--history")
    assert code == 1
    assert (f"what changed after SPEC-0001 was approved is not known (its approved version "
            f"could not be read: commit {broken[:10]}; its approval is read at commit "
            f"{fixed[:10]}") in stdout
    code, stdout = twice("report", "--format", "json")
    assert [(change["commit"], change["approved_version_unread"]["commits"])
            for change in unapproved_json(stdout)] == [(fixed, [broken])]
    assert "not compared (no earlier version of it reads)" in stdout
    code, stdout = twice("diff", "--since-approval", "--exit-code")
    assert code == 1


@pytest.mark.parametrize("by", ["trailer", "move"])
def test_a_change_undone_since_the_version_before_is_not_known_either(
        git_repo: GitRepo, by: str) -> None:
    """The summary back to the reviewed text byte for byte: HEAD holds the last readable
    version's protected content, but what was approved is not known (the approving
    commit may have changed what the revert changed back), so every command fails it,
    as diff's warning does, warm as cold."""
    review, broken, fixed = approve_broken(git_repo, by)
    git_repo.commit("revert", {PATH: approved()})
    code, stdout = twice("validate", "--history")
    assert code == 1
    assert (f"what changed after SPEC-0001 was approved is not known (its approved version "
            f"could not be read: commit {broken[:10]}; its approval is read at commit "
            f"{fixed[:10]}") in stdout
    assert (f"and its last readable version before it, in commit {review[:10]}, holds the "
            "protected content HEAD does), and not approved since") in stdout
    code, stdout = twice("report", "--format", "json")
    assert [(change["commit"], change["approved_commit"],
             change["approved_version_unread"]["commits"])
            for change in unapproved_json(stdout)] == [(fixed, review, [broken])]
    code, _ = twice("diff", "--since-approval", "--exit-code")
    assert code == 1


def test_the_site_marks_what_the_other_commands_find(git_repo: GitRepo) -> None:
    """The site's spec page marks the fixing commit's change as not approved since, and,
    where nothing changed since the version before, the approval itself as not known."""
    approve_broken(git_repo, "move")
    built = run_cli("site", "--out", "site")
    assert built.exit_code == 0, built.output
    page = (git_repo.root / "site" / "specs" / "SPEC-0001.html").read_text(encoding="utf-8")
    assert "protected, not approved since" in page
    git_repo.commit("revert", {PATH: approved()})
    built = run_cli("site", "--out", "site")
    assert built.exit_code == 0, built.output
    page = (git_repo.root / "site" / "specs" / "SPEC-0001.html").read_text(encoding="utf-8")
    assert "what changed since this approval is not known" in page
