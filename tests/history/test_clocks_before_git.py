"""Commits dated before git began (2005-04-07: a bot's clock at 1970) are wrong clocks
wherever they are (README "Order comes from the commit graph"): HEAD is raised to its
parent as any commit of its line, and ages are measured to that time (trial41b
head-dated-1970-hides-stale); a merged branch's commit committed at 1970 is at its author
date, and the merge that brought it no earlier (trial41b merge-1970-resolution-taken-1970):
report, timeline and site read one set of times, warm or cold."""

from __future__ import annotations

import json
import re
import tempfile
from pathlib import Path
from typing import Any

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from tests.history.gitrepo import DAY, EPOCH, GitRepo, spec_text
from tests.support import fuzz, run_cli
from tests.support import json_report as _report

BOT = 0  # 1970-01-01T00:00:00Z
YEAR = 365 * DAY
QUESTION = ("open_questions:\n  - id: Q-1\n    question: Why?\n    owner: Ada Lovelace\n"
            "    state: %s\n")
RESOLVED = QUESTION % "resolved\n    resolution: Because."


def _site(git_repo: GitRepo) -> tuple[dict[str, Any], str]:
    """The site's specs.json and feed.atom."""
    result = run_cli("site", "--out", "_site", no_traceback=True)
    assert result.exit_code == 0, result.output
    out = git_repo.root / "_site"
    return json.loads((out / "specs.json").read_text()), (out / "feed.atom").read_text()


def _head_at_1970(git_repo: GitRepo, authored: int = BOT) -> str:
    """SPEC-0001 Draft since 2025-01-01 (stale after 90 days), a commit on 2025-11-01,
    then HEAD, a bot's commit dated 1970 (authored `authored`): HEAD's id."""
    git_repo.write("specrepo.yaml", "specs: specs\nstale_after_days: {Draft: 90}\n")
    git_repo.commit("c1", {"specs/SPEC-0001.yaml": spec_text()}, date=EPOCH - YEAR)
    git_repo.commit("c2", {"a.txt": "a\n"}, date=EPOCH - 61 * DAY)  # 2025-11-01
    return git_repo.commit("bot, clock at 1970", {"b.txt": "b\n"}, date=authored,
                           committer_date=BOT)


def test_head_dated_1970_is_raised_to_its_parent(git_repo: GitRepo) -> None:
    """The trial's repro: ages were 0 ("since 1970-01-01, 0.0 days") and `report
    --fail-on stale` passed one commit after it failed. HEAD is raised to its parent
    (2025-11-01): SPEC-0001 is 304 days in Draft, stale; the report, the timeline and the
    site are as of that time, and a warning names HEAD's commit, not "HEAD is dated
    before its parent"."""
    head = _head_at_1970(git_repo)
    report, stderr = _report("--fail-on", "stale", exit_code=1)
    [spec] = report["specs"]
    assert (spec["since"], spec["days_in_status"], report["now"]) == (
        "2025-01-01T00:00:00Z", 304.0, "2025-11-01T00:00:00Z")
    assert [row["spec"] for row in report["stale"]] == ["SPEC-0001"]
    assert (f"commit {head[:10]} of HEAD's line is dated 1970-01-01T00:00:00Z, before a "
            "commit before it on the line or before git existed") in stderr
    assert "before its parent" not in stderr
    text = run_cli("report", no_traceback=True)
    assert f"Spec report at {head[:10]}, as of 2025-11-01T00:00:00Z" in text.stdout
    timeline = run_cli("timeline", "SPEC-0001", "--format", "json", no_traceback=True)
    [period] = json.loads(timeline.stdout)["statuses"]
    assert (period["since"], period["days"]) == ("2025-01-01T00:00:00Z", 304.0)
    index, feed = _site(git_repo)
    assert index["head_time"] == "2025-11-01T00:00:00Z"
    assert "1970" not in feed
    later, _ = _report("--now", "2025-12-01", "--fail-on", "stale", exit_code=1)
    assert later["specs"][0]["days_in_status"] == 334.0
    assert run_cli("report", "--now", "2025-10-01").exit_code == 2  # before HEAD as taken
    # Not cold against warm: each run reads the clock, to the second (CI60: they differed)
    today = run_cli("report", "--format", "json", "--now", "today", "--fail-on", "stale",
                    no_traceback=True)
    assert today.exit_code == 1, today.output
    assert json.loads(today.stdout)["specs"][0]["days_in_status"] > 304.0
    assert "ages are measured to HEAD's commit time" not in today.stderr


def test_head_committed_1970_is_taken_at_its_author_date(git_repo: GitRepo) -> None:
    """HEAD committed at 1970 and authored on 2025-11-15 (amended on a machine with no
    clock): at its author date, 318 days in Draft."""
    _head_at_1970(git_repo, authored=EPOCH - 47 * DAY)
    report, stderr = _report()
    assert (report["now"], report["specs"][0]["days_in_status"]) == (
        "2025-11-15T00:00:00Z", 318.0)
    assert "taken as 2025-11-15T00:00:00Z" in stderr


def test_a_head_merge_dated_1970_is_raised_to_the_branch_it_brought(
        git_repo: GitRepo) -> None:
    """HEAD is a merge dated 1970 of a branch that approved SPEC-0001 on 2026-01-06, after
    main's last commit (-03): HEAD is taken as -06, the approval 0 days old, as of -06."""
    reviewed = "reviewers: [Grace Hopper]\n"
    git_repo.commit("base", {"specs/SPEC-0001.yaml": spec_text(extra=reviewed)}, date=EPOCH)
    git_repo.git("checkout", "-q", "-b", "feat")
    git_repo.commit("approve", {"specs/SPEC-0001.yaml": spec_text(
        status="Approved", extra=reviewed)}, date=EPOCH + 5 * DAY)
    git_repo.git("checkout", "-q", "main")
    git_repo.commit("main", {"notes.txt": "1\n"}, date=EPOCH + 2 * DAY)
    git_repo.git("merge", "-q", "--no-ff", "-m", "Merge feat (1970)", "feat", date=BOT)
    report, _ = _report()
    assert report["now"] == "2026-01-06T00:00:00Z"
    assert (report["specs"][0]["since"], report["specs"][0]["days_in_status"]) == (
        "2026-01-06T00:00:00Z", 0.0)


def test_head_dated_behind_its_parent_after_git_began_keeps_its_date(
        git_repo: GitRepo) -> None:
    """The documented limit stays: a HEAD dated 2025-06-01, after git began, behind its
    parent (2025-11-01) is what ages are measured to, with a warning that says so."""
    git_repo.commit("c1", {"specs/SPEC-0001.yaml": spec_text()}, date=EPOCH - YEAR)
    git_repo.commit("c2", {"a.txt": "a\n"}, date=EPOCH - 61 * DAY)
    git_repo.commit("behind", {"b.txt": "b\n"}, date=EPOCH - 214 * DAY)  # 2025-06-01
    report, stderr = _report()
    assert report["now"] == "2025-06-01T00:00:00Z"
    assert "before its parent" in stderr


def _branch_resolves(git_repo: GitRepo, committed: int, authored: int = EPOCH + 4 * DAY
                     + DAY // 2) -> None:
    """Q-1 raised on 2026-01-01T12; a branch resolves it (authored `authored`, committed
    `committed`); main's commit of 2026-01-04T12."""
    git_repo.commit("c1", {"specs/SPEC-0001.yaml": spec_text(extra=QUESTION % "open")},
                    date=EPOCH + DAY // 2)
    git_repo.git("checkout", "-q", "-b", "br")
    git_repo.commit("resolve", {"specs/SPEC-0001.yaml": spec_text(extra=RESOLVED)},
                    date=authored, committer_date=committed)
    git_repo.git("checkout", "-q", "main")


def _resolution(git_repo: GitRepo, *, day_in: str, day_out: str) -> str:
    """Q-1's resolution time as the report takes it (cold and warm), checked against
    `report --since` (in the window from `day_in`, not from `day_out`) and the site's
    feed entry for it: the same time."""
    report, _ = _report()
    [resolved] = report["resolved_questions"]
    for day, listed in ((day_in, ["Q-1"]), (day_out, [])):
        window, _ = _report("--since", day)
        assert [row["id"] for row in window["resolved_questions"]] == listed, day
    _, feed = _site(git_repo)
    [entry] = [entry for entry in feed.split("<entry>") if "Question Q-1 resolved" in entry]
    updated = re.search(r"<updated>([^<]*)</updated>", entry)
    assert updated is not None
    assert updated.group(1) == resolved["resolved_at"]
    return str(resolved["resolved_at"])


def test_a_merge_dated_1970_of_a_branch_committed_1970(git_repo: GitRepo) -> None:
    """The trial's repro: the branch's commit authored 2026-01-05T12, committed at 1970,
    brought by a merge dated 1970: the report said resolved on 1970-01-01 (0 days, left
    out of `--since 2026-01-02`). The branch's commit is at its author date, and the
    merge is raised to it: resolved on -05T12, 4 days after its raising."""
    _branch_resolves(git_repo, committed=BOT)
    git_repo.commit("m1", {"b.txt": "b\n"}, date=EPOCH + 3 * DAY + DAY // 2)
    git_repo.git("merge", "-q", "--no-ff", "-m", "merge", "br", date=BOT)
    merge = git_repo.git("rev-parse", "HEAD")
    git_repo.commit("m2", {"c.txt": "c\n"}, date=EPOCH + 7 * DAY + DAY // 2)
    assert _resolution(git_repo, day_in="2026-01-05", day_out="2026-01-06") \
        == "2026-01-05T12:00:00Z"
    report, stderr = _report()
    assert report["resolved_questions"][0]["days_to_resolve"] == 4.0
    assert f"commit {merge[:10]} of HEAD's line is dated 1970-01-01T00:00:00Z" in stderr
    assert "taken as 2026-01-05T12:00:00Z" in stderr
    assert "resolution is taken as 1970" not in stderr


@pytest.mark.parametrize(("how", "expected"), [
    ("fast-forward", "2026-01-05T12:00:00Z"),  # a line commit: at its author date
    ("rebase", "2026-01-05T12:00:00Z"),  # rebased at 1970 keeps the author date
    ("right merge", "2026-01-05T12:00:00Z"),  # a merge with a right clock, on -06
    ("both 1970", "2026-01-06T00:00:00Z"),  # no date of its own: the merge's
])
def test_a_branch_commit_dated_1970_however_it_arrives(git_repo: GitRepo, how: str,
                                                       expected: str) -> None:
    """The same resolution brought onto HEAD's line otherwise: fast-forwarded, rebased on
    a machine whose clock says 1970, merged by a merge with a right clock (2026-01-06);
    and authored at 1970 too (no date of its own): at the merge's time."""
    _branch_resolves(git_repo, committed=BOT,
                     authored=BOT if how == "both 1970" else EPOCH + 4 * DAY + DAY // 2)
    if how == "fast-forward":
        git_repo.git("merge", "-q", "--ff-only", "br")
    else:
        git_repo.commit("m1", {"b.txt": "b\n"}, date=EPOCH + 3 * DAY + DAY // 2)
        if how == "rebase":
            git_repo.git("checkout", "-q", "br")
            git_repo.git("rebase", "-q", "main", date=BOT)
            git_repo.git("checkout", "-q", "main")
            git_repo.git("merge", "-q", "--ff-only", "br")
        else:
            git_repo.git("merge", "-q", "--no-ff", "-m", "merge", "br", date=EPOCH + 5 * DAY)
    git_repo.commit("m2", {"c.txt": "c\n"}, date=EPOCH + 7 * DAY + DAY // 2)
    assert _resolution(git_repo, day_in=expected[:10], day_out="2026-01-07") == expected


def test_a_last_change_committed_1970_on_a_branch_is_at_its_merge(
        git_repo: GitRepo) -> None:
    """SPEC-0001 last changed on a branch by a commit authored 2026-01-05 and committed at
    1970, merged on -06, HEAD on -20: 14 days idle (stale under `Draft: 10`), from the
    merge that brought it onto HEAD's line, as a status period counts (fix52b), not 20,000
    (its committer date)."""
    git_repo.write("specrepo.yaml", "specs: specs\nstale_after_days: {Draft: 10}\n")
    git_repo.commit("c1", {"specs/SPEC-0001.yaml": spec_text()}, date=EPOCH)
    git_repo.git("checkout", "-q", "-b", "br")
    git_repo.commit("edit", {"specs/SPEC-0001.yaml": spec_text(title="Edited")},
                    date=EPOCH + 4 * DAY, committer_date=BOT)
    git_repo.git("checkout", "-q", "main")
    git_repo.commit("m1", {"b.txt": "b\n"}, date=EPOCH + DAY)
    git_repo.git("merge", "-q", "--no-ff", "-m", "merge", "br", date=EPOCH + 5 * DAY)
    git_repo.commit("HEAD", {"c.txt": "c\n"}, date=EPOCH + 19 * DAY)
    report, _ = _report("--fail-on", "stale", exit_code=1)
    assert [(row["spec"], row["idle_days"]) for row in report["stale"]] == [
        ("SPEC-0001", 14.0)]


CLOCK = st.one_of(st.just(BOT), st.integers(0, 10).map(lambda days: EPOCH + days * DAY))
"""A commit's date: a bot's clock at 1970, or a day of 2026-01-01 .. -11."""


@fuzz(12)
@given(st.tuples(CLOCK, CLOCK), CLOCK, CLOCK, CLOCK, st.booleans())
@example((BOT, EPOCH + 4 * DAY), EPOCH + 3 * DAY, BOT, EPOCH + 7 * DAY, True)  # the trial's
@example((EPOCH + 2 * DAY, EPOCH + 2 * DAY), EPOCH + 3 * DAY, EPOCH + 5 * DAY, BOT, True)
def test_every_command_takes_one_time_for_a_resolution(
        resolve: tuple[int, int], main: int, merge: int, head: int, merged: bool) -> None:
    """For any clocks on a small graph (Q-1 raised on 2026-01-01; a branch resolves it,
    committed and authored `resolve`; main's commit `main`; the merge, at `merge`, or a
    fast-forward; HEAD at `head`), the report (warm as cold), its `--since` window and the
    site's feed take the resolution at one time, after git began and no later than the
    time ages are measured to, which the site is as of too."""
    with tempfile.TemporaryDirectory(prefix="clock42-") as folder, \
            pytest.MonkeyPatch.context() as patch:
        repo = GitRepo(Path(folder) / "repo")
        patch.chdir(repo.root)
        repo.commit("c1", {"specs/SPEC-0001.yaml": spec_text(extra=QUESTION % "open")},
                    date=EPOCH)
        repo.git("checkout", "-q", "-b", "br")
        repo.commit("resolve", {"specs/SPEC-0001.yaml": spec_text(extra=RESOLVED)},
                    date=resolve[1], committer_date=resolve[0])
        repo.git("checkout", "-q", "main")
        if merged:
            repo.commit("m1", {"b.txt": "b\n"}, date=main)
            repo.git("merge", "-q", "--no-ff", "-m", "merge", "br", date=merge)
        else:
            repo.git("merge", "-q", "--ff-only", "br")
        repo.commit("HEAD", {"c.txt": "c\n"}, date=head)
        report, _ = _report()
        [resolved] = report["resolved_questions"]
        at = resolved["resolved_at"]
        assert "2026-01-01T00:00:00Z" <= at <= report["now"]
        assert resolved["days_to_resolve"] >= 0
        window, _ = _report("--since", at[:10])
        assert [row["id"] for row in window["resolved_questions"]] == ["Q-1"]
        specs, feed = _site(repo)
        assert specs["head_time"] == report["now"]
        [entry] = [entry for entry in feed.split("<entry>") if "Question Q-1 resolved" in entry]
        assert f"<updated>{at}</updated>" in entry
