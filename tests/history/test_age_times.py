"""Question ages and reviewers' waiting days follow the commit graph, never dates (README
"Order comes from the commit graph"): a question raised or a reviewer added in a commit
dated ahead (on HEAD's line, or on a merged branch) counts from the time the graph takes
that commit as, with a warning naming the spec, the commit and the time taken."""

from __future__ import annotations

import json
from typing import Any

import pytest

from tests.history.gitrepo import DAY, EPOCH, GitRepo, spec_text
from tests.support import run_cli

YEAR_2099 = 4_070_908_800  # 2099-01-01T00:00:00Z
REVIEWED = "reviewers: [Grace Hopper]\n"
ASKED = ("reviewers: [Grace Hopper, Alan Turing]\n"
         "open_questions:\n  - {id: Q-1, question: Per key?, owner: Grace Hopper}\n")


def _report() -> tuple[dict[str, Any], str]:
    """The JSON report (cold, then warm: the same) and the cold run's stderr."""
    result = run_cli("report", "--format", "json", no_traceback=True)
    assert result.exit_code == 0, result.output
    warm = run_cli("report", "--format", "json")
    assert (warm.output, warm.exit_code) == (result.output, result.exit_code)
    return json.loads(result.stdout), result.stderr


def _ages(report: dict[str, Any]) -> tuple[float, float]:
    """Q-1's age and the days SPEC-0001 has waited on Alan Turing."""
    [question] = report["open_questions"]
    [turing] = [row for row in report["reviewers"] if row["reviewer"] == "Alan Turing"]
    [waiting] = turing["waiting"]
    return question["age_days"], waiting["days"]


def _merged(repo: GitRepo, extra: str, date: int, merged_on: int,
            committer_date: int | None = None) -> str:
    """A commit on a branch setting SPEC-0001 In Review with `extra` (authored at `date`,
    committed at `committer_date`, default the same), merged (--no-ff) on day
    `merged_on`; returns the branch's commit."""
    repo.git("checkout", "-q", "-b", "side")
    commit = repo.commit("side", {"specs/SPEC-0001.yaml": spec_text(
        status="In Review", extra=extra)}, date=date, committer_date=committer_date)
    repo.git("checkout", "-q", "main")
    repo.git("merge", "-q", "--no-ff", "-m", "Merge", "side", date=EPOCH + merged_on * DAY)
    return commit


def _later_work(repo: GitRepo, first: int = 3) -> None:
    """Commits of other files on day `first` and days 9 to 13 (HEAD)."""
    for day in (first, *range(9, 14)):
        repo.commit(f"work {day}", {f"notes/{day}.md": "notes\n"}, date=EPOCH + day * DAY)


def test_a_question_and_reviewer_added_on_the_line_dated_ahead(git_repo: GitRepo) -> None:
    """Q-1 and Alan Turing added in a commit dated 2099 on HEAD's line: they showed 0 days
    (taken as HEAD's time); they count from the next commit on the line (day 3)."""
    git_repo.commit("review", {"specs/SPEC-0001.yaml": spec_text(
        status="In Review", extra=REVIEWED)}, date=EPOCH)
    ahead = git_repo.commit("ask", {"specs/SPEC-0001.yaml": spec_text(
        status="In Review", extra=ASKED)}, date=YEAR_2099)
    _later_work(git_repo)
    report, stderr = _report()
    assert _ages(report) == (10.0, 10.0)
    assert report["open_questions"][0]["raised_at"] == "2026-01-04T00:00:00Z"
    for what in ("question Q-1's raising", "reviewer Alan Turing's addition"):
        assert (f"SPEC-0001: commit {ahead[:10]} is dated 2099-01-01T00:00:00Z, later than "
                f"a commit after it on HEAD's line or the time measured to (a committer's "
                f"clock ahead, or a later one's behind): its {what} is taken as "
                "2026-01-04T00:00:00Z") in stderr


@pytest.mark.parametrize("committer_only", [False, True])
def test_a_question_and_reviewer_added_on_a_merged_branch_dated_ahead(
        git_repo: GitRepo, committer_only: bool) -> None:
    """Q-1 and Alan Turing added on a branch in a commit dated 2099 (authored then too,
    or committed only), merged on day 2: they count from the merge."""
    git_repo.commit("review", {"specs/SPEC-0001.yaml": spec_text(
        status="In Review", extra=REVIEWED)}, date=EPOCH)
    ahead = _merged(git_repo, ASKED, EPOCH + DAY if committer_only else YEAR_2099, 2,
                    committer_date=YEAR_2099)
    _later_work(git_repo)
    report, stderr = _report()
    if committer_only:  # its author date is the day before the merge: kept
        assert _ages(report) == (12.0, 12.0)
        assert "raising" not in stderr and "addition" not in stderr  # its last change: told
        return
    assert _ages(report) == (11.0, 11.0)
    assert (f"SPEC-0001: commit {ahead[:10]} is dated 2099-01-01T00:00:00Z") in stderr
    assert "its question Q-1's raising is taken as 2026-01-03T00:00:00Z" in stderr
    assert "its reviewer Alan Turing's addition is taken as 2026-01-03T00:00:00Z" in stderr


def test_dates_in_order_keep_question_and_reviewer_ages(git_repo: GitRepo) -> None:
    """The control: the same history dated in order counts from the author dates, with no
    warning."""
    git_repo.commit("review", {"specs/SPEC-0001.yaml": spec_text(
        status="In Review", extra=REVIEWED)}, date=EPOCH)
    _merged(git_repo, ASKED, EPOCH + DAY, 2)
    _later_work(git_repo)
    report, stderr = _report()
    assert _ages(report) == (12.0, 12.0)
    assert "later than a commit after it" not in stderr


def test_a_branch_commit_the_last_changes_lost_is_taken_as_its_merge(
        git_repo: GitRepo) -> None:
    """Q-1 added on a branch in a commit dated 2099, merged on day 2, then a true change on
    the line on day 10: the spec's last changes no longer record the branch's commit, but
    the walk keeps the merge that brought it (`SpecHistory.brought`): 11 days from the
    merge, with a warning naming its time (age38 bounded it by the later change: 3 days,
    and before that it was taken as HEAD's time, 0 days)."""
    git_repo.commit("review", {"specs/SPEC-0001.yaml": spec_text(
        status="In Review", extra=REVIEWED)}, date=EPOCH)
    ahead = _merged(git_repo, ASKED, YEAR_2099, 2)
    git_repo.commit("retitle", {"specs/SPEC-0001.yaml": spec_text(
        status="In Review", title="Retitled", extra=ASKED)}, date=EPOCH + 10 * DAY)
    git_repo.commit("work", {"notes/13.md": "notes\n"}, date=EPOCH + 13 * DAY)
    report, stderr = _report()
    assert _ages(report) == (11.0, 11.0)
    assert (f"SPEC-0001: commit {ahead[:10]} is dated 2099-01-01T00:00:00Z") in stderr
    assert "its question Q-1's raising is taken as 2026-01-03T00:00:00Z" in stderr
    assert "its reviewer Alan Turing's addition is taken as 2026-01-03T00:00:00Z" in stderr


RESOLVED = ("reviewers: [Grace Hopper, Alan Turing]\nopen_questions:\n"
            "  - {id: Q-1, question: Per key?, state: resolved, resolution: Yes}\n")


def _resolved(report: dict[str, Any]) -> tuple[float, str]:
    """The days Q-1 took to be resolved, and when its resolution is shown."""
    [resolved] = report["resolved_questions"]
    return resolved["days_to_resolve"], resolved["resolved_at"]


@pytest.mark.parametrize("merged", [False, True])
def test_a_question_resolved_in_a_commit_dated_ahead(git_repo: GitRepo, merged: bool) -> None:
    """Q-1 raised on day 0 and resolved in a commit dated 2099, on HEAD's line or on a
    branch merged on day 4: its days to resolve counted to HEAD's time (13 days); they
    count to the next commit on the line (day 6) or to the merge (day 4), with a warning,
    and the resolution is shown then."""
    git_repo.commit("ask", {"specs/SPEC-0001.yaml": spec_text(
        status="In Review", extra=ASKED)}, date=EPOCH)
    ahead = _merged(git_repo, RESOLVED, YEAR_2099, 4) if merged else git_repo.commit(
        "answer", {"specs/SPEC-0001.yaml": spec_text(status="In Review", extra=RESOLVED)},
        date=YEAR_2099)
    _later_work(git_repo, 6)
    report, stderr = _report()
    day = 4 if merged else 6
    assert _resolved(report) == (float(day), f"2026-01-0{day + 1}T00:00:00Z")
    assert (f"SPEC-0001: commit {ahead[:10]} is dated 2099-01-01T00:00:00Z, later than a "
            "commit after it on HEAD's line or the time measured to (a committer's clock "
            "ahead, or a later one's behind): its question Q-1's resolution is taken as "
            f"2026-01-0{day + 1}T00:00:00Z") in stderr
    assert "raising" not in stderr


def test_a_resolved_question_raised_on_a_merged_branch_dated_ahead(git_repo: GitRepo) -> None:
    """Q-1 raised on a branch in a commit dated 2099, merged on day 2, resolved on the line
    on day 5: its days to resolve counted from HEAD's time, -8; they count from the
    merge, 3, with a warning naming its raising."""
    git_repo.commit("review", {"specs/SPEC-0001.yaml": spec_text(
        status="In Review", extra=REVIEWED)}, date=EPOCH)
    ahead = _merged(git_repo, ASKED, YEAR_2099, 2)
    git_repo.commit("answer", {"specs/SPEC-0001.yaml": spec_text(
        status="In Review", extra=RESOLVED)}, date=EPOCH + 5 * DAY)
    _later_work(git_repo, 6)
    report, stderr = _report()
    assert _resolved(report) == (3.0, "2026-01-06T00:00:00Z")
    assert (f"SPEC-0001: commit {ahead[:10]} is dated 2099-01-01T00:00:00Z") in stderr
    assert "its question Q-1's raising is taken as 2026-01-03T00:00:00Z" in stderr


def test_dates_in_order_keep_the_days_to_resolve(git_repo: GitRepo) -> None:
    """The control: raised on day 0, resolved on a branch on day 1, merged on day 4: one
    day, shown on its author date, no warning."""
    git_repo.commit("ask", {"specs/SPEC-0001.yaml": spec_text(
        status="In Review", extra=ASKED)}, date=EPOCH)
    _merged(git_repo, RESOLVED, EPOCH + DAY, 4)
    _later_work(git_repo)
    report, stderr = _report()
    assert _resolved(report) == (1.0, "2026-01-02T00:00:00Z")
    assert "later than a commit after it" not in stderr
