"""A branch that renames the approved state (`Approved` -> `Accepted`, the spec migrated),
approves a spec under the new name and renames back leaves the configuration as it found
it: its merge changed no watched file against either parent, and the walk's look-ahead
(`watched_log.watched_changes`) did not list it, so the branch's renames never reached
HEAD's history (lines42: two false illegal transitions, `In Review -> Accepted` and
`Accepted -> Approved`, `validate --history` exit 1). Merged, the branch's commits are
judged as the same commits on main: the approval at its commit, no finding."""

from __future__ import annotations

import json

import pytest

from tests.history.gitrepo import GitRepo
from tests.history.test_spec_set_departures import spec
from tests.history.test_warm_from_other_commits import LOOSE
from tests.support import run_cli

BASE = "specs: specs\nschema: loose.json\n"
RENAMED = ("specs: specs\nschema: loose.json\nstatuses:\n  states: [Draft, In Review,"
           " Accepted, Rejected, Withdrawn, Superseded]\n  transitions: {Draft: [In Review],"
           " In Review: [Accepted, Draft], Accepted: [Superseded, Withdrawn]}\n"
           "  approved: [Accepted]\n")
"""Today's configuration (the default workflow, a schema that allows every state), and the
branch's, Approved renamed Accepted."""


@pytest.mark.parametrize("merged", [False, True], ids=["line", "merged"])
def test_a_state_renamed_and_back_on_a_branch_is_read_as_on_a_line(git_repo: GitRepo,
                                                                   merged: bool) -> None:
    git_repo.commit("Adopt", {"specrepo.yaml": BASE, "loose.json": LOOSE,
                              "specs/SPEC-0001.yaml": spec("SPEC-0001", "Draft"),
                              "specs/SPEC-0002.yaml": spec("SPEC-0002", "Draft")})
    git_repo.commit("Review", {"specs/SPEC-0002.yaml": spec("SPEC-0002", "In Review")})
    if merged:
        git_repo.git("checkout", "-q", "-b", "topic")
    git_repo.commit("Rename", {"specrepo.yaml": RENAMED,
                               "specs/SPEC-0002.yaml": spec("SPEC-0002", "In Review")})
    git_repo.commit("Approve", {"specs/SPEC-0002.yaml": spec("SPEC-0002", "Accepted")})
    git_repo.commit("Back", {"specrepo.yaml": BASE,
                             "specs/SPEC-0002.yaml": spec("SPEC-0002", "Approved")})
    if merged:
        git_repo.git("checkout", "-q", "main")
        git_repo.commit("Main", {"specs/SPEC-0001.yaml": spec("SPEC-0001", "In Review")})
        git_repo.merge("topic")
    validated = run_cli("validate", "--history", "--format", "json")
    assert (validated.exit_code, json.loads(validated.stdout)["findings"]) == (0, [])
    reported = run_cli("report", "--fail-on", "illegal-transitions")
    assert reported.exit_code == 0, reported.output
    timeline = json.loads(run_cli("timeline", "SPEC-0002", "--format", "json").stdout)
    assert [(event["kind"], event.get("from"), event.get("to"),
             git_repo.git("log", "-1", "--format=%s", event["commit"]))
            for event in timeline["events"]][1:] == [
                ("status-changed", "Draft", "In Review", "Review"),
                ("status-changed", "In Review", "Approved", "Approve")]
