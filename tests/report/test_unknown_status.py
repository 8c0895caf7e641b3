"""A status that is text but no state of the workflow (`In Reveiw`, `in review`, spaces) is
unreadable in history and report as validate's `unknown-status` says it, whatever the
format: the bundled schema's enum and a loose schema go through one rule (`unknown_state`),
so the spec keeps its last readable status and every gate that reads it fails (trial36b)."""

from __future__ import annotations

import json

import pytest

from tests.history.gitrepo import DAY, EPOCH, GitRepo, spec_text
from tests.support import run_cli

OWN = """specs: rfcs
schema: s.json
fields: {id: number, title: name, status: meta.state, reviewers: meta.approvers,
         authors: meta.owners, created: null, updated: null, questions: null,
         superseded_by: null, related: [], item_lists: []}
stale_after_days: {Draft: 90, In Review: 3}
"""
LOOSE = '{"$schema": "https://json-schema.org/draft/2020-12/schema", "type": "object"}\n'
GATES = ("stale", "waiting-reviews", "illegal-transitions", "changed-after-approval")


def _own(status: str) -> str:
    return (f"number: RFC-1\nname: One\nmeta: {{state: {status}, owners: [Ada], "
            "approvers: [Grace]}\n")


def _bundled(status: str) -> str:
    return spec_text("SPEC-0001", status=status, extra="reviewers: [Grace Hopper]\n")


def _typo_in_review(repo: GitRepo, own: bool, typo: str) -> None:
    """A spec In Review at day 0 (a reviewer who never approves), its status mistyped at
    day 1, another spec changed at day 20: In Review 20 days, over its limit of 3."""
    if own:
        files = {"specrepo.yaml": OWN, "s.json": LOOSE, "rfcs/RFC-1.yaml": _own("In Review"),
                 "rfcs/RFC-2.yaml": "number: RFC-2\nname: Two\nmeta: {state: Draft}\n"}
        spec, write = "rfcs/RFC-1.yaml", _own
    else:
        files = {"specrepo.yaml": "specs: specs\nstale_after_days: {In Review: 3}\n",
                 "specs/SPEC-0001.yaml": _bundled("In Review"),
                 "specs/SPEC-0002.yaml": spec_text("SPEC-0002")}
        spec, write = "specs/SPEC-0001.yaml", _bundled
    repo.commit("Add", files, date=EPOCH)
    repo.commit("Typo", {spec: write(typo)}, date=EPOCH + DAY)
    other = "rfcs/RFC-2.yaml" if own else "specs/SPEC-0002.yaml"
    repo.commit("Later", {other: (repo.root / other).read_text() + "x: 1\n"},
                date=EPOCH + 20 * DAY)


@pytest.mark.parametrize("own", [True, False], ids=["own-format", "bundled"])
@pytest.mark.parametrize("typo", ["In Reveiw", "in review", "'   '"])
def test_a_status_no_state_names_fails_the_gates_that_read_it(
        git_repo: GitRepo, own: bool, typo: str) -> None:
    _typo_in_review(git_repo, own, typo)
    validated = run_cli("validate")
    assert validated.exit_code == 1
    for gate in GATES:
        result = run_cli("report", "--fail-on", gate, "--now", "2026-01-21")
        assert result.exit_code == 1, (gate, result.stdout)
    document = json.loads(run_cli("report", "--format", "json", "--now",
                                  "2026-01-21").stdout)
    [spec] = [spec for spec in document["specs"] if spec["id"] in ("RFC-1", "SPEC-0001")]
    assert spec["status"] == "In Review"  # its last readable status, never the typo
    [row] = document["integrity"]["unreadable_fields"]
    assert row["fields"] == ["status"]
    assert row["line"] == 3
    if own:  # the loose schema lets it through; `unknown-status` says it
        assert "is not a state of the workflow" in row["why"]
        # at the value, in validate as in history (trial38b: validate had it at the key)
        why = row["why"].removeprefix("unknown-status: ")
        assert f"{row['path']}:3:{row['column']}: error: {why} [unknown-status]" \
            in validated.stdout
    else:  # the bundled schema's enum refuses it, in validate's words at validate's place
        assert f"{row['path']}:3:{row['column']}: error: {row['why']} [schema]" \
            in validated.stdout
    assert set(GATES) <= set(row["fails"])


def test_a_typo_moves_no_status_in_history(git_repo: GitRepo) -> None:
    """`In Reveiw` is no status of its own: a move through it is no move at all, and
    back to `In Review` it makes none either (the gate fails on HEAD's unreadable status
    only while it lasts)."""
    _typo_in_review(git_repo, True, "In Reveiw")
    git_repo.commit("Fixed", {"rfcs/RFC-1.yaml": _own("In Review")}, date=EPOCH + 21 * DAY)
    assert run_cli("report", "--fail-on", "illegal-transitions").exit_code == 0
    document = json.loads(run_cli("report", "--format", "json").stdout)
    assert document["integrity"]["unreadable_fields"] == []
