"""A spec's review times are each event's own time by the clock rule (`own_time`): its
author date, no later than its commit's committer date, a date before git began counting
for nothing (place43: raw author dates were compared)."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from specrepo.model.ancestry import GIT_BEGAN
from specrepo.model.event import Event
from specrepo.model.events import APPROVED, REVIEWER_ADDED
from specrepo.model.review_times import own_time, review_times
from tests.support import fuzz

DAY = 86400
EPOCH = 1_767_225_600  # 2026-01-01T00:00:00Z


def _added(number: int, authored: int, committed: int, name: str = "Grace Hopper") -> Event:
    return Event("SPEC-0001", f"{number:040x}", "Ada Lovelace", "ada@example.com", authored,
                 committed, REVIEWER_ADDED, "reviewers", None, name, "s.yaml", True)


def _trailer(number: int, authored: int, committed: int) -> Event:
    return Event("SPEC-0001", f"{number:040x}", "Ada Lovelace", "ada@example.com", authored,
                 committed, APPROVED, "trailer", None, "Grace Hopper", "s.yaml", True)


def test_a_commit_dated_behind_its_author_gives_its_committer_date() -> None:
    """Added again by a commit authored on day 9 and committed on day 6 (a committer's
    clock behind): last added on day 6, and so approved."""
    times = review_times([_added(1, EPOCH + DAY, EPOCH + DAY),
                          _added(2, EPOCH + 9 * DAY, EPOCH + 6 * DAY),
                          _trailer(3, EPOCH + 9 * DAY, EPOCH + 7 * DAY)])
    assert times.added == {"Grace Hopper": (EPOCH + 6 * DAY, 0)}
    assert times.approvals == {"grace hopper": EPOCH + 7 * DAY}


def test_a_date_before_git_began_counts_for_nothing() -> None:
    assert own_time(_added(1, 86400, EPOCH)) == EPOCH  # an author's clock at 1970
    assert own_time(_added(1, EPOCH, 86400)) == EPOCH  # a committer's


@fuzz(50)
@given(st.integers(0, 2 * EPOCH), st.integers(0, 2 * EPOCH))
def test_own_time_is_the_author_date_bounded_by_the_committer_date(
        authored: int, committed: int) -> None:
    time = own_time(_added(1, authored, committed))
    assert time in (authored, committed)
    if min(authored, committed) >= GIT_BEGAN:
        assert time == min(authored, committed)
    elif max(authored, committed) >= GIT_BEGAN:
        assert time == max(authored, committed) >= GIT_BEGAN
