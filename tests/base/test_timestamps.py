"""Commit times as git shows them, whatever dates an imported history carries."""

from __future__ import annotations

from datetime import datetime, timezone

from hypothesis import given
from hypothesis import strategies as st

from specrepo.base.timestamps import LATEST_TIME, git_time, iso_time, local_date


@given(st.one_of(st.integers(min_value=0, max_value=2**70).map(str), st.text(max_size=12),
                 st.binary(max_size=12)))
def test_any_shown_time_reads_as_a_time_every_day_can_be_shown_at_any_offset(
        shown: str | bytes) -> None:
    time = git_time(shown)
    assert 0 <= time <= LATEST_TIME
    for offset in (-5999, 0, 5999):  # git records offsets up to 99:59 hours
        assert len(local_date(time, offset)) == 10
    assert iso_time(time).endswith("Z")


def test_what_git_shows_for_odd_dates() -> None:
    assert git_time(b"1767312000\n") == 1767312000
    assert git_time("") == 0  # no time zone, a negative time: git shows nothing, `%ad` 1970
    assert git_time("²") == git_time("١٢") == 0  # digits to str.isdigit, not to git
    assert git_time(b"18446744073709551617") == LATEST_TIME


@given(st.integers(min_value=-400_000, max_value=253402300799)
       | st.sampled_from([0, 253402300799, 951782400, 4107542400]))
def test_iso_time_is_datetimes_text(epoch: int) -> None:
    assert iso_time(epoch) == datetime.fromtimestamp(epoch, tz=timezone.utc).strftime(
        "%Y-%m-%dT%H:%M:%SZ")
