"""`report`'s days to approval describe the spec as it now is: counted in its current life
(`review_periods.current_life`), from where it came back into the spec set (deleted and
restored, excluded and included again), so an approval of an earlier life is not the
approval of a spec brought back a Draft; one that came back in an approved state it left
in carries that approval, and its days to approval are the earlier life's."""

from __future__ import annotations

import json

import pytest

from tests.history.gitrepo import DAY, GitRepo
from tests.history.test_spec_set_departures import spec
from tests.support import run_cli

PATH = "specs/SPEC-0003.yaml"


def _approved_left_and_back(repo: GitRepo, way: str, status: str) -> None:
    """SPEC-0003 born Draft on day 2, in review, approved 6 days after its birth; out
    for 10 days; back as `status`."""
    repo.commit("draft", {PATH: spec("SPEC-0003", "Draft"),
                          "specs/SPEC-0001.yaml": spec("SPEC-0001", "Draft")})
    repo.commit("review", {PATH: spec("SPEC-0003", "In Review")})
    repo.clock += 4 * DAY
    repo.commit("approve", {PATH: spec("SPEC-0003", "Approved")})
    if way == "deleted":
        repo.commit("out", {PATH: None})
        repo.clock += 9 * DAY
        repo.commit("back", {PATH: spec("SPEC-0003", status)})
    else:
        repo.commit("out", {"specrepo.yaml": f"specs: specs\nexclude: [{PATH}]\n"})
        repo.commit("while out", {PATH: spec("SPEC-0003", status)})
        repo.clock += 8 * DAY
        repo.commit("back", {"specrepo.yaml": "specs: specs\n"})


def _days_to_approval() -> float | None:
    report = json.loads(run_cli("report", "--format", "json").stdout)
    (row,) = [row for row in report["specs"] if row["id"] == "SPEC-0003"]
    value: float | None = row["days_to_approval"]
    return value


@pytest.mark.parametrize("way", ["deleted", "excluded"])
def test_a_spec_brought_back_a_draft_is_not_approved(git_repo: GitRepo, way: str) -> None:
    _approved_left_and_back(git_repo, way, "Draft")
    assert _days_to_approval() is None
    git_repo.commit("review again", {PATH: spec("SPEC-0003", "In Review")})
    git_repo.clock += 2 * DAY
    git_repo.commit("approve again", {PATH: spec("SPEC-0003", "Approved")})
    assert _days_to_approval() == 4.0  # from its return, not from its birth


@pytest.mark.parametrize("way", ["deleted", "excluded"])
def test_a_spec_brought_back_approved_carries_its_approval(git_repo: GitRepo,
                                                           way: str) -> None:
    _approved_left_and_back(git_repo, way, "Approved")
    assert _days_to_approval() == 6.0
