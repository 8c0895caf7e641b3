"""A spec's birth status is its first readable one: a spec added after adoption with a
status that cannot be read (a YAML error, no `status:`) and given one by a later commit
(or by the work tree) starts in that status, which `statuses.initial` judges as a spec
added in it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.history.gitrepo import GitRepo, spec_text
from tests.support import run_cli

HOOK = ("validate", "--changed-since", "HEAD", "--history", "--since", "HEAD")


def approved(spec_id: str) -> str:
    return spec_text(spec_id, status="Approved", extra="reviewers: [Grace Hopper]\n")


def no_status(spec_id: str) -> str:
    return "".join(line for line in approved(spec_id).splitlines(keepends=True)
                   if not line.startswith("status:"))


def wrong_status(spec_id: str) -> str:
    return approved(spec_id).replace("status: Approved", "status: [Approved, Draft]")


@pytest.fixture
def repo(git_repo: GitRepo) -> GitRepo:
    git_repo.commit("Adopt specrepo", {"specs/SPEC-0001.yaml": spec_text()})
    return git_repo


@pytest.mark.parametrize("unreadable", [no_status, wrong_status])
def test_a_first_readable_status_is_the_birth(repo: GitRepo, unreadable: object) -> None:
    assert callable(unreadable)
    added = repo.commit("Add SPEC-0002", {"specs/SPEC-0002.yaml": unreadable("SPEC-0002")})
    given = repo.commit("Give it a status", {"specs/SPEC-0002.yaml": approved("SPEC-0002")},
                        author="Grace Hopper")
    validated = run_cli("validate", "--history")
    assert validated.exit_code == 1, validated.output
    [line] = [line for line in validated.stdout.splitlines() if "illegal-transition" in line]
    assert line.startswith("specs/SPEC-0002.yaml:3:")
    assert (f"commit {given[:10]} (the versions since commit {added[:10]} could not be "
            "read) by Grace Hopper on 2026-01-04 gave the spec its first "
            "readable status, Approved, which the workflow does not allow (a new spec starts "
            "in Draft)") in line
    assert run_cli("validate", "--history", "--since", "HEAD~1").exit_code == 1
    moves = json.loads(run_cli("report", "--format", "json").stdout)["integrity"]
    assert [(move["spec"], move["commit"], move["from"], move["to"])
            for move in moves["illegal_transitions"]] == [("SPEC-0002", given, None, "Approved")]
    assert run_cli("report", "--fail-on", "illegal-transitions").exit_code == 1
    assert (f"SPEC-0002 | {given[:10]} (the versions since commit {added[:10]} could not be "
            "read) | Grace Hopper | 2026-01-04 | (new) | Approved") \
        in run_cli("report", "--format", "markdown").stdout


def test_a_first_readable_status_of_draft_is_a_birth_in_draft(repo: GitRepo) -> None:
    repo.commit("Add SPEC-0002", {"specs/SPEC-0002.yaml": no_status("SPEC-0002")})
    repo.commit("Draft", {"specs/SPEC-0002.yaml": spec_text("SPEC-0002")})
    assert run_cli("validate", "--history").exit_code == 0


def test_the_hook_judges_a_first_status_given_in_the_work_tree(repo: GitRepo) -> None:
    repo.commit("Add SPEC-0002", {"specs/SPEC-0002.yaml": no_status("SPEC-0002")})
    repo.write("specs/SPEC-0002.yaml", approved("SPEC-0002"))
    repo.git("add", "-A")
    hook = run_cli(*HOOK, "specs/SPEC-0002.yaml")
    assert hook.exit_code == 1, hook.output
    assert ("the commit being made gives the spec its first readable status, Approved, "
            "staged and not committed yet, which the workflow does not allow (a new spec "
            "starts in Draft)") in hook.stdout
    repo.write("specs/SPEC-0002.yaml", spec_text("SPEC-0002"))
    assert run_cli(*HOOK, "specs/SPEC-0002.yaml").exit_code == 1  # the commit holds the index's
    repo.git("add", "-A")
    assert run_cli(*HOOK, "specs/SPEC-0002.yaml").exit_code == 0


def test_documents_without_status_before_adoption_still_start_in_an_initial_state(
        git_repo: GitRepo) -> None:
    """The birth is where the status is first read: a document that had none when
    specrepo was adopted enters the workflow when it gets one."""
    config = (git_repo.root / "specrepo.yaml").read_text()
    (git_repo.root / "specrepo.yaml").unlink()
    git_repo.commit("Docs", {"specs/SPEC-0001.yaml": no_status("SPEC-0001")})
    git_repo.commit("Adopt", {"specrepo.yaml": config})
    git_repo.commit("Approve", {"specs/SPEC-0001.yaml": approved("SPEC-0001")})
    assert run_cli("validate", "--history").exit_code == 1


def test_a_births_from_is_null_in_every_machine_format(repo: GitRepo, tmp_path: Path) -> None:
    """There was no status before a birth: validate's JSON and SARIF say `from: null`, as
    report's JSON does (not "")."""
    added = repo.commit("Add SPEC-0002", {"specs/SPEC-0002.yaml": approved("SPEC-0002")})
    repo.write("specs/SPEC-0003.yaml", approved("SPEC-0003"))
    document = json.loads(run_cli("validate", "--history", "--format", "json").stdout)
    births = [(found["properties"].get("commit"), found["properties"]["from"],
               found["properties"]["to"]) for found in document["findings"]
              if found["rule"] == "illegal-transition"]
    assert sorted(births, key=str) == [(added, None, "Approved"), (None, None, "Approved")]
    sarif = tmp_path / "out.sarif"
    run_cli("validate", "--history", "--sarif", str(sarif))
    bags = [result["properties"] for result in json.loads(sarif.read_text())["runs"][0]["results"]
            if result["ruleId"] == "illegal-transition"]
    assert [bag["from"] for bag in bags] == [None, None]
    moves = json.loads(run_cli("report", "--format", "json").stdout)["integrity"]
    assert [move["from"] for move in moves["illegal_transitions"]] == [None]
