"""`report --since DATE` selects by the day the report shows (each commit's day in its
author's offset from UTC, README "Days"), never by midnight UTC (trial34 F8); `--since REF`
by the commit graph, what REF's history does not hold (git's `REF..HEAD`), never by dates
(trial35)."""

from __future__ import annotations

import json

from tests.history.gitrepo import DAY, EPOCH, GitRepo, spec_text
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


def test_the_window_of_a_revision_holds_what_its_history_does_not(git_repo: GitRepo) -> None:
    """Q-1 resolved on a branch (01-09), v1 tagged on main without it (01-11), the branch
    merged after (01-13): resolved since v1, though committed before it; a resolution v1
    holds is not."""
    path = "specs/SPEC-0001.yaml"
    git_repo.commit("Ask", {path: spec_text(extra=QUESTION),
                            "specs/SPEC-0002.yaml": spec_text("SPEC-0002", extra=QUESTION)},
                    date=EPOCH)
    git_repo.commit("Resolve Q-1 of SPEC-0002", {"specs/SPEC-0002.yaml": spec_text(
        "SPEC-0002", extra=RESOLVED)}, date=EPOCH + 2 * DAY)
    git_repo.git("checkout", "-q", "-b", "fix")
    git_repo.commit("Resolve", {path: spec_text(extra=RESOLVED)}, date=EPOCH + 8 * DAY)
    git_repo.git("checkout", "-q", "main")
    git_repo.commit("Release", {"x.txt": "x\n"}, date=EPOCH + 10 * DAY)
    git_repo.git("tag", "v1")
    git_repo.git("merge", "-q", "--no-ff", "fix", "-m", "Merge fix", date=EPOCH + 12 * DAY)
    table = run_cli("report", "questions", "--since", "v1").stdout  # cold
    result = run_cli("report", "questions", "--since", "v1", "--format", "json")
    document = json.loads(result.stdout)
    assert [(question["spec"], question["resolved_at"])
            for question in document["resolved_questions"]] == [
        ("SPEC-0001", "2026-01-09T00:00:00Z")]
    assert (document["window_start"], document["window_day"], document["window_ref"]) == (
        "2026-01-11T00:00:00Z", None, "v1")
    assert "Resolved since v1" in table
    assert [line.split()[0] for line in table.splitlines() if line.startswith("SPEC-")] \
        == ["SPEC-0001"]
    assert run_cli("report", "questions", "--since", "v1").stdout == table  # warm as cold


def test_a_date_that_is_also_a_tag_is_read_as_the_date_with_a_note(git_repo: GitRepo) -> None:
    """trial36: a release tag named 2026-01-10 on the commit of 01-03; `--since 2026-01-10`
    is the date (as documented), but never in silence: the note names the tag and how to
    ask for the window since it."""
    resolved(git_repo, "SPEC-0001", EPOCH, EPOCH + 2 * DAY, "+0000")
    git_repo.git("tag", "2026-01-10")
    git_repo.commit("Later", {"x.txt": "x\n"}, date=EPOCH + 8 * DAY)
    by_date = run_cli("report", "questions", "--since", "2026-01-10")
    assert "--since 2026-01-10 is read as a date, although refs/tags/2026-01-10 has that " \
        "name; for the window since it, give --since refs/tags/2026-01-10" in by_date.stderr
    assert "Resolved since 2026-01-10" in by_date.stdout
    by_tag = run_cli("report", "questions", "--since", "refs/tags/2026-01-10")
    assert "read as a date" not in by_tag.stderr
    assert "Resolved since refs/tags/2026-01-10" in by_tag.stdout
    plain = run_cli("report", "questions", "--since", "2026-01-09")
    assert "read as a date" not in plain.stderr
