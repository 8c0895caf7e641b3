"""A commit of HEAD's line dated behind the commit before it (a bot's clock at 1970) is
raised to that commit's time, as the line takes it (README "Order comes from the commit
graph"): the commits before it keep their dates, and every reader of ages agrees (trial39
one-commit-dated-behind-makes-every-earlier-spec-stale: every earlier commit was taken as
1970, so every spec read 20,000 days old, for good)."""

from __future__ import annotations

import json

from tests.history.gitrepo import DAY, EPOCH, GitRepo, spec_text
from tests.support import json_report as _report
from tests.support import run_cli

BOT = DAY  # 1970-01-02T00:00:00Z
REVIEWED = "reviewers: [Grace Hopper]\n"
QUESTIONS = ("open_questions:\n  - {id: Q-1, question: Why?, owner: Ada Lovelace}\n"
             "  - {id: Q-2, question: How?, owner: Ada Lovelace%s}\n")


def _raised_warning(commit: str, taken: str, dated: str = "1970-01-02T00:00:00Z") -> str:
    return (f"specrepo: warning: commit {commit[:10]} of HEAD's line is dated {dated}, "
            "before a commit before it on the line or before git existed (2005-04-07; a "
            f"committer's clock behind): taken as {taken}")


def test_one_commit_dated_behind_leaves_the_commits_before_it_their_dates(
        git_repo: GitRepo) -> None:
    """The trial's repro: SPEC-0001 approved on 2026-01-04, a bot's commit dated 1970,
    HEAD on 2026-01-11: Approved 7 days (not 20,463), not stale, with a warning naming the
    bot's commit; the same warm, in the timeline, and after a new commit."""
    git_repo.commit("draft", {"specs/SPEC-0001.yaml": spec_text(extra=REVIEWED)}, date=EPOCH)
    git_repo.commit("review", {"specs/SPEC-0001.yaml": spec_text(
        status="In Review", extra=REVIEWED)}, date=EPOCH + DAY)
    git_repo.commit("approve", {"specs/SPEC-0001.yaml": spec_text(
        status="Approved", extra=REVIEWED)}, date=EPOCH + 3 * DAY)
    bot = git_repo.commit("bot: bump version", {"VERSION": "v1\n"}, date=BOT)
    git_repo.commit("HEAD", {"VERSION": "v2\n"}, date=EPOCH + 10 * DAY)
    report, stderr = _report("--fail-on", "stale")
    [spec] = report["specs"]
    assert (spec["since"], spec["days_in_status"], spec["days_in_review"],
            spec["days_to_approval"]) == ("2026-01-04T00:00:00Z", 7.0, 2.0, 3.0)
    assert report["stale"] == []
    assert _raised_warning(bot, "2026-01-04T00:00:00Z") in stderr
    assert "later than a commit after it" not in stderr
    timeline = run_cli("timeline", "SPEC-0001", "--format", "json", no_traceback=True)
    assert [period["since"] for period in json.loads(timeline.stdout)["statuses"]] == [
        "2026-01-01T00:00:00Z", "2026-01-02T00:00:00Z", "2026-01-04T00:00:00Z"]
    assert _raised_warning(bot, "2026-01-04T00:00:00Z") in timeline.stderr
    git_repo.commit("later", {"VERSION": "v3\n"}, date=EPOCH + 100 * DAY)
    report, stderr = _report("--fail-on", "stale", exit_code=1)  # 97 days Approved
    assert [row["idle_days"] for row in report["stale"]] == [97.0]
    assert _raised_warning(bot, "2026-01-04T00:00:00Z") in stderr


def test_questions_and_waits_around_a_commit_dated_behind(git_repo: GitRepo) -> None:
    """Q-1 and Q-2 raised on day 1, a note on day 2, then a bot (clock at 1970) resolves
    Q-2, HEAD on day 10: Q-1 is 9 days old and Grace Hopper has waited 9 days (not
    20,463); Q-2 was resolved when the line takes the bot's commit (day 2: 1 day, in the
    `--since` window of day 2); the site's last change and status agree."""
    git_repo.commit("draft", {"specs/SPEC-0001.yaml": spec_text(extra=REVIEWED)}, date=EPOCH)
    git_repo.commit("review", {"specs/SPEC-0001.yaml": spec_text(
        status="In Review", extra=REVIEWED + QUESTIONS % "")}, date=EPOCH + DAY)
    git_repo.commit("notes", {"notes.md": "notes\n"}, date=EPOCH + 2 * DAY)
    bot = git_repo.commit("bot resolves", {"specs/SPEC-0001.yaml": spec_text(
        status="In Review", extra=REVIEWED + QUESTIONS % (
            ", state: resolved, resolution: Like so"))}, date=BOT)
    git_repo.commit("HEAD", {"notes.md": "more\n"}, date=EPOCH + 10 * DAY)
    report, stderr = _report()
    [question] = report["open_questions"]
    assert (question["id"], question["age_days"]) == ("Q-1", 9.0)
    [resolved] = report["resolved_questions"]
    assert (resolved["resolved_at"], resolved["days_to_resolve"]) == (
        "2026-01-03T00:00:00Z", 1.0)
    [[waiting]] = [row["waiting"] for row in report["reviewers"]]
    assert waiting["days"] == 9.0
    assert report["specs"][0]["days_in_status"] == 9.0
    assert _raised_warning(bot, "2026-01-03T00:00:00Z") in stderr
    since, _ = _report("--since", "2026-01-03")
    assert [row["id"] for row in since["resolved_questions"]] == ["Q-2"]
    after, _ = _report("--since", "2026-01-04")
    assert after["resolved_questions"] == []
    site = run_cli("site", "--out", "_site", no_traceback=True)
    assert site.exit_code == 0, site.output
    [spec] = json.loads((git_repo.root / "_site" / "specs.json").read_text())["specs"]
    assert (spec["status_since"], spec["last_change"]) == (
        "2026-01-02T00:00:00Z", "2026-01-03T00:00:00Z")
    assert _raised_warning(bot, "2026-01-03T00:00:00Z") in site.stderr


def test_a_spec_changed_on_the_line_then_by_an_older_branch_commit(git_repo: GitRepo) -> None:
    """SPEC-0001 edited on a branch on day 1; on main, notes on day 2, then a bot (clock at
    1970) edits SPEC-0001 too (taken as day 2), then the branch is merged on day 3 and
    HEAD is day 20: the branch's edit, brought onto HEAD's line by the merge on day 3, is
    the last change (17 idle days: a change counts from when the line took it, fix52b),
    not the bot's, whose date the line raises to day 2, nor the branch commit's day 1."""
    git_repo.write("specrepo.yaml", "specs: specs\nstale_after_days:\n  Draft: 1\n")
    git_repo.commit("draft", {"specs/SPEC-0001.yaml": spec_text()}, date=EPOCH)
    git_repo.git("checkout", "-q", "-b", "side")
    git_repo.commit("side", {"specs/SPEC-0001.yaml": spec_text(title="Side")},
                    date=EPOCH + DAY)
    git_repo.git("checkout", "-q", "main")
    git_repo.commit("notes", {"notes.md": "notes\n"}, date=EPOCH + 2 * DAY)
    git_repo.commit("bot", {"specs/SPEC-0001.yaml": spec_text().replace(
        "summary: ", "summary: Bot. ")}, date=BOT)
    git_repo.git("merge", "-q", "--no-ff", "-m", "Merge", "side", date=EPOCH + 3 * DAY)
    git_repo.commit("HEAD", {"notes.md": "more\n"}, date=EPOCH + 20 * DAY)
    report, _ = _report("--fail-on", "stale", exit_code=1)
    [stale] = report["stale"]
    assert stale["idle_days"] == 17.0


def test_a_status_move_dated_behind_ends_the_periods_before_it_where_it_is_taken(
        git_repo: GitRepo) -> None:
    """trial40b raised-commit-periods-end-1970: the bot's commit that approves SPEC-0001 is
    raised to 2026-01-03; the Draft and In Review periods before it end there, not at its
    1970 date (they read 1970-01-02..1970-01-02, 20,453 days to approval, and the site a
    deletion that never happened)."""
    git_repo.commit("draft", {"specs/SPEC-0001.yaml": spec_text(extra=REVIEWED)}, date=EPOCH)
    git_repo.commit("review", {"specs/SPEC-0001.yaml": spec_text(
        status="In Review", extra=REVIEWED)}, date=EPOCH + 2 * DAY)
    bot = git_repo.commit("bot: approve", {"specs/SPEC-0001.yaml": spec_text(
        status="Approved", extra=REVIEWED)}, date=BOT)
    git_repo.commit("HEAD", {"VERSION": "v1\n"}, date=EPOCH + 10 * DAY)
    report, stderr = _report()
    [spec] = report["specs"]
    assert (spec["since"], spec["days_to_approval"], spec["days_in_status"]) == (
        "2026-01-03T00:00:00Z", 2.0, 8.0)
    assert [(period["since"], period["until"]) for period in spec["periods"]] == [
        ("2026-01-01T00:00:00Z", "2026-01-03T00:00:00Z"),
        ("2026-01-03T00:00:00Z", "2026-01-03T00:00:00Z"),
        ("2026-01-03T00:00:00Z", None)]
    assert _raised_warning(bot, "2026-01-03T00:00:00Z") in stderr
    assert "period's start is taken as 1970" not in stderr


STALE_DRAFT = "specs: specs\nstale_after_days:\n  Draft: 90\n"


def test_two_commits_dated_behind_after_two_right_ones_leave_them_their_dates(
        git_repo: GitRepo) -> None:
    """trial40b two-commits-dated-behind-sink-earlier: SPEC-0001 and SPEC-0002 added on
    2026-01-01 and -02, two bot commits dated 1970, then SPEC-0003 and an edit of SPEC-0002
    (-11, -12). The longest run in date order tied (two right commits, two bots'), the
    newest won, and both right commits were taken as 1970: SPEC-0001 20,472 days in Draft,
    `--fail-on stale` failed for good. Dates before git began are a wrong clock's: the
    bots are raised to 2026-01-02; report, timeline and site agree, warm or cold."""
    git_repo.write("specrepo.yaml", STALE_DRAFT)
    git_repo.commit("c0", {"specs/SPEC-0001.yaml": spec_text()}, date=EPOCH)
    git_repo.commit("c1", {"specs/SPEC-0002.yaml": spec_text("SPEC-0002")}, date=EPOCH + DAY)
    bots = [git_repo.commit(f"bot {day}", {"bot.txt": f"{day}\n"}, date=day * DAY)
            for day in (1, 2)]
    git_repo.commit("c4", {"specs/SPEC-0003.yaml": spec_text("SPEC-0003")},
                    date=EPOCH + 10 * DAY)
    git_repo.commit("c5", {"specs/SPEC-0002.yaml": spec_text("SPEC-0002", title="B")},
                    date=EPOCH + 11 * DAY)
    report, stderr = _report("--now", "2026-01-20", "--fail-on", "stale")
    assert [(spec["id"], spec["since"], spec["days_in_status"]) for spec in report["specs"]] \
        == [("SPEC-0001", "2026-01-01T00:00:00Z", 19.0),
            ("SPEC-0002", "2026-01-02T00:00:00Z", 18.0),
            ("SPEC-0003", "2026-01-11T00:00:00Z", 9.0)]
    assert report["stale"] == []
    for bot, day in zip(bots, ("02", "03"), strict=True):
        assert _raised_warning(bot, "2026-01-02T00:00:00Z", f"1970-01-{day}T00:00:00Z") \
            in stderr
    timeline = run_cli("timeline", "SPEC-0001", "--format", "json", no_traceback=True)
    assert json.loads(timeline.stdout)["statuses"][0]["since"] == "2026-01-01T00:00:00Z"
    site = run_cli("site", "--out", "_site", no_traceback=True)
    assert site.exit_code == 0, site.output
    specs = json.loads((git_repo.root / "_site" / "specs.json").read_text())["specs"]
    assert [spec["status_since"][:10] for spec in specs] == [
        "2026-01-01", "2026-01-02", "2026-01-11"]
    assert run_cli("validate", "--history").exit_code == 0


def test_one_commit_dated_behind_after_the_first_leaves_it_its_date(git_repo: GitRepo) -> None:
    """trial40b one-commit-behind-second-on-line-sinks-root: the first commit (SPEC-0001,
    2026-01-01), a bot's dated 1970, then two right ones: the first commit lost the tie to
    the bot's and was taken as 1970 (20,472 days in Draft, stale for good). The bot's is
    raised to it: 19 days, not stale."""
    git_repo.write("specrepo.yaml", STALE_DRAFT)
    git_repo.commit("c0: adopt specrepo", {"specs/SPEC-0001.yaml": spec_text()}, date=EPOCH)
    bot = git_repo.commit("bot (clock at 1970): add CI", {"ci.yml": "ci\n"}, date=BOT)
    git_repo.commit("c2", {"notes.txt": "2\n"}, date=EPOCH + 9 * DAY)
    git_repo.commit("c3", {"notes.txt": "3\n"}, date=EPOCH + 10 * DAY)
    report, stderr = _report("--now", "2026-01-20", "--fail-on", "stale")
    [spec] = report["specs"]
    assert (spec["since"], spec["days_in_status"]) == ("2026-01-01T00:00:00Z", 19.0)
    assert _raised_warning(bot, "2026-01-01T00:00:00Z") in stderr
    timeline = run_cli("timeline", "SPEC-0001", no_traceback=True)
    assert "1970" not in timeline.stdout


def test_a_resolution_before_two_commits_dated_behind_is_in_the_window(
        git_repo: GitRepo) -> None:
    """trial40b two-commits-dated-behind-since-omits-resolution: Q-1 raised on 2026-01-01,
    resolved on -02, two bot commits dated 1970, HEAD on -11: `report --since 2026-01-01`
    said "Resolved since 2026-01-01: (none)" (the two right commits taken as 1970)."""
    question = "open_questions:\n  - {id: Q-1, question: Why?, owner: Ada Lovelace%s}\n"
    git_repo.commit("c0", {"specs/SPEC-0001.yaml": spec_text(extra=question % "")}, date=EPOCH)
    git_repo.commit("c1 resolves Q-1", {"specs/SPEC-0001.yaml": spec_text(
        extra=question % ", state: resolved, resolution: Because")}, date=EPOCH + DAY)
    for day in (1, 2):
        git_repo.commit(f"bot (1970) {day}", {"ci.yml": f"{day}\n"}, date=day * DAY)
    git_repo.commit("c4", {"n": "x\n"}, date=EPOCH + 10 * DAY)
    report, _ = _report("--now", "2026-01-20", "--since", "2026-01-01")
    [resolved] = report["resolved_questions"]
    assert (resolved["id"], resolved["resolved_at"], resolved["days_to_resolve"]) == (
        "Q-1", "2026-01-02T00:00:00Z", 1.0)
    text = run_cli("report", "--now", "2026-01-20", "--since", "2026-01-01").stdout
    assert "Q-1" in text.split("Resolved", 1)[1]


def test_a_first_commit_committed_at_1970_is_taken_at_its_author_date(
        git_repo: GitRepo) -> None:
    """The first commit authored on 2026-01-01 and committed at 1970 (amended on a machine
    with no clock), then right commits: its specs count from the author date (not 20,000
    days), with a warning naming it."""
    git_repo.write("specrepo.yaml", STALE_DRAFT)
    root = git_repo.commit("c0", {"specs/SPEC-0001.yaml": spec_text()}, date=EPOCH,
                           committer_date=BOT)
    git_repo.commit("c1", {"notes.txt": "1\n"}, date=EPOCH + 5 * DAY)
    report, stderr = _report("--now", "2026-01-20", "--fail-on", "stale")
    [spec] = report["specs"]
    assert (spec["since"], spec["days_in_status"]) == ("2026-01-01T00:00:00Z", 19.0)
    assert _raised_warning(root, "2026-01-01T00:00:00Z") in stderr


def test_a_merge_dated_behind_is_taken_no_earlier_than_the_branch_it_brought(
        git_repo: GitRepo) -> None:
    """trial41 merge-1970-raised-below-its-branch-parent: a branch approves SPEC-0001 on
    2026-01-06 and is merged by a commit dated 1970 after main's commit of -03: the merge
    is taken as -06 (not -03, before the approval it brought), so SPEC-0001 is Approved
    since -06, 5 days at HEAD (-11), not stale under `Approved: 7`, warm as cold."""
    git_repo.write("specrepo.yaml", "specs: specs\nstale_after_days:\n  Approved: 7\n")
    git_repo.commit("base", {"specs/SPEC-0001.yaml": spec_text(extra=REVIEWED),
                             "specs/SPEC-0002.yaml": spec_text("SPEC-0002")}, date=EPOCH)
    git_repo.git("checkout", "-q", "-b", "feat")
    git_repo.commit("review", {"specs/SPEC-0001.yaml": spec_text(
        status="In Review", extra=REVIEWED)}, date=EPOCH + 4 * DAY)
    git_repo.commit("approve", {"specs/SPEC-0001.yaml": spec_text(
        status="Approved", extra=REVIEWED)}, date=EPOCH + 5 * DAY)
    git_repo.git("checkout", "-q", "main")
    git_repo.commit("main", {"notes.txt": "1\n"}, date=EPOCH + 2 * DAY)
    git_repo.git("merge", "-q", "--no-ff", "-m", "Merge feat (1970)", "feat", date=BOT)
    merge = git_repo.git("rev-parse", "HEAD")
    git_repo.commit("later", {"notes.txt": "2\n"}, date=EPOCH + 10 * DAY)
    report, stderr = _report("--fail-on", "stale")
    spec = next(spec for spec in report["specs"] if spec["id"] == "SPEC-0001")
    assert (spec["since"], spec["days_in_status"]) == ("2026-01-06T00:00:00Z", 5.0)
    assert _raised_warning(merge, "2026-01-06T00:00:00Z") in stderr
    timeline = run_cli("timeline", "SPEC-0001", "--format", "json", no_traceback=True)
    assert json.loads(timeline.stdout)["statuses"][-1]["since"] == "2026-01-06T00:00:00Z"
