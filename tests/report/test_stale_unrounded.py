"""A spec is stale once idle longer than its status allows, to the second: idle days are
compared with the limit unrounded (only shown to two decimals), so 14 days and 5 minutes
of a 14-day limit is stale (trial51a LOW)."""

from __future__ import annotations

import pytest

from tests.history.gitrepo import EPOCH, GitRepo
from tests.report.test_unreviewed import spec
from tests.support import run_cli


@pytest.mark.parametrize(("early", "stale"), [(300, True), (0, False)])
def test_idle_days_are_compared_with_the_limit_unrounded(git_repo: GitRepo, early: int,
                                                         stale: bool) -> None:
    """Changed at 2026-01-01 00:00 UTC less `early` seconds; now is 2026-01-15 00:00."""
    git_repo.write("specrepo.yaml", "specs: specs\nstale_after_days:\n  In Review: 14\n")
    git_repo.commit("review", {"specs/SPEC-0001.yaml": spec("In Review", "[Grace]")},
                    date=EPOCH - early)
    result = run_cli("report", "stale", "--fail-on", "stale", "--now", "2026-01-15")
    assert result.exit_code == (1 if stale else 0), result.output
