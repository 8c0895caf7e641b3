"""A spec out of the spec set and back holds no status while out, whichever way it left
and came back: `exclude:` added and taken out again, its file moved out of `specs:` and
back, its file deleted and restored. `timeline`'s periods have a gap where its `deleted`
and `created` events say it was out, and `report`'s days in review count the stay out of
a spec that came back in the review status it left in (README "Which spec a file is")."""

from __future__ import annotations

import json
from collections.abc import Callable

import pytest

from tests.history.gitrepo import DAY, GitRepo
from tests.history.test_spec_set_departures import spec, warm_and_cold
from tests.support import run_cli

PATH = "specs/SPEC-0003.yaml"
IN_REVIEW = spec("SPEC-0003", "In Review")


def by_exclusion(repo: GitRepo) -> Callable[[], object]:
    repo.commit("Take out", {"specrepo.yaml": f"specs: specs\nexclude: [{PATH}]\n"})
    repo.clock += DAY
    return lambda: repo.commit("Bring back", {"specrepo.yaml": "specs: specs\n"})


def by_moving(repo: GitRepo) -> Callable[[], object]:
    (repo.root / "attic").mkdir()
    repo.git("mv", PATH, "attic/SPEC-0003.yaml")
    repo.commit("To the attic")
    repo.clock += DAY

    def back() -> str:
        repo.git("mv", "attic/SPEC-0003.yaml", PATH)
        return repo.commit("Back")
    return back


def by_deleting(repo: GitRepo) -> Callable[[], object]:
    repo.commit("Delete", {PATH: None})
    repo.clock += DAY
    return lambda: repo.commit("Restore", {PATH: IN_REVIEW})


@pytest.mark.parametrize("out_and_back", [by_exclusion, by_moving, by_deleting],
                         ids=["exclude", "attic", "deleted"])
def test_out_and_back_leaves_a_gap_and_keeps_the_review_time(
        git_repo: GitRepo, out_and_back: Callable[[GitRepo], Callable[[], object]]) -> None:
    """Draft on January 2, In Review on the 3rd, out on the 4th, back on the 6th: the same
    periods, events and days in review (1 in review, 2 out, 0 since) every way, and
    Grace (its reviewer) waited on since it entered review."""
    git_repo.commit("Draft", {PATH: spec("SPEC-0003", "Draft"),
                              "specs/SPEC-0001.yaml": spec("SPEC-0001", "Draft")})
    git_repo.commit("Review", {PATH: IN_REVIEW})
    warm_and_cold(git_repo, out_and_back(git_repo))
    timeline = json.loads(run_cli("timeline", "SPEC-0003", "--format", "json").stdout)
    day = [f"2026-01-0{n}" for n in range(1, 7)]
    assert [(period["status"], period["since"][:10], (period["until"] or "")[:10])
            for period in timeline["statuses"]] == [
        ("Draft", day[1], day[2]), ("In Review", day[2], day[3]), ("In Review", day[5], "")]
    assert [(event["kind"], event["committed"][:10]) for event in timeline["events"]
            if event["kind"] in ("deleted", "created")] == [
        ("created", day[1]), ("deleted", day[3]), ("created", day[5])]
    report = json.loads(run_cli("report", "--format", "json").stdout)
    (row,) = [row for row in report["specs"] if row["id"] == "SPEC-0003"]
    assert row["days_in_review"] == 3
    assert row["days_in_status"] == 0
    (grace,) = report["reviewers"]
    assert grace["waiting"] == [{"spec": "SPEC-0003", "days": 3}]
