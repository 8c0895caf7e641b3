"""Every day specrepo shows for a commit is the day the rules judge: the day of its date in
its author's own offset from UTC, as `git log` shows it (never UTC's day, never the
machine's time zone)."""

from __future__ import annotations

import re
from datetime import datetime

import pytest

from specrepo.base.timestamps import local_date
from tests.history.gitrepo import GitRepo, spec_text
from tests.support import run_cli

PATH = "specs/SPEC-0001.yaml"
NEW_YORK = "-0500"
# Every commit at 21:30 or later in New York: in UTC each is the next day.
LOCAL_DAYS = ("2026-01-01", "2026-01-05", "2026-01-10")
UTC_DAYS = ("2026-01-02", "2026-01-06", "2026-01-11")


def _at(moment: str) -> int:
    return int(datetime.fromisoformat(f"{moment}-05:00").timestamp())


def _spec(status: str, summary: str = "Why and what.", reviewers: str = "[Grace Hopper]"
          ) -> str:
    return spec_text(status=status, extra=f"reviewers: {reviewers}\n").replace(
        "Why and what.", summary)


@pytest.fixture
def evening_repo(git_repo: GitRepo, monkeypatch: pytest.MonkeyPatch) -> GitRepo:
    """A spec moved Draft -> Approved (an illegal move), then edited, and a reviewer's
    date of the day before the edit (no approval of it): every commit in a New York
    evening."""
    monkeypatch.setenv("TZ", "Asia/Tokyo")  # the machine's zone plays no part
    git_repo.commit("Draft", {PATH: _spec("Draft")}, date=_at("2026-01-01T21:30"),
                    zone=NEW_YORK)
    git_repo.commit("Approve", {PATH: _spec("Approved")}, date=_at("2026-01-05T21:30"),
                    zone=NEW_YORK, author="Grace Hopper")
    git_repo.commit("Edit", {PATH: _spec("Approved", "Evening edit.")},
                    date=_at("2026-01-10T21:30"), zone=NEW_YORK)
    dated = "[{name: Grace Hopper, approved: 2026-01-09}]"
    git_repo.commit("Grace's date", {PATH: _spec("Approved", "Evening edit.", dated)},
                    date=_at("2026-01-10T22:00"), zone=NEW_YORK)
    return git_repo


def _days(text: str) -> set[str]:
    return set(re.findall(r"\b2026-01-[0-9]{2}\b", text)) - {"2026-01-09"}


def test_local_date_is_the_day_in_the_offset() -> None:
    assert local_date(_at("2026-01-10T21:30"), -300) == "2026-01-10"
    assert local_date(_at("2026-01-10T21:30"), 0) == "2026-01-11"
    assert local_date(_at("2026-01-10T21:30"), 9 * 60) == "2026-01-11"
    assert local_date(None, 60) == ""


@pytest.mark.parametrize("arguments", [
    ("validate", "--history"),
    ("validate", "--history", "--format", "github"),
    ("timeline", "SPEC-0001"),
    ("timeline", "SPEC-0001", "--format", "markdown"),
    ("report",),
    ("report", "--format", "markdown"),
])
def test_text_outputs_show_the_authors_day(evening_repo: GitRepo,
                                           arguments: tuple[str, ...]) -> None:
    output = run_cli(*arguments).output
    assert _days(output) <= set(LOCAL_DAYS), output
    assert "2026-01-10" in output


def test_the_findings_name_the_day_the_rule_judged(evening_repo: GitRepo) -> None:
    output = run_cli("validate", "--history").output
    assert "by Ada Lovelace on 2026-01-10" in output  # the edit, as `git log` dates it
    assert "approved in commit" in output and "on 2026-01-05)" in output
    assert "Draft -> Approved" in output or "Approved" in output


def test_the_site_shows_the_authors_day_and_time(evening_repo: GitRepo) -> None:
    result = run_cli("site", "--out", "site")
    assert result.exit_code == 0, result.output
    for page in ("specs/SPEC-0001.html", "integrity.html"):
        html = (evening_repo.root / "site" / page).read_text(encoding="utf-8")
        shown = set(re.findall(r"<time [^>]*>(2026-01-[0-9]{2})\b", html))
        assert shown and shown <= set(LOCAL_DAYS), (page, shown)
    spec_page = (evening_repo.root / "site" / "specs" / "SPEC-0001.html").read_text(
        encoding="utf-8")
    assert "2026-01-10 21:30 -0500" in spec_page
    assert "2026-01-11T02:30:00Z" in spec_page  # machine-readable times stay UTC


def test_the_reviewers_page_dates_a_wait_by_the_authors_day(git_repo: GitRepo) -> None:
    git_repo.commit("Review", {PATH: _spec("In Review")}, date=_at("2026-01-10T21:30"),
                    zone=NEW_YORK)
    assert run_cli("site", "--out", "site").exit_code == 0
    html = (git_repo.root / "site" / "reviewers.html").read_text(encoding="utf-8")
    assert set(re.findall(r"<time [^>]*>(2026-01-[0-9]{2})\b", html)) == {"2026-01-10"}


@pytest.mark.parametrize("fmt", ["table", "markdown"])
def test_a_period_table_in_two_offsets_is_shown_in_utc(git_repo: GitRepo, fmt: str) -> None:
    """Draft at 10:00 `+1400` on the 5th (20:00 UTC on the 4th), In Review at 23:30 `-1200`
    on the 4th (11:30 UTC on the 5th): in each commit's own offset the Draft period read
    "since 2026-01-05 until 2026-01-04" (trial75); the table shows UTC days, named."""
    git_repo.commit("Draft", {PATH: _spec("Draft")},
                    date=int(datetime.fromisoformat("2026-01-05T10:00+14:00").timestamp()),
                    zone="+1400")
    git_repo.commit("Review", {PATH: _spec("In Review")},
                    date=int(datetime.fromisoformat("2026-01-04T23:30-12:00").timestamp()),
                    zone="-1200")
    result = run_cli("timeline", "SPEC-0001", "--format", fmt)
    assert result.exit_code == 0, result.output
    rows = [re.findall(r"\b2026-01-[0-9]{2}\b", line) for line in result.stdout.splitlines()
            if line.lstrip("| ").startswith(("Draft", "In Review"))]
    assert rows == [["2026-01-04", "2026-01-05"], ["2026-01-05"]], result.stdout
    assert "since (UTC)" in result.stdout and "until (UTC)" in result.stdout
