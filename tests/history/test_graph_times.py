"""Ages and status periods follow the commit graph's order, never dates: a commit whose
committer's clock was ahead is taken as no later than the commits after it on HEAD's line
(and the time measured to), with a warning naming the spec and the commit."""

from __future__ import annotations

import json
from itertools import pairwise
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from specrepo.base.timestamps import iso_date
from specrepo.history.kept_line_times import taken_times
from specrepo.model.ancestry import GIT_BEGAN
from tests.history.gitrepo import DAY, EPOCH, GitRepo, spec_text
from tests.support import run_cli

YEAR_2099 = 4_070_908_800  # 2099-01-01T00:00:00Z
REVIEWED = "reviewers: [Grace Hopper]\n"


def _ahead_then_normal(repo: GitRepo) -> str:
    """SPEC-0001: Draft, then In Review in a commit dated 2099 (clock ahead), then a
    normal commit dated 2026-01-03 after it; returns the 2099 commit."""
    repo.commit("draft", {"specs/SPEC-0001.yaml": spec_text()}, date=EPOCH)
    ahead = repo.commit("review", {"specs/SPEC-0001.yaml": spec_text(
        status="In Review", extra=REVIEWED)}, date=YEAR_2099)
    repo.commit("notes", {"README.md": "notes\n"}, date=EPOCH + 2 * DAY)
    return ahead


def test_a_commit_dated_in_the_future_hides_no_stale_spec(git_repo: GitRepo) -> None:
    ahead = _ahead_then_normal(git_repo)
    result = run_cli("report", "--now", "2026-12-01", "--fail-on", "stale", "--format",
                     "json", no_traceback=True)
    assert result.exit_code == 1
    report = json.loads(result.stdout)
    assert report["stale"][0]["spec"] == "SPEC-0001"
    assert report["stale"][0]["idle_days"] == 332.0  # since 2026-01-03, HEAD
    [waiting] = report["reviewers"][0]["waiting"]
    assert waiting["days"] == 332.0
    assert (f"SPEC-0001: commit {ahead[:10]} is dated 2099-01-01T00:00:00Z, later than a "
            "commit after it on HEAD's line") in result.stderr
    assert "In Review period's start is taken as 2026-01-03T00:00:00Z" in result.stderr
    warm = run_cli("report", "--now", "2026-12-01", "--fail-on", "stale", "--format", "json")
    assert warm.output == result.output  # the same, warnings too


def test_no_period_ends_before_it_starts(git_repo: GitRepo) -> None:
    """A commit made with the wall clock between two back-dated ones."""
    git_repo.commit("draft", {"specs/SPEC-0001.yaml": spec_text()}, date=EPOCH)
    git_repo.commit("review", {"specs/SPEC-0001.yaml": spec_text(
        status="In Review", extra=REVIEWED)}, date=EPOCH + 333 * DAY)
    git_repo.commit("approve", {"specs/SPEC-0001.yaml": spec_text(
        status="Approved", extra=REVIEWED)}, date=EPOCH + 3 * DAY)
    result = run_cli("timeline", "SPEC-0001", "--format", "json", no_traceback=True)
    assert result.exit_code == 0
    periods = json.loads(result.stdout)["statuses"]
    assert [period["status"] for period in periods] == ["Draft", "In Review", "Approved"]
    for period in periods:
        assert period["until"] is None or period["since"] <= period["until"]
    assert periods[1]["since"] == periods[1]["until"] == "2026-01-04T00:00:00Z"
    assert "is dated 2026-11-30T00:00:00Z" in result.stderr
    assert run_cli("timeline", "SPEC-0001", "--format", "json").output == result.output


def test_dates_in_the_graphs_order_change_nothing(git_repo: GitRepo) -> None:
    git_repo.commit("draft", {"specs/SPEC-0001.yaml": spec_text()}, date=EPOCH)
    git_repo.commit("review", {"specs/SPEC-0001.yaml": spec_text(
        status="In Review", extra=REVIEWED)}, date=EPOCH + DAY)
    result = run_cli("report", "--now", "2026-01-31", no_traceback=True)
    assert result.exit_code == 0 and result.stderr == ""


def test_a_time_taken_from_a_later_commit_is_shown_on_that_commits_day(
        git_repo: GitRepo) -> None:
    """trial34 F3: a review at 23:00 -1200 then an approval at 00:30 +1400 the next day,
    24.5 h earlier in UTC. The review's time is taken as the approval's, so it is shown
    on the approval's day (in its author's offset), never on a day no commit has; the
    stale spec's last change too (HEAD's time, in HEAD's author's offset)."""
    git_repo.commit("draft", {"specs/SPEC-0001.yaml": spec_text()}, date=EPOCH)
    git_repo.commit("review", {"specs/SPEC-0001.yaml": spec_text(
        status="In Review", extra=REVIEWED)}, date=EPOCH + 5 * DAY + 11 * 3600, zone="-1200")
    git_repo.commit("approve", {"specs/SPEC-0001.yaml": spec_text(
        status="Approved", extra=REVIEWED)}, date=EPOCH + 4 * DAY + 37800, zone="+1400")
    days = set(git_repo.git("log", "--format=%ad", "--date=short").split())
    assert days == {"2026-01-01", "2026-01-05", "2026-01-06"}
    # The periods table, its commits in three offsets, shows UTC days (trial75): each a
    # day a commit has in UTC, the review's the approval's (its time taken as it).
    utc_days = {iso_date(int(time)) for time in git_repo.git("log", "--format=%at").split()}
    timeline = run_cli("timeline", "SPEC-0001", no_traceback=True)
    shown = [word for line in timeline.stdout.splitlines()
             if line.startswith(("Draft ", "In Review ", "Approved "))
             for word in line.split() if word.startswith("2026-")]
    assert "since (UTC)" in timeline.stdout
    assert set(shown) <= utc_days and shown == sorted(shown), timeline.stdout
    report = run_cli("report", "stale", "--now", "2026-03-10", no_traceback=True)
    [row] = [line for line in report.stdout.splitlines() if line.startswith("SPEC-0001")]
    assert row.split()[2] == "2026-01-06"


def test_no_period_is_shown_ending_on_a_day_before_it_starts(git_repo: GitRepo) -> None:
    """Skew across two commits: a review at +1400, then an approval at -1200 dated before
    both (the review's start is the approval's instant: shown on the approval's day)."""
    git_repo.commit("draft", {"specs/SPEC-0001.yaml": spec_text()}, date=EPOCH + 10 * DAY)
    git_repo.commit("review", {"specs/SPEC-0001.yaml": spec_text(
        status="In Review", extra=REVIEWED)}, date=EPOCH + 10 * DAY + 3600, zone="+1400")
    git_repo.commit("approve", {"specs/SPEC-0001.yaml": spec_text(
        status="Approved", extra=REVIEWED)}, date=EPOCH - 10 * DAY + 6 * 3600, zone="-1200")
    result = run_cli("timeline", "SPEC-0001", no_traceback=True)
    rows = [line.split() for line in result.stdout.splitlines()
            if line.startswith(("Draft ", "In Review "))]
    for row in rows:
        since, until = [word for word in row if word.startswith("20")][:2]
        assert since <= until, row


def test_a_timeline_warns_of_its_own_specs_dates_once(git_repo: GitRepo) -> None:
    """trial37: both specs' first commit dated ahead of the commit after it. `timeline
    SPEC-0001` said SPEC-0002's warnings too, once on stderr and again in its table; now
    each timeline says its own spec's, on stderr only (the documents, Markdown and JSON,
    hold them as `diff`'s do), and the run's: HEAD is dated before its parent (age39)."""
    ahead = git_repo.commit("two specs", {"specs/SPEC-0001.yaml": spec_text(),
                                          "specs/SPEC-0002.yaml": spec_text("SPEC-0002")},
                            date=YEAR_2099)
    git_repo.commit("notes", {"README.md": "notes\n"}, date=EPOCH + 2 * DAY)
    for asked, other in (("SPEC-0001", "SPEC-0002"), ("SPEC-0002", "SPEC-0001")):
        result = run_cli("timeline", asked, no_traceback=True)
        assert result.exit_code == 0
        assert other not in result.output
        warning = (f"specrepo: warning: {asked}: commit {ahead[:10]} is dated "
                   "2099-01-01T00:00:00Z, later than a commit after it")
        assert result.stderr.count(warning) == 2  # its last change, its Draft period's start
        assert "warning" not in result.stdout
        document = json.loads(run_cli("timeline", asked, "--format", "json").stdout)
        assert len(document["warnings"]) == 3
        assert all(warning.startswith((f"{asked}: ", "HEAD (commit "))
                   for warning in document["warnings"])
        markdown = run_cli("timeline", asked, "--format", "markdown").stdout
        assert markdown.count("**Warning:**") == 3 and other not in markdown
    assert run_cli("report").stderr.count("2099-01-01T00:00:00Z") == 5  # both specs', HEAD


def test_a_commit_dated_ahead_is_taken_as_the_next_commit_on_the_line(git_repo: GitRepo
                                                                      ) -> None:
    """trial38: an approval dated 2099, then commits of other files dated 2026-01-10 to -14:
    the approval was taken as HEAD's time (0 days, not stale); it is taken as the next
    commit's on the line, though that commit touches no spec."""
    git_repo.commit("review", {"specrepo.yaml": "specs: specs\nstale_after_days:\n  Approved: 3\n",
                               "specs/SPEC-0001.yaml": spec_text(
                                   status="In Review", extra=REVIEWED)}, date=EPOCH)
    ahead = git_repo.commit("approve", {"specs/SPEC-0001.yaml": spec_text(
        status="Approved", extra=REVIEWED)}, date=YEAR_2099)
    for day in range(9, 14):
        git_repo.commit(f"work {day}", {f"notes/{day}.md": "notes\n"}, date=EPOCH + day * DAY)
    result = run_cli("report", "--fail-on", "stale", "--format", "json", no_traceback=True)
    assert result.exit_code == 1
    [stale] = json.loads(result.stdout)["stale"]
    assert (stale["spec"], stale["idle_days"]) == ("SPEC-0001", 4.0)
    assert (f"SPEC-0001: commit {ahead[:10]} is dated 2099-01-01T00:00:00Z, later than a "
            "commit after it on HEAD's line") in result.stderr
    assert "Approved period's start is taken as 2026-01-10T00:00:00Z" in result.stderr
    timeline = run_cli("timeline", "SPEC-0001", "--format", "json", no_traceback=True)
    assert json.loads(timeline.stdout)["statuses"][-1]["since"] == "2026-01-10T00:00:00Z"
    kept = git_repo.root / ".git" / "specrepo" / "line-times-cache.json"
    assert kept.is_file()
    warm = run_cli("report", "--fail-on", "stale", "--format", "json")
    assert (warm.output, warm.exit_code) == (result.output, 1)
    kept.write_bytes(kept.read_bytes().replace(b"2026", b"2027"))  # fails its checksum
    assert run_cli("report", "--fail-on", "stale", "--format", "json").output == result.output


def _runs(times: list[int], floor: int) -> list[tuple[int, ...]]:
    """Every non-decreasing run of `times` (the oldest first) that ends with the last of
    the times no earlier than `floor`, of those, as the positions it keeps, by brute
    force (one empty run when none is)."""
    right = [index for index, time in enumerate(times) if time >= floor]
    if not right:
        return [()]
    *before, last = right
    return [kept for mask in range(1 << len(before))
            if (kept := (*(index for bit, index in enumerate(before) if mask >> bit & 1),
                         last))
            and all(times[a] <= times[b] for a, b in pairwise(kept))]


@given(st.sampled_from([0, GIT_BEGAN - 10, GIT_BEGAN]),
       st.lists(st.tuples(st.integers(0, 20), st.integers(0, 20)), min_size=1, max_size=10))
def test_the_line_as_taken_keeps_its_longest_run_in_date_order(
        base: int, dates: list[tuple[int, int]]) -> None:
    """trial39, trial40b: a date before git began (2005-04-07; before the line's first
    commit, the later of its two dates, when that is earlier) is wrong, HEAD's too
    (trial41b head-dated-1970-hides-stale); of the others, the dates that are right are
    the line's longest run in date order that ends at HEAD (at the newest commit not so
    dated when HEAD is; on a tie, the one with the later dates, the newest first): those
    commits keep their dates; every other one is taken as its author date when that lies
    between the commit before it (as taken) and the next commit of the run (none after
    the run's last) and is no earlier than the floor, else the nearer of the two (a clock
    ahead: earlier; behind: raised). The line as taken is in order, and HEAD at its date
    unless that is before the floor. `base`: dates around 1970, across and after the day
    git began."""
    line = [(f"c{index}", base + time, base + authored, index)  # HEAD first
            for index, (time, authored) in enumerate(dates)]
    taken = taken_times(line)
    oldest_first = list(reversed(line))
    as_taken = [taken.get(commit, (time, offset)) for commit, time, _, offset in oldest_first]
    assert [time for time, _ in as_taken] == sorted(time for time, _ in as_taken)
    floor = min(GIT_BEGAN, max(oldest_first[0][1:3]))
    assert (as_taken[-1] == (line[0][1], 0)) is (line[0][1] >= floor)  # HEAD: at its date
    kept = tuple(index for index, (commit, _, _, _) in enumerate(oldest_first)
                 if commit not in taken)
    times = [time for _, time, _, _ in oldest_first]
    runs = _runs(times, floor)
    assert len(kept) == max(map(len, runs))
    assert kept == max((run for run in runs if len(run) == len(kept)),
                       key=lambda run: [(times[index], index) for index in reversed(run)])
    for index, (commit, time, authored, offset) in enumerate(oldest_first):
        if commit not in taken:
            continue
        low = as_taken[index - 1] if index else None
        high = next((as_taken[after] for after in kept if after > index), None)
        if low is not None and (authored < low[0] or authored < floor):
            assert taken[commit] == low  # behind: raised
        elif high is not None and (authored > high[0] or authored < floor):
            assert taken[commit] == high  # ahead: as late as the run allows
        else:
            assert taken[commit] == (authored, offset)
        assert taken[commit][0] != time


def test_one_commit_dated_behind_is_raised_not_every_commit_before_it() -> None:
    """One commit dated 1970 between two right ones is raised to the one before it; a
    HEAD dated behind its parent keeps its date (the parent is taken as it), unless it is
    dated before git began (trial41b head-dated-1970-hides-stale): then it is raised to
    its parent, or taken at its author date when that is no earlier."""
    assert taken_times([("head", 10, 10, 0), ("bot", 1, 1, 60), ("c2", 3, 3, 0),
                        ("c1", 2, 2, 0)]) == {"bot": (3, 0)}
    assert taken_times([("head", 6, 6, 0), ("parent", 11, 11, 0), ("c1", 2, 2, 0)]) \
        == {"parent": (6, 0)}
    assert taken_times([("head", 10, 10, 0), ("bot", 1, 4, 0), ("c2", 3, 3, 0),
                        ("c1", 2, 2, 0)]) == {"bot": (4, 0)}  # its author date, between
    began = GIT_BEGAN
    line = [("parent", began + 11, began + 11, 0), ("c1", began + 2, began + 2, 0)]
    assert taken_times([("head", 6, 6, 60), *line]) == {"head": (began + 11, 0)}
    assert taken_times([("head", 6, began + 20, 60), *line]) == {"head": (began + 20, 60)}
    assert taken_times([("head", 6, began + 5, 60), *line]) == {"head": (began + 11, 0)}
    assert taken_times([("head", 6, 6, 60), ("bot", 5, 5, 0), *line]) == {
        "head": (began + 11, 0), "bot": (began + 11, 0)}


def test_a_commit_dated_ahead_is_taken_at_its_author_date(git_repo: GitRepo) -> None:
    """trial39 committer-ahead-author-right: a commit authored 2026-01-05 whose committer's
    clock was ahead (2125) moves SPEC-0002 to In Review and raises Q-1; HEAD comes 26 days
    later. The period was taken as HEAD's time (0 days: `--fail-on stale` passed) while
    Q-1 read 26 days; both now count from the author date."""
    git_repo.commit("draft", {"specrepo.yaml": STALE_IN_REVIEW, "specs/SPEC-0002.yaml":
                              spec_text("SPEC-0002")}, date=EPOCH)
    ahead = git_repo.commit("review", {"specs/SPEC-0002.yaml": spec_text(
        "SPEC-0002", status="In Review", extra=REVIEWED + "open_questions:\n  - {id: Q-1, "
        "question: Why?, state: open, owner: Ada Lovelace}\n")}, date=EPOCH + 4 * DAY,
        committer_date=EPOCH + 36500 * DAY)
    git_repo.commit("later", {"notes.txt": "x\n"}, date=EPOCH + 30 * DAY)
    result = run_cli("report", "--fail-on", "stale", "--format", "json", no_traceback=True)
    assert result.exit_code == 1
    report = json.loads(result.stdout)
    [spec] = report["specs"]
    assert (spec["since"], spec["days_in_status"]) == ("2026-01-05T00:00:00Z", 26.0)
    assert report["open_questions"][0]["age_days"] == 26.0
    assert f"commit {ahead[:10]} is dated 2125-12-08T00:00:00Z" in result.stderr
    assert "In Review period's start is taken as 2026-01-05T00:00:00Z" in result.stderr


STALE_IN_REVIEW = "specs: specs\nstale_after_days:\n  In Review: 3\n"


def _branch_change_ahead(repo: GitRepo, how: str, merge_ahead: bool = False) -> str:
    """SPEC-0001 In Review on main (day 0); a branch edits its title in a commit dated 2099
    (a laptop's clock; authored on day 1), brought onto main on day 2 by `how` (a merge
    commit authored and committed in 2099 with `merge_ahead`); returns the branch's
    commit."""
    repo.commit("review", {"specrepo.yaml": STALE_IN_REVIEW, "specs/SPEC-0001.yaml": spec_text(
        status="In Review", extra=REVIEWED)}, date=EPOCH)
    repo.git("checkout", "-q", "-b", "edit")
    ahead = repo.commit("retitle", {"specs/SPEC-0001.yaml": spec_text(
        status="In Review", title="Retitled", extra=REVIEWED)}, date=EPOCH + DAY,
        committer_date=YEAR_2099)
    repo.git("checkout", "-q", "main")
    if how == "--squash":
        repo.git("merge", "-q", "--squash", "edit")
        repo.commit("squashed", date=EPOCH + 2 * DAY)
    else:
        repo.git("merge", "-q", how, "-m", "Merge", "edit",
                 date=YEAR_2099 if merge_ahead else EPOCH + 2 * DAY,
                 committer_date=YEAR_2099 if merge_ahead else None)
    return ahead


def _stale_days(expected_exit: int = 1) -> tuple[float, str]:
    """The idle days `report --fail-on stale` gives SPEC-0001, and its stderr."""
    result = run_cli("report", "--fail-on", "stale", "--format", "json", no_traceback=True)
    assert result.exit_code == expected_exit, result.output
    [stale] = json.loads(result.stdout)["stale"]
    assert stale["spec"] == "SPEC-0001"
    warm = run_cli("report", "--fail-on", "stale", "--format", "json")
    assert (warm.output, warm.exit_code) == (result.output, result.exit_code)
    return stale["idle_days"], result.stderr


@pytest.mark.parametrize(("how", "idle"), [("--no-ff", 11.0), ("--squash", 11.0),
                                           ("--ff-only", 12.0)])
def test_a_merged_branch_commit_dated_ahead_is_taken_as_its_merge(
        git_repo: GitRepo, how: str, idle: float) -> None:
    """trial38 (known limit): a branch's content change dated 2099 merged (--no-ff) on
    day 2, then commits of other files to day 13: the change was taken as HEAD's time (0
    idle days, not stale). A change counts from when HEAD's line took it, as a status
    period does (fix52b): the merge's day 2, 11 days, whatever the branch commit's dates;
    squashed, the squash's day 2; fast-forwarded, it is on the line, taken as its author
    date, which lies between the commits before and after it (trial39)."""
    ahead = _branch_change_ahead(git_repo, how)
    for day in (3, *range(9, 14)):
        git_repo.commit(f"work {day}", {f"notes/{day}.md": "notes\n"}, date=EPOCH + day * DAY)
    days, stderr = _stale_days()
    assert days == idle
    if how == "--ff-only":
        assert (f"SPEC-0001: commit {ahead[:10]} is dated 2099-01-01T00:00:00Z, later than "
                "a commit after it on HEAD's line") in stderr
        assert "its last change is taken as 2026-01-02T00:00:00Z" in stderr
    else:
        assert "last change" not in stderr


def test_a_merge_dated_ahead_takes_its_branch_as_the_next_commit_on_the_line(
        git_repo: GitRepo) -> None:
    """The branch's commit and its merge both dated 2099 (merged on the same laptop): the
    change is taken as the commit after the merge on the line (day 9), not HEAD's time;
    the warning names the merge, whose date the change is taken at (fix52b)."""
    _branch_change_ahead(git_repo, "--no-ff", merge_ahead=True)
    merge = git_repo.git("rev-parse", "HEAD")
    for day in range(9, 14):
        git_repo.commit(f"work {day}", {f"notes/{day}.md": "notes\n"}, date=EPOCH + day * DAY)
    days, stderr = _stale_days()
    assert days == 4.0
    assert (f"commit {merge[:10]} is dated 2099-01-01T00:00:00Z" in stderr
            and "its last change is taken as 2026-01-10T00:00:00Z" in stderr)


def test_a_later_true_change_stays_the_last_after_a_branch_dated_ahead(
        git_repo: GitRepo) -> None:
    """A branch's change dated 2099, merged on day 2, then a true change on the line on
    day 5 and other commits to day 13: the day-5 change is the last (8 idle days); the
    2099 one won as the latest date and was taken as HEAD's time (0)."""
    _branch_change_ahead(git_repo, "--no-ff")
    git_repo.commit("retitle again", {"specs/SPEC-0001.yaml": spec_text(
        status="In Review", title="Again", extra=REVIEWED)}, date=EPOCH + 5 * DAY)
    for day in range(9, 14):
        git_repo.commit(f"work {day}", {f"notes/{day}.md": "notes\n"}, date=EPOCH + day * DAY)
    days, stderr = _stale_days()
    assert days == 8.0
    assert "last change" not in stderr


@pytest.mark.parametrize("merged", [False, True])
def test_a_true_change_after_a_commit_dated_ahead_on_the_line_is_the_last(
        git_repo: GitRepo, merged: bool) -> None:
    """A content change dated 2099 on HEAD's line (or a branch's, merged by a merge dated
    2099 too), then other files on day 9 and a true change on day 10, HEAD on day 14: the
    day-10 change is the last (4 idle days); the 2099 one won and was taken as day 9."""
    if merged:
        _branch_change_ahead(git_repo, "--no-ff", merge_ahead=True)
    else:
        git_repo.commit("review", {"specrepo.yaml": STALE_IN_REVIEW, "specs/SPEC-0001.yaml":
                                   spec_text(status="In Review", extra=REVIEWED)}, date=EPOCH)
        git_repo.commit("retitle", {"specs/SPEC-0001.yaml": spec_text(
            status="In Review", title="Retitled", extra=REVIEWED)}, date=YEAR_2099)
    git_repo.commit("work 9", {"notes/9.md": "notes\n"}, date=EPOCH + 9 * DAY)
    git_repo.commit("retitle again", {"specs/SPEC-0001.yaml": spec_text(
        status="In Review", title="Again", extra=REVIEWED)}, date=EPOCH + 10 * DAY)
    git_repo.commit("work 14", {"notes/14.md": "notes\n"}, date=EPOCH + 14 * DAY)
    days, stderr = _stale_days()
    assert days == 4.0
    assert "last change" not in stderr


def test_a_merge_that_changed_no_spec_file_is_asked_of_git_with_the_line(
        git_repo: GitRepo, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A branch's retitle dated 2099, merged on day 2 by a merge that changes no spec file
    (the line made the same retitle on day 1): the walk has no record of the merge, and
    asks git for HEAD's whole line at once (no `git show` of it), which the line's times
    take too (one `git log --first-parent` in all); the change is taken as the merge's
    (day 2: as a status period, from when HEAD's line took it; fix52b), 11 idle days, cold
    and warm, whatever the branch commit's dates (no warning of them)."""
    git_repo.commit("review", {"specrepo.yaml": STALE_IN_REVIEW, "specs/SPEC-0001.yaml":
                               spec_text(status="In Review", extra=REVIEWED)}, date=EPOCH)
    retitled = {"specs/SPEC-0001.yaml": spec_text(status="In Review", title="Retitled",
                                                  extra=REVIEWED)}
    git_repo.git("checkout", "-q", "-b", "edit")
    ahead = git_repo.commit("retitle", retitled, date=EPOCH + DAY, committer_date=YEAR_2099)
    git_repo.git("checkout", "-q", "main")
    git_repo.commit("retitle too", retitled, date=EPOCH + DAY)
    git_repo.git("merge", "-q", "--no-ff", "-m", "Merge", "edit", date=EPOCH + 2 * DAY)
    for day in range(9, 14):
        git_repo.commit(f"work {day}", {f"notes/{day}.md": "notes\n"}, date=EPOCH + day * DAY)
    trace = tmp_path / "trace"
    monkeypatch.setenv("GIT_TRACE", str(trace))
    days, stderr = _stale_days()
    assert days == 11.0
    assert ahead[:10] not in stderr and "last change" not in stderr
    asked = [line for line in trace.read_text().splitlines() if "built-in: git " in line]
    assert sum(" git show " in line for line in asked) == 0
    assert sum(" git log --first-parent " in line and line.endswith(" --")
               for line in asked) == 1  # the line's (started with the cold walk: cold44)


def test_a_branch_commit_rebased_with_a_clock_ahead_counts_from_its_merge(
        git_repo: GitRepo) -> None:
    """trial39b branch-committer-ahead-stale-passes, trial51a stale-before-status-began: a
    pull request's commit moves SPEC-0001 to In Review, authored on day 1 (committed by a
    laptop whose clock read 2100, or on day 1); merged on day 29, HEAD on day 30. The spec
    is In Review since the merge (1 day), so it has been idle no longer than that (one
    definition serves both: from when HEAD's line took the change), whatever the branch
    commit's dates; its question aged from its author date, 29 days."""
    for committer in (4_102_444_800, EPOCH + DAY):
        git_repo.git("checkout", "-q", "--orphan", f"run{committer}")
        git_repo.git("rm", "-rqf", "--ignore-unmatch", ".")
        git_repo.commit("draft", {"specrepo.yaml": STALE_IN_REVIEW, "specs/SPEC-0001.yaml":
                                  spec_text()}, date=EPOCH)
        git_repo.git("checkout", "-q", "-b", f"feature{committer}")
        git_repo.commit("review", {"specs/SPEC-0001.yaml": spec_text(
            status="In Review", extra=REVIEWED + "open_questions:\n  - {id: Q-1, question: "
            "Which?, state: open, owner: Grace Hopper}\n")}, date=EPOCH + DAY,
            committer_date=committer)
        git_repo.git("checkout", "-q", f"run{committer}")
        git_repo.commit("other", {"other.txt": "x\n"}, date=EPOCH + 2 * DAY)
        git_repo.git("merge", "-q", "--no-ff", "-m", "merge", f"feature{committer}",
                     date=EPOCH + 29 * DAY)
        git_repo.commit("later", {"other.txt": "y\n"}, date=EPOCH + 30 * DAY)
        result = run_cli("report", "--fail-on", "stale", "--format", "json",
                         no_traceback=True)
        assert result.exit_code == 0, result.output
        report = json.loads(result.stdout)
        assert report["stale"] == []
        assert report["specs"][0]["days_in_status"] == 1.0
        assert report["open_questions"][0]["age_days"] == 29.0
        assert "last change" not in result.stderr


def test_a_head_dated_after_the_machines_clock_is_said(git_repo: GitRepo) -> None:
    """trial39b head-committer-ahead-author-right-everything-stale-no-warning: HEAD amended
    on a laptop whose clock read 2100 made every spec read 27,000 days idle, and nothing
    said why; the report (unchanged: measured to HEAD's time) says so on stderr, and so do
    the timeline and the site (trial40 head-ahead-of-clock-site-timeline-silent: their
    periods and idle days read 27,000 days with no word)."""
    git_repo.commit("review", {"specrepo.yaml": STALE_IN_REVIEW, "specs/SPEC-0001.yaml":
                               spec_text(status="In Review", extra=REVIEWED)}, date=EPOCH)
    git_repo.commit("later", {"notes.txt": "x\n"}, date=EPOCH + 3 * DAY,
                    committer_date=4_102_444_800)
    result = run_cli("report", "--format", "json", no_traceback=True)
    assert "specrepo: warning: HEAD's commit is dated 2100-01-01T00:00:00Z, after this " \
        "machine's clock: a committer's clock ahead" in result.stderr
    assert result.stdout == run_cli("report", "--format", "json").stdout
    for command in (["timeline", "SPEC-0001"], ["site", "--out", "_site"]):
        assert "HEAD's commit is dated 2100-01-01T00:00:00Z, after this machine's clock:" \
            in run_cli(*command).stderr
    git_repo.commit("right", {"notes.txt": "y\n"}, date=EPOCH + 4 * DAY)
    for command in (["report"], ["timeline", "SPEC-0001"], ["site", "--out", "_site"]):
        assert "after this machine's clock" not in run_cli(*command).stderr
