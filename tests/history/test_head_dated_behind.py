"""A HEAD dated before its parent (a committer's clock behind, or the parent's ahead)
pulls every age back to its date, by design (ages are measured to HEAD's time, so reports
can be reproduced): `report`, `timeline` and `site` say so, naming HEAD, its date and its
parent's, cold and warm alike (README "Order comes from the commit graph")."""

from __future__ import annotations

import pytest

from tests.history.gitrepo import DAY, EPOCH, GitRepo, spec_text
from tests.support import run_cli

YEAR_2099 = 4_070_908_800  # 2099-01-01T00:00:00Z
COMMANDS = (("report",), ("timeline", "SPEC-0001"), ("site", "--out", "_site"))


def _said(commit: str) -> str:
    """The warning about HEAD `commit`, dated day 5, before its parent dated day 10."""
    return (f"HEAD (commit {commit[:10]}) is dated 2026-01-06T00:00:00Z, before its parent ")


def _stderrs() -> list[str]:
    """What each of `COMMANDS` says on stderr, cold then warm (the same; the site's
    stdout says its files were written, then unchanged)."""
    said = []
    for command in COMMANDS:
        cold = run_cli(*command, no_traceback=True)
        warm = run_cli(*command)
        assert cold.exit_code in (0, 1), cold.output
        assert (warm.stderr, warm.exit_code) == (cold.stderr, cold.exit_code)
        assert command[0] == "site" or warm.stdout == cold.stdout
        said.append(cold.stderr)
    return said


@pytest.mark.parametrize("merge", [False, True])
def test_a_head_dated_before_its_parent_is_named(git_repo: GitRepo, merge: bool) -> None:
    """HEAD (a commit of a notes file, or the merge of a branch that retitled the spec)
    dated day 5, its parent day 10: every output warns, naming both commits and dates."""
    git_repo.commit("review", {"specs/SPEC-0001.yaml": spec_text(status="In Review")},
                    date=EPOCH)
    if merge:
        git_repo.git("checkout", "-q", "-b", "edit")
        git_repo.commit("retitle", {"specs/SPEC-0001.yaml": spec_text(
            status="In Review", title="Retitled")}, date=EPOCH + DAY)
        git_repo.git("checkout", "-q", "main")
    parent = git_repo.commit("notes", {"notes/a.md": "a\n"}, date=EPOCH + 10 * DAY)
    if merge:
        git_repo.git("merge", "-q", "--no-ff", "-m", "Merge", "edit", date=EPOCH + 5 * DAY)
        head = git_repo.git("rev-parse", "HEAD").strip()
    else:
        head = git_repo.commit("later", {"notes/b.md": "b\n"}, date=EPOCH + 5 * DAY)
    warning = (_said(head) + f"{parent[:10]} (dated 2026-01-11T00:00:00Z): a committer's "
               "clock behind, or the parent's ahead; no commit is taken as later than HEAD "
               "and ages are measured to HEAD's time (`report --now today` measures them to "
               "the run's day)")
    for stderr in _stderrs():
        assert stderr.count(warning) == 1, stderr


def test_dates_in_order_or_ahead_earlier_on_the_line_name_no_head(git_repo: GitRepo) -> None:
    """The controls: a HEAD dated after its parent says nothing of HEAD, whether the line
    is in date order or has a commit dated 2099 before the parent (warned of as itself)."""
    git_repo.commit("review", {"specs/SPEC-0001.yaml": spec_text(status="In Review")},
                    date=EPOCH)
    git_repo.commit("notes", {"notes/a.md": "a\n"}, date=EPOCH + 5 * DAY)
    git_repo.commit("later", {"notes/b.md": "b\n"}, date=EPOCH + 10 * DAY)
    assert not any("HEAD (commit" in stderr for stderr in _stderrs())
    git_repo.commit("ahead", {"specs/SPEC-0001.yaml": spec_text(
        status="In Review", title="Retitled")}, date=YEAR_2099)
    git_repo.commit("next", {"notes/c.md": "c\n"}, date=EPOCH + 11 * DAY)
    git_repo.commit("head", {"notes/d.md": "d\n"}, date=EPOCH + 12 * DAY)
    said = _stderrs()
    assert all("is dated 2099-01-01T00:00:00Z" in stderr for stderr in said[:2]), said
    assert not any("HEAD (commit" in stderr for stderr in said)


def test_report_now_names_the_time_it_measures_to(git_repo: GitRepo) -> None:
    """`report --now DATE` measures ages to DATE, so the warning says so and does not send
    the reader to `--now today` (trial75); without `--now` it names HEAD's time."""
    git_repo.commit("review", {"specs/SPEC-0001.yaml": spec_text(status="In Review")},
                    date=EPOCH)
    git_repo.commit("notes", {"notes/a.md": "a\n"}, date=EPOCH + 10 * DAY)
    git_repo.commit("later", {"notes/b.md": "b\n"}, date=EPOCH + 5 * DAY)
    for _ in ("cold", "warm"):
        result = run_cli("report", "--now", "2026-12-07")
        assert "as of 2026-12-07" in result.stdout, result.output
        assert "HEAD's time" not in result.stderr and "--now today" not in result.stderr
        assert ("no commit is taken as later than HEAD and ages are measured to "
                "2026-12-07T00:00:00Z (`--now`)") in result.stderr, result.stderr
