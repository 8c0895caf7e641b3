"""Every time the report shows or counts from follows the one clock rule (README "Order
comes from the commit graph"; place43, clock42's leftovers): `report --since REF`'s
`window_start` is REF's time as HEAD's line takes it (a REF dated behind a commit before
it is raised, as its events are), and a reviewer's wait counts from the addition's author
date no later than its commit's committer date, whether or not the spec's events are read
again (`review_times` read raw author dates)."""

from __future__ import annotations

from tests.history.gitrepo import DAY, EPOCH, GitRepo, spec_text
from tests.support import json_report

QUESTION = "open_questions:\n  - {id: Q-1, question: Why?, owner: Ada Lovelace%s}\n"


def test_the_since_window_starts_at_ref_s_time_as_the_line_takes_it(
        git_repo: GitRepo) -> None:
    """v1 is dated a day behind the commit before it (its clock behind): the line takes
    it at that commit's time, which the warning names and its own events get; the
    window's start is that time, not v1's raw date."""
    git_repo.commit("draft", {"specs/SPEC-0001.yaml": spec_text(extra=QUESTION % "")},
                    date=EPOCH)
    git_repo.commit("notes", {"notes.md": "one\n"}, date=EPOCH + 2 * DAY)
    git_repo.commit("dated behind", {"notes.md": "two\n"}, date=EPOCH + DAY)
    git_repo.git("tag", "v1")
    git_repo.commit("resolve", {"specs/SPEC-0001.yaml": spec_text(extra=QUESTION % (
        ", state: resolved, resolution: So"))}, date=EPOCH + 3 * DAY)
    git_repo.commit("HEAD", {"notes.md": "three\n"}, date=EPOCH + 5 * DAY)
    report, stderr = json_report("--since", "v1")
    assert "taken as 2026-01-03T00:00:00Z" in stderr
    assert report["window_start"] == "2026-01-03T00:00:00Z"
    assert report["window_ref"] == "v1"
    assert [row["id"] for row in report["resolved_questions"]] == ["Q-1"]


def test_the_since_window_of_a_ref_in_date_order_is_its_date(git_repo: GitRepo) -> None:
    git_repo.commit("draft", {"specs/SPEC-0001.yaml": spec_text()}, date=EPOCH)
    git_repo.commit("notes", {"notes.md": "one\n"}, date=EPOCH + DAY)
    git_repo.git("tag", "v1")
    git_repo.commit("HEAD", {"notes.md": "two\n"}, date=EPOCH + 5 * DAY)
    report, _ = json_report("--since", "v1")
    assert report["window_start"] == "2026-01-02T00:00:00Z"


def test_a_reviewer_added_by_a_commit_dated_behind_its_author_waits_from_its_commit(
        git_repo: GitRepo) -> None:
    """Grace is added by a commit authored on day 5 and committed on day 2 (a rebase on a
    machine whose clock was behind; still after the commit before it, so the line is in
    date order): she waits from day 2, no later than the commit's committer date, as a
    question raised there would (8 days to HEAD on day 10), not from the raw author date
    (5 days)."""
    git_repo.commit("draft", {"specs/SPEC-0001.yaml": spec_text()}, date=EPOCH)
    git_repo.commit("review", {"specs/SPEC-0001.yaml": spec_text(status="In Review")},
                    date=EPOCH + DAY)
    git_repo.commit("add Grace", {"specs/SPEC-0001.yaml": spec_text(
        status="In Review", extra="reviewers: [Grace Hopper]\n")},
        date=EPOCH + 5 * DAY, committer_date=EPOCH + 2 * DAY)
    git_repo.commit("HEAD", {"notes.md": "one\n"}, date=EPOCH + 10 * DAY)
    report, _ = json_report()
    [[waiting]] = [row["waiting"] for row in report["reviewers"]]
    assert waiting == {"spec": "SPEC-0001", "days": 8.0}
