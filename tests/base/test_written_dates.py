"""Calendar dates read only in the forms whose day and month cannot be mistaken."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

import pytest
from hypothesis import given
from hypothesis import strategies as st

from specrepo.base.written_dates import read_date, read_time
from tests.support import fuzz


@pytest.mark.parametrize(("text", "day"), [
    ("2001-07-05", date(2001, 7, 5)), (" 2001-07-05 ", date(2001, 7, 5)),
    ("2001-07-05T23:30:00+02:00", date(2001, 7, 5)), ("2001-07-05 10:00", date(2001, 7, 5)),
    ("2001/07/05", date(2001, 7, 5)), ("2001.7.5", date(2001, 7, 5)),
    ("05-Jul-2001", date(2001, 7, 5)), ("5 July 2001", date(2001, 7, 5)),
    ("5th JULY 2001", date(2001, 7, 5)), ("July 5, 2001", date(2001, 7, 5)),
    ("Sept. 30, 2001", date(2001, 9, 30)), ("1-May-2020", date(2020, 5, 1)),
    ("29-Feb-2024", date(2024, 2, 29)),
])
def test_unambiguous_forms_are_read(text: str, day: date) -> None:
    assert read_date(text) == day


@pytest.mark.parametrize("text", [
    "01/02/2003", "01-02-2003", "01.02.2003", "2003-1-2", "2001/07-05", "29-Feb-2023",
    "31 June 2001", "5 Jully 2001", "July 2001", "2001", "yesterday", "", "2001-07-05x",
    "2001-07-05T25", "\u0665-Jul-2001",
])
def test_other_text_is_not_read(text: str) -> None:
    assert read_date(text) is None


@fuzz(100)
@given(st.dates(min_value=date(1000, 1, 1)))
def test_every_day_reads_back_from_each_form(day: date) -> None:
    for text in (day.isoformat(), day.strftime("%Y/%m/%d"), f"{day.day}-{day:%b-%Y}",
                 f"{day:%d %B %Y}", f"{day:%B} {day.day}, {day:%Y}"):
        assert read_date(text) == day, text


@pytest.mark.parametrize(("text", "moment"), [
    ("2001-07-05T10:00", datetime(2001, 7, 5, 10)),
    ("2001-07-05 10:00:30.25", datetime(2001, 7, 5, 10, 0, 30, 250000)),
    ("2001-07-05T10:00:00Z", datetime(2001, 7, 5, 10, tzinfo=timezone.utc)),
    ("2001-07-05T10:00-0530", datetime(2001, 7, 5, 10, tzinfo=timezone(-timedelta(
        hours=5, minutes=30)))),
    ("2001-07-05t10:00:00z", datetime(2001, 7, 5, 10, tzinfo=timezone.utc)),  # RFC 3339 5.6
    ("2001-07-05T10:00+03", datetime(2001, 7, 5, 10, tzinfo=timezone(timedelta(hours=3)))),
    ("2001-12-14 21:59:43.10 -5", datetime(2001, 12, 14, 21, 59, 43, 100000, tzinfo=timezone(
        -timedelta(hours=5)))),  # YAML 1.1's timestamp
])
def test_a_day_with_a_time_reads_as_that_moment(text: str, moment: datetime) -> None:
    read = read_time(text)
    assert read == moment and read is not None and read.tzinfo == moment.tzinfo


@pytest.mark.parametrize("text", ["2001-07-05", "05-Jul-2001", "2001-07-05T25:00",
                                  "2001-07-05T10:61", "2001-07-05T10:00+24:00", ""])
def test_a_day_alone_or_an_impossible_time_is_no_moment(text: str) -> None:
    assert read_time(text) is None


@fuzz(100)
@given(st.datetimes(min_value=datetime(1000, 1, 2), max_value=datetime(9999, 12, 30),
                    timezones=st.integers(-1439, 1439).map(
                        lambda minutes: timezone(timedelta(minutes=minutes)))))
def test_every_aware_moment_reads_back_in_utc_terms(moment: datetime) -> None:
    """Any moment written with its UTC offset (RFC 3339: hours and minutes)."""
    written = moment.isoformat(timespec="microseconds")
    read = read_time(written)
    assert read is not None and read == moment, written
