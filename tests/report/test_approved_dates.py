"""A reviewer's `approved:` that names no day (`tomorrow`, `2026-13-45`, `20260102`) is a
`spec-field` error in a team's own format with a loose schema, and the reviewers field
unreadable, so `report --fail-on waiting-reviews` fails on it: validate and report read
one definition (`mapped_fields`, `approved_day`), where validate passed all three and
report counted the text ones as approvals (trial36 own-format-approved-not-a-date)."""

from __future__ import annotations

import json

import pytest

from specrepo.model.review_round import approved_day
from tests.history.gitrepo import GitRepo
from tests.support import run_cli

OWN_FORMAT = {
    "specrepo.yaml": """specs: adr
schema: adr.schema.json
fields: {id: number, title: name, status: state, authors: owners, reviewers: deciders,
         created: date, updated: null, questions: null, superseded_by: null, related: [],
         item_lists: []}
statuses:
  states: [proposed, accepted, rejected]
  transitions: {proposed: [accepted, rejected]}
  in_review: [proposed]
  approved: [accepted]
  terminal: [rejected]
""",
    "adr.schema.json": '{"$schema": "https://json-schema.org/draft/2020-12/schema", '
                       '"type": "object"}\n',
}


def adr(approved: str) -> str:
    return ("number: ADR-1\nname: Use Postgres\nstate: proposed\nowners: [Ada Lovelace]\n"
            f"deciders: [{{name: Grace Hopper, approved: {approved}}}]\ndate: 2026-01-01\n")


@pytest.mark.parametrize("approved, shown", [
    ("tomorrow", "text 'tomorrow'"), ("2026-13-45", "text '2026-13-45'"),
    ("20260102", "a number"), ("'2026-01-02 soon'", "text '2026-01-02 soon'"),
    ("[2026-01-02]", "a list")])
def test_an_approval_that_names_no_day(git_repo: GitRepo, approved: str, shown: str) -> None:
    git_repo.commit("init", {**OWN_FORMAT, "adr/ADR-1.yaml": adr(approved)})
    validate = run_cli("validate")
    assert validate.exit_code == 1
    place = "5:33" if approved.startswith("[") else "5:43"  # a list: at its key (place43)
    assert f"adr/ADR-1.yaml:{place}: error: `deciders[0].approved` (the spec's reviewers) is " \
        f"{shown} where specrepo reads a date (YYYY-MM-DD, a real day) [spec-field]" \
        in validate.stdout
    for _ in range(2):  # cold, then with the history cache warm
        result = run_cli("report", "--format", "json", "--fail-on", "waiting-reviews")
        assert result.exit_code == 1
        document = json.loads(result.stdout)
        assert document["failed_conditions"] == ["waiting-reviews"]
        [row] = document["integrity"]["unreadable_fields"]
        assert (row["fields"], row["line"], row["column"], row["fails"]) == (
            ["reviewers"], *map(int, place.split(":")), ["waiting-reviews"])


@pytest.mark.parametrize("approved, counts", [
    ("2026-01-02", True), ("2026-01-02T10:00:00Z", True), ("2026-01-02 10:00:00 +02:00", True),
    ("null", False)])
def test_an_approval_that_names_a_day_or_none(git_repo: GitRepo, approved: str,
                                              counts: bool) -> None:
    git_repo.commit("init", {**OWN_FORMAT, "adr/ADR-1.yaml": adr(approved)})
    assert run_cli("validate").exit_code == 0
    result = run_cli("report", "--format", "json", "--fail-on", "waiting-reviews")
    assert result.exit_code == (0 if counts else 1)
    assert json.loads(result.stdout)["integrity"]["unreadable_fields"] == []


@pytest.mark.parametrize("value, day", [
    ("2026-01-02", "2026-01-02"), ("2026-01-02t1:00:00.5-5", "2026-01-02"),
    ("2026-01-02 soon", None), ("2026-02-30", None), ("yes", None), ("", None),
    ("2026-01-02T23:59:60Z", "2026-01-02"),  # trial36c: a time of no clock names no day
    ("2026-01-05T25:00:00", None), ("2026-01-05T10:60:00", None),
    ("2026-01-05T10:00:61", None), ("2026-01-05T10:00:00+24:00", None)])
def test_approved_day(value: str, day: str | None) -> None:
    found = approved_day(value)
    assert (found.isoformat() if found else None) == day
