"""Which approvals count for the round of review a spec is in (`report`'s reviewers section
and `--fail-on waiting-reviews`): those whose commit contains the round's start on the
commit graph, never judged by dates (trial35: an `approved:` date left from an earlier
round hid a waiting review; a trailer given on a pull-request branch after the move to In
Review was lost in a merge commit)."""

from __future__ import annotations

import html
import json

import pytest

from tests.history.gitrepo import DAY, GitRepo, spec_text
from tests.support import run_cli

PATH = "specs/SPEC-0001.yaml"
TRAILER = "\n\nReviewed-by: Grace Hopper <grace@example.com>"


def spec(status: str, approved: str | None = None, summary: str = "First design.",
         name: str = "Grace Hopper") -> str:
    reviewers = (f"reviewers: [{name}]\n" if approved is None else
                 f"reviewers:\n  - {{name: {name}, approved: {approved}}}\n")
    return spec_text(status=status, extra=reviewers).replace("Why and what.", summary)


def waits_on_grace(repo: GitRepo, approvals: int = 1) -> bool:
    """Whether the report lists SPEC-0001 as waiting on Grace, checked against the gate
    (`--fail-on waiting-reviews` fails exactly then) and her `approvals` (ever)."""
    shown = run_cli("report", "reviewers", "--format", "json")
    assert shown.exit_code == 0, shown.output
    [grace] = json.loads(shown.stdout)["reviewers"]
    assert grace["approvals"] == approvals
    waiting = [wait["spec"] for wait in grace["waiting"]]
    gate = run_cli("report", "--fail-on", "waiting-reviews").exit_code
    assert gate == (1 if waiting else 0)
    return waiting == ["SPEC-0001"]


@pytest.fixture
def second_round(git_repo: GitRepo) -> GitRepo:
    """Days 2-6: in review, approved by Grace's date 2026-01-04, back to Draft for a new
    design, in review again on 2026-01-06 with her date still in the file."""
    git_repo.commit("Draft", {PATH: spec("Draft")})
    git_repo.commit("Review", {PATH: spec("In Review")})
    git_repo.commit("Approve", {PATH: spec("Approved", "2026-01-04")}, author="Grace Hopper")
    git_repo.commit("Rewrite", {PATH: spec("Draft", "2026-01-04", "Second design.")})
    git_repo.commit("Review again", {PATH: spec("In Review", "2026-01-04", "Second design.")})
    return git_repo


def test_an_approved_date_left_from_an_earlier_round_waits_on_the_reviewer(
        second_round: GitRepo) -> None:
    assert waits_on_grace(second_round)


@pytest.mark.parametrize("written", ["2026-01-07", "2026-01-06", "2026-01-05"])
def test_an_approved_date_written_in_the_round_counts_whatever_day_it_names(
        second_round: GitRepo, written: str) -> None:
    """The commit that wrote it is in the round: the graph says so, not the day (trial35b:
    a move committed with a clock ahead is dated after the approval that followed it)."""
    second_round.commit("Approve again", {PATH: spec("In Review", written, "Second design.")},
                        author="Grace Hopper")
    assert waits_on_grace(second_round) is False


@pytest.mark.parametrize("name", ["grace hopper", "Grace  Hopper", "GRACE HOPPER"])
def test_a_date_left_from_an_earlier_round_stays_of_it_when_the_name_is_respelt(
        second_round: GitRepo, name: str) -> None:
    """trial36b: re-spelling the reviewer (case, spacing: one person, as the reviewers table
    counts them) wrote her date for a new spelling, and the round-1 date counted for round 2;
    a new date written with the new spelling still counts."""
    second_round.commit("Respell", {PATH: spec("In Review", "2026-01-04", "Second design.",
                                               name)})
    assert waits_on_grace(second_round)
    second_round.commit("Approve again", {PATH: spec("In Review", "2026-01-07",
                                                     "Second design.", name)},
                        author="Grace Hopper")
    assert waits_on_grace(second_round) is False


def test_a_trailer_from_an_earlier_round_waits_on_the_reviewer(git_repo: GitRepo) -> None:
    git_repo.commit("Draft", {PATH: spec("Draft")})
    git_repo.commit("Review", {PATH: spec("In Review")})
    git_repo.commit("Fix" + TRAILER, {PATH: spec("In Review", summary="Fixed design.")})
    git_repo.commit("Rewrite", {PATH: spec("Draft", summary="Second design.")})
    git_repo.commit("Review again", {PATH: spec("In Review", summary="Second design.")})
    assert waits_on_grace(git_repo)


@pytest.mark.parametrize("merge", ["--no-ff", "--ff-only"])
def test_a_trailer_given_on_a_branch_after_the_move_to_review_counts_after_the_merge(
        git_repo: GitRepo, merge: str) -> None:
    git_repo.commit("Draft", {PATH: spec("Draft")})
    git_repo.git("checkout", "-q", "-b", "pr")
    git_repo.commit("Ready for review", {PATH: spec("In Review")})
    git_repo.commit("Address review" + TRAILER, {PATH: spec("In Review", summary="Fixed.")})
    git_repo.git("checkout", "-q", "main")
    git_repo.clock += DAY
    git_repo.git("merge", "-q", merge, "-m", "Merge pull request #1", "pr")
    assert not waits_on_grace(git_repo)


def test_a_trailer_on_a_branch_that_never_saw_the_review_waits_on_the_reviewer(
        git_repo: GitRepo) -> None:
    """The trailer is dated after the spec went In Review on main, but its branch forked
    before: it approved a Draft, not what this round reviews."""
    git_repo.commit("Draft", {PATH: spec("Draft")})
    git_repo.git("checkout", "-q", "-b", "pr")
    git_repo.git("checkout", "-q", "main")
    git_repo.commit("Review", {PATH: spec("In Review")})
    git_repo.git("checkout", "-q", "pr")
    git_repo.commit("Rework" + TRAILER, {PATH: spec("Draft", summary="Reworked.")})
    git_repo.git("checkout", "-q", "main")
    git_repo.merge("pr", message="Merge pull request #1")
    assert "status: In Review" in (git_repo.root / PATH).read_text(encoding="utf-8")
    assert waits_on_grace(git_repo)


def test_an_approved_date_another_recorded_says_who_in_the_report_and_the_timeline(
        git_repo: GitRepo) -> None:
    """trial36: Ada, the spec's author, wrote Grace's date in the commit that moved the spec
    to In Review; it counts (as a trailer Ada carries would), but nothing said that Grace
    never wrote it herself."""
    git_repo.commit("Draft", {PATH: spec("Draft")})
    git_repo.commit("Review", {PATH: spec("In Review", "2026-01-03")})
    commit = git_repo.git("rev-parse", "HEAD").strip()
    assert not waits_on_grace(git_repo)
    shown = run_cli("report", "reviewers", "--format", "json")
    [grace] = json.loads(shown.stdout)["reviewers"]
    assert grace["recorded_by_others"] == [
        {"spec": "SPEC-0001", "recorded_by": "Ada Lovelace", "commit": commit}]
    table = run_cli("report", "reviewers").stdout
    assert "approval recorded by another" in table
    assert f"SPEC-0001 (by Ada Lovelace, {commit[:10]})" in table
    timeline = run_cli("timeline", "SPEC-0001").stdout
    assert "2026-01-03 (recorded by Ada Lovelace)" in timeline
    events = json.loads(run_cli("timeline", "SPEC-0001", "--format", "json").stdout)["events"]
    assert [event["note"] for event in events if event["kind"] == "approved"] == [
        "recorded by Ada Lovelace"]


def test_an_approved_date_the_reviewer_wrote_names_nobody_else(git_repo: GitRepo) -> None:
    git_repo.commit("Draft", {PATH: spec("Draft")})
    git_repo.commit("Review", {PATH: spec("In Review")})
    git_repo.commit("Approve", {PATH: spec("In Review", "2026-01-04")}, author="Grace Hopper")
    assert not waits_on_grace(git_repo)
    [grace] = json.loads(run_cli("report", "reviewers", "--format", "json").stdout)["reviewers"]
    assert grace["recorded_by_others"] == []
    assert "recorded" not in run_cli("report", "reviewers").stdout
    assert "recorded by" not in run_cli("timeline", "SPEC-0001").stdout


def test_a_trailer_naming_its_own_author_says_it_is_no_review(git_repo: GitRepo) -> None:
    """The report counts it nowhere; the timeline listed it as an approval like any."""
    git_repo.commit("Draft", {PATH: spec("Draft")})
    git_repo.commit("Review", {PATH: spec("In Review")})
    git_repo.commit("Fix\n\nReviewed-by: Grace Hopper <grace@example.com>",
                    {PATH: spec("In Review", summary="Fixed.")}, author="Grace Hopper")
    timeline = run_cli("timeline", "SPEC-0001").stdout
    assert "Grace Hopper <grace@example.com> (names its commit's author: no review)" in timeline


STRICT = "specs: specs\napproval:\n  dates_recorded_by: reviewer  # only hers count\n"


@pytest.mark.parametrize("author", ["Ada Lovelace", "Grace Hopper"])
def test_dates_recorded_by_reviewer_counts_only_the_reviewers_own(
        git_repo: GitRepo, author: str) -> None:
    """The stricter policy: Ada (the spec's author) writing Grace's date in the move to In
    Review approves nothing; Grace's own does, and so does her trailer Ada carries. The
    site and the timeline (trial36b: it said only `recorded by Ada Lovelace`) say so."""
    git_repo.commit("Draft", {PATH: spec("Draft"), "specrepo.yaml": STRICT})
    git_repo.commit("Review", {PATH: spec("In Review", "2026-01-03")}, author=author)
    refusing = author == "Ada Lovelace"
    assert waits_on_grace(git_repo, 0 if refusing else 1) is refusing
    built = run_cli("site", "--out", "site")
    assert built.exit_code == 0, built.output
    page = html.unescape((git_repo.root / "site" / "specs" / "SPEC-0001.html")
                         .read_text(encoding="utf-8"))
    refused = ("approved 2026-01-03, recorded by Ada Lovelace: not the reviewer's own, so "
               "it does not count")
    assert (refused in page) is refusing
    words = "recorded by Ada Lovelace: not the reviewer's own, so it does not count"
    assert (f"2026-01-03 ({words})" in run_cli("timeline", "SPEC-0001").stdout) is refusing
    events = json.loads(run_cli("timeline", "SPEC-0001", "--format", "json").stdout)["events"]
    assert [event["note"] for event in events if event["kind"] == "approved"] == [
        words if refusing else None]
    git_repo.commit("Fix" + TRAILER, {PATH: spec("In Review", "2026-01-03", "Fixed.")})
    assert not waits_on_grace(git_repo)


def test_dates_recorded_by_takes_only_its_two_values(git_repo: GitRepo) -> None:
    git_repo.commit("Review", {PATH: spec("In Review", "2026-01-03"),
                               "specrepo.yaml": STRICT.replace("reviewer ", "author ")})
    shown = run_cli("report")
    assert shown.exit_code == 2
    assert "specrepo.yaml:3:22" in shown.output
