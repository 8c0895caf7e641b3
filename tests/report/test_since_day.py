"""`report --since DATE` selects by the day the report shows (each commit's day in its
author's offset from UTC, README "Days"), never by midnight UTC (trial34 F8)."""

from __future__ import annotations

import json

from tests.history.gitrepo import EPOCH, GitRepo, spec_text
from tests.support import run_cli

HOUR = 3600
QUESTION = "open_questions:\n  - id: Q-1\n    question: Why?\n"
RESOLVED = QUESTION + "    state: resolved\n    resolution: Because.\n"


def resolved(repo: GitRepo, spec_id: str, raised: int, at: int, zone: str) -> None:
    path = f"specs/{spec_id}.yaml"
    repo.commit("Ask", {path: spec_text(spec_id, extra=QUESTION)}, date=raised)
    repo.commit("Resolve", {path: spec_text(spec_id, extra=RESOLVED)}, date=at, zone=zone)


def test_the_window_of_a_date_holds_what_is_shown_on_that_day_or_later(
        git_repo: GitRepo) -> None:
    # 2026-01-05 23:00 -1200 (2026-01-06 11:00 UTC): shown on the 5th, not in the window.
    resolved(git_repo, "SPEC-0001", EPOCH, EPOCH + 5 * 24 * HOUR + 11 * HOUR, "-1200")
    # 2026-01-06 00:30 +1400 (2026-01-05 10:30 UTC): shown on the 6th, in it.
    resolved(git_repo, "SPEC-0002", EPOCH, EPOCH + 4 * 24 * HOUR + 10 * HOUR + 1800, "+1400")
    git_repo.commit("Later", {"x.txt": "x\n"}, date=EPOCH + 8 * 24 * HOUR)
    result = run_cli("report", "questions", "--since", "2026-01-06", "--format", "json")
    document = json.loads(result.stdout)
    assert [(question["spec"], question["resolved_at"])
            for question in document["resolved_questions"]] == [
        ("SPEC-0002", "2026-01-05T10:30:00Z")]
    assert (document["window_start"], document["window_day"]) == (
        "2026-01-06T00:00:00Z", "2026-01-06")
    table = run_cli("report", "questions", "--since", "2026-01-06").stdout
    assert "Resolved since 2026-01-06" in table
    rows = [line for line in table.splitlines() if line.startswith("SPEC-")]
    assert [row.split()[0] for row in rows] == ["SPEC-0002"]
    assert "2026-01-06" in rows[0]
