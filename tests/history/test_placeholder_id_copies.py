"""A file added with the id of a spec still there is its copy only where it is that spec by
the move rule's measure (title kept, more than half of its content); a second proposal
that shares only an id, a placeholder (`kvep-number: XXXX`), is a new spec (trial52b)."""

from __future__ import annotations

import json

import pytest

from tests.history.gitrepo import DAY, EPOCH, GitRepo, spec_text
from tests.support import run_cli

KVEP_CONFIG = """\
specs: design/keps
front_matter: true
schema: kvep.schema.yaml
fields: {id: kvep-number, title: title, created: creation-date, updated: last-updated,
         reviewers: null, approvers: null, superseded_by: null, questions: null,
         related: [], item_lists: [], read_as_text: [kvep-number]}
statuses:
  states: [draft, provisional, implementable, implemented, withdrawn]
  transitions:
    draft: [provisional, implementable, withdrawn]
    provisional: [implementable, withdrawn]
    implementable: [implemented, withdrawn]
    implemented: [withdrawn]
  terminal: [withdrawn]
  initial: [draft, provisional]
  in_review: []
  approved: [implementable, implemented]
rules: {file-name: 'off'}
"""
KVEP_SCHEMA = """\
type: object
required: [title, kvep-number, status]
properties:
  kvep-number: {type: string, pattern: '^([0-9]{4}|XXXX|TBD)$'}
  status: {enum: [draft, provisional, implementable, implemented, withdrawn]}
"""
NESTED = "design/keps/nested.md"
WEBHOOKS = "design/keps/config-validation.md"


def kvep(title: str, status: str, number: str = "XXXX") -> str:
    """A KubeVela proposal, all about its title."""
    return (f"---\ntitle: {title}\nkvep-number: '{number}'\nauthors: ['@briankane']\n"
            f"status: {status}\ncreation-date: 2025-09-22\nlast-updated: 2025-09-22\n---\n\n"
            f"# KVEP-{number}: {title}\n\n## Summary\n\nAll about {title}, nothing else.\n")


def kinds(spec: str) -> list[str]:
    """The kinds of the events `timeline` shows of a spec (an id, or its file)."""
    timeline = json.loads(run_cli("timeline", spec, "--format", "json").stdout)
    return [event["kind"] for event in timeline["events"]]


def adopt_kubevela(repo: GitRepo, placeholder: str) -> None:
    repo.commit("nested", {"specrepo.yaml": KVEP_CONFIG, "kvep.schema.yaml": KVEP_SCHEMA,
                           NESTED: kvep("Nested Definition Rendering", "draft", placeholder)})


@pytest.mark.parametrize("placeholder", ["XXXX", "TBD"])
def test_a_proposal_sharing_a_placeholder_id_is_born(git_repo: GitRepo,
                                                     placeholder: str) -> None:
    """trial52b placeholder-id-copy: born implementable, judged against `initial:`; no
    draft period, approved the day it was added; no `copied` event."""
    adopt_kubevela(git_repo, placeholder)
    git_repo.git("checkout", "-q", "-b", "pr")
    added = git_repo.commit("add KVEP born implementable", {WEBHOOKS: kvep(
        "Config and ConfigTemplate Validation Webhooks", "implementable", placeholder)},
        date=EPOCH + 9 * DAY)
    git_repo.commit("assign numbers", {NESTED: kvep("Nested Definition Rendering", "draft",
                                                    "0006"),
                                       WEBHOOKS: kvep("Config and ConfigTemplate Validation "
                                                      "Webhooks", "implementable", "0009")})
    result = run_cli("validate", "--history", "--since", "main")
    assert result.exit_code == 1
    assert f"commit {added[:10]} by Ada Lovelace on 2026-01-10 created the spec in " \
           "implementable, which the workflow does not allow (a new spec starts in draft " \
           "or provisional) [illegal-transition]" in result.stdout
    # the heading's number changes with the id: a section of its own
    assert kinds("0009") == kinds("0006") == ["created", "id-changed", "section-changed"]
    report = json.loads(run_cli("report", "--now", "2026-01-20", "--format", "json").stdout)
    webhooks = next(spec for spec in report["specs"] if spec["id"] == "0009")
    assert webhooks["days_to_approval"] == 0.0
    assert set(webhooks["days_by_status"]) == {"implementable"}


def test_the_work_tree_adding_a_proposal_under_a_placeholder_id_adds_a_new_spec(
        git_repo: GitRepo) -> None:
    """The pre-commit hook's view asks the same: judged as a birth, not as a move from
    the status of the other proposal holding the placeholder."""
    adopt_kubevela(git_repo, "XXXX")
    git_repo.write(WEBHOOKS, kvep("Config Webhooks", "implementable"))
    git_repo.git("add", "-A")
    result = run_cli("validate", "--history")
    assert "the work tree adds the spec in implementable, not committed yet, which the " \
           "workflow does not allow (a new spec starts in draft or provisional)" in result.stdout


def test_a_copy_keeping_its_title_and_content_is_still_a_copy(git_repo: GitRepo) -> None:
    """A copy continues its original's status: an illegal move from it is the copy's."""
    git_repo.commit("Draft", {"specs/a.yaml": spec_text()})
    git_repo.commit("Copy", {"specs/b.yaml": spec_text(status="Approved")})
    assert "moved the status from Draft to Approved" in run_cli("validate", "--history").stdout
    assert kinds("specs/b.yaml") == ["created", "copied", "status-changed"]


@pytest.mark.parametrize("copied", [
    spec_text(title="Another spec", status="Approved"),
    spec_text(status="Approved").replace("summary: Why and what.", "summary: Else.")
    .replace("Ada Lovelace", "Grace Hopper").replace("2026-01-0", "2026-02-0"),
], ids=["retitled", "rewritten"])
def test_a_file_sharing_only_the_id_is_a_new_spec(git_repo: GitRepo, copied: str) -> None:
    """Retitled, or its content mostly rewritten, as the move rule asks of a pair."""
    (git_repo.root / "specrepo.yaml").write_text("specs: specs\nrules: {file-name: 'off'}\n")
    git_repo.commit("Draft", {"specs/a.yaml": spec_text()})
    git_repo.commit("Another", {"specs/b.yaml": copied})
    result = run_cli("validate", "--history")
    assert "created the spec in Approved" in result.stdout
    assert "moved the status" not in result.stdout
    assert kinds("specs/b.yaml") == ["created"]


def test_two_files_born_in_one_commit_with_one_id_are_two_births(git_repo: GitRepo) -> None:
    (git_repo.root / "specrepo.yaml").write_text("specs: specs\nrules: {file-name: 'off'}\n")
    git_repo.commit("Base", {"specs/base.yaml": spec_text("SPEC-0009")})
    git_repo.commit("Two", {"specs/a.yaml": spec_text(title="One", status="Approved"),
                            "specs/b.yaml": spec_text(title="One", status="Approved")})
    assert run_cli("validate", "--history").stdout.count("created the spec in Approved") == 2
    assert kinds("specs/a.yaml") == kinds("specs/b.yaml") == [
        "created"]


def test_a_copy_renumbered_later_keeps_its_original_life(git_repo: GitRepo) -> None:
    git_repo.commit("Draft", {"specs/a.yaml": spec_text()})
    git_repo.commit("Review", {"specs/a.yaml": spec_text(status="In Review")})
    git_repo.commit("Copy", {"specs/b.yaml": spec_text(status="In Review")})
    git_repo.commit("Renumber", {"specs/b.yaml": spec_text("SPEC-0002", status="In Review")})
    assert kinds("SPEC-0002") == ["created", "status-changed", "copied", "id-changed"]
    report = json.loads(run_cli("report", "--format", "json").stdout)
    assert {spec["id"]: spec["since"] for spec in report["specs"]} == {
        "SPEC-0001": "2026-01-03T00:00:00Z", "SPEC-0002": "2026-01-03T00:00:00Z"}


def test_copies_made_on_a_branch_are_judged_by_the_same_rule(git_repo: GitRepo) -> None:
    """On a branch merged: the kept copy continues its original, the retitled file is
    born, and the merge changes neither."""
    (git_repo.root / "specrepo.yaml").write_text("specs: specs\nrules: {file-name: 'off'}\n")
    git_repo.commit("Draft", {"specs/a.yaml": spec_text()})
    git_repo.git("checkout", "-q", "-b", "copies")
    git_repo.commit("Copy", {"specs/b.yaml": spec_text(status="In Review")})
    born = git_repo.commit("Other", {"specs/c.yaml": spec_text(title="Other",
                                                               status="Approved")})
    git_repo.git("checkout", "-q", "main")
    git_repo.merge("copies")
    result = run_cli("validate", "--history")
    assert f"commit {born[:10]}" in result.stdout
    assert result.stdout.count("created the spec in Approved") == 1
    assert kinds("specs/b.yaml") == ["created", "copied", "status-changed"]
    assert kinds("specs/c.yaml") == ["created"]
